"""The public statistics page (no sign-in): published matters by department and type, online
and zero-visit shares, reform metrics since a chosen date, handling volume per month, actual
handling times against committed limits, and satisfaction from ratings; SVG charts, each
with its table, and each table as CSV (publish's /api/publish/v1/statistics/…csv)."""

from datetime import date, timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from gateway.access import CallerDep
from gateway.clients import publish
from gateway.clients.base import ServiceError
from gateway.i18n import N_, NP_
from gateway.page import PageError, link, refusal, render, translate
from kit.clock import china_today

router = APIRouter(include_in_schema=False)
REFORM = [("committed_days_cut", N_("压减承诺办理时限"), N_("天")),
          ("steps_simplified", N_("简化办理环节"), NP_("count of steps", "个")),
          ("materials_reduced", N_("减少申请材料"), N_("件")),
          ("materials_standardized", N_("规范申请材料"), N_("件")),
          ("discretion_benchmarks_added", N_("明确裁量基准"), N_("项")),
          ("vague_clauses_fixed", N_("明确模糊条款"), NP_("count of clauses", "个")),
          ("catch_all_clauses_fixed", N_("明确兜底条款"), NP_("count of clauses", "个")),
          ("onsite_visits_cut", N_("减少跑动次数"), N_("次"))]
LABEL_WIDTH, BAR_WIDTH, ROW_HEIGHT = 180, 300, 26


def chart(rows: list[tuple[str, list[float | int | None]]]) -> dict[str, Any]:
    """Horizontal bars (one or two series per row), scaled to the largest value."""
    top = max([v or 0 for _, values in rows for v in values] + [1])
    series = max((len(values) for _, values in rows), default=1)
    step = ROW_HEIGHT * series + 6
    bars = [{"label": label, "y": i * step,
             "values": [{"value": v, "width": round(BAR_WIDTH * (v or 0) / top, 1),
                         "y": i * step + k * ROW_HEIGHT} for k, v in enumerate(values)]}
            for i, (label, values) in enumerate(rows)]
    return {"bars": bars, "height": max(len(bars), 1) * step, "label_width": LABEL_WIDTH,
            "bar_width": BAR_WIDTH, "row_height": ROW_HEIGHT}


def charts(figures: dict[str, Any], catalogue: dict[str, Any],
           reform: dict[str, Any]) -> dict[str, Any]:
    """The page's charts from the figures."""
    return {
        "departments": chart([(d["name"], [d["matters"]]) for d in catalogue["departments"]]),
        "monthly": chart([(m["month"], [m["closed"]]) for m in figures["months"]]),
        "handling": chart([(m["name"], [m["p50_days"], m["committed_limit"]])
                           for m in figures["matters"]]),
        "satisfaction": chart([(d["name"], [d["average_score"]])
                               for d in figures["departments"]]),
        "reform": chart([(key, [reform["totals"][key]]) for key, _, _ in REFORM]),
    }


def default_since() -> date:
    """A year back: one round of standardization."""
    return china_today() - timedelta(days=365)


@router.get("/statistics", response_class=HTMLResponse)
async def statistics(request: Request, caller: CallerDep,
                     since: Annotated[str, Query(max_length=20)] = "") -> Response:
    """The public statistics since a chosen date (a year back by default)."""
    _ = translate(request)
    error: str | None
    try:
        chosen = date.fromisoformat(since) if since else default_since()
    except ValueError:
        chosen, error = default_since(), _("请按“年-月-日”填写起始日期，例如 2025-06-01。")
    else:
        error = _("起始日期不能晚于今天。") if chosen > china_today() else None
    if error:
        chosen = default_since()
    try:
        found = await publish.public_statistics(link(request, caller), since=chosen.isoformat())
    except ServiceError as refused:
        raise PageError(refused.status, refusal(request, refused)) from refused
    body = found.model_dump()
    return render(request, "statistics.html", caller, since=chosen.isoformat(), error=error,
                  status=422 if error else 200, catalogue=body["catalogue"],
                  figures=body["figures"], reform=body["reform"], reform_rows=REFORM,
                  charts=charts(body["figures"], body["catalogue"], body["reform"]),
                  today=china_today().isoformat(), public=True)
