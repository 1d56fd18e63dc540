"""The audit administrator's page: every part's trail, filtered, and its export as CSV."""

import asyncio
import csv
import io
from datetime import date, datetime, timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from gateway.clients import audit
from gateway.page import AuditAdmin, PageError, link, render, translate
from gateway.trail import read_own
from kit.clock import CHINA

router = APIRouter(include_in_schema=False)
PARTS = (*audit.PARTS, "gateway")
SHOWN, EXPORTED = 100, 500
Text = Annotated[str, Query(max_length=120, pattern=r"^[^\x00-\x1f]*$")]
Day = Annotated[str, Query(max_length=10)]  # YYYY-MM-DD, or empty
COLUMNS = ("part", "id", "at", "actor", "role", "address", "request_id", "action", "entity",
           "entity_id", "outcome")


def day_of(request: Request, value: str) -> date | None:
    """A day the form gave (empty: none); a readable 422 page for anything else."""
    try:
        return date.fromisoformat(value) if value else None
    except ValueError as exc:
        raise PageError(422, translate(request).gettext("日期格式应为 YYYY-MM-DD。")) from exc


def filters_of(request: Request, actor: str, action: str, outcome: str, since: str,
               until: str) -> dict[str, Any]:
    """The filters as the trails take them: days in China as aware times (until: inclusive)."""
    def start(day: date) -> datetime:
        return datetime(day.year, day.month, day.day, tzinfo=CHINA)
    first, last = day_of(request, since), day_of(request, until)
    return {"actor": actor.strip(), "action": action.strip(), "outcome": outcome,
            "since": start(first).isoformat() if first else None,
            "until": (start(last) + timedelta(days=1)).isoformat() if last else None}


async def entries(request: Request, caller: Any, part: str, filters: dict[str, Any],
                  limit: int) -> tuple[list[dict[str, Any]], int]:
    """The matching entries of one part or of all, newest first, and how many match."""
    parts = [part] if part in PARTS else list(PARTS)

    async def one(name: str) -> tuple[list[dict[str, Any]], int]:
        if name == "gateway":
            own = await run_in_threadpool(
                lambda: read_own(request, actor=filters["actor"] or None,
                                 action=filters["action"] or None,
                                 outcome=filters["outcome"] or None, since=_time(filters["since"]),
                                 until=_time(filters["until"]), limit=limit))
            return [e.model_dump(mode="json") | {"part": name} for e in own.items], own.total
        found = await audit.trail(link(request, caller), name, filters, limit=limit)
        return [e.model_dump(mode="json") | {"part": name} for e in found.items], found.total

    answers = await asyncio.gather(*(one(name) for name in parts))
    merged = sorted((e for found, _ in answers for e in found), key=lambda e: e["at"],
                    reverse=True)
    return merged[:limit], sum(total for _, total in answers)


@router.get("/audit")
async def audit_trail(request: Request, caller: AuditAdmin, part: Text = "", actor: Text = "",
                      action: Text = "", outcome: Text = "", since: Day = "",
                      until: Day = "") -> Response:
    """The newest entries of every part's trail (or one part's), filtered."""
    filters = filters_of(request, actor, action, outcome, since, until)
    shown, total = await entries(request, caller, part, filters, SHOWN)
    return render(request, "audit.html", caller, entries=shown, total=total, parts=PARTS,
                  part=part, actor=actor, action=action, outcome=outcome, since=since,
                  until=until, query=request.url.query)


@router.get("/audit.csv")
async def export(request: Request, caller: AuditAdmin, part: Text = "", actor: Text = "",
                 action: Text = "", outcome: Text = "", since: Day = "",
                 until: Day = "") -> Response:
    """The matching entries as CSV (at most 500 per part, newest first)."""
    filters = filters_of(request, actor, action, outcome, since, until)
    found, _ = await entries(request, caller, part, filters, EXPORTED)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for entry in found:
        writer.writerow([_cell(entry.get(c)) for c in COLUMNS])
    return Response("\ufeff" + out.getvalue(), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": 'attachment; filename="audit-trail.csv"',
                             "Cache-Control": "no-store"})


def _time(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def _cell(value: Any) -> str:
    """A cell a spreadsheet shows as text, never runs as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
