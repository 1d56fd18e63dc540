"""Distributed mode: five processes on loopback ports, PostgreSQL, real HTTP between them."""

import sys
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import httpx
import pytest
from sqlalchemy import text

from kit.db import Database
from tests import builders as story
from tests.conftest import require_postgres
from tests.demo_copies import demo_postgres
from tests.live import free_port, running

pytestmark = pytest.mark.distributed
SERVICES = ("catalog", "intake", "review", "publish")
KEY = "distributed-province-key"


class Platform:
    """The five parts as separate uvicorn processes; a part can be stopped and started."""

    def __init__(self, url: str, folder: Path) -> None:
        self.url, self.folder = url, folder
        self.ports = {part: free_port() for part in (*SERVICES, "gateway")}
        self.env = {"ONEWINDOW_DATABASE_URL": url, "ONEWINDOW_RELAY_INTERVAL": "0.2",
                    "ONEWINDOW_MODE": "distributed", "ONEWINDOW_PROVINCIAL_API_KEY": KEY,
                    **{f"ONEWINDOW_{s.upper()}_URL": self.base(s) for s in SERVICES}}
        self.stacks: dict[str, ExitStack] = {}

    def base(self, part: str) -> str:
        return f"http://127.0.0.1:{self.ports[part]}"

    def start(self, part: str) -> None:
        stack = ExitStack()
        args = [sys.executable, "-m", "uvicorn", f"{part}.main:create_app", "--factory",
                "--host", "127.0.0.1", "--port", str(self.ports[part])]
        stack.enter_context(running(args, self.env, f"{self.base(part)}/readyz",
                                    self.folder / f"{part}.log"))
        self.stacks[part] = stack

    def stop(self, part: str) -> None:
        self.stacks.pop(part).close()

    def stop_all(self) -> None:
        for part in list(self.stacks):
            self.stop(part)


@contextmanager
def whole_platform(suffix: str, folder: Path, **env: str) -> Iterator[Platform]:
    """The five parts on a demo database of their own (migrated: services never migrate
    themselves), `env` added to every part's settings."""
    require_postgres()
    platform = Platform(demo_postgres(suffix), folder)
    platform.env.update(env)
    try:
        for part in (*SERVICES, "gateway"):
            platform.start(part)
        yield platform
    finally:
        platform.stop_all()


@pytest.fixture(scope="module")
def platform(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Platform]:
    with whole_platform("distributed", tmp_path_factory.mktemp("distributed")) as platform:
        yield platform


def test_the_whole_story_across_five_processes(platform: Platform) -> None:
    with httpx.Client(base_url=platform.base("gateway"), timeout=30) as client:
        story.walk(client, KEY)
        assert client.get("/readyz").status_code == 200


def test_a_service_reached_directly_without_a_token_answers_401(platform: Platform) -> None:
    for part in SERVICES:
        response = httpx.get(f"{platform.base(part)}/api/{part}/v1/anything-at-all")
        assert response.status_code in (401, 404)
    assert httpx.get(f"{platform.base('catalog')}/api/catalog/v1/matters").status_code == 401
    assert httpx.get(f"{platform.base('publish')}/api/publish/v1/power-list").status_code == 401


def count(url: str, schema: str, sql: str, **params: object) -> int:
    db = Database(url, schema)
    try:
        with db.session(write=False) as s:
            return int(s.execute(text(sql), params).scalar_one())
    finally:
        db.dispose()


def test_an_event_for_a_stopped_service_is_applied_once_after_it_restarts(
        platform: Platform) -> None:
    code = "430103-01-0002"  # a demo matter: editor drafts v3 … publishes it while publish is down
    with httpx.Client(base_url=platform.base("gateway"), timeout=30) as client:
        editor = story.sign_in(client, "editor")
        current = client.get(f"/api/catalog/v1/matters/{code}").json()["current_version"]
        draft = story.ok(client.post(f"/api/catalog/v1/matters/{code}/versions",
                                     headers=editor), 201)
        story.ok(client.post(f"/api/catalog/v1/matters/{code}/versions/{draft['version']}"
                             "/submit", headers=editor))
        story.pass_preliminary(client, code)
        lead = story.sign_in(client, "lead")
        case = story.eventually(lambda: next(
            (c for c in story.ok(client.get("/api/review/v1/cases", params={"state": "open"}))
             if c["implementation_code"] == code), None), what="the review case")
        story.ok(client.post(f"/api/review/v1/cases/{case['id']}/feedback", headers=lead,
                             json={"decision": "approved", "summary": "同意"}), 201)
        editor = story.sign_in(client, "editor")
        story.eventually(lambda: client.get(
            f"/api/catalog/v1/matters/{code}/versions/{draft['version']}").json()["state"]
            == "approved", what="approval")

        platform.stop("publish")
        down = client.get("/api/publish/v1/power-list")
        assert down.status_code == 503, down.text
        assert down.headers["content-type"] == "application/problem+json"
        assert client.get("/power-list").status_code == 503  # a readable page, not a 500
        story.ok(client.post(f"/api/catalog/v1/matters/{code}/versions/{draft['version']}"
                             "/publish", headers=editor))
        pending = ("SELECT count(*) FROM catalog.outbox_event WHERE destination = 'publish' "
                   "AND type = 'matter_version.published' AND delivered_at IS NULL")
        story.eventually(lambda: count(platform.url, "catalog", pending + " AND attempts > 0"),
                         what="a failed delivery attempt while publish is down")
        platform.start("publish")
        story.eventually(lambda: count(platform.url, "catalog", pending) == 0, seconds=90,
                         what="delivery after publish restarts")
        guide = story.ok(client.get(f"/api/publish/v1/guides/{code}"))
        assert guide["version"] == draft["version"] > current

    applied = ("SELECT count(*) FROM publish.inbox_event WHERE type = 'matter_version.published'")
    before = count(platform.url, "publish", applied)
    # Redeliver every event to publish, as a relay crashing before it marked them would.
    db = Database(platform.url, "catalog")
    with db.session() as s:
        s.execute(text("UPDATE catalog.outbox_event SET delivered_at = NULL "
                       "WHERE destination = 'publish'"))
    db.dispose()
    story.eventually(lambda: count(platform.url, "catalog", pending) == 0, seconds=60,
                     what="redelivery")
    assert count(platform.url, "publish", applied) == before
