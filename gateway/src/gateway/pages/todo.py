"""The department's to-do list: provincial anomalies, legal-basis revisions, returned reviews."""

import re
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Form, Path, Request
from fastapi.responses import RedirectResponse, Response

from gateway import htmx
from gateway.access import Caller, CallerDep
from gateway.i18n import language, translator
from gateway.pages.common import fetch
from gateway.pages.review import check_role, local_time, refusal, send
from gateway.web import render

router = APIRouter(include_in_schema=False)
EDITORS = ("editor", "admin")
CATALOG = "/api/catalog/v1"
SEGMENT = re.compile(r"([a-z_]+)(?:\[(\d+)\])?")
TaskId = Annotated[int, Path(ge=1, le=2**31 - 1)]
Answer = Annotated[str, Form(max_length=2000)]


def path_label(path: str, t: Any) -> str:
    """`materials[1].legal_basis[0]` as 申请材料 2 · 设定依据 1 (in the page language)."""
    parts = []
    for name, index in SEGMENT.findall(path):
        label = t(f"td.path.{name}")
        parts.append(f"{label} {int(index) + 1}" if index else label)
    return " · ".join(parts)


async def _todo_page(request: Request, caller: Caller, *, block: str = "content",
                     status: int = 200, message: str | None = None,
                     error: str | None = None, failed: str = "") -> Response:
    todo = await fetch(request, caller, "catalog", f"{CATALOG}/todo")
    t = translator(language(request))
    total = sum(len(todo.get(k) or []) for k in ("anomalies", "revisions", "returned"))
    return render(request, "todo.html", caller, block=block, status=status, todo=todo,
                  total=total, message=message, error=error, failed=failed, when=local_time,
                  path_label=lambda path: path_label(path, t),
                  zone_wide=caller.principal.department is None)


@router.get("/editor/todo")
async def todo_page(request: Request, caller: CallerDep) -> Response:
    """Everything waiting for the department, with counts, and a form to answer each item."""
    if (stop := check_role(request, caller, *EDITORS)) is not None:
        return stop
    return await _todo_page(request, caller)


async def _resolve(request: Request, caller: Caller, path: str, answer: str,
                   item: str) -> Response:
    """Send an answer; the list again (its block for HTMX) with what happened."""
    if (stop := check_role(request, caller, *EDITORS)) is not None:
        return stop
    t = translator(language(request))
    if not answer.strip():
        return await _todo_page(request, caller, block="todo", status=422,
                                error=t("td.err.answer"), failed=item)
    reply = await send(request, caller, "catalog", "POST", path, json={"answer": answer})
    if reply.status_code >= 400:
        return await _todo_page(request, caller, block="todo", status=reply.status_code,
                                error=refusal(request, reply), failed=item)
    if not htmx.is_htmx(request):
        return RedirectResponse("/editor/todo", status_code=303)
    return await _todo_page(request, caller, block="todo", message=t("td.done"))


@router.post("/editor/todo/anomalies/{anomaly_id}/resolve")
async def resolve_anomaly(anomaly_id: Annotated[str, Path(max_length=50)], request: Request,
                          caller: CallerDep, answer: Answer = "") -> Response:
    """Close a provincial anomaly with the department's written answer."""
    return await _resolve(request, caller, f"{CATALOG}/anomalies/{quote(anomaly_id)}/resolve",
                          answer, f"a-{anomaly_id}")


@router.post("/editor/todo/revisions/{task_id}/resolve")
async def resolve_revision(task_id: TaskId, request: Request, caller: CallerDep,
                           answer: Answer = "") -> Response:
    """Close a legal-basis revision task with a written answer."""
    return await _resolve(request, caller, f"{CATALOG}/legal/revision-tasks/{task_id}/resolve",
                          answer, f"r-{task_id}")
