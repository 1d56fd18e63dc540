"""The gateway's `/api` proxy over real HTTP (aiohttp to the services): bodies stream both ways
and arrive whole, the door's limit still holds, an anonymous call goes through."""

import socket
from collections.abc import Iterator

import httpx
import pytest

from tests import builders as story
from tests.distributed.test_distributed import Platform, whole_platform
from tests.live import signed_in

pytestmark = pytest.mark.distributed
MB = 1024 * 1024
LIMIT_MB = 8


@pytest.fixture(scope="module")
def platform(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Platform]:
    with whole_platform("proxy", tmp_path_factory.mktemp("proxy"),
                        ONEWINDOW_MAX_UPLOAD_MB=str(LIMIT_MB)) as platform:
        yield platform


def test_a_large_material_passes_the_gateway_both_ways_whole(platform: Platform) -> None:
    client, csrf = signed_in(platform.base("gateway"), "enterprise")
    code = story.eventually(lambda: client.get("/api/intake/v1/matters").json()[0],
                            what="intake to learn of the demo's matters")["implementation_code"]
    scan = b"%PDF-1.7\n" + bytes(range(256)) * (6 * MB // 256)
    filed = client.post("/api/intake/v1/applications", headers={"X-CSRF-Token": csrf},
                        data={"implementation_code": code, "confirm_incomplete": "true"},
                        files={"materials": ("扫描件.pdf", scan, "application/pdf")})
    assert filed.status_code == 201, filed.text
    material = filed.json()["materials"][0]
    assert material["size"] == len(scan)
    back = client.get(f"/api/intake/v1/applications/{filed.json()['id']}"
                      f"/materials/{material['id']}")
    assert back.status_code == 200
    assert back.content == scan
    assert back.headers["content-length"] == str(len(scan))
    assert back.headers["content-type"] == "application/pdf"
    assert back.headers["x-request-id"]


def test_a_body_past_the_limit_is_413_through_the_proxy(platform: Platform) -> None:
    client, csrf = signed_in(platform.base("gateway"), "applicant")
    said = client.post("/api/intake/v1/applications", headers={"X-CSRF-Token": csrf},
                       files={"materials": ("a.pdf", b"%PDF" + b"x" * LIMIT_MB * MB)})
    assert said.status_code == 413
    assert said.headers["content-type"] == "application/problem+json"
    # No length said, and intake would refuse the anonymous caller before reading it all:
    # the door counts the body first all the same.
    port = int(platform.base("gateway").rsplit(":", 1)[1])
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        sock.sendall(b"POST /api/intake/v1/applications HTTP/1.1\r\nHost: proxy\r\n"
                     b"Content-Type: application/octet-stream\r\n"
                     b"Transfer-Encoding: chunked\r\n\r\n")
        chunk = b"%x\r\n%s\r\n" % (MB, b"x" * MB)
        try:
            for _ in range(LIMIT_MB + 2):
                sock.sendall(chunk)
        except OSError:
            pass  # the door closed the connection: its answer tells
        head = sock.recv(200).split(b"\r\n")[0]
    assert b" 413 " in head


def test_an_anonymous_visitor_reads_a_guide_and_revalidates_it(platform: Platform) -> None:
    code = "430103-01-0001"
    with httpx.Client(base_url=platform.base("gateway"), timeout=30) as client:
        guide = story.eventually(lambda: client.get(f"/api/publish/v1/guides/{code}")
                                 if client.get(f"/api/publish/v1/guides/{code}").is_success
                                 else None, what="the guide published")
        assert guide.json()["implementation_code"] == code
        again = client.get(f"/api/publish/v1/guides/{code}",
                           headers={"If-None-Match": guide.headers["etag"]})
        assert again.status_code == 304 and again.content == b""
        assert client.get("/api/nowhere/v1/x").status_code == 404
