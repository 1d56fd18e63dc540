"""A publish app on the migrated test database, the matter documents catalog publishes
(contract section 3), and the events that carry them."""

from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from publish.config import PublishSettings
from publish.main import create_app
from tests.conftest import envelope, token

CATALOG = token("service", sub="service:catalog")
VISITOR = token("public", sub="anonymous")
PLANNING = {"code": "11430100707230200T", "name": "自然资源和规划局"}
MARKET = {"code": "114301007072304006", "name": "市场监督管理局"}
HEALTH = {"code": "114301007072307007", "name": "卫生健康局"}
LAW = {"law": "中华人民共和国城乡规划法", "article": "第四十条",
       "text": "在城市、镇规划区内进行建筑物、构筑物、道路、管线和其他工程建设的，建设单位或者个人"
               "应当向城市、县人民政府城乡规划主管部门申请办理建设工程规划许可证。"}

Deliver = Callable[[dict[str, Any]], httpx.Response]
Publish = Callable[..., None]


@pytest.fixture
def client(db_url: str) -> Iterator[TestClient]:
    """The publish service on an empty, migrated database."""
    settings = PublishSettings(database_url=db_url, report_interval=86400)  # no reports loop
    with TestClient(create_app(settings)) as client:
        yield client


@pytest.fixture
def deliver(client: TestClient) -> Deliver:
    """Deliver one envelope as catalog's relay would; return the response."""
    return lambda event: client.post("/internal/events", json=event, headers=CATALOG)


@pytest.fixture
def publish(deliver: Deliver) -> Publish:
    """Publish documents and insist each was applied."""

    def apply(*documents: dict[str, Any]) -> None:
        for document in documents:
            response = deliver(published(document))
            assert response.status_code == 200, response.text

    return apply


def matter_document(code: str = "11430100707230200T-XK-0001", *, version: int = 1,
                    name: str = "建设工程规划许可证核发", department: dict[str, str] = PLANNING,
                    window: str = "planning", matter_type: str = "01", committed: int = 10,
                    statutory: int = 20, online: bool = True, **extra: Any) -> dict[str, Any]:
    """A complete, realistic published matter document."""
    document: dict[str, Any] = {
        "implementation_code": code, "basic_code": "XK00001000", "handling_item_code": None,
        "version": version, "name": name, "matter_type": matter_type, "exercise_level": "3",
        "department": dict(department), "window": window,
        "service_objects": ["enterprise", "public_institution"],
        "legal_basis": [LAW],
        "conditions": ["已取得建设用地使用权", "建设工程设计方案已通过审查"],
        "materials": [material("建设工程规划许可申请表"), material("建设用地使用权证明")],
        "statutory_limit": statutory, "committed_limit": committed, "limit_unit": "working_day",
        "fees": [],
        "steps": [{"name": "受理", "actor": "规划建设窗口", "limit": 1},
                  {"name": "审查", "actor": "规划许可科", "limit": committed - 2},
                  {"name": "决定", "actor": "分管局领导", "limit": 1}],
        "discretion_benchmarks": [],
        "channels": {"online": online, "online_depth": 4 if online else 1,
                     "onsite_visits": 0 if online else 1,
                     "onsite_reason": None if online else "须现场核验原件"},
        "result": {"name": "建设工程规划许可证", "type": "证照"},
        "effective_from": "2026-12-01",
        "published_at": f"2026-11-{10 + version:02d}T09:30:00+08:00",
    }
    document.update(extra)
    return document


def material(name: str) -> dict[str, Any]:
    """One application material with its legal basis."""
    return {"name": name, "required": True, "form": "either", "originals": 1, "copies": 0,
            "source": "applicant",
            "legal_basis": [LAW],
            "notes": None}


def published(document: dict[str, Any], event_id: str | None = None) -> dict[str, Any]:
    """A `matter_version.published` envelope."""
    return envelope("matter_version.published", {"operation": "upsert", "matter": document},
                    event_id=event_id)


def cancelled(code: str, version: int, event_id: str | None = None) -> dict[str, Any]:
    """A `matter.cancelled` envelope."""
    return envelope("matter.cancelled", {"implementation_code": code, "version": version,
                                         "cancelled_at": "2026-11-30T10:00:00+08:00"},
                    event_id=event_id)
