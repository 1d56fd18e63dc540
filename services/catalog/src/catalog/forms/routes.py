"""Catalog API of blank forms and samples: editors upload, everyone downloads."""

from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Path, Request, Response
from starlette.datastructures import UploadFile as StarletteUpload

from catalog.access import Editor
from catalog.forms import service
from catalog.forms.schemas import MaterialFileRead
from catalog.models import MaterialFile
from kit.app import SessionDep
from kit.auth import PrincipalDep
from kit.errors import Invalid
from kit.types import FormInput

PREFIX = "/api/catalog/v1/material-files"
router = APIRouter(prefix=PREFIX, tags=["forms"])
MAX_BODY = service.MAX_BYTES + 64 * 1024
Sha256 = Annotated[str, Path(min_length=64, max_length=64, pattern=r"^[0-9a-f]{64}$")]
UPLOAD_SCHEMA = {"requestBody": {"required": True, "content": {"multipart/form-data": {"schema": {
    "type": "object", "required": ["file"], "additionalProperties": False,
    "properties": {"file": {"type": "string", "format": "binary"},
                   "csrf_token": {"type": "string", "maxLength": 200}}}}}}}


async def uploaded(request: Request) -> tuple[str, bytes]:
    """The multipart field `file`: its name and at most 5 MB + 1 byte of it."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_BODY:
        raise Invalid("The file is larger than 5 MB.",
                      errors=[{"loc": ["body", "file"], "msg": "文件超过 5 MB"}])
    form = await request.form(max_files=1, max_fields=5)
    unknown = sorted(set(form) - {"file", *FormInput.model_fields})
    if unknown:
        raise Invalid("The form holds unknown fields.",
                      errors=[{"loc": ["body", k], "msg": "Extra inputs are not permitted"}
                              for k in unknown])
    chosen = form.get("file")
    if not isinstance(chosen, StarletteUpload) or not chosen.filename:
        raise Invalid("Choose a file.", errors=[{"loc": ["body", "file"], "msg": "请选择文件"}])
    return chosen.filename, await chosen.read(service.MAX_BYTES + 1)


Upload = Annotated[tuple[str, bytes], Depends(uploaded)]


def read(row: MaterialFile) -> MaterialFileRead:
    """A stored file as the API shows it."""
    return MaterialFileRead(reference=service.reference(row), sha256=row.sha256,
                            file_name=row.file_name, content_type=row.content_type,
                            size=row.size, download=f"{PREFIX}/{row.sha256}")


@router.post("", status_code=201, response_model=MaterialFileRead,
             max_body_size=2 * MAX_BODY, openapi_extra=UPLOAD_SCHEMA)
def upload(session: SessionDep, actor: Editor, file: Upload) -> Any:
    """Upload a blank form or sample (multipart `file`: PDF, DOCX or XLSX, ≤ 5 MB)."""
    name, content = file
    return read(service.store(session=session, file_name=name, content=content, actor=actor))


@router.get("/{sha256}", response_class=Response,
            responses={200: {"content": {m: {} for m in service.KINDS}}})
def download(sha256: Sha256, session: SessionDep, _: PrincipalDep) -> Response:
    """Download a blank form or sample (public: the guide links to it)."""
    row = service.fetch(session=session, sha256=sha256)
    extension = row.file_name.rsplit(".", 1)[-1]
    disposition = (f'attachment; filename="form.{extension}"; '
                   f"filename*=UTF-8''{quote(row.file_name, safe='')}")
    return Response(row.content, media_type=row.content_type, headers={
        "Content-Disposition": disposition, "X-Content-Type-Options": "nosniff",
        "Cache-Control": "public, max-age=86400, immutable", "ETag": f'"{row.sha256}"'})
