"""Structured logs that carry the request id the gateway creates."""

import logging
import os
import re
import sys
from contextvars import ContextVar

import structlog
from starlette.types import ASGIApp, Message, Receive, Scope, Send

REQUEST_ID_HEADER = "x-request-id"
HEADER = REQUEST_ID_HEADER.encode()
REQUEST_ID = re.compile(rb"^[\w.:@=+/-]{1,100}$", re.ASCII)
request_id_var: ContextVar[str] = ContextVar("request_id", default="")


def configure_logging(level: str = "INFO") -> None:
    """JSON lines on stdout, each with the request id when there is one."""
    logging.basicConfig(format="%(message)s", stream=sys.stdout, level=level.upper())
    # Each part logs its own requests with the request id; these would only repeat them. A PDF
    # renderer's seven steps per document are not news either.
    for noisy in ("httpx", "httpcore", "uvicorn.access", "weasyprint.progress"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    structlog.configure(
        processors=[
            structlog.contextvars.merge_contextvars,
            structlog.processors.add_log_level,
            structlog.processors.TimeStamper(fmt="iso", utc=True),
            structlog.processors.JSONRenderer(ensure_ascii=False),
        ],
        wrapper_class=structlog.make_filtering_bound_logger(logging.getLevelName(level.upper())),
        cache_logger_on_first_use=True,
    )


def header(scope: Scope, name: bytes) -> bytes | None:
    """The first value of one request header (`name` in lower case), without building a dict of
    them all (ASGI servers send header names in lower case)."""
    for key, value in scope["headers"]:
        if key == name:
            return value
    return None


class RequestIdMiddleware:
    """Takes `X-Request-ID` from the caller (or makes one), logs with it, echoes it back."""

    def __init__(self, app: ASGIApp, part: str) -> None:
        self.app = app
        self.part = part
        self.log = structlog.get_logger()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        incoming = (header(scope, HEADER) or b"")[:100]
        # echoed back and passed on: only a plain token, else one of our own
        request_id = incoming.decode() if REQUEST_ID.match(incoming) else os.urandom(16).hex()
        echoed = (HEADER, request_id.encode("latin-1"))
        token = request_id_var.set(request_id)
        bound = structlog.contextvars.bind_contextvars(request_id=request_id, part=self.part)
        status = 500

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                raw = [(k, v) for k, v in message.get("headers", []) if k.lower() != HEADER]
                raw.append(echoed)
                message["headers"] = raw
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            self.log.info("request", method=scope["method"], path=scope["path"], status=status)
            structlog.contextvars.reset_contextvars(**bound)
            request_id_var.reset(token)
