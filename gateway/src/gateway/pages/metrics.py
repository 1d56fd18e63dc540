"""The reform-metrics page: what standardization changed, for the zone and each department."""

from datetime import date, timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from gateway.access import Caller
from gateway.clients import catalog, review
from gateway.clients.base import ServiceError
from gateway.i18n import N_, NP_
from gateway.page import MetricsReader, PageError, link, refusal, render, translate
from kit.clock import china_today

router = APIRouter(include_in_schema=False)
ZONE = "all"
# The metrics as the seed reports them: (field, label, unit), in the seed's order.
METRICS = [("committed_days_cut", N_("压减承诺办理时限"), N_("天")),
           ("steps_simplified", N_("简化办理环节"), NP_("count of steps", "个")),
           ("materials_reduced", N_("减少申请材料"), N_("件")),
           ("materials_standardized", N_("规范申请材料"), N_("件")),
           ("discretion_benchmarks_added", N_("明确裁量基准"), N_("项")),
           ("vague_clauses_fixed", N_("明确模糊条款"), NP_("count of clauses", "个")),
           ("catch_all_clauses_fixed", N_("明确兜底条款"), NP_("count of clauses", "个")),
           ("onsite_visits_cut", N_("减少跑动次数"), N_("次"))]
FIELDS = [m[0] for m in METRICS]
# The chart's frame (SVG user units): department names on the left, bars, values at the end.
LABEL_WIDTH, BAR_WIDTH, ROW_HEIGHT = 150, 160, 30


def default_since() -> date:
    """A year back from today: long enough to span one round of standardization."""
    return china_today() - timedelta(days=365)


def parse_since(raw: str) -> date | None:
    try:
        return date.fromisoformat(raw)
    except ValueError:
        return None


def chart(departments: list[dict[str, Any]], metric: str, chosen: str) -> dict[str, Any]:
    """Horizontal bars of one metric per department, scaled to the largest value."""
    top = max([d[metric] for d in departments] + [1])
    bars = [{"name": d["name"], "code": d["code"], "value": d[metric],
             "y": i * ROW_HEIGHT, "width": round(BAR_WIDTH * d[metric] / top, 1),
             "chosen": d["code"] == chosen} for i, d in enumerate(departments)]
    return {"bars": bars, "height": max(len(bars), 1) * ROW_HEIGHT, "label_width": LABEL_WIDTH,
            "bar_width": BAR_WIDTH, "row_height": ROW_HEIGHT}


def scope_of(caller: Caller, department: str | None) -> str:
    """The department shown: the one asked for; an editor's own by default; else the zone."""
    if department:
        return department
    own = caller.principal.department if caller.principal.has("editor") else None
    return own or ZONE


@router.get("/metrics")
async def metrics(request: Request, caller: MetricsReader,
                  since: Annotated[str, Query(max_length=20)] = "",
                  department: Annotated[str | None, Query(max_length=18)] = None,
                  metric: Annotated[str, Query(max_length=40)] = FIELDS[0]) -> Response:
    """The reform metrics since a date, per department and for the whole zone, with a chart."""
    _ = translate(request)
    chosen = parse_since(since) if since else None
    start = chosen or default_since()
    scope = scope_of(caller, department)
    metric = metric if metric in FIELDS else FIELDS[0]
    body, error = (None,
                   _("请按“年-月-日”填写起始日期，例如 2025-06-01。") if since and chosen is None
                   else None)
    if error is None:
        try:
            body = await catalog.reform_metrics(link(request, caller), start)
        except ServiceError as refused:
            if refused.status != 422:
                raise PageError(refused.status, refusal(request, refused)) from refused
            error = _("起始日期不能晚于今天。")
    rounds = (await review.metrics(link(request, caller))
              if caller.principal.has("supervisor", "admin", "lead") else None)
    departments = body["departments"] if body else []
    shown = next((d for d in departments if d["code"] == scope), None)
    return render(request, "reform_metrics.html", caller, block="report",
                  status=422 if error else 200, since=since if error else start.isoformat(),
                  scope=scope, zone=ZONE, department=shown, departments=departments,
                  totals=shown or (body["totals"] if body else None),
                  zone_totals=body["totals"] if body else None, metrics=METRICS,
                  metric=metric, chart=chart(departments, metric, scope), error=error,
                  today=china_today().isoformat(), rounds=rounds)
