"""办件编号: zone, day, sequence; unique even when filings race; a short query code."""

import re
import threading
from datetime import date

from fastapi.testclient import TestClient

from intake import numbers
from kit.db import Database
from tests.intake.conftest import API, APPLICANT, filed


def test_every_application_gets_the_next_number_of_its_day_and_a_query_code(
        published: TestClient) -> None:
    first, second = filed(published), filed(published)
    shown = [published.get(f"{API}/applications/{i}", headers=APPLICANT).json()
             for i in (first, second)]
    pattern = re.compile(r"^430103-\d{8}-(\d{5})$")
    sequences = [int(pattern.match(a["case_number"]).group(1)) for a in shown]  # type: ignore[union-attr]
    assert sequences == [1, 2]
    assert all(re.fullmatch(r"[2-9A-HJKMNP-Z]{6}", a["query_code"]) for a in shown)
    assert shown[0]["query_code"] != shown[1]["query_code"]


def test_concurrent_filings_never_share_a_number(db_url: str) -> None:
    db = Database(db_url, "intake")
    taken: list[str] = []
    day = date(2026, 12, 1)

    def take() -> None:
        for _ in range(5):
            with db.session() as session:
                taken.append(numbers.next_case_number(session=session, zone="430103", day=day))

    workers = [threading.Thread(target=take) for _ in range(4)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    db.dispose()
    assert sorted(taken) == [f"430103-20261201-{n:05d}" for n in range(1, 21)]
