"""The demo's joint review (联合审核): five departments' revised standards in every state of the
review, moved on by the public API as the people would — the editors submit, the guidance group
checks, the lead of G1 assigns parts and rules on a conflict, reviewers record opinions, the
department answers point by point. Once per matter (a matter already having a version under way
is left alone), only in development."""

import time
from typing import Any

import httpx
import structlog

from gateway.demo_cases import checked, signed_in

log = structlog.get_logger()
CATALOG = "/api/catalog/v1/matters"
REVIEW = "/api/review/v1"

PRECHECK = "430103-01-0004"  # 建设项目用地预审与选址意见书核发: awaiting the preliminary check
OPEN = "430103-07-0005"  # 建设工程规划条件核实: in G1, parts with named reviewers
RETURNED = "430103-01-0007"  # 商品房预售许可: returned, its conflict ruled by the lead
ROUND_TWO = "430103-07-0008"  # 建设工程竣工验收备案: answered point by point, round 2 open
APPROVED = "430103-01-0006"  # 建筑工程施工许可证核发: approved
CODES = (PRECHECK, OPEN, RETURNED, ROUND_TWO, APPROVED)
EDITORS = {PRECHECK: "editor", OPEN: "editor", RETURNED: "editor-housing",
           ROUND_TWO: "editor-housing", APPROVED: "editor-housing"}
COMMITTED = {PRECHECK: 6, OPEN: 4, RETURNED: 8, ROUND_TWO: 4, APPROVED: 2}
RULING = "施工许可证已纳入部门间数据共享，按“减材料”要求不再由申请人提交。"
EXPLAINED = "竣工验收备案表是备案的法定格式文书，须由建设单位签章，暂不能由系统生成。"


def review_cases(base_url: str, wait: float = 90) -> dict[str, int]:
    """Submit and move on each demo matter not under way yet; the case ids by matter code."""
    people = {name: signed_in(base_url, name, wait) for name in (
        "editor", "editor-housing", "guidance", "lead", "reviewer", "g1r1", "g1r2")}
    done: dict[str, int] = {}
    reviewed = {c["implementation_code"] for c in checked(people["lead"].get(f"{REVIEW}/cases"))}
    for code in CODES:
        editor = people[EDITORS[code]]
        matter = checked(editor.get(f"{CATALOG}/{code}"))
        if code in reviewed or matter["latest_state"] != "published":
            continue  # reviewed or under way already: a second start adds nothing
        version = _submit_revision(editor, code, COMMITTED[code])
        case = _until(lambda c=code, v=version: _case(people["lead"], c, v), wait)
        if code != PRECHECK:
            checked(people["guidance"].post(f"{REVIEW}/preliminary/cases/{case}/check",
                                             json={"result": "passed"}))
            case = _until(lambda c=case: _opened(people["lead"], c), wait)
        STEPS[code](people, case, code, version, wait)
        log.info("demo_review_case", implementation_code=code, case=case)
        done[code] = case
    return done


def _open_case(people: dict[str, httpx.Client], case: int, code: str, version: int,
               wait: float) -> None:
    _assign(people, case, {"materials": "g1r1", "time_limits": "g1r2", "conditions": "reviewer"})
    _opinion(people["g1r1"], case, "materials[0]", "reasonableness", "suggestion",
             "申请表可由系统根据竣工测量成果自动生成，建议改为在线填报。")


def _returned(people: dict[str, httpx.Client], case: int, code: str, version: int,
              wait: float) -> None:
    _assign(people, case, {"materials": "reviewer", "time_limits": "g1r1"})
    delete = _opinion(people["reviewer"], case, "materials[2]", "legality", "must_fix",
                      "施工许可证由住房和城乡建设局核发，可通过部门共享获取，应删除。",
                      proposal="delete")
    _opinion(people["g1r1"], case, "materials[2]", "compliance", "must_fix",
             "预售许可需核验施工许可证原件，建议保留。", proposal="keep")
    _opinion(people["g1r1"], case, "committed_limit", "reasonableness", "suggestion",
             "承诺时限可进一步压减至 5 个工作日。", proposal="change", value="5")
    checked(people["lead"].post(f"{REVIEW}/cases/{case}/conflicts", json={
        "element": "materials[2]", "chosen_opinion_id": delete, "note": RULING}))
    checked(people["lead"].post(f"{REVIEW}/cases/{case}/feedback", json={
        "decision": "returned", "summary": "请按以下两点修改后重新提交。"}))


