"""Budgets hold across replicas of the gateway: two gateways sharing Redis give an address one
budget between them; with Redis gone each replica still counts on its own."""

import os
import socket
import uuid

import pytest
from fastapi.testclient import TestClient

from gateway.config import GatewaySettings
from gateway.main import create_app

REDIS = os.environ.get("ONEWINDOW_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
COMPLAINT = {"subject_kind": "hall", "content": "窗口排队太久。", "name": "王五",
             "phone": "13812345678"}


def redis_answers() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1):
            return True
    except OSError:
        return False


def file_complaint(client: TestClient) -> int:
    return client.post("/api/intake/v1/complaints", json=COMPLAINT).status_code


def test_two_replicas_share_one_budget_per_address(db_url: str) -> None:
    if not redis_answers():
        if os.environ.get("ONEWINDOW_REQUIRE_REDIS"):
            pytest.fail(f"Redis does not answer at {REDIS}")
        pytest.skip("Redis does not answer")
    settings = GatewaySettings(database_url=db_url, complaints_per_hour=3, redis_url=REDIS,
                               redis_prefix=f"test-{uuid.uuid4().hex}")
    with TestClient(create_app(settings)) as one, TestClient(create_app(settings)) as two:
        answers = [file_complaint(one), file_complaint(two), file_complaint(one),
                   file_complaint(two)]
        refused = two.post("/api/intake/v1/complaints", json=COMPLAINT)
    assert answers == [201, 201, 201, 429]
    assert refused.status_code == 429 and 3000 < int(refused.headers["retry-after"]) <= 3600


def test_without_redis_each_replica_still_counts_on_its_own(db_url: str) -> None:
    with socket.socket() as s:  # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        closed = s.getsockname()[1]
    settings = GatewaySettings(database_url=db_url, complaints_per_hour=2,
                               redis_url=f"redis://127.0.0.1:{closed}/0")
    with TestClient(create_app(settings)) as client:
        answers = [file_complaint(client) for _ in range(3)]
    assert answers == [201, 201, 429]
