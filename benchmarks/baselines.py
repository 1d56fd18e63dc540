"""The baselines measured beside OneWindow in the same run, as ASGI apps for uvicorn:

- `hello`: FastAPI's hello world (the ceiling of one worker);
- `raw_read`: a minimal FastAPI app over psycopg async that reads the row the publish service
  reads for one guide and returns the same body, byte for byte (the raw driver's ceiling):
  one prepared query on an open connection, nothing else.

    uvicorn benchmarks.baselines:hello
    BENCH_RAW_DSN=postgresql://… uvicorn benchmarks.baselines:raw_read
"""

import asyncio
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import psycopg
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

CONNECTIONS = 8
GUIDE = ("SELECT document, department_name, hall_window FROM publish.public_matter "
         "WHERE implementation_code = %s")

hello = FastAPI()


@hello.get("/")
async def hello_world() -> dict[str, str]:
    """FastAPI's own first example."""
    return {"message": "Hello World"}


@asynccontextmanager
async def connections(app: FastAPI) -> AsyncIterator[None]:
    """A fixed set of open connections in a queue: the least a pool can be."""
    idle: asyncio.Queue[psycopg.AsyncConnection] = asyncio.Queue()
    opened = [await psycopg.AsyncConnection.connect(os.environ["BENCH_RAW_DSN"], autocommit=True)
              for _ in range(CONNECTIONS)]
    for connection in opened:
        idle.put_nowait(connection)
    app.state.idle = idle
    yield
    for connection in opened:
        await connection.close()


raw_read = FastAPI(lifespan=connections)


@raw_read.get("/api/publish/v1/guides/{code}")
async def guide(code: str, request: Request) -> JSONResponse:
    """The guide's row, one round trip, rendered as the publish service renders it."""
    idle = request.app.state.idle
    connection = await idle.get()
    try:
        cursor = await connection.execute(GUIDE, (code,), prepare=True)
        row = await cursor.fetchone()
    finally:
        idle.put_nowait(connection)
    if row is None:
        return JSONResponse({"detail": "not found"}, status_code=404)
    document, department_name, hall_window = row
    return JSONResponse({**document, "department_name": department_name,
                         "hall_window": hall_window})
