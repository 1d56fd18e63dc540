"""The consolidated feedback letter as a PDF (WeasyPrint, the CJK font by family name, as
intake's documents): the same letter gives the same bytes."""

from datetime import date
from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from review.anchors import parse

# The Chinese label of each top-level element of the standard, as catalog's layout names it
# (`catalog.layout.elements`; a test keeps the two in step): the letter is printed in Chinese.
ELEMENT_LABELS = {
    "implementation_code": "实施编码", "basic_code": "基本编码",
    "handling_item_code": "业务办理项编码", "name": "事项名称", "matter_type": "事项类型",
    "exercise_level": "行使层级", "department": "实施主体", "window": "办理窗口",
    "service_objects": "服务对象", "derived_from": "来源基本目录编码", "legal_basis": "设定依据",
    "conditions": "受理条件", "materials": "申请材料", "statutory_limit": "法定办结时限",
    "committed_limit": "承诺办结时限", "limit_unit": "时限单位", "limit_explanation": "时限说明",
    "case_class": "办件类型", "special_procedures": "特别程序", "extension": "延期办理",
    "fees": "收费", "steps": "办理流程", "discretion_benchmarks": "裁量基准",
    "channels": "办理渠道", "result": "审批结果", "faq": "常见问题",
    "co_handling_departments": "联办部门", "consultation": "咨询方式", "complaint": "监督投诉",
    "effective_from": "生效日期", "cancel_date": "取消日期",
}
ASPECTS = {"legality": "合法性", "reasonableness": "合理性", "compliance": "合规性"}
SEVERITIES = {"must_fix": "必须修改", "suggestion": "建议修改"}
PROPOSALS = {"delete": "建议删除", "keep": "建议保留", "change": "建议修改为"}
DECISIONS = {"approved": "审核通过", "returned": "退回修改"}


def element_label(point: dict[str, Any]) -> str:
    """`申请材料 第3项（营业执照）` for a row, the element's label otherwise."""
    parsed = parse(point.get("element", ""))
    if parsed is None:
        return str(point.get("element", ""))
    key, index = parsed
    label = ELEMENT_LABELS.get(key, key)
    if index is None:
        return label
    name = point.get("row_name")
    return f"{label} 第{index + 1}项" + (f"（{name}）" if name else "")


def chinese_day(iso: str) -> str:
    """`2026-12-01…` as `2026年12月1日`."""
    day = date.fromisoformat(str(iso)[:10])
    return f"{day.year}年{day.month}月{day.day}日"


@cache
def _environment() -> Environment:
    environment = Environment(loader=PackageLoader("review", "templates"),
                              autoescape=select_autoescape(["html"]), undefined=StrictUndefined)
    environment.globals.update(label=element_label, day=chinese_day, aspects=ASPECTS,
                               severities=SEVERITIES, proposals=PROPOSALS, decisions=DECISIONS)
    return environment


def letter_html(facts: dict[str, Any]) -> str:
    """The letter as HTML, ready for print."""
    return _environment().get_template("letter.html").render(f=facts)


def render_pdf(facts: dict[str, Any]) -> bytes:
    """The letter as PDF."""
    import weasyprint  # imported on first use: it loads pango, which the app need not wait for

    pdf: bytes = weasyprint.HTML(string=letter_html(facts)).write_pdf()
    return pdf
