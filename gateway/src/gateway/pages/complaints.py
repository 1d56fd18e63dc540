"""监督投诉 on pages: the public complaint form and follow page (no sign-in needed), and the
supervisors' queue and complaint page."""

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from gateway import labels
from gateway.access import Caller, CallerDep
from gateway.clients import feedback
from gateway.clients.base import ServiceError, segment
from gateway.page import PageError, Supervisor, link, refusal, render, translate
from gateway.ratelimit import address_wait

router = APIRouter(include_in_schema=False)
Text = Annotated[str, Form()]
ACTIONS = {"accept": "accept", "notes": "notes", "answer": "answer", "close": "close"}
SHORT = 100


def kept(value: str, limit: int = SHORT) -> str:
    """A query or form value as a page keeps it: trimmed, bounded."""
    return value.strip()[:limit]


@router.get("/complaints/new", response_class=HTMLResponse)
async def new_complaint(request: Request, caller: CallerDep, kind: str = "hall",
                        ref: str = "") -> Response:
    """The complaint form: about a case, a matter, a department or the hall."""
    form = {"subject_kind": kind if kind in labels.COMPLAINT_SUBJECTS else "hall",
            "subject_ref": kept(ref, 50)}
    return render(request, "complaint_new.html", caller, form=form,
                  subjects=labels.COMPLAINT_SUBJECTS)


@router.post("/complaints/new", response_class=HTMLResponse)
async def file_complaint(request: Request, caller: CallerDep, subject_kind: Text = "hall",
                         subject_ref: Text = "", content: Text = "", name: Text = "",
                         phone: Text = "") -> Response:
    """File the complaint; the page gives its number and query code (flooding is refused)."""
    _ = translate(request)
    form = {"subject_kind": subject_kind, "subject_ref": kept(subject_ref, 50),
            "content": content.strip()[:4000], "name": kept(name), "phone": kept(phone, 30)}
    error, status = None, 422
    if not form["content"]:
        error = _("请写明投诉的内容。")
    elif not caller.signed_in and not (form["name"] and form["phone"]):
        error = _("未登录时请留下姓名和联系电话，以便监督员联系您。")
    elif (wait := await address_wait(request, "complaints")) is not None:
        error, status = _("提交太频繁，请 %(n)s 秒后再试。", n=wait), 429
    if error is None:
        body = {k: v for k, v in form.items() if v}
        try:
            filed = await feedback.complain(link(request, caller), body)
        except ServiceError as refused:
            error, status = refusal(request, refused), refused.status
        else:
            return render(request, "complaint_new.html", caller, filed=filed, status=201,
                          form=form, subjects=labels.COMPLAINT_SUBJECTS)
    return render(request, "complaint_new.html", caller, form=form, error=error,
                  status=status if 400 <= status < 500 else 502,
                  subjects=labels.COMPLAINT_SUBJECTS)


async def follow_page(request: Request, caller: Caller, number: str, code: str, *,
                      notice: str | None = None, error: str | None = None,
                      status: int = 200) -> Response:
    """The follow page, with the complaint when number and code match."""
    number, code = kept(number, 30), kept(code, 12)
    complaint = None
    if number and code:
        try:
            complaint = await feedback.complaint(link(request, caller), number, code)
        except ServiceError as refused:
            if refused.status not in (404, 422):
                raise
            error = translate(request).gettext("投诉编号或查询码不正确，请核对后再查。")
            status = 404
    return render(request, "complaint_follow.html", caller, number=number, code=code,
                  complaint=complaint, notice=notice, error=error, status=status)


@router.get("/complaints/follow", response_class=HTMLResponse)
async def follow(request: Request, caller: CallerDep, number: str = "",
                 code: str = "") -> Response:
    """Follow a complaint by its number and query code: state, answer, timeline."""
    return await follow_page(request, caller, number, code)


@router.post("/complaints/follow/rating", response_class=HTMLResponse)
async def rate_answer(request: Request, caller: CallerDep, number: Text = "", code: Text = "",
                      score: Text = "") -> Response:
    """The complainant rates the answer, once."""
    _ = translate(request)
    if score not in ("1", "2", "3", "4", "5"):
        return await follow_page(request, caller, number, code, status=422,
                                 error=_("请选择 1 到 5 星。"))
    try:
        await feedback.rate_answer(link(request, caller), kept(number, 30), kept(code, 12),
                                   int(score))
    except ServiceError as refused:
        return await follow_page(request, caller, number, code, error=refusal(request, refused),
                                 status=refused.status if refused.status < 500 else 502)
    return await follow_page(request, caller, number, code, notice=_("感谢您的评价。"))


# --- the supervisors ---

@router.get("/supervisor/complaints", response_class=HTMLResponse)
async def queue(request: Request, caller: Supervisor) -> Response:
    """The complaints the supervisor handles, open first, the earliest due first."""
    complaints = await feedback.queue(link(request, caller))
    return render(request, "complaint_queue.html", caller,
                  open_ones=[c for c in complaints if c.state != "closed"],
                  closed=[c for c in complaints if c.state == "closed"])


async def case_page(request: Request, caller: Caller, number: str, *,
                    notice: str | None = None, error: str | None = None,
                    status: int = 200) -> Response:
    try:
        complaint = await feedback.handled(link(request, caller), number)
    except ServiceError as refused:
        raise PageError(refused.status, refusal(request, refused)) from refused
    return render(request, "complaint_case.html", caller, complaint=complaint, notice=notice,
                  error=error, status=status)


@router.get("/supervisor/complaints/{number}", response_class=HTMLResponse)
async def complaint_case(request: Request, caller: Supervisor, number: str,
                         done: str = "") -> Response:
    """One complaint: what was said, by whom (phone masked), the timeline and the next step."""
    _ = translate(request)
    notice = _("已保存。") if done else None
    return await case_page(request, caller, number, notice=notice)


@router.post("/supervisor/complaints/{number}/{action}", response_class=HTMLResponse)
async def handle(request: Request, caller: Supervisor, number: str, action: str,
                 text: Text = "") -> Response:
    """Accept, note, answer or close the complaint."""
    _ = translate(request)
    if action not in ACTIONS:
        raise PageError(404, _("没有找到该页面或记录。"))
    needs_text = action in ("notes", "answer")
    if needs_text and not text.strip():
        return await case_page(request, caller, number, status=422,
                               error=_("请填写调查记录或答复内容。"))
    try:
        await feedback.handle(link(request, caller), number, ACTIONS[action],
                              text.strip()[:4000] if needs_text else None)
    except ServiceError as refused:
        return await case_page(request, caller, number, error=refusal(request, refused),
                               status=refused.status if refused.status < 500 else 502)
    return RedirectResponse(f"/supervisor/complaints/{segment(number)}?done=1",
                            status_code=303)
