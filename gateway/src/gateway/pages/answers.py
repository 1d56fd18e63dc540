"""The editor answers the review's letter point by point before resubmitting a returned
version: accepted and revised (the changed element), or explained (not adopted, why)."""

import asyncio
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Form, Path, Request
from fastapi.responses import RedirectResponse, Response

from gateway.access import Caller
from gateway.clients import answers, catalog
from gateway.clients.base import ServiceError
from gateway.page import Editor, layout_of, link, refusal, render, translate
from gateway.standard.elements import elements
from gateway.standard.points import point_label

router = APIRouter(include_in_schema=False)
Number = Annotated[int, Path(ge=1, le=2**31 - 1)]
Point = Annotated[int, Path(ge=1, le=10_000)]
KINDS = ("revised", "explained")


async def _answers_page(request: Request, caller: Caller, code: str, number: int, *,
                        status: int = 200, errors: dict[int, str] | None = None,
                        typed: dict[int, dict[str, str]] | None = None) -> Response:
    services = link(request, caller)
    version, sheet = await asyncio.gather(catalog.version(services, code, number),
                                          answers.answer_sheet(services, code, number))
    layout = layout_of(request)
    return render(request, "feedback_answers.html", caller, status=status, code=code,
                  number=number, version=version, sheet=sheet, kinds=KINDS,
                  elements=elements(version.standard, layout),
                  point_label=lambda p: point_label(p, version.standard, layout),
                  errors=errors or {}, typed=typed or {})


@router.get("/editor/matters/{code}/versions/{number}/answers")
async def answer_sheet(code: str, number: Number, request: Request, caller: Editor) -> Response:
    """Every point of the version's letter with the department's answer, and a form for each."""
    return await _answers_page(request, caller, code, number)


@router.post("/editor/matters/{code}/versions/{number}/answers/{point}")
async def answer_point(code: str, number: Number, point: Point, request: Request,
                       caller: Editor, kind: Annotated[str, Form(max_length=20)] = "",
                       element: Annotated[str, Form(max_length=200)] = "",
                       reason: Annotated[str, Form(max_length=4000)] = "") -> Response:
    """Record the answer to one point; the sheet is shown again at that point."""
    _ = translate(request)
    typed = {"kind": kind, "element": element, "reason": reason}
    error = (_("请选择采纳并修改或不采纳。") if kind not in KINDS
             else _("采纳并修改的，请选择修改了哪一项。") if kind == "revised" and not element
             else _("不采纳的，请说明理由。") if kind == "explained" and not reason.strip()
             else None)
    if error is None:
        body = {"kind": kind, "element": element or None if kind == "revised" else None,
                "reason": reason.strip()}
        try:
            await answers.answer_point(link(request, caller), code, number, point, body)
        except ServiceError as refused:
            error = refusal(request, refused)
    if error is not None:
        return await _answers_page(request, caller, code, number, status=422,
                                   errors={point: error}, typed={point: typed})
    return RedirectResponse(f"/editor/matters/{quote(code)}/versions/{number}/answers"
                            f"#point-{point}", status_code=303)
