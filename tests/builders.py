"""Builders of test data: the planning bureau's matter standards, the catalog's reference data
and API steps, and the story that crosses every part through the gateway's API."""

import json
import time
import uuid
from collections.abc import Callable
from typing import Any

import httpx
from fastapi.testclient import TestClient
from sqlalchemy import text

from catalog.demo_data import DEPARTMENTS, WINDOWS
from catalog.models import Department, Window
from kit.db import Database
from tests.conftest import token

PLANNING = "11430100707230200T"
MARKET = "114301007072304006"
EDITOR = token("editor", sub="editor", department=PLANNING)
OTHER_EDITOR = token("editor", sub="editor2", department=MARKET)
PROVINCE = token("provincial_system", sub="province")
REVIEW = token("service", sub="service:review")
MATTERS = "/api/catalog/v1/matters"
FEED = "/api/sync/v1/matters"


# --- matter standards -----------------------------------------------------------------------

BASIS = [{"law": "中华人民共和国城乡规划法", "article": "第四十条",
          "text": "在城市规划区内进行建设的，应当申请办理建设工程规划许可证。"}]


def material(name: str, **changes: Any) -> dict[str, Any]:
    """A required material the applicant brings, resting on BASIS."""
    return {"name": name, "required": True, "form": "either", "originals": 1, "copies": 0,
            "source": "applicant", "legal_basis": BASIS, "notes": None, **changes}


