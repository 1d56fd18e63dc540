"""`Idempotency-Key` on filings: a retried request gets the first answer, nothing new is made."""

import hashlib
import json
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from intake.models import Application, IdempotencyKey
from intake.schemas import NewMaterial
from kit.auth import Principal
from kit.clock import now
from kit.errors import Conflict, Invalid, NotFound


def fingerprint(*, code: str, on_behalf_of: str | None, note: str | None,
                materials: list[NewMaterial], extra: list[Any] | None = None) -> str:
    """One hash of everything the filing asks for, files (and their slots) included."""
    files = [[m.filename, m.content_type, m.sha256, m.slot] for m in materials]
    canonical = json.dumps([code, on_behalf_of, note, files, *(extra or [])],
                           ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


def replay(*, session: Session, principal: Principal, key: str,
           fingerprint: str) -> dict[str, Any] | None:
    """The first answer given to this key, if any."""
    first = session.get(IdempotencyKey, (principal.sub, key))
    if first is None:
        return None
    if first.fingerprint != fingerprint:
        raise Invalid("This Idempotency-Key was already used for a different application.")
    if first.response is None:
        raise Conflict("A request with this Idempotency-Key is still being processed.")
    return first.response


def claim(*, session: Session, principal: Principal, key: str, fingerprint: str) -> None:
    """Take the key for this request, inside the request's transaction."""
    # A concurrent request with the same key waits on the unique key, then lands here.
    try:
        with session.begin_nested():
            session.add(IdempotencyKey(subject=principal.sub, key=key, fingerprint=fingerprint,
                                       created_at=now()))
    except IntegrityError as exc:
        raise Conflict("A request with this Idempotency-Key is being processed; retry.") from exc


def remember(*, session: Session, principal: Principal, key: str, application: Application,
             answer: dict[str, Any]) -> None:
    """Keep the answer given, for the retries to come."""
    claimed = session.get(IdempotencyKey, (principal.sub, key))
    if claimed is None:
        raise NotFound("The idempotency key vanished.")  # cannot happen inside one transaction
    claimed.application_id, claimed.response = application.id, answer
    session.flush()
