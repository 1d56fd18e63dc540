"""Progress reports: generated now or by the loop at a period's end, archived, compared with the
report before, switched from monthly to weekly, downloaded as PDF and Excel."""

from datetime import date
from io import BytesIO

from fastapi.testclient import TestClient
from openpyxl import load_workbook

from kit.db import Database
from publish.reports import service
from tests.publish.progress.conftest import HEALTH_EDITOR, LEADER, SUPERVISOR, Move

REPORTS = "/api/publish/v1/reports"


def run_loop(db_url: str, today: date) -> list[int]:
    db = Database(db_url, "publish")
    try:
        with db.session() as session:
            return service.run_once(session=session, today=today)
    finally:
        db.dispose()


def test_the_loop_archives_each_month_once_and_compares_it_with_the_one_before(
        client: TestClient, move: Move, db_url: str) -> None:
    move("P-01", ("draft", "2026-04-01"), ("published", "2026-05-20"))
    move("P-02", ("draft", "2026-04-01"), ("published", "2026-06-10"))
    assert len(run_loop(db_url, date(2026, 6, 1))) == 1  # May
    assert run_loop(db_url, date(2026, 6, 15)) == [run_loop(db_url, date(2026, 6, 16))[0]]
    run_loop(db_url, date(2026, 7, 1))  # June

    archive = client.get(REPORTS, headers=SUPERVISOR).json()
    assert archive["cadence"] == "monthly"
    assert [r["period_start"] for r in archive["items"]] == ["2026-06-01", "2026-05-01"]
    june = client.get(f"{REPORTS}/{archive['items'][0]['id']}", headers=SUPERVISOR).json()
    assert june["figures"]["totals"]["published_share"] == 1.0
    assert june["changes"]["totals"]["published_share"] == 0.5
    assert june["previous"]["period_start"] == "2026-05-01"


def test_a_leader_switches_to_weekly_and_generates_the_current_week(
        client: TestClient, move: Move) -> None:
    move("P-01", ("draft", "2026-04-01"))
    assert client.put(f"{REPORTS}/cadence", headers=SUPERVISOR,
                      json={"cadence": "weekly"}).status_code == 403
    switched = client.put(f"{REPORTS}/cadence", headers=LEADER, json={"cadence": "weekly"})
    assert switched.status_code == 200

    report = client.post(f"{REPORTS}/generate", headers=LEADER).json()
    again = client.post(f"{REPORTS}/generate", headers=LEADER).json()

    assert (report["cadence"], report["partial"]) == ("weekly", True)
    assert date.fromisoformat(report["period_start"]).weekday() == 0
    assert again["id"] == report["id"]  # the period so far, made again
    pdf = client.get(f"{REPORTS}/{report['id']}/pdf", headers=SUPERVISOR)
    assert pdf.headers["content-type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    xlsx = client.get(f"{REPORTS}/{report['id']}/xlsx", headers=SUPERVISOR)
    book = load_workbook(BytesIO(xlsx.content))
    assert book.sheetnames == ["进度", "标记", "督办", "审核工作量"]
    assert book["进度"]["A3"].value == "自然资源和规划局"
    assert client.get(REPORTS, headers=HEALTH_EDITOR).status_code == 403
    assert client.get(f"{REPORTS}/999", headers=LEADER).status_code == 404
