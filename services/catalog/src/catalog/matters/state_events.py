"""`matter_version.state_changed`: every move of a version from one state to another, told to
publish (standardization progress per department). The demo loader writes a back-dated history
of its own instead, and silences these while it loads (`QUIET`)."""

from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from catalog.models import Department, Matter, MatterVersion, outbox
from kit.outbox import emit

EVENT = "matter_version.state_changed"
QUIET = "state_history_written_by_demo"  # a session flag: the demo emits its own history


def payload(*, matter: Matter, version: int, department: tuple[str, str], before: str | None,
            to: str, at: datetime) -> dict[str, Any]:
    """The event's payload (contract: docs/internal-contracts.md)."""
    code, name = department
    return {"implementation_code": matter.implementation_code, "name": matter.name,
            "department": {"code": code, "name": name}, "version": version,
            "from_state": before, "to_state": to, "at": at.isoformat()}


def state_changed(session: Session, *, matter: Matter, row: MatterVersion, before: str | None,
                  at: datetime) -> None:
    """Tell publish that `row` went from `before` (None: it was just written) to its state."""
    if session.info.get(QUIET):
        return
    department = session.get(Department, matter.department_code)
    name = department.name if department else matter.department_code
    emit(session, outbox, event_type=EVENT, destinations=["publish"],
         payload=payload(matter=matter, version=row.version, before=before, to=row.state,
                         department=(matter.department_code, name), at=at))
