"""The department's desk: accepted applications waiting for a decision, decisions,
extensions and special procedures."""

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, Response

from gateway.clients import intake
from gateway.desks import card
from gateway.page import Approver, link, render, translate
from kit.types import whole_number

router = APIRouter(include_in_schema=False)
QUEUE_SIZE = 50
Text = Annotated[str, Form()]


@router.get("/approver/applications", response_class=HTMLResponse)
async def approver_queue(request: Request, caller: Approver) -> Response:
    """The department's accepted applications waiting for a decision, the earliest due first."""
    accepted = await intake.applications(link(request, caller), state="accepted",
                                         limit=QUEUE_SIZE)
    accepted.sort(key=lambda a: (a.due_date or date.max, a.submitted_at))
    return render(request, "approver_queue.html", caller, desk="approver",
                  applications=accepted)


@router.post("/approver/applications/{application_id:int}/decision",
             response_class=HTMLResponse)
async def decide(request: Request, caller: Approver, application_id: int,
                 decision: Text = "", opinion: Text = "") -> Response:
    """Grant (准予许可) or refuse (不予许可, with the reasons) an accepted application."""
    _ = translate(request)
    error = (_("请选择准予许可或不予许可。") if decision not in ("approved", "rejected") else
             _("不予许可须写明理由。") if decision == "rejected" and not opinion.strip()
             else None)
    return await card(request, caller, "approver", application_id, action="decision",
                      body={"decision": decision, "opinion": opinion.strip()},
                      done=_("决定已作出。"), error=error, opinion=opinion)


@router.post("/approver/applications/{application_id:int}/extension",
             response_class=HTMLResponse)
async def extend(request: Request, caller: Approver, application_id: int, days: Text = "",
                 reason: Text = "") -> Response:
    """Approve an extension of the limit (days within the standard's extension, a reason)."""
    _ = translate(request)
    error = (_("请填写延长的天数（正整数）。") if not (whole_number(days) or 0) >= 1
             else _("请写明延期理由。") if not reason.strip() else None)
    body = {"days": int(days) if error is None else 0, "reason": reason.strip()}
    return await card(request, caller, "approver", application_id, action="extension",
                      body=body, done=_("已批准延期，办结期限已重新计算。"), error=error)


@router.post("/approver/applications/{application_id:int}/special-procedures",
             response_class=HTMLResponse)
async def approver_special_procedure(request: Request, caller: Approver, application_id: int,
                                     procedure: Text = "", note: Text = "", end: Text = "",
                                     ) -> Response:
    """A special procedure starts (the clock pauses) or, with `end`, ends."""
    _ = translate(request)
    if end:
        return await card(request, caller, "approver", application_id,
                          action="special-procedures/end",
                          done=_("特别程序结束，办理时限恢复计算。"))
    return await card(request, caller, "approver", application_id, action="special-procedures",
                      body={"procedure": procedure, "note": note.strip() or None},
                      done=_("特别程序开始，办理时限暂停计算。"))
