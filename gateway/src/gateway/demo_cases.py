"""Demo cases: once the platform serves the demo zone, the demo enterprise files a few
applications and the window and the department move them on, by the public API as people
would, so the zone shows cases in several states with their documents (收件凭证, 补正告知书,
受理通知书, decisions) and a case number and query code to try on 办件查询. Only in
development, only once (when the enterprise has no application of that matter yet: the butler's
project and the rated cases of intake's own demo are of other matters)."""

import threading
import time
from collections.abc import Callable
from typing import Any

import httpx
import structlog

from gateway.demo import PASSWORD

log = structlog.get_logger()
CODE = "430103-01-0002"  # 建设工程规划许可证核发 (for enterprises)
FORM = {"implementation_code": CODE, "kind": "enterprise",
        "applicant_name": "长沙天心智造科技有限公司", "credit_code": "914301035T4L8D200D",
        "legal_representative": "王立", "phone": "0731-85551234", "confirm_incomplete": "true",
        "slots": "0"}
FILE = ("建设工程规划许可申请表.pdf", b"%PDF-1.4\n% demo application form\n", "application/pdf")
# (note, the steps after filing): each case stops in another state.
CASES: list[tuple[str, list[tuple[str, str, dict[str, Any] | None]]]] = [
    ("演示：新建厂房一期（待受理）", []),
    ("演示：新建厂房二期（待补正）", [("clerk", "corrections", {"items": [
        {"material": "使用土地的有关证明文件", "reason": "请提交不动产权证书复印件"}]})]),
    ("演示：研发楼（已受理）", [("clerk", "accept", None)]),
    ("演示：仓储中心（准予许可）", [("clerk", "accept", None),
                            ("approver", "decision", {"decision": "approved"})]),
    ("演示：临时展厅（不予许可）", [("clerk", "accept", None), ("approver", "decision", {
        "decision": "rejected", "opinion": "拟建位置位于控制性详细规划确定的绿地范围内。"})]),
]
APPLICATIONS = "/api/intake/v1/applications"


def in_background(name: str, load: Callable[[str], object], base_url: str) -> threading.Thread:
    """Run a demo loader (`load(base_url)`, by the API as people would) in a daemon thread once
    the platform answers; a failure is logged, never raised: the platform serves regardless."""

    def run() -> None:
        try:
            load(base_url)
        except (httpx.HTTPError, RuntimeError, KeyError, IndexError, StopIteration) as exc:
            log.warning("demo_not_loaded", loader=name, error=repr(exc))

    thread = threading.Thread(target=run, name=name, daemon=True)
    thread.start()
    return thread


def file_cases(base_url: str, wait: float = 90, once: bool = True) -> list[dict[str, Any]]:
    """File and move on the demo cases (`once`: none when the enterprise has some already)."""
    enterprise = signed_in(base_url, "enterprise", wait)
    mine = enterprise.get(APPLICATIONS, params={"limit": 200}).json()
    if once and any(a["implementation_code"] == CODE for a in mine):
        return []
    _wait_for_the_matter(enterprise, wait)
    staff = {name: signed_in(base_url, name, wait) for name in ("clerk", "approver")}
    filed = []
    for note, steps in CASES:
        case = checked(enterprise.post(APPLICATIONS, data={**FORM, "note": note},
                                        files=[("materials", FILE)]))
        for who, action, body in steps:
            checked(staff[who].post(f"{APPLICATIONS}/{case['id']}/{action}", json=body))
        log.info("demo_case", case_number=case["case_number"], query_code=case["query_code"],
                 note=note)
        filed.append(case)
    return filed


def signed_in(base_url: str, username: str, wait: float) -> httpx.Client:
    """A client signed in as a demo account, its CSRF token sent with every write."""
    client = httpx.Client(base_url=base_url, timeout=30)
    deadline = time.monotonic() + wait
    while True:
        try:
            answer = client.post("/api/auth/sign-in",
                                 json={"username": username, "password": PASSWORD})
            break
        except httpx.TransportError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)
    checked(answer)
    client.headers["X-CSRF-Token"] = answer.json()["csrf_token"]
    return client


def _wait_for_the_matter(client: httpx.Client, wait: float) -> None:
    """The demo matter reaches intake through the outbox a few seconds after start."""
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        matters = client.get("/api/intake/v1/matters")
        if matters.status_code == 200 and any(
                m.get("implementation_code") == CODE for m in matters.json()):
            return
        time.sleep(0.5)
    raise RuntimeError(f"matter {CODE} did not reach intake")


def checked(answer: httpx.Response) -> Any:
    """The answer's JSON; a refusal raised as a RuntimeError naming the request."""
    if answer.status_code >= 400:
        raise RuntimeError(f"{answer.request.method} {answer.request.url.path}: "
                           f"{answer.status_code} {answer.text[:200]}")
    return answer.json()
