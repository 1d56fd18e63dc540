"""The demo's jointly handled case (并联审批): the demo enterprise applies for
乡村建设规划许可证核发 (430103-01-0003, co-handled by 住房和城乡建设局 and
生态环境局), the window accepts it, and the housing bureau agrees with conditions while the
ecology bureau has yet to answer — so `approver-ecology` finds it to sign off and `approver`
(the lead) sees who has answered. By the public API as people would, once, in development."""

import time
from typing import Any

import httpx

from gateway.demo_cases import APPLICATIONS, FORM, checked, signed_in

CODE = "430103-01-0003"
NOTE = "演示：新建厂房三期（并联审批）"
FILE = ("乡村建设规划许可申请表.pdf", b"%PDF-1.4\n% demo joint application\n", "application/pdf")
CONDITIONS = "项目开工前须取得施工图设计文件审查合格书。"


def file_case(base_url: str, wait: float = 90) -> dict[str, Any] | None:
    """File, accept and half sign off the joint demo case (None when it is there already)."""
    enterprise = signed_in(base_url, "enterprise", wait)
    mine = enterprise.get(APPLICATIONS, params={"limit": 200}).json()
    if any(a["implementation_code"] == CODE for a in mine):
        return None
    _until(lambda: any(m.get("implementation_code") == CODE
                       for m in enterprise.get("/api/intake/v1/matters").json()), wait)
    case = checked(enterprise.post(APPLICATIONS, data={
        **FORM, "implementation_code": CODE, "note": NOTE}, files=[("materials", FILE)]))
    clerk = signed_in(base_url, "clerk", wait)
    checked(clerk.post(f"{APPLICATIONS}/{case['id']}/accept"))
    housing = signed_in(base_url, "approver-housing", wait)
    sign_offs = _until(lambda: [s for s in housing.get("/api/review/v1/signoffs").json()
                                if s["application_id"] == case["id"]], wait)
    checked(housing.post(f"/api/review/v1/signoffs/{sign_offs[0]['id']}/answer", json={
        "answer": "agreed_with_conditions", "remark": CONDITIONS}))
    return dict(case)


def _until(check: Any, wait: float) -> Any:
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        try:
            if found := check():
                return found
        except (httpx.HTTPError, ValueError):
            pass
        time.sleep(0.5)
    raise RuntimeError("the joint demo case did not move on in time")
