"""The provincial contract: basic-catalog batches, the change feed, anomalies (no FastAPI)."""

import base64
import binascii
from typing import Any

from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlmodel import col

from catalog.matters import repository
from catalog.matters.service import document
from catalog.models import BaseCatalogEntry, FeedEntry, Matter, MatterVersion, audit
from catalog.pilots import service as pilots
from catalog.sync.models import Anomaly, SyncBatch
from catalog.sync.schemas import AnomalyIn, BaseCatalogBatch, BaseCatalogItem
from kit.audit import record
from kit.clock import now
from kit.errors import Invalid, NotFound, TooLarge, validation_errors

CURSOR_PREFIX = "feed:"
MAX_BATCH_ITEMS = 5000


def push_batch(*, session: Session, batch: BaseCatalogBatch) -> dict[str, Any]:
    """Apply a basic-catalog batch once: the same batch_id again returns the first response."""
    seen = session.get(SyncBatch, batch.batch_id)
    if seen is not None:
        return seen.response
    if len(batch.items) > MAX_BATCH_ITEMS:
        raise TooLarge(f"A batch holds at most {MAX_BATCH_ITEMS} items.")
    applied = SyncBatch(batch_id=batch.batch_id, response={}, received_at=now())
    session.add(applied)
    session.flush()  # a concurrent twin fails here, before anything is applied
    applied.response = apply_batch(session=session, batch_id=batch.batch_id, items=batch.items)
    record(session, audit, actor="provincial_system", action="base_catalog.batch_received",
           entity="sync_batch", entity_id=batch.batch_id,
           after={"items": len(batch.items), "accepted": applied.response["accepted"],
                  "rejected": len(applied.response["rejected"])})
    return applied.response


def apply_batch(*, session: Session, batch_id: str, items: list[Any]) -> dict[str, Any]:
    """Apply every valid item; report the invalid ones by index."""
    rejected, accepted = [], 0
    for index, raw in enumerate(items):
        try:
            item = BaseCatalogItem.model_validate(raw)
        except ValidationError as exc:
            rejected.append({"index": index, "errors": validation_errors(exc)})
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
    """The opaque cursor of a feed position."""
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


def feed_page(*, session: Session, cursor: str | None, limit: int) -> dict[str, Any]:
    """The publications and cancellations after `cursor`, oldest first; while the rollout is
    off, only those the pilot setting lets through (see catalog.pilots.service)."""
    after = decode_cursor(cursor)
    rows = list(session.scalars(select(FeedEntry)
                                .where(col(FeedEntry.seq) > after,
                                       pilots.feed_visible(session=session))
                                .order_by(col(FeedEntry.seq)).limit(limit)))
    last = rows[-1].seq if rows else after
    return {"items": [{"operation": r.operation, "matter": r.document} for r in rows],
            "next_cursor": encode_cursor(last or 0)}


def _published(session: Session, matter: Matter, version: int) -> MatterVersion | None:
    return session.scalars(select(MatterVersion).where(
        col(MatterVersion.matter_id) == matter.id, col(MatterVersion.version) == version,
        col(MatterVersion.published_at).is_not(None))).first()


def published_document(*, session: Session, code: str, version: int | None) -> dict[str, Any]:
    """The current published document, or a given published version; 404 otherwise, and
    404 for a department that is not a pilot while the rollout is off."""
    matter = repository.find_matter(session=session, code=code)
    if matter is None or (version is None and (matter.current_version is None
                                               or matter.cancelled_at is not None)):
        raise NotFound(f"No published matter {code!r}.")
    if not pilots.released_to_province(session=session, department_code=matter.department_code):
        raise NotFound(f"No published matter {code!r}.")
    wanted = version if version is not None else matter.current_version
    row = _published(session, matter, wanted) if wanted is not None else None
    if row is None:
        raise NotFound(f"Matter {code!r} has no published version {wanted}.")
    return document(row)


def receive_anomaly(*, session: Session, anomaly: AnomalyIn) -> dict[str, str]:
    """Record an anomaly in the owning department's to-do list, once per anomaly_id."""
    if session.get(Anomaly, anomaly.anomaly_id) is None:
        matter = repository.find_matter(session=session, code=anomaly.implementation_code)
        if matter is None or _published(session, matter, anomaly.version) is None:
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
