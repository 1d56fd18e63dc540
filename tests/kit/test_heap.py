"""kit.app: a part sets what start-up built aside from the cycle collector (gc.freeze), so a
full collection walks only what requests made (the tail latency of every path)."""

import gc

import pytest
from fastapi.testclient import TestClient

from kit.app import create_part_app
from tests.kit.conftest import PART, Settings


def test_start_up_sets_its_objects_aside_from_the_collector(
        db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ONEWINDOW_FREEZE_HEAP", "1")  # the suite's processes leave it off
    gc.unfreeze()
    assert gc.get_freeze_count() == 0

    with TestClient(create_part_app(name=PART, settings=Settings(database_url=db_url),
                                    routers=[])) as client:
        assert client.get("/healthz").status_code == 200
        frozen = gc.get_freeze_count()

    assert frozen > 100_000  # modules, routes and schemas: every object start-up left alive
    gc.unfreeze()  # the suite's later apps are collected as usual


def test_the_suite_leaves_its_heap_to_the_collector(db_url: str) -> None:
    with TestClient(create_part_app(name=PART, settings=Settings(database_url=db_url),
                                    routers=[])):
        assert gc.get_freeze_count() == 0
