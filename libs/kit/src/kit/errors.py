"""Errors as RFC 9457 problem+json: domain errors carry their status, one handler renders all."""

from collections.abc import Sequence
from http import HTTPStatus
from typing import Any

import structlog
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import ValidationError
from sqlalchemy.exc import IntegrityError
from starlette.exceptions import HTTPException as StarletteHTTPException

PROBLEM_JSON = "application/problem+json"
log = structlog.get_logger()


class DomainError(Exception):
    """A refusal the user can act on; subclasses set `status` and `title`."""

    status = 400
    title = "Bad request"

    def __init__(self, detail: str, *, errors: list[dict[str, Any]] | None = None,
                 headers: dict[str, str] | None = None) -> None:
        super().__init__(detail)
        self.detail = detail
        self.errors = errors
        self.headers = headers


class NotFound(DomainError):
    status, title = 404, "Not found"


class Conflict(DomainError):
    status, title = 409, "Conflict"


class Invalid(DomainError):
    status, title = 422, "Unprocessable content"


class Forbidden(DomainError):
    status, title = 403, "Forbidden"


class Unauthorized(DomainError):
    status, title = 401, "Unauthorized"


class PreconditionFailed(DomainError):
    status, title = 412, "Precondition failed"


class PreconditionRequired(DomainError):
    status, title = 428, "Precondition required"


class TooLarge(DomainError):
    status, title = 413, "Content too large"


def problem(status: int, detail: str, *, title: str | None = None,
            errors: list[dict[str, Any]] | None = None,
            headers: dict[str, str] | None = None) -> JSONResponse:
    """A problem+json response."""
    phrase = title or HTTPStatus(status).phrase
    body: dict[str, Any] = {"type": "about:blank", "title": phrase, "status": status,
                            "detail": detail}
    if errors is not None:
        body["errors"] = errors
    return JSONResponse(body, status_code=status, media_type=PROBLEM_JSON, headers=headers)


def validation_errors(exc: RequestValidationError | ValidationError,
                      prefix: Sequence[str | int] = ()) -> list[dict[str, Any]]:
    """Pydantic's errors in the contract's `{"loc", "msg"}` shape, each `loc` after `prefix`."""
    return [{"loc": [*prefix, *e.get("loc", ())], "msg": e.get("msg", "")} for e in exc.errors()]


def invalid_from(exc: RequestValidationError | ValidationError, detail: str, *,
                 prefix: Sequence[str | int] = ()) -> Invalid:
    """A 422 refusal carrying pydantic's reasons; raise it `from exc`."""
    return Invalid(detail, errors=validation_errors(exc, prefix))


def install_problem_handlers(app: FastAPI) -> None:
    """Render every error of `app` as problem+json."""

    @app.exception_handler(DomainError)
    async def _domain(_: Request, exc: DomainError) -> JSONResponse:
        return problem(exc.status, exc.detail, title=exc.title, errors=exc.errors,
                       headers=exc.headers)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        return problem(422, "The request is not valid.", errors=validation_errors(exc))

    @app.exception_handler(StarletteHTTPException)
    async def _http(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        return problem(exc.status_code, str(exc.detail), headers=getattr(exc, "headers", None))

    @app.exception_handler(IntegrityError)
    async def _race(_: Request, exc: IntegrityError) -> JSONResponse:
        log.warning("integrity_conflict", error=str(exc.orig)[:300])
        return problem(409, "A concurrent request changed the same record; retry.")

    @app.exception_handler(Exception)
    async def _crash(_: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled_error", error=repr(exc))
        return problem(500, "An unexpected error occurred; it has been logged.")
