"""好差评 and timeliness on pages: the department's rectifications (整改), and the
supervisors' view of every department's timeliness and ratings."""

import asyncio
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from gateway import labels
from gateway.access import Caller
from gateway.clients import feedback
from gateway.clients.base import ServiceError
from gateway.page import Overseer, Rectifier, link, refusal, render, translate
from kit.clock import CHINA

router = APIRouter(include_in_schema=False)
Text = Annotated[str, Form()]


async def rectifications_page(request: Request, caller: Caller, *, notice: str | None = None,
                              error: str | None = None, status: int = 200) -> Response:
    found = await feedback.rectifications(link(request, caller))
    return render(request, "rectifications.html", caller, status=status, notice=notice,
                  error=error, open_ones=[r for r in found if r.state == "open"],
                  closed=[r for r in found if r.state != "open"], tags=labels.RATING_TAGS)


@router.get("/rectifications", response_class=HTMLResponse)
async def rectifications(request: Request, caller: Rectifier, done: str = "") -> Response:
    """The department's rectifications opened by 差评: call back, record the outcome."""
    notice = translate(request).gettext("已保存。") if done else None
    return await rectifications_page(request, caller, notice=notice)


def called_at(raw: str) -> datetime | None:
    """A `datetime-local` field (Beijing time) as an instant; None when it is no time."""
    try:
        return datetime.fromisoformat(raw.strip()).replace(tzinfo=CHINA)
    except ValueError:
        return None


@router.post("/rectifications/{rectification_id:int}/{step}", response_class=HTMLResponse)
async def rectify(request: Request, caller: Rectifier, rectification_id: int, step: str,
                  at: Text = "", note: Text = "", outcome: Text = "") -> Response:
    """Record the call-back (when, what the applicant said) or the outcome, which closes it."""
    _ = translate(request)
    when = called_at(at)
    missing_callback = step == "callback" and not (when and note.strip())
    error = (_("请填写回访时间和申请人的意见。") if missing_callback
             else _("请填写整改结果。") if step == "close" and not outcome.strip()
             else None if step in ("callback", "close") else _("没有找到该页面或记录。"))
    if error is None:
        body = ({"called_at": when.isoformat(), "note": note.strip()[:2000]}
                if step == "callback" and when else {"outcome": outcome.strip()[:2000]})
        try:
            await feedback.rectify(link(request, caller), rectification_id, step, body)
        except ServiceError as refused:
            return await rectifications_page(request, caller, error=refusal(request, refused),
                                             status=refused.status if refused.status < 500
                                             else 502)
        return RedirectResponse("/rectifications?done=1", status_code=303)
    return await rectifications_page(request, caller, error=error, status=422)


@router.get("/supervision/timeliness", response_class=HTMLResponse)
async def timeliness(request: Request, caller: Overseer) -> Response:
    """Every department's timeliness, the case ratings per department and matter, and the
    hall-visit ratings per window."""
    services = link(request, caller)
    departments, by_department, by_matter, by_window = await asyncio.gather(
        feedback.timeliness(services), feedback.summary(services, "department"),
        feedback.summary(services, "matter"), feedback.summary(services, "window"))
    for window in by_window:  # the hall's windows by their names
        window.name = labels.WINDOWS.get(window.key, window.key)
    return render(request, "timeliness.html", caller, departments=departments,
                  by_department=by_department, by_matter=by_matter, by_window=by_window,
                  tags=labels.RATING_TAGS)
