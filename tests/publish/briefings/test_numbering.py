"""Numbers under concurrency: publishers publishing at the same moment, each in its own
connection, get 第1期, 第2期… without a gap or a repeat; one briefing is published once."""

import threading
from collections.abc import Callable
from typing import Any

from fastapi.testclient import TestClient

from kit.auth import Principal
from kit.db import Database
from kit.errors import Conflict
from publish.briefings import service
from tests.publish.briefings.conftest import API, VISITOR

PUBLISHER = Principal(sub="publisher", name="publisher", roles=("publisher",))


def at_once(url: str, briefing_ids: list[int]) -> list[Any]:
    """Publish each id from its own thread and database connection, all starting together."""
    start = threading.Barrier(len(briefing_ids))
    outcomes: list[Any] = [None] * len(briefing_ids)

    def publish(slot: int, briefing_id: int) -> None:
        db = Database(url, "publish")
        try:
            start.wait()
            with db.session() as session:
                outcomes[slot] = service.publish(session=session, principal=PUBLISHER,
                                                 briefing_id=briefing_id).number
        except Conflict as refused:
            outcomes[slot] = refused
        finally:
            db.dispose()

    threads = [threading.Thread(target=publish, args=(n, i)) for n, i in enumerate(briefing_ids)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return outcomes


def test_publishers_at_once_never_share_a_number(client: TestClient, db_url: str,
                                                 approve: Callable[..., int]) -> None:
    ids = [approve(title=f"简报{n}") for n in range(6)]
    numbers = at_once(db_url, ids)
    assert sorted(numbers) == [1, 2, 3, 4, 5, 6]
    archive = client.get(API, headers=VISITOR).json()["items"]
    assert [b["number"] for b in archive] == [6, 5, 4, 3, 2, 1]


def test_one_briefing_published_twice_at_once_is_published_once(
        client: TestClient, db_url: str, approve: Callable[..., int]) -> None:
    briefing_id = approve()
    outcomes = at_once(db_url, [briefing_id, briefing_id, briefing_id])
    assert sorted(o for o in outcomes if isinstance(o, int)) == [1]
    assert sum(isinstance(o, Conflict) for o in outcomes) == 2
    assert [b["number"] for b in client.get(API, headers=VISITOR).json()["items"]] == [1]
