"""The provincial contract: basic-catalog batches, the change feed, anomalies."""

import base64
import binascii
from typing import Any

from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from catalog.legal.changes import revision_tasks
from catalog.models import Anomaly, BaseCatalogEntry, FeedEntry, Matter, MatterVersion, audit
from catalog.pilots import service as pilots
from catalog.schemas import AnomalyIn, BaseCatalogItem
from catalog.service import document
from kit.audit import record
from kit.clock import now
from kit.errors import Invalid, NotFound

CURSOR_PREFIX = "feed:"


def item_errors(exc: ValidationError) -> list[dict[str, Any]]:
    return [{"loc": list(e["loc"]), "msg": e["msg"]} for e in exc.errors()]


def apply_batch(session: Session, *, batch_id: str, items: list[Any]) -> dict[str, Any]:
    """Apply every valid item; report the invalid ones by index."""
    rejected, accepted = [], 0
    for index, raw in enumerate(items):
        try:
            item = BaseCatalogItem.model_validate(raw)
        except ValidationError as exc:
            rejected.append({"index": index, "errors": item_errors(exc)})
            continue
        _apply_item(session, item)
        accepted += 1
    return {"batch_id": batch_id, "accepted": accepted, "rejected": rejected}


def _apply_item(session: Session, item: BaseCatalogItem) -> None:
    entry = session.get(BaseCatalogEntry, item.basic_code)
    if entry is None:
        entry = BaseCatalogEntry(basic_code=item.basic_code, name=item.name,
                                 matter_type=item.matter_type,
                                 exercise_level=item.exercise_level, updated_at=now())
        session.add(entry)
    entry.name, entry.matter_type = item.name, item.matter_type
    entry.exercise_level, entry.updated_at = item.exercise_level, now()
    entry.cancelled = item.operation == "cancel"
    if item.legal_basis:
        entry.legal_basis = [b.model_dump() for b in item.legal_basis]
    session.flush()


def encode_cursor(seq: int) -> str:
    return base64.urlsafe_b64encode(f"{CURSOR_PREFIX}{seq}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str | None) -> int:
    """The feed position a cursor names; 422 for anything we did not issue."""
    if not cursor:
        return 0
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        if not raw.startswith(CURSOR_PREFIX):
            raise ValueError(raw)
        seq = int(raw[len(CURSOR_PREFIX):])
        if seq < 0:
            raise ValueError(raw)
    except (ValueError, binascii.Error, UnicodeDecodeError) as exc:
        raise Invalid("The cursor is not one this feed issued.",
                      errors=[{"loc": ["query", "cursor"], "msg": "invalid cursor"}]) from exc
    return seq


def feed_page(session: Session, *, cursor: str | None, limit: int) -> dict[str, Any]:
    """The publications and cancellations after `cursor`, oldest first; while the rollout is
    off, only those the pilot setting lets through (see catalog.pilots.service)."""
    after = decode_cursor(cursor)
    rows = list(session.scalars(select(FeedEntry).where(FeedEntry.seq > after,
                                                        pilots.feed_visible(session))
                                .order_by(FeedEntry.seq).limit(limit)))
    last = rows[-1].seq if rows else after
    return {"items": [{"operation": r.operation, "matter": r.document} for r in rows],
            "next_cursor": encode_cursor(last or 0)}


def published_document(session: Session, *, code: str, version: int | None) -> dict[str, Any]:
    """The current published document, or a given published version; 404 otherwise, and
    404 for a department that is not a pilot while the rollout is off."""
    matter = session.scalars(select(Matter).where(Matter.implementation_code == code)).first()
    if matter is None or (version is None and (matter.current_version is None
                                               or matter.cancelled_at is not None)):
        raise NotFound(f"No published matter {code!r}.")
    if not pilots.released_to_province(session, department_code=matter.department_code):
        raise NotFound(f"No published matter {code!r}.")
    wanted = version if version is not None else matter.current_version
    row = session.scalars(select(MatterVersion).where(
        MatterVersion.matter_id == matter.id, MatterVersion.version == wanted,
        MatterVersion.published_at.is_not(None))).first()  # type: ignore[union-attr]
    if row is None:
        raise NotFound(f"Matter {code!r} has no published version {wanted}.")
    return document(matter, row)


def receive_anomaly(session: Session, *, anomaly: AnomalyIn) -> dict[str, str]:
    """Record an anomaly in the owning department's to-do list, once per anomaly_id."""
    if session.get(Anomaly, anomaly.anomaly_id) is None:
        matter = session.scalars(select(Matter).where(
            Matter.implementation_code == anomaly.implementation_code)).first()
        published = matter and session.scalars(select(MatterVersion).where(
            MatterVersion.matter_id == matter.id, MatterVersion.version == anomaly.version,
            MatterVersion.published_at.is_not(None))).first()  # type: ignore[union-attr]
        if not published:
            raise Invalid("Unknown implementation_code or version.",
                          errors=[{"loc": ["body", "implementation_code"],
                                   "msg": "no such published matter version"}])
        session.add(Anomaly(anomaly_id=anomaly.anomaly_id, version=anomaly.version,
                            implementation_code=anomaly.implementation_code,
                            department_code=matter.department_code, field=anomaly.field,
                            message=anomaly.message, severity=anomaly.severity,
                            received_at=now()))
        session.flush()
        record(session, audit, actor="provincial_system", action="anomaly.received",
               entity="anomaly", entity_id=anomaly.anomaly_id, after=anomaly.model_dump())
    return {"anomaly_id": anomaly.anomaly_id, "status": "received"}


def department_todo(session: Session, *, department: str | None) -> dict[str, Any]:
    """Open anomalies, returned versions and legal-basis revision tasks of a department (all
    departments for None)."""
    anomalies = select(Anomaly).where(Anomaly.status == "open").order_by(Anomaly.received_at)
    returned = (select(Matter, MatterVersion).join(MatterVersion,
                                                   MatterVersion.matter_id == Matter.id)
                .where(MatterVersion.state == "returned").order_by(MatterVersion.updated_at))
    if department is not None:
        anomalies = anomalies.where(Anomaly.department_code == department)
        returned = returned.where(Matter.department_code == department)
    return {
        "anomalies": [a.model_dump(mode="json") for a in session.scalars(anomalies)],
        "returned": [{"implementation_code": m.implementation_code, "name": m.name,
                      "version": v.version, "feedback": v.feedback}
                     for m, v in session.execute(returned).tuples()],
        "revisions": revision_tasks(session, department=department),
    }


def resolve_anomaly(session: Session, *, anomaly_id: str, answer: str, actor: str,
                    department: str | None) -> Anomaly:
    """Close an anomaly with a written answer (or a reference to the new version)."""
    anomaly = session.get(Anomaly, anomaly_id)
    if anomaly is None or (department is not None and anomaly.department_code != department):
        raise NotFound(f"No anomaly {anomaly_id!r} is visible to you.")
    before = anomaly.model_dump(mode="json")
    anomaly.status, anomaly.resolution = "resolved", answer
    session.flush()
    record(session, audit, actor=actor, action="anomaly.resolved", entity="anomaly",
           entity_id=anomaly_id, before=before, after=anomaly.model_dump(mode="json"))
    return anomaly
