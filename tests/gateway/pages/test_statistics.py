"""The public statistics page and electronic supervision over real HTTP on the demo zone: a
year of closed cases reaches publish through the outbox; publish's reform metrics equal the
catalog's for the same date; supervisors see red and yellow cases, department heads their own."""

import time

import httpx

from tests.live import signed_in

SINCE = "2025-06-01"


def wait_for_the_year_of_cases(url: str, seconds: float = 60) -> dict:
    """Intake's demo history reaches publish through the outbox a few seconds after start."""
    deadline = time.monotonic() + seconds
    while True:
        body = httpx.get(f"{url}/api/publish/v1/statistics/figures", timeout=10).json()
        if body["totals"]["closed"] >= 240 or time.monotonic() > deadline:
            return body
        time.sleep(0.5)


def test_publish_reform_metrics_equal_the_catalogs_for_the_same_date(demo_url: str) -> None:
    supervisor, _ = signed_in(demo_url, "supervisor")
    catalog = supervisor.get("/api/catalog/v1/reform-metrics", params={"since": SINCE}).json()
    deadline = time.monotonic() + 60  # the last publications may still be on their way
    while True:
        public = httpx.get(f"{demo_url}/api/publish/v1/reform", params={"since": SINCE},
                           timeout=10).json()
        if public["totals"] == catalog["totals"] or time.monotonic() > deadline:
            break
        time.sleep(1)
    assert public["totals"] == catalog["totals"]
    assert public["totals"]["committed_days_cut"] == 53
    counted = {d["code"]: d for d in catalog["departments"] if d["matters_compared"]}
    assert {d["code"]: d for d in public["departments"]} == {
        code: department for code, department in counted.items()} | {
        d["code"]: d for d in public["departments"] if d["code"] not in counted}


def test_a_visitor_reads_the_statistics_without_signing_in(demo_url: str) -> None:
    figures = wait_for_the_year_of_cases(demo_url)
    assert figures["totals"]["closed"] == 240
    assert 0 < figures["totals"]["overdue_share"] < 0.2
    assert len(figures["months"]) >= 11 and figures["totals"]["ratings"] > 100
    page = httpx.get(f"{demo_url}/statistics", params={"since": SINCE}, timeout=10)
    assert page.status_code == 200
    for words in ("公开统计", "改革成效（自 2025-06-01 起）", "各事项实际用时", "各部门满意度",
                  "食品经营许可"):
        assert words in page.text
    assert page.text.count('role="img"') == 5 and page.text.count("<title id=") == 5
    assert 'href="/api/publish/v1/statistics/handling.csv"' in page.text
    csv = httpx.get(f"{demo_url}/api/publish/v1/statistics/handling.csv", timeout=10)
    assert csv.status_code == 200 and "食品经营许可" in csv.text
    wrong = httpx.get(f"{demo_url}/statistics", params={"since": "2025-13-01"}, timeout=10)
    assert wrong.status_code == 422 and "年-月-日" in wrong.text
    assert 'href="/statistics"' in httpx.get(demo_url, timeout=10).text


def test_supervisors_see_red_and_yellow_cases_and_department_heads_their_own(
        demo_url: str) -> None:
    supervisor, _ = signed_in(demo_url, "supervisor")
    page = supervisor.get("/supervision/cases")
    assert page.status_code == 200
    assert "红牌：已超期" in page.text and "黄牌：临近时限" in page.text
    assert "演示申请人" not in page.text
    red = supervisor.get("/api/intake/v1/supervision/cases", params={"colour": "red"}).json()
    assert len(red) == 8
    housing, _ = signed_in(demo_url, "approver-housing")
    own = housing.get("/api/intake/v1/supervision/cases", params={"colour": "all"}).json()
    assert len(own) == 6 and {c["department_code"] for c in own} == {"11430100707230300G"}
    case = supervisor.get(f"/supervision/cases/{red[0]['application_id']}")
    assert case.status_code == 200 and "红牌警告" in case.text
    clerk, _ = signed_in(demo_url, "clerk")
    assert clerk.get("/supervision/cases").status_code == 403
