"""The printed guide's companions: the staff business handbook (业务手册) of a matter, and the
editor's upload of a material's blank form or sample."""

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import HTMLResponse, Response
from starlette.datastructures import UploadFile

from gateway.access import Caller
from gateway.clients import material_files, publish
from gateway.clients.base import ServiceError
from gateway.page import Editor, PageError, link, needs, render, translate
from gateway.printing import HANDBOOK_READERS

router = APIRouter(include_in_schema=False)
HandbookReader = Annotated[Caller, needs(*HANDBOOK_READERS)]
Code = Annotated[str, Path(min_length=1, max_length=50)]
FieldName = Annotated[str, Query(max_length=80, pattern=r"^materials-\d{1,3}-(blank_form|sample)$")]
MAX_BYTES = 5 * 1024 * 1024


@router.get("/guides/{code}/handbook.pdf")
async def handbook(request: Request, caller: HandbookReader, code: Code) -> Response:
    """The matter's business handbook as PDF, for the zone's staff."""
    try:
        pdf = await publish.handbook(link(request, caller), code)
    except ServiceError as refused:
        if refused.status in (404, 422):
            raise PageError(404, translate(request).gettext(
                "没有找到该事项的办事指南：它可能尚未发布或已经取消。")) from refused
        raise
    return Response(pdf, media_type="application/pdf", headers={
        "Content-Disposition": 'inline; filename="handbook.pdf"', "Cache-Control": "no-store"})


@router.post("/editor/material-files", response_class=HTMLResponse,
             max_body_size=2 * MAX_BYTES)
async def upload(request: Request, caller: Editor, field: FieldName) -> Response:
    """Upload a blank form or sample for one material; answers the field with its reference."""
    _ = translate(request)
    chosen = (await request.form()).get("file")
    error, reference = None, None
    if not isinstance(chosen, UploadFile) or not chosen.filename:
        error = _("请选择要上传的文件。")
    elif len(content := await chosen.read(MAX_BYTES + 1)) > MAX_BYTES:
        error = _("文件超过 5 MB。")
    else:
        try:
            stored = await material_files.upload(link(request, caller), chosen.filename, content,
                                                 chosen.content_type or "application/octet-stream")
        except ServiceError as refused:
            error = "；".join(str(e.get("msg")) for e in refused.errors
                             if e.get("msg")) or refused.reason
        else:
            reference = stored.reference
    # always 200: HTMX swaps the answer in beside the field, a refusal included
    return render(request, "_material_file.html", caller, field=field, reference=reference,
                  error=error)
