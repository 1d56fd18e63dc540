"""A report as people take it away: PDF (WeasyPrint, a CJK font by family name) with an SVG
chart, and Excel (openpyxl), both from the archived figures alone."""

from functools import cache
from io import BytesIO
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

STATES = {"draft": "草稿", "submitted": "已提交", "in_review": "审核中", "returned": "已退回",
          "approved": "已通过", "published": "已发布"}
CADENCES = {"monthly": "月报", "weekly": "周报"}
NOTICE_STATES = {"open": "待答复", "answered": "已答复", "closed": "已办结"}


def flag_words(flag: dict[str, Any]) -> str:
    """A flag in words."""
    if flag["rule"] == "behind":
        return (f"落后于进度：已发布 {flag['published']}/{flag['target']}"
                f"（{flag['share']:.0%}），按期应达 {flag['expected']:.0%}")
    if flag["rule"] == "returned_twice":
        return f"事项两次以上被退回：{'、'.join(flag['matters'])}"
    return (f"{flag['working_days']} 个工作日无进展（阈值 {flag['threshold']}）："
            f"{'、'.join(flag['matters'])}")


def title(report: dict[str, Any]) -> str:
    """`2026年11月 进度月报` or `2026-11-23 至 2026-11-29 进度周报`."""
    start, end = report["period_start"], report["period_end"]
    if report["cadence"] == "monthly":
        return f"{start.year}年{start.month}月 标准化进度月报"
    return f"{start.isoformat()} 至 {end.isoformat()} 标准化进度周报"


@cache
def _environment() -> Environment:
    environment = Environment(loader=PackageLoader("publish", "templates"),
                              autoescape=select_autoescape(["html"]),
                              undefined=StrictUndefined)
    environment.globals.update(states=STATES, flag_words=flag_words, percent=_percent,
                               signed=_signed, notice_states=NOTICE_STATES)
    return environment


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value:.0%}"


def _signed(value: float | int | None, percent: bool = False) -> str:
    if value is None:
        return ""
    if percent:
        return f"{value * 100:+.0f} 个百分点"
    return f"{value:+d}" if isinstance(value, int) else f"{value:+}"


def report_html(report: dict[str, Any]) -> str:
    """The report as HTML, ready for print."""
    return _environment().get_template("report.html").render(r=report, title=title(report))


def render_pdf(report: dict[str, Any]) -> bytes:
    """The report as PDF."""
    import weasyprint  # imported on first use: loading pango takes a second

    pdf: bytes = weasyprint.HTML(string=report_html(report)).write_pdf()
    return pdf


def render_xlsx(report: dict[str, Any]) -> bytes:
    """The report as an Excel workbook: progress, flags, notices and the review's workload."""
    from openpyxl import Workbook

    figures, changes = report["figures"], report["changes"]["departments"]
    book = Workbook()
    sheet = book.active
    assert sheet is not None  # a new workbook has its first sheet
    sheet.title = "进度"
    sheet.append([title(report)])
    sheet.append(["部门", "事项", "目标", *STATES.values(), "发布率", "按期应达", "平均轮次",
                  "本期发布", "发布率较上期"])
    for d in figures["departments"]:
        change = changes.get(d["code"], {}).get("published_share")
        sheet.append([d["name"], d["matters"], d["target"],
                      *(d["counts"].get(s, 0) for s in STATES), d["published_share"],
                      d["expected_share"], d["rounds_average"], d["published_in_period"],
                      change])
    flags = book.create_sheet("标记")
    flags.append(["部门", "标记"])
    for d in figures["departments"]:
        for flag in d["flags"]:
            flags.append([d["name"], flag_words(flag)])
    sent = book.create_sheet("督办")
    sent.append(["编号", "部门", "事由", "期限", "状态", "逾期答复"])
    for n in figures.get("notices", []):
        sent.append([n["id"], n["department_name"], n["reason"], n["due"],
                     NOTICE_STATES.get(n["state"], n["state"]), "是" if n["late"] else ""])
    work = book.create_sheet("审核工作量")
    work.append(["审核组", "审核人", "标准数", "轮次", "要素数", "字数", "意见数"])
    for g in figures["workload"]["groups"]:
        work.append([g["group"], "（全组）", g["standards"], g["rounds"], g["elements"],
                     g["characters"], g["opinions"]])
    for p in figures["workload"]["reviewers"]:
        work.append([p["group"], p["name"], p["standards"], p["rounds"], p["elements"],
                     p["characters"], p["opinions"]])
    out = BytesIO()
    book.save(out)
    return out.getvalue()
