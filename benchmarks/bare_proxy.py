"""A bare reverse proxy (no sessions, no tokens): the baseline a gateway hop is compared with."""

import os

import aiohttp
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

UPSTREAM = os.environ["BARE_PROXY_UPSTREAM"]
AUTHORIZATION = os.environ.get("BARE_PROXY_AUTHORIZATION", "")
session: aiohttp.ClientSession | None = None


async def forward(request: Request) -> Response:
    global session
    if session is None:
        session = aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=200))
    headers = {"Authorization": AUTHORIZATION} if AUTHORIZATION else {}
    url = UPSTREAM + request.url.path + (f"?{request.url.query}" if request.url.query else "")
    async with session.request(request.method, url, headers=headers,
                               data=await request.body()) as upstream:
        body = await upstream.read()
        return Response(body, status_code=upstream.status,
                        media_type=upstream.headers.get("content-type"))


app = Starlette(routes=[Route("/{path:path}", forward, methods=["GET", "POST"])])
