"""The administrator's page of dead letters: events a service could not deliver."""

import asyncio

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from gateway.clients import outbox
from gateway.page import Admin, PageError, link, render, translate

router = APIRouter(include_in_schema=False)


@router.get("/admin/dead-letters")
async def dead_letters(request: Request, caller: Admin, done: str = "") -> Response:
    """Every service's parked events, each with its error and what the administrator may do."""
    services = link(request, caller)
    found = await asyncio.gather(*(outbox.dead_letters(services, s) for s in outbox.SENDERS))
    letters = [(service, letter) for service, listed in zip(outbox.SENDERS, found, strict=True)
               for letter in listed]
    _ = translate(request)
    message = {"retried": _("已重新发送，稍后刷新查看结果。"),
               "discarded": _("已放弃该事件，记录已写入审计日志。")}.get(done, "")
    return render(request, "dead_letters.html", caller, letters=letters, message=message)


@router.post("/admin/dead-letters/{service}/{letter_id}/{action}")
async def act(service: str, letter_id: str, action: str, request: Request,
              caller: Admin) -> Response:
    """Retry or discard one dead letter, then back to the list."""
    if service not in outbox.SENDERS or action not in ("retry", "discard"):
        raise PageError(404, translate(request).gettext("没有找到该页面。"))
    operation = outbox.retry if action == "retry" else outbox.discard
    await operation(link(request, caller), service, letter_id)
    done = "retried" if action == "retry" else "discarded"
    return RedirectResponse(f"/admin/dead-letters?done={done}", status_code=303)
