"""The public pages keep answering while the catalog service is stopped: publish serves the
lists, the guides and the open data from its own copy, fed by events."""

from collections.abc import Iterator

import httpx
import pytest

from tests.distributed.test_distributed import Platform, whole_platform
from tests.gateway.pages.conftest import wait_for_the_demo_lists

pytestmark = [pytest.mark.distributed, pytest.mark.timeout(600)]  # five processes to start
PUBLIC = ["/power-list", "/responsibility-list?department=114301007072304006",
          "/process-list?q=建设工程规划", "/guides/430103-01-0002", "/open-data",
          "/api/publish/v1/process-list/download?format=csv",
          "/api/publish/v1/open-data/catalog.jsonld"]


@pytest.fixture(scope="module")
def platform(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Platform]:
    with whole_platform("catalog_down", tmp_path_factory.mktemp("catalog-down")) as platform:
        yield platform


def test_the_public_pages_answer_while_the_catalog_is_stopped(platform: Platform) -> None:
    gateway = platform.base("gateway")
    wait_for_the_demo_lists(gateway, seconds=90)
    platform.stop("catalog")
    with httpx.Client(base_url=gateway, timeout=30) as client:
        assert client.get("/api/catalog/v1/matters").status_code in (401, 503)
        for path in PUBLIC:
            answer = client.get(path)
            assert answer.status_code == 200, (path, answer.text[:300])
        dump = client.get("/api/publish/v1/open-data/catalog.jsonld").json()
        assert any(n["@type"] == "PublicService" for n in dump["@graph"])
        assert "建设工程规划许可证核发" in client.get("/guides/430103-01-0002").text
