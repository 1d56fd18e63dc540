"""The history of an application: each state change recorded, and audited."""

from typing import Any

from sqlalchemy.orm import Session

from intake.documents import issue
from intake.models import Application, StateChange, audit
from kit import audit as audit_trail
from kit.clock import now


def transition(session: Session, application: Application, *, action: str, actor: str,
                to_state: str, changes: dict[str, Any] | None = None,
                details: dict[str, Any] | None = None) -> None:
    """Move to `to_state` with `changes`, and record the step."""
    before, from_state = _snapshot(application), application.state
    for name, value in (changes or {}).items():
        setattr(application, name, value)
    application.state, application.updated_at = to_state, now()
    record(session, application, action=action, actor=actor, from_state=from_state,
            before=before, details=details)


def record(session: Session, application: Application, *, action: str, actor: str,
            from_state: str | None, before: dict[str, Any] | None,
           details: dict[str, Any] | None = None) -> None:
    """The history row and the audit entry of one state change."""
    session.add(StateChange(application_id=application.id or 0, from_state=from_state,
                            to_state=application.state, at=application.updated_at, actor=actor))
    issue(session, application, details)
    session.flush()
    audit_trail.record(session, audit, actor=actor, action=f"application.{action}",
                       entity="application", entity_id=str(application.id),
                       before=before, after=_snapshot(application) | (details or {}))


def _snapshot(application: Application) -> dict[str, Any]:
    due = application.due_date.isoformat() if application.due_date else None
    return {"state": application.state, "due_date": due, "decision": application.decision,
            "opinion": application.opinion}
