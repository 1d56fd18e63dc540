"""Following a case without signing in (办件查询), checking a document by its code, and
downloading the documents of a case one may see."""

import re
from collections.abc import Coroutine
from dataclasses import dataclass, field
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response, StreamingResponse
from starlette.background import BackgroundTask

from gateway.access import Caller, CallerDep
from gateway.clients import intake
from gateway.clients.base import ServiceError
from gateway.page import CaseReader, link, render, translate
from gateway.ratelimit import address_wait

router = APIRouter(include_in_schema=False)
# What a case number or a code may contain on the way in: letters, digits and dashes.
PLAIN = re.compile(r"[^0-9A-Za-z-]")


def plain(value: str, length: int) -> str:
    """A number or code as typed, without spaces or anything else, at most `length` long."""
    return PLAIN.sub("", value)[:length]


@dataclass
class Lookup:
    """The answer of one public lookup: what was found, or why not, as the page says it."""

    found: Any = None
    error: str | None = None
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)


async def look_up(request: Request, call: Coroutine[Any, Any, Any], not_found: str) -> Lookup:
    """One public lookup, slowed down per address (429 with Retry-After) against guessing."""
    _ = translate(request)
    if (wait := await address_wait(request, "lookups")) is not None:
        call.close()  # never awaited
        return Lookup(error=_("查询过于频繁，请 %(n)s 秒后再试。", n=wait), status=429,
                      headers={"Retry-After": str(wait)})
    try:
        return Lookup(found=await call)
    except ServiceError as refused:
        if refused.status in (404, 422):
            return Lookup(error=not_found, status=404)
        return Lookup(error=_("暂时无法查询，请稍后再试。"), status=502)


def shown(request: Request, template: str, caller: Caller, lookup: Lookup,
          **context: Any) -> Response:
    """The lookup's page with the lookup's status and headers."""
    response = render(request, template, caller, status=lookup.status, found=lookup.found,
                      error=lookup.error, **context)
    response.headers.update(lookup.headers)
    return response


@router.get("/progress", response_class=HTMLResponse)
async def progress(request: Request, caller: CallerDep, case_number: str = "",
                   code: str = "") -> Response:
    """办件查询: the form, and the case's state and public ledger for a right pair."""
    _ = translate(request)
    case_number, code = plain(case_number, 30), plain(code, 20).upper()
    lookup = Lookup()
    if case_number and code:
        lookup = await look_up(
            request, intake.progress(link(request, caller), case_number, code),
            _("没有找到这个办件：请核对办件编号和查询码（印在收件凭证上）。"))
    elif case_number or code:
        lookup = Lookup(error=_("请同时填写办件编号和查询码。"), status=422)
    return shown(request, "progress.html", caller, lookup, case_number=case_number, code=code)


@router.get("/documents/verify", response_class=HTMLResponse)
async def verify(request: Request, caller: CallerDep, code: str = "") -> Response:
    """文书核验: the form, and what the platform issued under a verification code."""
    _ = translate(request)
    code = plain(code, 32).upper()
    lookup = Lookup()
    if code:
        lookup = await look_up(request, intake.verify_document(link(request, caller), code),
                               _("没有找到这个核验码的文书：请核对文书底部的核验码。"))
    return shown(request, "document_verify.html", caller, lookup, code=code)


@router.get("/applications/{application_id:int}/documents/{document_id:int}")
async def document(request: Request, caller: CaseReader, application_id: int,
                   document_id: int) -> Response:
    """One document's PDF, streamed from intake to whoever may see the case whole."""
    upstream = await intake.document(link(request, caller), application_id, document_id)
    headers = {h: v for h in ("content-type", "content-disposition")
               if (v := upstream.headers.get(h))}
    return StreamingResponse(upstream.aiter_bytes(), headers=headers,
                             background=BackgroundTask(upstream.aclose))
