"""Two replicas of every part on PostgreSQL, one of each killed mid-way through the story: the
story still ends as it should, every event reaches its part exactly once, none is parked."""

import signal
import sys
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from subprocess import Popen

import httpx
import pytest
from sqlalchemy import text

from kit.db import Database
from tests import builders as story
from tests.conftest import require_postgres
from tests.demo_copies import demo_postgres
from tests.live import free_port, running

pytestmark = [pytest.mark.distributed, pytest.mark.timeout(900)]  # 10 processes to start
PARTS = ("catalog", "intake", "review", "publish", "gateway")
EMITTERS = ("catalog", "intake", "review", "gateway")  # the parts with an outbox
KEY = "replicated-province-key"


class Replicas:
    """Every part twice, as uvicorn processes; each part's URL setting lists both replicas."""

    def __init__(self, url: str, folder: Path) -> None:
        self.url, self.folder, self.stack = url, folder, ExitStack()
        self.ports = {part: [free_port(), free_port()] for part in PARTS}
        self.processes: dict[tuple[str, int], Popen[bytes]] = {}
        self.env = {"ONEWINDOW_DATABASE_URL": url, "ONEWINDOW_RELAY_INTERVAL": "0.2",
                    "ONEWINDOW_MODE": "distributed", "ONEWINDOW_PROVINCIAL_API_KEY": KEY,
                    **{f"ONEWINDOW_{part.upper()}_URL": ",".join(self.bases(part))
                       for part in PARTS if part != "gateway"}}

    def bases(self, part: str) -> list[str]:
        return [f"http://127.0.0.1:{port}" for port in self.ports[part]]

    def start(self) -> None:
        for part in PARTS:
            for replica, port in enumerate(self.ports[part]):
                args = [sys.executable, "-m", "uvicorn", f"{part}.main:create_app", "--factory",
                        "--host", "127.0.0.1", "--port", str(port)]
                self.processes[part, replica] = self.stack.enter_context(running(
                    args, self.env, f"http://127.0.0.1:{port}/readyz",
                    self.folder / f"{part}-{replica}.log"))

    def kill(self, part: str, replica: int) -> None:
        """Kill a replica outright (no shutdown: what it had in hand is lost with it)."""
        process = self.processes[part, replica]
        process.send_signal(signal.SIGKILL)
        process.wait(10)


class LoadBalancer(httpx.BaseTransport):
    """The balancer in front of the gateways: each request to the next replica that answers."""

    def __init__(self, bases: list[str]) -> None:
        self.bases, self.turn, self.inner = bases, 0, httpx.HTTPTransport()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        for _ in self.bases:
            self.turn += 1
            base = httpx.URL(self.bases[self.turn % len(self.bases)])
            request.url = request.url.copy_with(port=base.port)
            try:
                return self.inner.handle_request(request)
            except httpx.ConnectError:
                continue
        raise httpx.ConnectError("no gateway answers", request=request)


@pytest.fixture(scope="module")
def replicas(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Replicas]:
    require_postgres()
    url = demo_postgres("replicas")
    platform = Replicas(url, tmp_path_factory.mktemp("replicas"))
    with platform.stack:
        platform.start()
        yield platform


def scalar(url: str, sql: str) -> int:
    db = Database(url, "gateway")
    try:
        with db.session(write=False) as s:
            return int(s.execute(text(sql)).scalar_one())
    finally:
        db.dispose()


def outboxes(url: str, where: str, destination: str) -> int:
    """Rows for `destination` across every part's outbox that match `where`."""
    return sum(scalar(url, f"SELECT count(*) FROM {part}.outbox_event "  # noqa: S608 (ours)
                           f"WHERE destination = '{destination}' AND {where}")
               for part in EMITTERS)


def test_the_story_with_two_replicas_of_every_part_and_one_of_each_killed_midway(
        replicas: Replicas) -> None:
    with httpx.Client(base_url="http://127.0.0.1", timeout=30,
                      transport=LoadBalancer(replicas.bases("gateway"))) as client:
        story.standardize_and_review(client)
        for part in PARTS:  # while the review's and publication's events are on their way
            replicas.kill(part, 0)
        story.public_and_provincial(client, KEY)
        story.apply_and_decide(client)

    for part in ("catalog", "intake", "review", "publish"):
        story.eventually(lambda part=part: outboxes(replicas.url, "delivered_at IS NULL",
                                                    part) == 0,
                         what=f"every event for {part} delivered")
        assert outboxes(replicas.url, "parked_at IS NOT NULL", part) == 0
        sent = scalar(replicas.url, "SELECT count(DISTINCT event_id) FROM ("
                      + " UNION ALL ".join(f"SELECT event_id FROM {p}.outbox_event WHERE "
                                           f"destination = '{part}'" for p in EMITTERS) + ") e")
        applied = scalar(replicas.url, f"SELECT count(*) FROM {part}.inbox_event")
        assert applied == sent  # each event applied once: none lost, none twice
