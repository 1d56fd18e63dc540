"""The window's and the department's desks on pages: an action on a case and its card shown
again, and a service's refusal said as the applicant's and staff's pages say it."""

from typing import Any

from fastapi import Request
from fastapi.responses import RedirectResponse, Response

from gateway import htmx
from gateway.access import Caller
from gateway.clients import intake
from gateway.clients.base import ServiceError
from gateway.page import APPLICATION_REFUSALS, PageError, link, refusal, render

CARD = "_application_card.html"


def refused_as(request: Request, refused: ServiceError) -> tuple[str, int]:
    """A refusal as the applicant's pages say it, and the status they answer with (4xx kept,
    anything else 502)."""
    status = refused.status if 400 <= refused.status < 500 else 502
    return refusal(request, refused, APPLICATION_REFUSALS), status


async def card(request: Request, caller: Caller, desk: str, application_id: int, *,
               action: str | None = None, body: Any = None, done: str = "",
               error: str | None = None, status: int = 422, **kept: Any) -> Response:
    """Run `action` on the application (if any and no `error` yet) and show its card again,
    as the `desk` (clerk or approver) sees it.

    An HTMX request gets the card (with the notice or the refusal); a plain form goes back to
    the desk's queue, or to a readable error page when refused.
    """
    services = link(request, caller)
    if error is None and action is not None:
        try:
            application = await intake.handle(services, application_id, action, body)
        except ServiceError as refused:
            error, status = refused_as(request, refused)
        else:
            if not htmx.is_htmx(request):  # back to the queue, or to the case page it came from
                case = request.query_params.get("case") and f"/{application_id}?done={action}"
                return RedirectResponse(f"/{desk}/applications{case or ''}", status_code=303)
            return render(request, CARD, caller, block="card", desk=desk,
                          application=application, notice=done)
    if not htmx.is_htmx(request):
        raise PageError(status, error or "")
    application = await intake.application(services, application_id)
    return render(request, CARD, caller, block="card", status=status, desk=desk,
                  application=application, error=error, **kept)
