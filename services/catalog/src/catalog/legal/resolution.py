"""Revision tasks close by themselves when the department submits or publishes a version that
no longer rests on the changed text.

Versions change state in catalog.service (and the scheduler); rather than reach into each of
those, this module listens: a version's state set to submitted or published is noted on its
session, and just before that session commits, the matter's open tasks are checked against
the version, in the same transaction.
"""

from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Session, object_session

from catalog.legal.changes import resolve_by_version
from catalog.models import MatterVersion

PENDING = "catalog.legal.versions_to_check"
RESOLVING_STATES = {"submitted", "published"}


@event.listens_for(MatterVersion.state, "set")
def _note_version(target: MatterVersion, value: Any, old: Any, _: Any) -> None:
    if value in RESOLVING_STATES and value != old:
        session = object_session(target)
        if session is not None:
            session.info.setdefault(PENDING, []).append(target)


@event.listens_for(Session, "before_commit")
def _check_versions(session: Session) -> None:
    rows = session.info.pop(PENDING, None)
    if not rows:
        return
    session.flush()
    for row in rows:
        if row.state in RESOLVING_STATES:
            resolve_by_version(session, row=row)
    session.flush()


@event.listens_for(Session, "after_rollback")
def _forget_versions(session: Session) -> None:
    session.info.pop(PENDING, None)
