"""Progress reports (leaders, supervisors, administrators): the archive, the monthly/weekly
switch, "generate now", one report compared with the one before, PDF and Excel."""

from typing import Annotated, Any

from fastapi import APIRouter, Form, Path, Request
from fastapi.responses import RedirectResponse, Response

from gateway.access import Caller
from gateway.clients import progress as progress_client
from gateway.clients.base import ServiceError
from gateway.page import link, needs, refusal, render

router = APIRouter(include_in_schema=False)
ReportReader = Annotated[Caller, needs("leader", "supervisor", "admin")]
ReportKeeper = Annotated[Caller, needs("leader", "admin")]
ReportId = Annotated[int, Path(ge=1, le=2**31 - 1)]
# The chart's frame (SVG user units), as on the progress page.
LABEL_WIDTH, BAR_WIDTH, ROW_HEIGHT = 150, 300, 30


def chart(departments: list[dict[str, Any]]) -> dict[str, Any]:
    """Bars of each department's published share, with the straight line's mark."""
    bars = [{"name": d["name"], "y": i * ROW_HEIGHT, "share": d["published_share"],
             "flagged": bool(d["flags"]), "width": round(BAR_WIDTH * d["published_share"], 1),
             "expected": None if d["expected_share"] is None
             else round(LABEL_WIDTH + BAR_WIDTH * d["expected_share"], 1)}
            for i, d in enumerate(departments)]
    return {"bars": bars, "height": max(len(bars), 1) * ROW_HEIGHT, "label_width": LABEL_WIDTH,
            "bar_width": BAR_WIDTH, "row_height": ROW_HEIGHT}


def trend(items: list[dict[str, Any]]) -> dict[str, Any]:
    """The zone's published share per archived report, oldest first, as a line's points."""
    points = [(r["period_start"], r["totals"].get("published_share", 0))
              for r in reversed(items) if r.get("totals")]
    step = 600 / max(len(points) - 1, 1)
    return {"points": [{"x": round(i * step, 1), "y": round(150 - 140 * share, 1),
                        "label": label, "share": share}
                       for i, (label, share) in enumerate(points)]}


async def _archive(request: Request, caller: Caller, *, error: str | None = None,
                   status: int = 200) -> Response:
    found = (await progress_client.reports(link(request, caller))).model_dump()
    return render(request, "supervision_reports.html", caller, status=status,
                  cadence=found["cadence"], reports=found["items"], trend=trend(found["items"]),
                  error=error, keeps=bool({"leader", "admin"} & set(caller.principal.roles)))


@router.get("/supervision/reports")
async def reports_page(request: Request, caller: ReportReader) -> Response:
    """The archive of progress reports, the cadence switch and "generate now"."""
    return await _archive(request, caller)


@router.post("/supervision/reports/cadence")
async def switch_cadence(request: Request, caller: ReportKeeper,
                         cadence: Annotated[str, Form(max_length=10)] = "") -> Response:
    """Switch between monthly and weekly reports; the next period follows it."""
    try:
        await progress_client.set_cadence(link(request, caller), cadence)
    except ServiceError as refused:
        return await _archive(request, caller, status=refused.status,
                              error=refusal(request, refused))
    return RedirectResponse("/supervision/reports", status_code=303)


@router.post("/supervision/reports/generate")
async def generate(request: Request, caller: ReportKeeper) -> Response:
    """Generate the current period's report so far, then show it."""
    made = (await progress_client.generate_report(link(request, caller))).model_dump()
    return RedirectResponse(f"/supervision/reports/{made['id']}", status_code=303)


async def _download(request: Request, caller: Caller, report_id: int, kind: str) -> Response:
    body, media, disposition = await progress_client.report_file(link(request, caller),
                                                                 report_id, kind)
    return Response(body, media_type=media, headers={"Content-Disposition": disposition})


@router.get("/supervision/reports/{report_id}.pdf")
async def report_pdf(report_id: ReportId, request: Request, caller: ReportReader) -> Response:
    """The report as PDF."""
    return await _download(request, caller, report_id, "pdf")


@router.get("/supervision/reports/{report_id}.xlsx")
async def report_xlsx(report_id: ReportId, request: Request, caller: ReportReader) -> Response:
    """The report as an Excel workbook."""
    return await _download(request, caller, report_id, "xlsx")


# After the downloads: `{report_id}` alone would swallow `7.pdf` (and refuse it).
@router.get("/supervision/reports/{report_id}")
async def report_page(report_id: ReportId, request: Request, caller: ReportReader) -> Response:
    """One report: figures, each with its change since the report before, and a chart."""
    found = (await progress_client.report(link(request, caller), report_id)).model_dump()
    departments = found["figures"]["departments"]
    return render(request, "supervision_report.html", caller, report=found,
                  figures=found["figures"], changes=found["changes"],
                  chart=chart(departments))