def _round_two(people: dict[str, httpx.Client], case: int, code: str, version: int,
               wait: float) -> None:
    _assign(people, case, {"materials": "reviewer", "time_limits": "g1r1"})
    _opinion(people["reviewer"], case, "materials[0]", "reasonableness", "must_fix",
             "备案表内容可由系统根据竣工验收报告生成，应删除。", proposal="delete")
    _opinion(people["g1r1"], case, "committed_limit", "reasonableness", "must_fix",
             "承诺时限应压减至 3 个工作日。", proposal="change", value="3")
    checked(people["lead"].post(f"{REVIEW}/cases/{case}/feedback", json={
        "decision": "returned", "summary": "请逐点答复后重新提交。"}))
    editor = people[EDITORS[code]]
    sheet = f"{CATALOG}/{code}/versions/{version}/answers"
    points = _until(lambda: checked(editor.get(sheet))["points"], wait)
    _revise(editor, code, version, 3)
    for point in points:
        element = point["point"]["element"]
        answer = ({"kind": "revised", "element": element} if element == "committed_limit"
                  else {"kind": "explained", "reason": EXPLAINED})
        checked(editor.put(f"{sheet}/{point['number']}", json=answer))
    checked(editor.post(f"{CATALOG}/{code}/versions/{version}/submit"))
    _until(lambda: [c for c in checked(people["lead"].get(f"{REVIEW}/cases"))
                    if c["implementation_code"] == code and c["round"] == 2], wait)


def _approved(people: dict[str, httpx.Client], case: int, code: str, version: int,
              wait: float) -> None:
    _assign(people, case, {"materials": "g1r2", "time_limits": "g1r2"})
    _opinion(people["g1r2"], case, "committed_limit", "reasonableness", "suggestion",
             "压减后的承诺时限合理，同意。")
    checked(people["lead"].post(f"{REVIEW}/cases/{case}/feedback", json={
        "decision": "approved", "summary": "标准符合要求，同意通过。"}))


STEPS: dict[str, Any] = {PRECHECK: lambda *_: None, OPEN: _open_case, RETURNED: _returned,
                         ROUND_TWO: _round_two, APPROVED: _approved}


def _submit_revision(editor: httpx.Client, code: str, committed: int) -> int:
    """A new version with a shorter committed limit, submitted; its number."""
    draft = checked(editor.post(f"{CATALOG}/{code}/versions"))
    _revise(editor, code, draft["version"], committed)
    checked(editor.post(f"{CATALOG}/{code}/versions/{draft['version']}/submit"))
    return int(draft["version"])


def _revise(editor: httpx.Client, code: str, version: int, committed: int) -> None:
    """Save the version with `committed` working days (the longest steps shortened)."""
    answer = editor.get(f"{CATALOG}/{code}/versions/{version}")
    standard = checked(answer)["standard"]
    steps = [dict(step) for step in standard["steps"]]
    while steps and sum(step["limit"] for step in steps) > committed:
        max(steps, key=lambda step: step["limit"])["limit"] -= 1
    standard |= {"committed_limit": committed, "steps": steps}
    checked(editor.put(f"{CATALOG}/{code}/versions/{version}", json=standard,
                        headers={"If-Match": answer.headers["etag"]}))


def _assign(people: dict[str, httpx.Client], case: int, parts: dict[str, str]) -> None:
    checked(people["lead"].put(f"{REVIEW}/cases/{case}/assignments", json={"parts": parts}))


def _opinion(client: httpx.Client, case: int, element: str, aspect: str, severity: str,
             text: str, **proposal: str) -> int:
    body = {"element": element, "aspect": aspect, "severity": severity, "text": text, **proposal}
    return int(checked(client.post(f"{REVIEW}/cases/{case}/opinions", json=body))["id"])


def _case(lead: httpx.Client, code: str, version: int) -> int | None:
    cases = checked(lead.get(f"{REVIEW}/cases"))
    return next((c["id"] for c in cases
                 if c["implementation_code"] == code and c["version"] == version), None)


def _opened(lead: httpx.Client, case: int) -> int | None:
    return case if checked(lead.get(f"{REVIEW}/cases/{case}"))["state"] == "open" else None


def _until(check: Any, wait: float) -> Any:
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        try:
            if found := check():
                return found
        except (httpx.HTTPError, RuntimeError):
            pass
        time.sleep(0.5)
    raise RuntimeError("the demo review cases did not move on in time")
