"""The public read model: apply published and cancelled matters, answer the public lists."""

import hashlib
import json
from typing import Any

from sqlalchemy.orm import Session

from kit.audit import record
from kit.clock import now
from kit.errors import NotFound
from kit.reads import Reader
from publish import repository
from publish.models import MatterCancellation, PublicMatter, PublishedVersion, audit
from publish.reform import lint
from publish.schemas import (
    CancelledEvent,
    DepartmentCount,
    DepartmentList,
    GuideVersion,
    MatterTypeCount,
    PublishedEvent,
    PublishedMatter,
    Statistics,
    WindowCount,
)
from publish.search import index as search_index

ACTOR = "catalog"  # both events publish applies come from catalog's outbox


def on_published(*, session: Session, event: PublishedEvent) -> None:
    """`matter_version.published`: a new version joins the lists (or history, if older)."""
    window = event.window.model_dump() if event.window else None
    apply_publication(session=session, matter=event.matter, document=event.document,
                      jsonld=event.jsonld, window=window)
    lint.keep(session=session, code=event.matter.implementation_code,
              version=event.matter.version, lint=event.lint)


def on_cancelled(*, session: Session, event: CancelledEvent) -> None:
    """`matter.cancelled`: the matter leaves the lists and stays in history as cancelled."""
    apply_cancellation(session=session, event=event)


def apply_publication(*, session: Session, matter: PublishedMatter,
                      document: dict[str, Any], jsonld: dict[str, Any] | None = None,
                      window: dict[str, Any] | None = None) -> str:
    """Keep a published version in history; make it current unless something newer is held."""
    code = matter.implementation_code
    held = repository.current(session=session, code=code, lock=True)
    tomb = repository.cancellation(session=session, code=code)
    cancelled = tomb.cancelled_at if tomb and tomb.version == matter.version else None
    _archive(session, matter, document, cancelled_at=cancelled)
    if (held and held.version > matter.version) or (tomb and tomb.version >= matter.version):
        _audit(session, "guide.archived", code, held, matter.version)
        return "archived"
    before = held.version if held else None
    body, etag = guide_answer(document=document, department_name=matter.department.name,
                              hall_window=window, version=matter.version)
    columns = _flatten(matter, document) | {"jsonld": jsonld, "hall_window": window,
                                            "guide": body, "guide_etag": etag}
    if held is None:
        session.add(PublicMatter(**columns))
    else:
        for name, value in columns.items():
            setattr(held, name, value)
    session.flush()
    search_index.index(session=session, document=document, department_name=matter.department.name)
    _audit(session, "guide.published", code, before, matter.version)
    return "published"


def _archive(session: Session, matter: PublishedMatter, document: dict[str, Any], *,
             cancelled_at: Any) -> None:
    if repository.history_row(session=session, code=matter.implementation_code,
                              version=matter.version):
        return
    session.add(PublishedVersion(
        implementation_code=matter.implementation_code, version=matter.version,
        document=document, published_at=matter.published_at, received_at=now(),
        cancelled_at=cancelled_at))


def _flatten(matter: PublishedMatter, document: dict[str, Any]) -> dict[str, Any]:
    code = matter.implementation_code
    return {
        "implementation_code": code, "version": matter.version, "name": matter.name,
        "search_text": repository.search_text(name=matter.name, implementation_code=code),
        "matter_type": matter.matter_type, "department_code": matter.department.code,
        "department_name": matter.department.name, "window": matter.window,
        "committed_limit": matter.committed_limit, "statutory_limit": matter.statutory_limit,
        "limit_unit": matter.limit_unit, "online": matter.channels.online,
        "onsite_visits": matter.channels.onsite_visits, "published_at": matter.published_at,
        "document": document, "updated_at": now()}


