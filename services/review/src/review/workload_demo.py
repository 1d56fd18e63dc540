"""The demo zone's year of review workload, told to publish as back-dated `review.workload`
events: each demo matter's rounds (one, or more when catalog's demo returned it: the same rule
as catalog.matters.history_demo.returns), concluded by its group over the past twelve months."""

from datetime import datetime, time, timedelta
from typing import Any

from sqlalchemy.orm import Session

from kit.clock import CHINA, china_today
from kit.outbox import emit
from review import demo_reviewers
from review.models import outbox
from review.workload import EVENT

# The demo matters' types (catalog's demo_data order): their implementation codes.
TYPES = ("01 01 01 01 07 01 01 07 10 01 01 01 07 07 01 07 01 01 01 01 20 05 01 10 07 01 01 01 "
         "01 10 01 01 20 20")
FIRST_CASE = 900_000  # above any real case of the demo zone: publish keeps rounds by case id
DEPARTMENTS = [  # the demo matters 1..34 by department, in catalog's demo order, and its group
    (range(1, 6), "11430100707230200T", "自然资源和规划局", "G1"),
    (range(6, 11), "11430100707230300G", "住房和城乡建设局", "G1"),
    (range(11, 17), "114301007072304006", "市场监督管理局", "G2"),
    (range(17, 21), "11430100707230500U", "生态环境局", "G2"),
    (range(21, 26), "11430100707230600H", "人力资源和社会保障局", "G3"),
    (range(26, 30), "114301007072307007", "卫生健康局", "G3"),
    (range(30, 35), "114301007072301005", "经济发展局", "G1")]


def returns(index: int) -> int:
    """How many times catalog's demo returned matter `index` (its TWICE and every fourth)."""
    return 2 if index in {7, 15, 24} else int(index % 4 == 0)


def rounds(index: int, code: str, name: str, group: str) -> list[dict[str, Any]]:
    """The workload payloads of one demo matter's rounds."""
    members = demo_reviewers.GROUPS[group]
    lead, others = members[0], members[1:]
    found = []
    for number in range(1, returns(index) + 2):
        last = number == returns(index) + 1
        ago = max(20, 330 - (index * 9) % 300 - 18 * (returns(index) + 1 - number))
        day = china_today() - timedelta(days=ago)
        pair = [others[(index + k) % len(others)] for k in (0, 1)]
        found.append({
            "case_id": FIRST_CASE + index * 10 + number, "round": number, "group": group,
            "implementation_code": f"430103-{TYPES.split()[index - 1]}-{index:04d}",
            "version": 1, "department": {"code": code, "name": name},
            "decision": "approved" if last else "returned",
            "concluded_at": datetime.combine(day, time(16, 0), tzinfo=CHINA).isoformat(),
            "elements": 18 + index % 6 if number == 1 else 3 + index % 4,
            "characters": 2500 + (index * 337) % 4000 if number == 1 else 600 + index * 7,
            "reviewers": [{"reviewer": lead[0], "name": lead[1], "opinions": 0, "elements": 0},
                          *({"reviewer": r[0], "name": r[1], "elements": 2 + (index + k) % 5,
                             "opinions": 0 if last else 1 + (index + k) % 3}
                            for k, r in enumerate(pair))]})
    return found


def load(session: Session) -> int:
    """Emit the year's workload to publish; the number of rounds told."""
    told = 0
    for indexes, code, name, group in DEPARTMENTS:
        for index in indexes:
            for body in rounds(index, code, name, group):
                emit(session, outbox, event_type=EVENT, destinations=["publish"], payload=body)
                told += 1
    return told
