"""An intake app on the migrated test database, fed by catalog events the tests send, and the
accounts, matter document and uploads the intake tests share."""

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from intake.config import IntakeSettings
from intake.main import create_app
from tests.conftest import envelope, token

API = "/api/intake/v1"
PLANNING = {"code": "11430100707230200T", "name": "自然资源和规划局"}
HOUSING = {"code": "11430100707230300G", "name": "住房和城乡建设局"}
ENTERPRISE = "914301035T4L8D200D"  # 长沙天心智造科技有限公司 (demo zone)
CODE = "11430100707230200T4000117004000"

CATALOG = token("service", sub="service:catalog")
APPLICANT = token("applicant", sub="applicant-zhangsan")
OTHER_APPLICANT = token("applicant", sub="applicant-lisi")
ENTERPRISE_ACCOUNT = token("applicant", sub="enterprise-zhizao", enterprise=ENTERPRISE)
BUTLER = token("butler", sub="butler-wang")
CLERK = token("clerk", sub="clerk-zhao")
PLANNING_APPROVER = token("approver", sub="approver-planning", department=PLANNING["code"])
HOUSING_APPROVER = token("approver", sub="approver-housing", department=HOUSING["code"])


@pytest.fixture
def file_store(tmp_path: Path) -> Path:
    """The folder of the test's material files."""
    return tmp_path / "intake-files"


@pytest.fixture
def client(db_url: str, file_store: Path) -> Iterator[TestClient]:
    """The intake app on the emptied test database, its files in a folder of the test."""
    settings = IntakeSettings(database_url=db_url, file_store=str(file_store))
    with TestClient(create_app(settings)) as test_client:
        yield test_client


@pytest.fixture
def published(client: TestClient) -> TestClient:
    """The client, with version 1 of the planning matter published."""
    publish(client)
    return client


def material(name: str, *, source: str = "applicant") -> dict[str, Any]:
    """One listed material as the contract describes it."""
    return {"name": name, "required": True, "form": "either", "originals": 1, "copies": 0,
            "source": source,
            "legal_basis": [{"law": "中华人民共和国城乡规划法", "article": "第三十八条",
                             "text": "建设单位应当持建设项目的批准、核准、备案文件和土地出让合同，"
                                     "向城市、县人民政府城乡规划主管部门领取建设用地规划许可证。"}],
            "notes": None}


def matter_document(version: int = 1, **changes: Any) -> dict[str, Any]:
    """A published matter document (contract section 3) of the planning bureau."""
    document: dict[str, Any] = {
        "implementation_code": CODE, "basic_code": "000117004000", "handling_item_code": None,
        "version": version, "name": "建设用地规划许可证核发", "matter_type": "01",
        "exercise_level": "3", "department": PLANNING, "window": "planning",
        "service_objects": ["person", "enterprise", "public_institution"],
        "legal_basis": [{"law": "中华人民共和国城乡规划法", "article": "第三十八条",
                         "text": "以出让方式取得国有土地使用权的建设项目……"}],
        "conditions": ["已签订国有建设用地使用权出让合同", "建设项目已批准、核准或备案"],
        "materials": [material("建设用地规划许可申请表"),
                      material("国有建设用地使用权出让合同", source="issued_by_government"),
                      material("建设项目批准、核准或备案文件", source="issued_by_government")],
        "statutory_limit": 20, "committed_limit": 5, "limit_unit": "working_day",
        "fees": [],
        "steps": [{"name": "受理", "actor": "规划建设窗口", "limit": 1},
                  {"name": "审查", "actor": "自然资源和规划局", "limit": 3},
                  {"name": "决定", "actor": "自然资源和规划局", "limit": 1}],
        "discretion_benchmarks": [],
        "channels": {"online": True, "online_depth": 4, "onsite_visits": 0, "onsite_reason": None},
        "result": {"name": "建设用地规划许可证", "type": "证照"},
        "effective_from": "2026-11-01", "published_at": "2026-11-01T09:00:00+08:00",
    }
    return document | changes


def deliver(client: TestClient, event_type: str, payload: dict[str, Any],
            event_id: str | None = None) -> dict[str, Any]:
    """Deliver one event as catalog's outbox relay does; insist it was taken."""
    response = client.post("/internal/events", headers=CATALOG,
                           json=envelope(event_type, payload, event_id=event_id))
    assert response.status_code == 200, response.text
    return response.json()


def publish(client: TestClient, version: int = 1, **changes: Any) -> dict[str, Any]:
    """Catalog publishes a version of the planning matter."""
    return deliver(client, "matter_version.published",
                   {"operation": "upsert", "matter": matter_document(version, **changes)})


def pdf(name: str = "申请表.pdf", content: bytes = b"%PDF-1.7 application form") -> tuple:
    """A multipart `materials` entry."""
    return ("materials", (name, content, "application/pdf"))


def file_application(client: TestClient, headers: dict[str, str] | None = None, *,
                     files: list[tuple] | None = None, **fields: Any) -> Any:
    """POST a multipart application (missing materials confirmed unless said otherwise);
    returns the response."""
    return client.post(f"{API}/applications", headers=APPLICANT if headers is None else headers,
                       data={"implementation_code": CODE, "confirm_incomplete": "true"} | fields,
                       files=files if files is not None else [pdf()])


def mandated(client: TestClient, *, butler: dict[str, str] | None = None,
             butler_sub: str = "butler-wang", **terms: Any) -> dict[str, Any]:
    """The demo enterprise mandates the butler (all matters, a year unless `terms` say
    otherwise), and the butler accepts; returns the accepted mandate."""
    body = {"butler": butler_sub, "expires_on": "2099-12-31"} | terms
    granted = client.post(f"{API}/mandates", headers=ENTERPRISE_ACCOUNT, json=body)
    assert granted.status_code == 201, granted.text
    accepted = client.post(f"{API}/mandates/{granted.json()['id']}/accept",
                           headers=butler or BUTLER)
    assert accepted.status_code == 200, accepted.text
    return dict(accepted.json())


def filed(client: TestClient, headers: dict[str, str] | None = None, **fields: str) -> int:
    """The id of a freshly filed application."""
    response = file_application(client, headers, **fields)
    assert response.status_code == 201, response.text
    return int(response.json()["id"])
