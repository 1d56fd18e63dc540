"""The department's to-do list: provincial anomalies, legal-basis revisions, returned reviews,
and the 督办 notices it has to answer (publish)."""

import asyncio
import re
from collections.abc import Awaitable, Callable
from typing import Annotated

from fastapi import APIRouter, Form, Path, Request
from fastapi.responses import RedirectResponse, Response

from gateway import htmx
from gateway.access import Caller
from gateway.clients import catalog
from gateway.clients import progress as progress_client
from gateway.clients.base import Answer as Reply
from gateway.clients.base import Link, ServiceError
from gateway.page import Editor, layout_of, link, refusal, render, translate
from gateway.standard.layout import Reader

router = APIRouter(include_in_schema=False)
SEGMENT = re.compile(r"([a-z_]+)(?:\[(\d+)\])?")
TaskId = Annotated[int, Path(ge=1, le=2**31 - 1)]
Answer = Annotated[str, Form(max_length=2000)]


def path_label(path: str, layout: Reader) -> str:
    """`materials[1].legal_basis[0]` as 材料 2 · 设定依据 1 (in the page language)."""
    parts, prefix = [], ""
    for name, index in SEGMENT.findall(path):
        prefix = f"{prefix}.{name}" if prefix else name
        element = layout.element(prefix)
        if index and element is not None and element.row is not None:
            parts.append(layout.row(prefix, int(index) + 1))
        else:
            label = layout.label(prefix)
            parts.append(f"{label} {int(index) + 1}" if index else label)
    return " · ".join(parts)


async def _todo_page(request: Request, caller: Caller, *, block: str = "content",
                     status: int = 200, message: str | None = None,
                     error: str | None = None, failed: str = "") -> Response:
    services = link(request, caller)
    todo, notices = await asyncio.gather(catalog.todo(services), _open_notices(services))
    _ = translate(request)
    total = sum(len(items or []) for items in (todo.anomalies, todo.revisions, todo.returned,
                                               notices))
    return render(request, "todo.html", caller, block=block, status=status, todo=todo,
                  notices=notices, total=total, message=message, error=error, failed=failed,
                  path_label=lambda path: path_label(path, layout_of(request)),
                  zone_wide=caller.principal.department is None)


async def _open_notices(services: Link) -> list[Reply]:
    """The department's 督办 notices awaiting its answer (none when publish cannot say)."""
    try:
        found = await progress_client.notices(services)
    except ServiceError:
        return []
    return [n for n in found if n.model_dump().get("state") == "open"]


@router.get("/editor/todo")
async def todo_page(request: Request, caller: Editor) -> Response:
    """Everything waiting for the department, with counts, and a form to answer each item."""
    return await _todo_page(request, caller)


async def _resolve(request: Request, caller: Caller, resolve: Callable[[], Awaitable[None]],
                   answer: str, item: str) -> Response:
    """Send an answer; the list again (its block for HTMX) with what happened."""
    _ = translate(request)
    if not answer.strip():
        return await _todo_page(request, caller, block="todo", status=422,
                                error=_("请填写答复内容。"), failed=item)
    try:
        await resolve()
    except ServiceError as refused:
        return await _todo_page(request, caller, block="todo", status=refused.status,
                                error=refusal(request, refused), failed=item)
    if not htmx.is_htmx(request):
        return RedirectResponse("/editor/todo", status_code=303)
    return await _todo_page(request, caller, block="todo", message=_("已答复并关闭。"))


@router.post("/editor/todo/anomalies/{anomaly_id}/resolve")
async def resolve_anomaly(anomaly_id: Annotated[str, Path(max_length=50)], request: Request,
                          caller: Editor, answer: Answer = "") -> Response:
    """Close a provincial anomaly with the department's written answer."""
    services = link(request, caller)
    return await _resolve(request, caller,
                          lambda: catalog.resolve_anomaly(services, anomaly_id, answer),
                          answer, f"a-{anomaly_id}")


@router.post("/editor/todo/revisions/{task_id}/resolve")
async def resolve_revision(task_id: TaskId, request: Request, caller: Editor,
                           answer: Answer = "") -> Response:
    """Close a legal-basis revision task with a written answer."""
    services = link(request, caller)
    return await _resolve(request, caller,
                          lambda: catalog.resolve_revision(services, task_id, answer),
                          answer, f"r-{task_id}")
