"""Issued documents as files: listed, rendered once into the file store, downloaded with
their hash checked, and verified publicly by their code."""

from dataclasses import dataclass
from datetime import date
from typing import Any

import structlog
from sqlalchemy.orm import Session
from sqlmodel import col, select

from intake import repository
from intake.desk import Desk
from intake.documents import TITLES
from intake.models import Document, audit
from intake.progress import initial
from intake.rendering import render_pdf
from intake.schemas_following import DocumentOut, VerifiedDocument
from kit import audit as audit_trail
from kit.auth import Principal
from kit.clock import now
from kit.errors import NotFound

log = structlog.get_logger()
# Staff whose download of a document is audited (the applicant's own is not).
STAFF = ("clerk", "approver", "supervisor")


@dataclass(frozen=True)
class DocumentFile:
    """One document's PDF with the name it downloads under."""

    filename: str
    content: bytes


def list_documents(*, session: Session, principal: Principal,
                   application_id: int) -> list[DocumentOut]:
    """The documents of a case the principal may see (oversight: without their codes)."""
    repository.visible_application(session=session, principal=principal,
                                   application_id=application_id, whole=False)
    in_full = repository.seen_in_full(session=session, principal=principal,
                                      application_id=application_id)
    return [DocumentOut(id=d.id or 0, kind=d.kind, title=TITLES.get(d.kind, d.kind),
                        issued_at=d.issued_at, sha256=d.sha256,
                        verification_code=d.verification_code if in_full else None)
            for d in documents_of(session=session, application_id=application_id)]


def documents_of(*, session: Session, application_id: int) -> list[Document]:
    """The documents of one application, oldest first."""
    return list(session.execute(select(Document).where(
        col(Document.application_id) == application_id).order_by(col(Document.id))).scalars())


def document_file(*, session: Session, desk: Desk, principal: Principal, application_id: int,
                  document_id: int) -> DocumentFile:
    """The PDF of one document of a case the principal may see whole (a staff download is
    audited)."""
    application = repository.visible_application(session=session, principal=principal,
                                                 application_id=application_id)
    document = session.execute(select(Document).where(
        col(Document.id) == document_id,
        col(Document.application_id) == application_id)).scalar_one_or_none()
    if document is None:
        raise NotFound(f"No document {document_id} in application {application_id}.")
    if principal.has(*STAFF):
        audit_trail.record(session, audit, actor=principal.sub, action="document.downloaded",
                           entity="document", entity_id=str(document_id),
                           after={"application": application_id, "kind": document.kind})
    title = TITLES.get(document.kind, document.kind)
    return DocumentFile(filename=f"{title}-{application.case_number}.pdf",
                        content=pdf_of(session=session, desk=desk, document=document))


def pdf_of(*, session: Session, desk: Desk, document: Document) -> bytes:
    """The document's PDF: from the store (its SHA-256 checked), else rendered now and
    stored."""
    if document.sha256 is not None:
        return desk.store.get(document.sha256)
    content = render_pdf(document.facts, portal=desk.portal)
    document.sha256, document.rendered_at = desk.store.put(session, content), now()
    session.flush()
    return content


def verify(*, session: Session, desk: Desk, code: str) -> VerifiedDocument:
    """The public check of a document by its verification code; 404 for an unknown one."""
    document = session.execute(select(Document).where(
        col(Document.verification_code) == code.strip().upper())).scalar_one_or_none()
    if document is None:
        raise NotFound("No document has this verification code.")
    if document.sha256 is None:
        pdf_of(session=session, desk=desk, document=document)
    facts = document.facts
    return VerifiedDocument(
        kind=document.kind, title=TITLES.get(document.kind, document.kind),
        case_number=str(facts.get("case_number", "")),
        issued_on=date.fromisoformat(str(facts.get("issued_on"))),
        department_name=str(facts.get("department_name", "")),
        applicant=initial(str(facts.get("applicant_name", ""))), sha256=document.sha256 or "")


def waiting(*, session: Session, limit: int = 20) -> list[tuple[int, dict[str, Any]]]:
    """The documents issued but not rendered yet, oldest first: id and facts."""
    rows = session.execute(select(Document.id, Document.facts).where(
        col(Document.sha256).is_(None)).order_by(col(Document.id)).limit(limit))
    return [(int(document_id), dict(facts)) for document_id, facts in rows]


def keep_pdf(*, session: Session, desk: Desk, document_id: int, content: bytes) -> None:
    """Store a PDF rendered outside any transaction, unless a download stored it meanwhile."""
    document = session.get(Document, document_id)
    if document is not None and document.sha256 is None:
        document.sha256, document.rendered_at = desk.store.put(session, content), now()
        session.flush()


def referenced(*, session: Session) -> set[str]:
    """The hashes of rendered documents (the store's sweep must keep them)."""
    return set(session.execute(select(Document.sha256).where(
        col(Document.sha256).is_not(None))).scalars())