def standard(code: str = "430103-01-9001", **changes: Any) -> dict[str, Any]:
    """A complete, valid standard of the planning bureau."""
    doc = {
        "implementation_code": code, "basic_code": "XK00009001", "handling_item_code": None,
        "name": "临时建设工程规划许可证核发", "matter_type": "01", "exercise_level": "3",
        "department": {"code": PLANNING, "name": "自然资源和规划局"}, "window": "planning",
        "service_objects": ["enterprise"], "legal_basis": BASIS,
        "conditions": ["已取得建设项目批准文件"],
        "materials": [material("临时建设工程规划许可申请表")],
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


STORY_CODE = "430103-01-7001"
STORY_BASIS = [{"law": "中华人民共和国城乡规划法", "article": "第四十二条",
                "text": "城乡规划主管部门不得在城乡规划确定的建设用地范围以外作出规划许可。"}]


def story_standard() -> dict[str, Any]:
    """The matter the story drafts: the planning bureau's 建设工程设计方案审查."""
    return standard(
        STORY_CODE, basic_code="XK00007001", name="建设工程设计方案审查", legal_basis=STORY_BASIS,
        conditions=["已取得建设用地规划许可证"],
        materials=[material("建设工程设计方案文本", form="electronic", legal_basis=STORY_BASIS,
                            notes="PDF 格式")],
        steps=[{"name": "受理", "actor": "规划建设窗口", "limit": 1},
               {"name": "审查", "actor": "详细规划科", "limit": 3},
               {"name": "决定", "actor": "分管局领导", "limit": 1}],
        discretion_benchmarks=[{"circumstance": "方案符合规划条件", "standard": "出具审查意见"}],
        result={"name": "建设工程设计方案审查意见", "type": "批文"})


# --- the catalog: its reference data, and steps through its API ------------------------------

def seed_reference_data(db_url: str) -> None:
    """The demo zone's departments and windows, which every matter refers to."""
    db = Database(db_url, "catalog")
    with db.session() as s:
        s.add_all([Department(code=c, name=n) for c, n in DEPARTMENTS])
        s.add_all([Window(code=c, name=n) for c, n in WINDOWS])
    db.dispose()


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
    assert client.post(MATTERS, json=standard(code, **changes), headers=EDITOR).status_code == 201
    assert client.post(f"{MATTERS}/{code}/versions/1/submit", headers=EDITOR).status_code == 200
    conclude(client, code, 1)
    response = client.post(f"{MATTERS}/{code}/versions/1/publish", headers=EDITOR)
    assert response.status_code == 200, response.text
    return response.json()


def version_states(client: TestClient, code: str) -> list[str]:
    """The state of each version of a matter, oldest first, as its history lists them."""
    return [v["state"] for v in client.get(f"{MATTERS}/{code}/versions", headers=EDITOR).json()]


def follow(client: TestClient, limit: int = 100) -> list[tuple[str, str, int]]:
    """Walk the provincial feed from the beginning until an empty page."""
    seen, cursor = [], None
    for _ in range(50):
        params = {"limit": limit, **({"cursor": cursor} if cursor else {})}
        page = client.get(FEED, params=params, headers=PROVINCE)
        assert page.status_code == 200, page.text
        body = page.json()
        if not body["items"]:
            return seen
        seen += [(i["operation"], i["matter"]["implementation_code"], i["matter"]["version"])
                 for i in body["items"]]
        cursor = body["next_cursor"]
    raise AssertionError("feed did not end")


# --- the story that crosses every part, walked through the gateway's API as users would ------

PASSWORD = "onewindow-demo"


def sign_in(client: httpx.Client, username: str) -> dict[str, str]:
    """Sign in as `username` (forgetting whoever was signed in); the CSRF header to send."""
    client.cookies.clear()
    response = client.post("/api/auth/sign-in", json={"username": username, "password": PASSWORD})
    assert response.status_code == 200, response.text
    return {"X-CSRF-Token": response.json()["csrf_token"]}


def eventually(check: Callable[[], Any], seconds: float = 120, what: str = "") -> Any:
    """Poll `check` until it returns something truthy (events are delivered asynchronously)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        result = check()
        if result:
            return result
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def ok(response: httpx.Response, status: int = 200) -> Any:
    """The JSON of a response that must have `status`."""
    assert response.status_code == status, f"{response.status_code}: {response.text}"
    return response.json() if response.content else None


def pass_preliminary(client: httpx.Client, code: str) -> None:
    """The technical guidance group passes the submitted version of `code` to its review group
    at the preliminary check (初审)."""
    guidance = sign_in(client, "guidance")

    def waiting() -> Any:
        cases = ok(client.get("/api/review/v1/preliminary/cases"))
        return next((c for c in cases if c["implementation_code"] == code), None)

    case = eventually(waiting, what="the case to await the preliminary check")
    ok(client.post(f"/api/review/v1/preliminary/cases/{case['id']}/check", headers=guidance,
                   json={"result": "passed", "reasons": ""}), 201)


def standardize_and_review(client: httpx.Client) -> None:
    """Steps 1–2: the editor drafts and submits; review approves; the editor publishes."""
    code = STORY_CODE
    editor = sign_in(client, "editor")
    ok(client.post(MATTERS, json=story_standard(), headers=editor), 201)
    ok(client.post(f"{MATTERS}/{code}/versions/1/submit", headers=editor))
    pass_preliminary(client, code)

    reviewer = sign_in(client, "reviewer")

    def open_case() -> Any:
        cases = ok(client.get("/api/review/v1/cases", params={"state": "open"}))
        return next((c for c in cases if c["implementation_code"] == code), None)

    case = eventually(open_case, what="the review case to open")
    ok(client.post(f"/api/review/v1/cases/{case['id']}/opinions", headers=reviewer,
                   json={"element": "materials[0]", "aspect": "compliance",
                         "text": "材料名称规范，格式要求明确。"}), 201)
    lead = sign_in(client, "lead")
    ok(client.post(f"/api/review/v1/cases/{case['id']}/feedback", headers=lead,
                   json={"decision": "approved", "summary": "审核通过，同意发布。"}), 201)

    editor = sign_in(client, "editor")
    eventually(lambda: ok(client.get(f"{MATTERS}/{code}/versions/1"))["state"] == "approved",
               what="catalog to learn of the approval")
    published = ok(client.post(f"{MATTERS}/{code}/versions/1/publish", headers=editor))
    assert published["state"] == "published"


def public_and_provincial(client: httpx.Client, provincial_key: str) -> None:
    """Step 3: the public lists, the service guide and the provincial feed carry it."""
    client.cookies.clear()

    def listed() -> bool:
        page = ok(client.get("/api/publish/v1/power-list", params={"q": "设计方案审查"}))
        return any(i["implementation_code"] == STORY_CODE for i in page["items"])

    eventually(listed, what="the power list to show the new matter")
    guide = ok(client.get(f"/api/publish/v1/guides/{STORY_CODE}"))
    assert guide["materials"][0]["name"] == "建设工程设计方案文本"
    key = {"Authorization": f"Bearer {provincial_key}"}
    codes, cursor = [], None
    for _ in range(20):
        page = ok(client.get(FEED, headers=key,
                             params={"limit": 1000, **({"cursor": cursor} if cursor else {})}))
        if not page["items"]:
            break
        codes += [i["matter"]["implementation_code"] for i in page["items"]]
        cursor = page["next_cursor"]
    assert codes.count(STORY_CODE) == 1


def apply_and_decide(client: httpx.Client) -> None:
    """Step 4: the enterprise applies with one material (confirming the others are to come);
    clerk accepts; approver approves."""
    code = STORY_CODE
    applicant = sign_in(client, "enterprise")
    eventually(lambda: any(m["implementation_code"] == code for m in
                           ok(client.get("/api/intake/v1/matters"))),
               what="intake to learn of the publication")
    files = {"materials": ("设计方案.pdf", b"%PDF-1.4 demo", "application/pdf")}
    key = {**applicant, "Idempotency-Key": str(uuid.uuid4())}
    created = ok(client.post("/api/intake/v1/applications", headers=key, files=files,
                             data={"implementation_code": code, "confirm_incomplete": "true"}), 201)
    again = client.post("/api/intake/v1/applications", headers=key, files=files,
                        data={"implementation_code": code, "confirm_incomplete": "true"})
    assert again.json()["id"] == created["id"]
    mine = ok(client.get("/api/intake/v1/applications"))
    assert [a["id"] for a in mine if a["implementation_code"] == code] == [created["id"]]

    clerk = sign_in(client, "clerk")
    ok(client.post(f"/api/intake/v1/applications/{created['id']}/accept", headers=clerk))
    approver = sign_in(client, "approver")
    ok(client.post(f"/api/intake/v1/applications/{created['id']}/decision", headers=approver,
                   json={"decision": "approved", "opinion": "准予许可"}))

    sign_in(client, "enterprise")
    final = ok(client.get(f"/api/intake/v1/applications/{created['id']}"))
    assert final["state"] == "approved"
    assert final["version"] == 1 and final["materials"][0]["filename"] == "设计方案.pdf"
    assert final["decision"]["result_name"] == "建设工程设计方案审查意见"


def walk(client: httpx.Client, provincial_key: str) -> None:
    """The whole story."""
    standardize_and_review(client)
    public_and_provincial(client, provincial_key)
    apply_and_decide(client)
