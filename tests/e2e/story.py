"""The story that crosses every part, walked through the gateway's API as its users would."""

import time
import uuid
from collections.abc import Callable
from typing import Any

import httpx

PASSWORD = "onewindow-demo"
PLANNING = "11430100707230200T"
CODE = "430103-01-7001"
BASIS = [{"law": "中华人民共和国城乡规划法", "article": "第四十二条",
          "text": "城乡规划主管部门不得在城乡规划确定的建设用地范围以外作出规划许可。"}]
NEW_MATTER = {
    "implementation_code": CODE, "basic_code": "XK00007001", "handling_item_code": None,
    "name": "建设工程设计方案审查", "matter_type": "01", "exercise_level": "3",
    "department": {"code": PLANNING, "name": "自然资源和规划局"}, "window": "planning",
    "service_objects": ["enterprise"], "legal_basis": BASIS,
    "conditions": ["已取得建设用地规划许可证"],
    "materials": [{"name": "建设工程设计方案文本", "required": True, "form": "electronic",
                   "originals": 1, "copies": 0, "source": "applicant", "legal_basis": BASIS,
                   "notes": "PDF 格式"}],
    "statutory_limit": 20, "committed_limit": 5, "limit_unit": "working_day", "fees": [],
    "steps": [{"name": "受理", "actor": "规划建设窗口", "limit": 1},
              {"name": "审查", "actor": "详细规划科", "limit": 3},
              {"name": "决定", "actor": "分管局领导", "limit": 1}],
    "discretion_benchmarks": [{"circumstance": "方案符合规划条件", "standard": "出具审查意见"}],
    "channels": {"online": True, "online_depth": 4, "onsite_visits": 0, "onsite_reason": None},
    "result": {"name": "建设工程设计方案审查意见", "type": "批文"},
    "effective_from": "2026-01-01",
}


def sign_in(client: httpx.Client, username: str) -> dict[str, str]:
    """Sign in as `username` (forgetting whoever was signed in); the CSRF header to send."""
    client.cookies.clear()
    response = client.post("/api/auth/sign-in", json={"username": username, "password": PASSWORD})
    assert response.status_code == 200, response.text
    return {"X-CSRF-Token": response.json()["csrf_token"]}


def eventually(check: Callable[[], Any], seconds: float = 20, what: str = "") -> Any:
    """Poll `check` until it returns something truthy (events are delivered asynchronously)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        result = check()
        if result:
            return result
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def ok(response: httpx.Response, status: int = 200) -> Any:
    assert response.status_code == status, f"{response.status_code}: {response.text}"
    return response.json() if response.content else None


def standardize_and_review(client: httpx.Client) -> None:
    """Steps 1–2: the editor drafts and submits; review approves; the editor publishes."""
    editor = sign_in(client, "editor")
    ok(client.post("/api/catalog/v1/matters", json=NEW_MATTER, headers=editor), 201)
    ok(client.post(f"/api/catalog/v1/matters/{CODE}/versions/1/submit", headers=editor))

    reviewer = sign_in(client, "reviewer")

    def open_case() -> Any:
        cases = ok(client.get("/api/review/v1/cases", params={"state": "open"}))
        return next((c for c in cases if c["implementation_code"] == CODE), None)

    case = eventually(open_case, what="the review case to open")
    ok(client.post(f"/api/review/v1/cases/{case['id']}/opinions", headers=reviewer,
                   json={"element": "materials[0]", "aspect": "compliance",
                         "text": "材料名称规范，格式要求明确。"}), 201)
    lead = sign_in(client, "lead")
    ok(client.post(f"/api/review/v1/cases/{case['id']}/feedback", headers=lead,
                   json={"decision": "approved", "summary": "审核通过，同意发布。"}), 201)

    editor = sign_in(client, "editor")
    eventually(lambda: ok(client.get(f"/api/catalog/v1/matters/{CODE}/versions/1"))["state"]
               == "approved", what="catalog to learn of the approval")
    published = ok(client.post(f"/api/catalog/v1/matters/{CODE}/versions/1/publish",
                               headers=editor))
    assert published["state"] == "published"


def public_and_provincial(client: httpx.Client, provincial_key: str) -> None:
    """Step 3: the public lists, the service guide and the provincial feed carry it."""
    client.cookies.clear()

    def listed() -> bool:
        page = ok(client.get("/api/publish/v1/power-list", params={"q": "设计方案审查"}))
        return any(i["implementation_code"] == CODE for i in page["items"])

    eventually(listed, what="the power list to show the new matter")
    guide = ok(client.get(f"/api/publish/v1/guides/{CODE}"))
    assert guide["materials"][0]["name"] == "建设工程设计方案文本"
    key = {"Authorization": f"Bearer {provincial_key}"}
    codes, cursor = [], None
    for _ in range(20):
        page = ok(client.get("/api/sync/v1/matters", headers=key,
                             params={"limit": 1000, **({"cursor": cursor} if cursor else {})}))
        if not page["items"]:
            break
        codes += [i["matter"]["implementation_code"] for i in page["items"]]
        cursor = page["next_cursor"]
    assert codes.count(CODE) == 1


def apply_and_decide(client: httpx.Client) -> None:
    """Step 4: the applicant applies with one material; clerk accepts; approver approves."""
    applicant = sign_in(client, "applicant")
    eventually(lambda: any(m["implementation_code"] == CODE for m in
                           ok(client.get("/api/intake/v1/matters"))),
               what="intake to learn of the publication")
    files = {"materials": ("设计方案.pdf", b"%PDF-1.4 demo", "application/pdf")}
    key = {**applicant, "Idempotency-Key": str(uuid.uuid4())}
    created = ok(client.post("/api/intake/v1/applications", headers=key, files=files,
                             data={"implementation_code": CODE}), 201)
    again = client.post("/api/intake/v1/applications", headers=key, files=files,
                        data={"implementation_code": CODE})
    assert again.json()["id"] == created["id"]
    mine = ok(client.get("/api/intake/v1/applications"))
    assert [a["id"] for a in mine if a["implementation_code"] == CODE] == [created["id"]]

    clerk = sign_in(client, "clerk")
    ok(client.post(f"/api/intake/v1/applications/{created['id']}/accept", headers=clerk))
    approver = sign_in(client, "approver")
    ok(client.post(f"/api/intake/v1/applications/{created['id']}/decision", headers=approver,
                   json={"decision": "approved", "opinion": "准予许可"}))

    sign_in(client, "applicant")
    final = ok(client.get(f"/api/intake/v1/applications/{created['id']}"))
    assert final["state"] == "approved"
    assert final["version"] == 1 and final["materials"][0]["filename"] == "设计方案.pdf"
    assert final["decision"]["result_name"] == "建设工程设计方案审查意见"


def walk(client: httpx.Client, provincial_key: str) -> None:
    """The whole story."""
    standardize_and_review(client)
    public_and_provincial(client, provincial_key)
    apply_and_decide(client)
