"""Row 4: filing one 1 MB PDF through the gateway (signed in as the demo enterprise, a multipart
POST from wrk's `lua/upload.lua`, every file different) at 8 connections, against what the
hardware does for the same bytes without HTTP or OneWindow: 8 asyncio tasks on psycopg async,
each hashing 1 MB, writing it to a file with fsync and inserting its metadata row (the file
store's baseline), and — the issue's first baseline — inserting the 1 MB into a bytea column;
every commit its own."""

import asyncio
import hashlib
import os
import time
import uuid
from pathlib import Path
from typing import Any

import httpx
import psycopg

from benchmarks.measure import Target, interleave
from benchmarks.parts import Platform, eventually, signed_in
from benchmarks.report import Row, ratio_row
from benchmarks.scratch import driver_dsn
from benchmarks.wrk import Measurement, lua_text

CODE = "430103-01-0001"  # a demo matter for enterprises
APPLICANT = "enterprise"  # the demo enterprise's account
SIZE = 1024 * 1024
CONNECTIONS = 8
TABLES = """CREATE SCHEMA IF NOT EXISTS bench_raw;
CREATE TABLE IF NOT EXISTS bench_raw.material (id bigserial PRIMARY KEY, filename text NOT NULL,
  content_type text NOT NULL, size integer NOT NULL, sha256 text NOT NULL,
  uploaded_at timestamptz NOT NULL DEFAULT now());
CREATE TABLE IF NOT EXISTS bench_raw.blob (id bigserial PRIMARY KEY, content bytea NOT NULL,
  uploaded_at timestamptz NOT NULL DEFAULT now());"""


def percentiles(samples: list[float]) -> dict[str, float]:
    """p50 … p99 of `samples` (ms), nearest rank."""
    ordered = sorted(samples)
    return {f"p{s}": round(ordered[min(len(ordered) - 1, round(s / 100 * (len(ordered) - 1)))],
                           3) for s in (50, 75, 90, 95, 99)}


def stored(folder: Path, content: bytes) -> str:
    """The file store's work, bare: hash, write to a temporary name, fsync, rename."""
    sha256 = hashlib.sha256(content).hexdigest()
    temporary = folder / f"tmp-{uuid.uuid4().hex}"
    with temporary.open("wb") as out:
        out.write(content)
        out.flush()
        os.fsync(out.fileno())
    os.replace(temporary, folder / sha256)
    return sha256


class RawFiling:
    """The baseline as a target: `connections` tasks, each on its own connection."""

    def __init__(self, dsn: str, folder: Path, into_file: bool) -> None:
        self.dsn, self.folder, self.into_file = dsn, folder, into_file
        self.connections = CONNECTIONS
        self.filler = b"0" * SIZE

    def run(self, seconds: float) -> Measurement:
        samples: list[float] = []
        started = time.perf_counter()
        asyncio.run(self.drive(seconds, samples))
        took = time.perf_counter() - started
        return Measurement(requests_per_second=len(samples) / took, requests=len(samples),
                           latency_ms=percentiles(samples))

    async def drive(self, seconds: float, samples: list[float]) -> None:
        deadline = time.perf_counter() + seconds
        await asyncio.gather(*(self.task(deadline, samples) for _ in range(self.connections)))

    async def task(self, deadline: float, samples: list[float]) -> None:
        async with await psycopg.AsyncConnection.connect(self.dsn) as conn:
            while time.perf_counter() < deadline:
                content = (f"%PDF-1.7\n% {uuid.uuid4()}\n".encode() + self.filler)[:SIZE]
                began = time.perf_counter()
                if self.into_file:
                    sha256 = await asyncio.to_thread(stored, self.folder, content)
                    await conn.execute(
                        "INSERT INTO bench_raw.material (filename, content_type, size, sha256)"
                        " VALUES (%s, %s, %s, %s)", ("bench.pdf", "application/pdf", SIZE,
                                                     sha256))
                else:
                    await conn.execute("INSERT INTO bench_raw.blob (content) VALUES (%s)",
                                       (content,))
                await conn.commit()
                samples.append((time.perf_counter() - began) * 1000)


def upload_target(gateway: str, session: dict[str, str]) -> Target:
    """wrk posting a new 1 MB PDF on each request, as the signed-in applicant."""
    headers = ", ".join(f"[ {lua_text(k)} ] = {lua_text(v)}" for k, v in session.items())
    preamble = (f"path = {lua_text('/api/intake/v1/applications')}\ncode = {lua_text(CODE)}\n"
                f"size = {SIZE}\nheaders = {{{headers}}}\n")
    return Target(gateway + "/api/intake/v1/applications", connections=CONNECTIONS,
                  preamble=preamble, body="upload.lua")


def check_one(gateway: str, session: dict[str, str]) -> dict[str, Any]:
    """One filing by hand first: a refusal shows here, readably, not as wrk's non-2xx."""
    answer = httpx.post(gateway + "/api/intake/v1/applications", headers=session, timeout=60,
                        data={"implementation_code": CODE, "confirm_incomplete": "true"},
                        files=[("materials", ("bench.pdf", b"%PDF-1.7\n" + b"1" * SIZE,
                                              "application/pdf"))])
    if answer.status_code != 201:
        raise RuntimeError(f"filing through the gateway refused: {answer.status_code} "
                           f"{answer.text[:500]}")
    return {"status": answer.status_code, "materials": len(answer.json()["materials"])}


def measure(platform: Platform, url: str, files: Path, *, passes: int,
            seconds: float) -> tuple[list[Row], dict[str, Any]]:
    """Row 4, the baselines and the gateway interleaved."""
    gateway = platform.base("gateway")
    session = signed_in(gateway, APPLICANT)
    eventually(gateway + "/api/intake/v1/matters", session, found=CODE)
    checked = check_one(gateway, session)
    dsn = driver_dsn(url)
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(TABLES)
    raw_folder = files / "bench-raw"
    raw_folder.mkdir()
    got = interleave({"file + fsync + row": RawFiling(dsn, raw_folder, into_file=True),
                      "bytea insert": RawFiling(dsn, raw_folder, into_file=False),
                      "gateway filing": upload_target(gateway, session)},
                     passes=passes, seconds=seconds)
    bytea = got["bytea insert"]
    row = ratio_row(4, "filing with one 1 MB PDF through the gateway, 8 connections (wrk + Lua)",
                    f"1 MB hashed, written with fsync + metadata row, psycopg "
                    f"(bytea insert: {bytea.requests_per_second:,.0f}/s)",
                    got["file + fsync + row"], got["gateway filing"], 0.5, bytea=bytea.as_json(),
                    checked=checked)
    return [row], {"filing": {k: v.as_json() for k, v in got.items()}}