def guide_answer(*, document: dict[str, Any], department_name: str,
                 hall_window: dict[str, Any] | None, version: int) -> tuple[bytes, str]:
    """The guide as the API answers it, serialized once when it is published rather than on
    every read, and its strong ETag: the version and the bytes' digest."""
    answer = {**document, "department_name": department_name, "hall_window": hall_window}
    body = json.dumps(answer, ensure_ascii=False, allow_nan=False,
                      separators=(",", ":")).encode()
    return body, f'"v{version}-{hashlib.sha256(body).hexdigest()[:32]}"'


def apply_cancellation(*, session: Session, event: CancelledEvent) -> str:
    """Take a matter off the lists, remember the cancellation and mark it in history."""
    code = event.implementation_code
    _remember_cancellation(session, event)
    version = repository.history_row(session=session, code=code, version=event.version)
    if version is not None and version.cancelled_at is None:
        version.cancelled_at = event.cancelled_at
    held = repository.current(session=session, code=code, lock=True)
    if held is None or held.version > event.version:
        _audit(session, "guide.cancellation_ignored", code, held, event.version)
        return "ignored"
    session.delete(held)
    search_index.drop(session=session, code=code)
    session.flush()
    _audit(session, "guide.cancelled", code, held.version, None)
    return "cancelled"


def _remember_cancellation(session: Session, event: CancelledEvent) -> None:
    tomb = repository.cancellation(session=session, code=event.implementation_code)
    if tomb is None:
        session.add(MatterCancellation(implementation_code=event.implementation_code,
                                       version=event.version, cancelled_at=event.cancelled_at))
    elif event.version >= tomb.version:
        tomb.version, tomb.cancelled_at = event.version, event.cancelled_at


def _audit(session: Session, action: str, code: str, before: Any, after: int | None) -> None:
    if isinstance(before, PublicMatter):
        before = before.version
    record(session, audit, actor=ACTOR, action=action, entity="guide", entity_id=code,
           before=None if before is None else {"version": before},
           after=None if after is None else {"version": after})


async def guide(*, reader: Reader, implementation_code: str) -> tuple[bytes, str]:
    """The current service guide (the whole matter document, serialized when it was
    published) and its ETag, in one round trip on the read engine; 404 when off-list."""
    found = await repository.guide(reader=reader, code=implementation_code)
    if found is None:
        raise NotFound(f"No published matter {implementation_code}.")
    return found


def guide_history(*, session: Session, implementation_code: str) -> list[GuideVersion]:
    """Every published version of a guide, newest first, marked current, superseded or cancelled."""
    rows = repository.history(session=session, code=implementation_code)
    if not rows:
        raise NotFound(f"No published matter {implementation_code}.")
    held = repository.current(session=session, code=implementation_code)
    return [GuideVersion(version=r.version, published_at=r.published_at,
                         status=_status(r, held)) for r in rows]


def _status(row: PublishedVersion, held: PublicMatter | None) -> Any:
    if held is not None and held.version == row.version:
        return "current"
    return "cancelled" if row.cancelled_at else "superseded"


def departments(*, session: Session) -> DepartmentList:
    """Each department with its number of published matters."""
    return DepartmentList(items=_department_counts(session))


def _department_counts(session: Session) -> list[DepartmentCount]:
    return [DepartmentCount(code=r.code, name=r.name, matters=r.matters)
            for r in repository.department_counts(session=session)]


def statistics(*, session: Session) -> Statistics:
    """Totals over the published matters: per department, window and type; online; limits."""
    totals = repository.totals(session=session)
    matters = int(totals.matters or 0)
    return Statistics(
        matters=matters,
        per_department=_department_counts(session),
        per_window=[WindowCount(window=r.window, matters=r.matters)
                    for r in repository.count_by(session=session, column=PublicMatter.window)],
        per_matter_type=[
            MatterTypeCount(matter_type=r.matter_type, matters=r.matters)
            for r in repository.count_by(session=session, column=PublicMatter.matter_type)],
        online_share=round(int(totals.online or 0) / matters, 4) if matters else None,
        average_committed_limit=_rounded(totals.committed),
        average_statutory_limit=_rounded(totals.statutory))


def _rounded(value: Any) -> float | None:
    return None if value is None else round(float(value), 2)
