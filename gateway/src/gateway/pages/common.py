"""What every page needs: calling services as the visitor, errors as readable pages."""

from typing import Any

import httpx
from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse

from gateway.access import Caller
from gateway.web import render


class PageError(Exception):
    """A service refused; the page shows its message (problem+json `detail`)."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status, self.message = status, message


def detail_of(response: httpx.Response) -> str:
    try:
        body = response.json()
    except ValueError:
        return response.text[:300] or f"HTTP {response.status_code}"
    if isinstance(body, dict):
        errors = body.get("errors") or []
        parts = [body.get("detail") or body.get("title") or ""]
        parts += [f"{'.'.join(str(x) for x in e.get('loc', [])[1:])}: {e.get('msg')}"
                  for e in errors if isinstance(e, dict)]
        return "；".join(p for p in parts if p)
    return str(body)


async def call(request: Request, caller: Caller, service: str, method: str, path: str,
               **kwargs: Any) -> httpx.Response:
    """Call a service as the visitor; PageError when it refuses."""
    response = await request.app.state.upstreams.call(service, method, path, caller.principal,
                                                       **kwargs)
    if response.status_code >= 400:
        raise PageError(response.status_code, detail_of(response))
    return response


async def fetch(request: Request, caller: Caller, service: str, path: str) -> Any:
    """GET a service resource as JSON."""
    return (await call(request, caller, service, "GET", path)).json()


def require_sign_in(request: Request, caller: Caller) -> RedirectResponse | None:
    """A redirect to the sign-in page for an anonymous visitor, else None."""
    if caller.signed_in:
        return None
    return RedirectResponse(f"/sign-in?next={request.url.path}", status_code=303)


def error_page(request: Request, caller: Caller, exc: PageError) -> HTMLResponse:
    t_status = exc.status if exc.status in (400, 401, 403, 404, 409, 412, 413, 422, 428,
                                            503) else 502
    return render(request, "error.html", caller, status=t_status, message=exc.message)
