"""Realistic matter standards for catalog tests."""

import json
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import text

from catalog.config import CatalogSettings
from catalog.demo_data import DEPARTMENTS, WINDOWS
from catalog.main import create_app
from catalog.models import Department, Window
from kit.db import Database
from tests.conftest import token

PLANNING = "11430100707230200T"
MARKET = "114301007072304006"
EDITOR = token("editor", sub="editor", department=PLANNING)
OTHER_EDITOR = token("editor", sub="editor2", department=MARKET)
PROVINCE = token("provincial_system", sub="province")
REVIEW = token("service", sub="service:review")
BASIS = [{"law": "中华人民共和国城乡规划法", "article": "第四十条",
          "text": "在城市规划区内进行建设的，应当申请办理建设工程规划许可证。"}]


def standard(code: str = "430103-01-9001", **changes: Any) -> dict[str, Any]:
    """A complete, valid standard of the planning bureau."""
    doc = {
        "implementation_code": code, "basic_code": "XK00009001", "handling_item_code": None,
        "name": "临时建设工程规划许可证核发", "matter_type": "01", "exercise_level": "3",
        "department": {"code": PLANNING, "name": "自然资源和规划局"}, "window": "planning",
        "service_objects": ["enterprise"], "legal_basis": BASIS,
        "conditions": ["已取得建设项目批准文件"],
        "materials": [{"name": "临时建设工程规划许可申请表", "required": True, "form": "either",
                       "originals": 1, "copies": 0, "source": "applicant",
                       "legal_basis": BASIS, "notes": None}],
        "statutory_limit": 20, "committed_limit": 5, "limit_unit": "working_day", "fees": [],
        "steps": [{"name": "受理", "actor": "规划建设窗口", "limit": 1},
                  {"name": "审查", "actor": "规划科", "limit": 3},
                  {"name": "决定", "actor": "分管局领导", "limit": 1}],
        "discretion_benchmarks": [],
        "channels": {"online": True, "online_depth": 4, "onsite_visits": 0,
                     "onsite_reason": None},
        "result": {"name": "临时建设工程规划许可证", "type": "证照"},
        "effective_from": "2026-01-01",
    }
    return {**doc, **changes}


def seed_reference_data(db_url: str) -> None:
    db = Database(db_url, "catalog")
    with db.session() as s:
        s.add_all([Department(code=c, name=n) for c, n in DEPARTMENTS])
        s.add_all([Window(code=c, name=n) for c, n in WINDOWS])
    db.dispose()


@contextmanager
def catalog_client(db_url: str) -> Iterator[TestClient]:
    """The catalog service alone, with departments and windows; relays deliver nowhere."""
    seed_reference_data(db_url)
    app = create_app(CatalogSettings(database_url=db_url, relay_interval=3600))
    with TestClient(app) as client:
        yield client


def outbox_events(db_url: str) -> list[tuple[str, str, dict[str, Any]]]:
    """(type, destination, payload) of every event the catalog wrote, oldest first."""
    db = Database(db_url, "catalog")
    with db.session(write=False) as s:
        rows = s.execute(text("SELECT type, destination, payload FROM catalog.outbox_event "
                              "ORDER BY created_at, destination")).all()
    db.dispose()
    return [(t, d, p if isinstance(p, dict) else json.loads(p)) for t, d, p in rows]


def conclude(client: TestClient, code: str, version: int, decision: str = "approved",
             event_id: str | None = None) -> None:
    """Deliver the review's consolidated feedback as review's relay would."""
    envelope = {"id": event_id or str(uuid.uuid4()), "type": "review.concluded",
                "source": "review", "occurred_at": "2026-11-26T08:00:00+08:00",
                "payload": {"implementation_code": code, "version": version, "case_id": 1,
                            "decision": decision,
                            "feedback": {"summary": "材料表述清晰", "lead": "lead",
                                         "opinions": []}}}
    response = client.post("/internal/events", json=envelope, headers=REVIEW)
    assert response.status_code == 200, response.text


def publish_new(client: TestClient, code: str = "430103-01-9001", **changes: Any) -> dict:
    """Draft, submit, approve and publish a new matter; return the published version."""
    assert client.post("/api/catalog/v1/matters", json=standard(code, **changes),
                       headers=EDITOR).status_code == 201
    assert client.post(f"/api/catalog/v1/matters/{code}/versions/1/submit",
                       headers=EDITOR).status_code == 200
    conclude(client, code, 1)
    response = client.post(f"/api/catalog/v1/matters/{code}/versions/1/publish", headers=EDITOR)
    assert response.status_code == 200, response.text
    return response.json()
