"""The one-time link's page: the invited (or reset) person sets a password, once."""

from typing import Annotated

from fastapi import APIRouter, Form, Path, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool

from gateway import invitations
from gateway.access import CallerDep
from gateway.page import PageError, render, translate
from kit.errors import Invalid, NotFound

router = APIRouter(include_in_schema=False)
Token = Annotated[str, Path(min_length=20, max_length=100, pattern=r"^[A-Za-z0-9_-]+$")]
Secret = Annotated[str, Form(max_length=200)]


def _gone(request: Request) -> PageError:
    return PageError(404, translate(request).gettext(
        "该链接已使用、已过期或不存在。请联系系统管理员重新发送链接。"))


@router.get("/invitation/{token}", response_class=HTMLResponse)
async def invitation(request: Request, caller: CallerDep, token: Token) -> Response:
    """The form to set the password, while the link is unused and unexpired."""

    def find() -> str:
        with request.app.state.db.session(write=False) as s:
            return invitations.pending(session=s, token=token)[1].display_name

    try:
        name = await run_in_threadpool(find)
    except NotFound as gone:
        raise _gone(request) from gone
    return render(request, "invitation.html", caller, name=name, token=token)


@router.post("/invitation/{token}", response_class=HTMLResponse)
async def set_password(request: Request, caller: CallerDep, token: Token, new: Secret = "",
                       again: Secret = "") -> Response:
    """Set the password; the link stops working."""
    _ = translate(request)

    def redeem() -> tuple[str, str]:
        with request.app.state.db.session() as s:
            _row, account = invitations.pending(session=s, token=token)
            if new != again:
                return account.display_name, _("两次输入的密码不一致。")
            try:
                invitations.redeem(session=s, token=token, password=new)
            except Invalid:
                return account.display_name, _("密码至少 %(n)s 个字符。",
                                               n=invitations.SHORTEST_PASSWORD)
            return account.username, ""

    try:
        who, error = await run_in_threadpool(redeem)
    except NotFound as gone:
        raise _gone(request) from gone
    if error:
        return render(request, "invitation.html", caller, status=422, name=who, token=token,
                      error=error)
    return render(request, "invitation.html", caller, done=True, username=who)
