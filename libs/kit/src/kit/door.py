"""What every part checks before routing: the request's shape, and the body's size as it streams.

Plain ASGI middleware (no per-request task). `PlainRequest` refuses with 400 a path holding dot
segments (plain or percent-encoded, once or twice), encoded slashes or backslashes, NUL or other
control characters, or a header value that is not visible ASCII (those a browser may fill
freely excepted), and with 422 a query holding NUL. `BodyLimit` counts the bytes of the body
as they arrive, with or without a `Content-Length`, and answers 413 the moment they pass the
limit — the body is never read further, and the request's transaction, never committed,
stores nothing; a urlencoded form holding NUL is 422 the same way.
"""

import re
from collections.abc import Awaitable, Callable
from urllib.parse import unquote

from starlette.responses import JSONResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from kit.errors import problem
from kit.logs import header

CONTROL = re.compile(r"[\x00-\x1f\x7f]")
# An encoded slash or backslash would be one segment to the router and two to the next hop.
ENCODED_SEPARATOR = re.compile(rb"%(2f|5c)", re.IGNORECASE)
DOT_SEGMENTS = {".", ".."}
# A path of these bytes alone holds no dot segment, escape, backslash or control character.
PLAIN_PATH, PLAIN_TEXT = re.compile(rb"[A-Za-z0-9_~/-]*"), re.compile(r"[A-Za-z0-9_~/-]*")
QUERY_NUL = re.compile(rb"\x00|%00")
# RFC 9110 field values: visible ASCII, space and tab. No part reads these three, and a browser
# may send anything in them.
HEADER_VALUE = re.compile(rb"^[\t\x20-\x7e]*$")
FREE_HEADERS = {b"cookie", b"user-agent", b"referer"}


def path_refusal(scope: Scope) -> str | None:
    """Why this request's path is refused, or None when it is a plain path."""
    raw: bytes = scope.get("raw_path") or scope["path"].encode()
    if PLAIN_PATH.fullmatch(raw) and PLAIN_TEXT.fullmatch(scope["path"]):
        return None  # most paths: nothing encoded, no dot, nothing to refuse
    if ENCODED_SEPARATOR.search(raw):
        return "A path may not hold an encoded slash or backslash."
    seen: str = scope["path"]
    for _ in range(3):  # as decoded by the server, then as a next hop would decode it again
        if CONTROL.search(seen):
            return "A path may not hold control characters."
        if DOT_SEGMENTS & set(re.split(r"[/\\]", seen)):
            return "A path may not hold '.' or '..' segments."
        decoded = unquote(seen)
        if decoded == seen:
            return None
        seen = decoded
    return "A path may not be encoded more than twice."


def nul_in(where: str) -> JSONResponse:
    """422: a text holds NUL (as a request model refuses it: kit.types.Input)."""
    return problem(422, f"The {where} may not hold a NUL character.",
                   errors=[{"loc": [where], "msg": "a text may not hold a NUL character"}])


def refusal(scope: Scope) -> JSONResponse | None:
    """The answer to a request refused before routing, or None."""
    query = scope.get("query_string", b"")
    if QUERY_NUL.search(query):
        return nul_in("query")
    if not query.isascii():  # a browser percent-encodes what is not ASCII
        return problem(400, "The query must be ASCII: percent-encode anything else.")
    for name, value in scope["headers"]:
        if name not in FREE_HEADERS and not HEADER_VALUE.match(value):
            return problem(400, f"The {name.decode('latin-1')} header must be visible ASCII.")
    why = path_refusal(scope)
    return problem(400, why) if why else None


class PlainRequest:
    """Refuse (400) a request whose path, query or headers are not plain (see above)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and (refused := refusal(scope)) is not None:
            await refused(scope, receive, send)
            return
        await self.app(scope, receive, send)


class BodyRefused(Exception):
    """Raised from `receive` once the body is refused: whoever reads it stops there."""


URLENCODED = b"application/x-www-form-urlencoded"
ENCODED_NUL = b"%00"


# A part's own 413 answer for some requests (the gateway's pages: a readable page), or None.
TooLargeAnswer = Callable[[Scope, int], Awaitable[Response | None]]


class BodyLimit:
    """Count the request body's bytes as they stream; past `limit`, answer 413 problem+json
    (or what `page` answers for the request). A urlencoded form holding NUL (`%00`, which no
    text column takes) is 422 the same way."""

    def __init__(self, app: ASGIApp, limit: int, page: TooLargeAnswer | None = None) -> None:
        self.app, self.limit, self.page = app, limit, page

    async def too_large(self, scope: Scope) -> Response:
        """The 413 answer."""
        if self.page is not None and (answer := await self.page(scope, self.limit)):
            return answer
        return problem(413, f"A request body may hold at most {self.limit // 1048576} MB "
                            f"({self.limit} bytes).", title="Content too large")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = header(scope, b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.limit):
            response = (await self.too_large(scope) if declared.isdigit()
                        else problem(400, "Content-Length is not a number."))
            await response(scope, receive, send)
            return
        form = (header(scope, b"content-type") or b"").lower().startswith(URLENCODED)
        await _Counted(self, scope, receive, send, form=form).run()


class _Counted:
    """One request under a `BodyLimit`: once its body is refused, whatever the app answers is
    replaced by the refusal (when nothing was sent yet)."""

    def __init__(self, door: BodyLimit, scope: Scope, receive: Receive, send: Send, *,
                 form: bool) -> None:
        self.door, self.scope, self.upstream_receive, self.upstream_send = (
            door, scope, receive, send)
        self.form, self.tail = form, b""
        self.received, self.started = 0, False
        self.refusal: Response | None = None

    async def receive(self) -> Message:
        if self.refusal is not None:
            raise BodyRefused
        message = await self.upstream_receive()
        if message["type"] == "http.request":
            body = message.get("body", b"")
            self.received += len(body)
            if self.received > self.door.limit:
                self.refusal = await self.door.too_large(self.scope)
            elif self.form and ENCODED_NUL in self.tail + body:
                self.refusal = nul_in("body")
            self.tail = (self.tail + body)[-2:]
            if self.refusal is not None:
                raise BodyRefused
        return message

    async def send(self, message: Message) -> None:
        if self.refusal is not None:
            await self.refuse()  # the app's own answer is dropped
            return
        self.started = self.started or message["type"] == "http.response.start"
        await self.upstream_send(message)

    async def refuse(self) -> None:
        if self.refusal is not None and not self.started:
            self.started = True
            await self.refusal(self.scope, self.upstream_receive, self.upstream_send)

    async def run(self) -> None:
        try:
            await self.door.app(self.scope, self.receive, self.send)
        except BodyRefused:
            pass
        except BaseExceptionGroup as group:
            if group.split(BodyRefused)[1] is not None:
                raise
        await self.refuse()
