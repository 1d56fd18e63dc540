"""Every HTMX header is read and written here, and nowhere else."""

from fastapi import Request, Response


def is_htmx(request: Request) -> bool:
    """An HTMX request that wants a fragment (history restore wants the whole page)."""
    return (request.headers.get("hx-request") == "true"
            and request.headers.get("hx-history-restore-request") != "true")


def vary(response: Response, *more: str) -> Response:
    """Fragments and pages share URLs, so caches must key on HX-Request (and on `more`)."""
    response.headers["Vary"] = ", ".join(("HX-Request", *more))
    return response


def redirect(response: Response, url: str) -> Response:
    """Ask HTMX to navigate the whole page."""
    response.headers["HX-Redirect"] = url
    return response


def trigger(response: Response, event: str) -> Response:
    """Tell widgets on the page to refresh."""
    response.headers["HX-Trigger"] = event
    return response


def in_place(response: Response) -> Response:
    """Show the answer inside the request's target, keeping the target itself."""
    response.headers["HX-Reswap"] = "innerHTML"
    return response
