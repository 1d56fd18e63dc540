"""Joint sign-off of applications (并联审批): a co-handling department's approver answers its
part (agree, agree with conditions, refuse with reasons), seeing the other departments'
answers; the lead department and supervisors follow every part, overdue ones flagged."""

from typing import Annotated

from fastapi import APIRouter, Form, Path, Request
from fastapi.responses import RedirectResponse, Response

from gateway import htmx, labels
from gateway.access import Caller
from gateway.clients import review
from gateway.clients.base import ServiceError
from gateway.page import Approver, SignOffReader, link, refusal, render, translate

router = APIRouter(include_in_schema=False)
SignOffId = Annotated[int, Path(ge=1, le=2**31 - 1)]
OPEN = ("pending", "overdue")


def _mine(sign_off: review.SignOff, department: str | None) -> review.SignOffPart | None:
    return next((d for d in sign_off.departments if d.department_code == department), None)


@router.get("/signoffs")
async def sign_offs(request: Request, caller: SignOffReader) -> Response:
    """To answer (the caller's department's open parts), then the sign-offs it leads, then
    the rest (a supervisor sees every one)."""
    found = await review.sign_offs(link(request, caller))
    department = caller.principal.department
    to_answer = [s for s in found if (p := _mine(s, department)) and p.state in OPEN]
    leading = [s for s in found if s.lead_code == department]
    rest = [s for s in found if s not in to_answer and s not in leading]
    return render(request, "signoffs.html", caller, to_answer=to_answer, leading=leading,
                  rest=rest, states=labels.JOINT_STATES)


async def _page(request: Request, caller: Caller, sign_off_id: int, *, status: int = 200,
                error: str | None = None, typed: dict[str, str] | None = None,
                notice: str | None = None) -> Response:
    sign_off = await review.sign_off(link(request, caller), sign_off_id)
    part = _mine(sign_off, caller.principal.department)
    may_answer = part is not None and part.answered_at is None and caller.principal.has(
        "approver")
    return render(request, "signoff.html", caller, status=status, sign_off=sign_off, part=part,
                  may_answer=may_answer, error=error, typed=typed or {}, notice=notice,
                  states=labels.JOINT_STATES, answers=labels.JOINT_ANSWERS)


@router.get("/signoffs/{sign_off_id}")
async def sign_off_page(sign_off_id: SignOffId, request: Request,
                        caller: SignOffReader) -> Response:
    """One sign-off: each department's step, deadline and answer; the caller's answer form."""
    _ = translate(request)
    done = request.query_params.get("answered")
    return await _page(request, caller, sign_off_id,
                       notice=_("已签署意见，牵头部门和其他联办部门可见。") if done else None)


@router.post("/signoffs/{sign_off_id}/answer")
async def answer(sign_off_id: SignOffId, request: Request, caller: Approver,
                 choice: Annotated[str, Form(max_length=30)] = "",
                 remark: Annotated[str, Form(max_length=2000)] = "") -> Response:
    """The caller's department answers its part once; conditions or reasons unless agreeing."""
    _ = translate(request)
    typed = {"answer": choice, "remark": remark}
    error = (_("请选择同意、附条件同意或不同意。") if choice not in labels.JOINT_ANSWERS
             else _("附条件同意须写明条件，不同意须写明理由。")
             if choice != "agreed" and not remark.strip() else None)
    if error is None:
        try:
            await review.answer_sign_off(link(request, caller), sign_off_id,
                                         {"answer": choice, "remark": remark.strip()})
        except ServiceError as refused:
            error = refusal(request, refused)
            return await _page(request, caller, sign_off_id, status=refused.status,
                               error=error, typed=typed)
    if error is not None:
        return await _page(request, caller, sign_off_id, status=422, error=error, typed=typed)
    target = f"/signoffs/{sign_off_id}?answered=1"
    if htmx.is_htmx(request):
        return htmx.redirect(Response(), target)
    return RedirectResponse(target, status_code=303)
