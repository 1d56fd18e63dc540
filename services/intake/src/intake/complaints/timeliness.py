"""Every department's timeliness, from intake's own rows: cases decided by their due date,
accepted cases past it, rectifications closed on time."""

from collections import defaultdict

from sqlalchemy.orm import Session
from sqlmodel import col, select

from intake.complaints.schemas import Timeliness
from intake.models import Application, MatterVersion
from intake.models_feedback import Rectification
from intake.ratings.service import late
from kit.clock import china_date, china_today


def timeliness(*, session: Session) -> list[Timeliness]:
    """One row per department that has cases, the least timely first."""
    today = china_today()
    names = dict(session.execute(select(col(MatterVersion.department_code),
                                        col(MatterVersion.department_name))).tuples().all())
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for code in names:  # every department with a matter, even before its first case
        counts[code]["decided"] += 0
    for department, state, due, decided_at in session.execute(select(
            col(Application.department_code), col(Application.state),
            col(Application.due_date), col(Application.decided_at))).tuples():
        count = counts[department]
        if decided_at is not None:
            count["decided"] += 1
            count["on_time"] += due is None or china_date(decided_at) <= due
        elif state == "accepted" and due is not None and due < today:
            count["overdue"] += 1
    for row in session.execute(select(Rectification)).scalars():
        count = counts[row.department_code or "-"]
        count["rectifications"] += 1
        count["late" if late(row, today) else ("on_time_rect" if row.closed_at else "pending")] += 1
    rows = [_row(code, names.get(code, code), c) for code, c in counts.items()]
    return sorted(rows, key=lambda r: (r.on_time_share if r.on_time_share is not None else 1,
                                       -r.overdue_open, r.department_code))


def _row(code: str, name: str, count: dict[str, int]) -> Timeliness:
    decided = count["decided"]
    return Timeliness(
        department_code=code, department_name=name, decided=decided,
        decided_on_time=count["on_time"],
        on_time_share=round(count["on_time"] / decided, 3) if decided else None,
        overdue_open=count["overdue"], rectifications=count["rectifications"],
        rectifications_on_time=count["on_time_rect"], rectifications_late=count["late"])
