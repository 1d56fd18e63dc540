"""HTTP API of what follows a filing: the documents of a case, their public check, and the
public progress of a case (办件查询)."""

from typing import Annotated

from fastapi import APIRouter, Path, Query
from fastapi.responses import Response

from intake import document_files, progress
from intake.routes import FILE_READERS, READERS, ApplicationId, DeskDep
from intake.schemas_following import DocumentOut, Progress, VerifiedDocument
from intake.uploads import attachment
from kit.app import AuditedReadDep, SessionDep
from kit.auth import Principal, PrincipalDep, require
from kit.types import Id

router = APIRouter(prefix="/api/intake/v1", tags=["intake"])
DocumentId = Annotated[Id, Path()]
CaseNumber = Annotated[str, Path(min_length=1, max_length=30)]
QueryCode = Annotated[str, Query(min_length=1, max_length=20)]
VerificationCode = Annotated[str, Path(min_length=1, max_length=32)]


@router.get("/applications/{application_id}/documents", response_model=list[DocumentOut])
def list_documents(session: SessionDep, application_id: ApplicationId,
                   principal: Principal = require(*READERS)) -> list[DocumentOut]:
    """The documents issued on a case (收件凭证, 受理通知书, 补正告知书, decisions), oldest
    first; oversight sees them without their verification codes."""
    return document_files.list_documents(session=session, principal=principal,
                                         application_id=application_id)


@router.get("/applications/{application_id}/documents/{document_id}",
            response_class=Response,
            responses={200: {"content": {"application/pdf": {}}}})
def download_document(session: AuditedReadDep, desk: DeskDep, application_id: ApplicationId,
                      document_id: DocumentId,
                      principal: Principal = require(*FILE_READERS)) -> Response:
    """One document as PDF (its SHA-256 checked; rendered now if it was not yet); a staff
    download is audited."""
    document = document_files.document_file(
        session=session, desk=desk, principal=principal, application_id=application_id,
        document_id=document_id)
    return Response(document.content, media_type="application/pdf",
                    headers={"Content-Disposition": attachment(document.filename),
                             "X-Content-Type-Options": "nosniff"})


@router.get("/documents/verify/{verification_code}", response_model=VerifiedDocument)
def verify_document(session: AuditedReadDep, desk: DeskDep,
                    verification_code: VerificationCode,
                    _: PrincipalDep) -> VerifiedDocument:
    """The public check of a document by the code printed on it: kind, case number, issue
    date, department and the PDF's SHA-256; 404 for an unknown code."""
    return document_files.verify(session=session, desk=desk, code=verification_code)


@router.get("/progress/{case_number}", response_model=Progress)
def case_progress(session: AuditedReadDep, case_number: CaseNumber, code: QueryCode,
                  principal: PrincipalDep) -> Progress:
    """办件查询: the case's state, dates and public ledger for whoever holds its case number
    and query code, signed in or not; 404 for a wrong pair."""
    return progress.progress(session=session, principal=principal, case_number=case_number,
                             code=code)
