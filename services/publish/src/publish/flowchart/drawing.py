"""A matter's process as an accessible SVG flowchart, drawn from its standard alone.

accept → review → decide → deliver, one box per step (name, handling post, limit); co-handling
departments (并联审批) as parallel boxes beside the review; special procedures (特别程序) as
dashed side branches that do not count against the limit. The width fits a phone (a 360-unit
viewBox that scales); text wraps by character so Chinese reads at any size.
"""

from dataclasses import dataclass, field
from typing import Any
from xml.sax.saxutils import escape

WIDTH, MARGIN, GAP, LINE, PAD = 360, 16, 28, 17, 8
FONT = ('"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "WenQuanYi Micro Hei", '
        '"Microsoft YaHei", "PingFang SC", sans-serif')
UNITS = {"working_day": "个工作日", "calendar_day": "个自然日"}
DELIVERY_WORDS = ("送达", "办结", "发证", "领取", "出件")
REVIEW_WORDS = ("审查", "审核", "审批", "核查", "审")
SIDE = "不计入办理时限"
BOLD = ' font-weight="bold"'
# Presentation attributes, not a <style>: the pages' CSP allows no inline style sheet.
INK = "#1f4e79"
STYLES = {
    "fc-step": f'fill="#eef4fb" stroke="{INK}" stroke-width="1.5"',
    "fc-end": 'fill="#fff4e0" stroke="#8a5a00" stroke-width="1.5"',
    "fc-side": 'fill="#fafafa" stroke="#555" stroke-width="1.2" stroke-dasharray="5 3"',
}


@dataclass
class Box:
    """One box of the chart: its lines (the first bold), place and style."""

    lines: list[str]
    x: float
    width: float
    y: float = 0
    dashed: bool = False
    emphasis: bool = False
    wrapped: list[tuple[str, bool]] = field(default_factory=list)

    @property
    def height(self) -> float:
        return len(self.wrapped) * LINE + 2 * PAD

    @property
    def middle(self) -> float:
        return self.x + self.width / 2


def _width_of(text: str) -> float:
    """Text width in em: Chinese and full-width characters 1, the rest about half."""
    return sum(1.0 if ord(ch) > 0x2E80 else 0.56 for ch in text)


def wrap(text: str, width: float, size: float = 13) -> list[str]:
    """`text` cut into lines no wider than `width` units at font `size`."""
    room, lines, line = max((width - 2 * PAD) / size, 2), [], ""
    for ch in text:
        if _width_of(line + ch) > room:
            lines.append(line)
            line = ""
        line += ch
    return [*lines, line] if line else lines or [""]


def _layout(box: Box) -> Box:
    box.wrapped = [(part, i == 0) for i, text in enumerate(box.lines)
                   for part in wrap(text, box.width)]
    return box


def _limit(days: Any, unit: str) -> str:
    return "" if days is None else f"{days} {UNITS.get(unit, '天')}"


def _step_box(step: dict[str, Any], unit: str, x: float, width: float) -> Box:
    lines = [str(step.get("name", "")), str(step.get("actor", ""))]
    return _layout(Box(lines=[line for line in [*lines, _limit(step.get("limit"), unit)] if line],
                       x=x, width=width))


def _review_index(steps: list[dict[str, Any]]) -> int:
    for i, step in enumerate(steps):
        if i and any(w in str(step.get("name", "")) for w in REVIEW_WORDS):
            return i
    return min(1, len(steps) - 1)


def _delivery(document: dict[str, Any], steps: list[dict[str, Any]]) -> dict[str, Any] | None:
    if steps and any(w in str(steps[-1].get("name", "")) for w in DELIVERY_WORDS):
        return None
    result = (document.get("result") or {}).get("name") or ""
    return {"name": "送达", "actor": f"出具{result}" if result else "告知申请人办理结果"}


def rows_of(document: dict[str, Any]) -> list[list[Box]]:
    """The chart's rows, top to bottom; a row of several boxes runs in parallel."""
    unit = str(document.get("limit_unit") or "working_day")
    steps = [s for s in document.get("steps") or [] if isinstance(s, dict)]
    co = [d for d in document.get("co_handling_departments") or [] if isinstance(d, dict)]
    special = [p for p in document.get("special_procedures") or [] if isinstance(p, dict)]
    delivery = _delivery(document, steps)
    full = WIDTH - 2 * MARGIN
    rows: list[list[Box]] = [[_layout(Box(lines=["申请人提交申请"], x=MARGIN, width=full,
                                          emphasis=True))]]
    review = _review_index(steps) if steps else -1
    for i, step in enumerate(steps):
        if i == review and co:
            rows.append(_parallel(step, co, unit))
        else:
            rows.append([_step_box(step, unit, MARGIN, full)])
        if i == review:
            rows.extend([_side(p, unit)] for p in special)
    if delivery:
        rows.append([_layout(Box(lines=[delivery["name"], delivery["actor"]], x=MARGIN,
                                 width=full, emphasis=True))])
    return rows


def _parallel(step: dict[str, Any], co: list[dict[str, Any]], unit: str) -> list[Box]:
    count = 1 + len(co)
    width = (WIDTH - 2 * MARGIN - (count - 1) * PAD) / count
    boxes = [_step_box(step, unit, MARGIN, width)]
    for n, department in enumerate(co, start=1):
        lines = ["并联审批", str(department.get("name", "")), str(department.get("step") or "")]
        lines.append(_limit(department.get("limit"), unit) or "承诺时限内")
        boxes.append(_layout(Box(lines=[line for line in lines if line],
                                 x=MARGIN + n * (width + PAD), width=width)))
    return boxes


def _side(procedure: dict[str, Any], unit: str) -> Box:
    del unit  # special procedures are counted in days (天), whatever the matter's unit
    limit = procedure.get("limit")
    lines = [f"特别程序：{procedure.get('name', '')}", *([f"{limit} 天"] if limit is not None
                                                      else []), SIDE]
    x = WIDTH / 2 + 20
    return _layout(Box(lines=lines, x=x, width=WIDTH - MARGIN - x, dashed=True))


def summary(document: dict[str, Any]) -> str:
    """The flow in words, for `<desc>` and screen readers."""
    unit = str(document.get("limit_unit") or "working_day")
    steps = [s for s in document.get("steps") or [] if isinstance(s, dict)]
    parts = [f"{s.get('name')}（{s.get('actor')}，{_limit(s.get('limit'), unit)}）" for s in steps]
    if (delivery := _delivery(document, steps)) is not None:
        parts.append(f"{delivery['name']}（{delivery['actor']}）")
    text = f"办理流程共 {len(parts)} 步：" + " → ".join(parts) + "。"
    co = [d for d in document.get("co_handling_departments") or [] if isinstance(d, dict)]
    if co:
        text += "并联审批：" + "；".join(
            f"{d.get('name')}{'（' + str(d.get('step')) + '）' if d.get('step') else ''}"
            f"{_limit(d.get('limit'), unit)}" for d in co) + "。"
    special = [p for p in document.get("special_procedures") or [] if isinstance(p, dict)]
    if special:
        text += f"特别程序（{SIDE}）：" + "；".join(
            f"{p.get('name')}{'' if p.get('limit') is None else str(p.get('limit')) + ' 天'}"
            for p in special) + "。"
    committed = document.get("committed_limit")
    if committed is not None:
        text += f"承诺办理时限 {_limit(committed, unit)}。"
    return text


def flowchart(document: dict[str, Any]) -> str:
    """The matter's process as a standalone, accessible SVG document (a pure function)."""
    rows = rows_of(document)
    shapes: list[str] = []
    y, anchor, spine = float(MARGIN), None, WIDTH / 2
    for row in rows:
        height = max(box.height for box in row)
        for box in row:
            box.y = y
        if row[0].dashed:
            middle = y + row[0].height / 2
            shapes.append(_line(spine, middle, row[0].x, middle, dashed=True, arrow=True))
        elif len(row) > 1:
            fork, join = y - GAP / 2, y + height + GAP / 2
            shapes.append(_line(spine, anchor or y, spine, fork))
            shapes.append(_line(row[0].middle, fork, row[-1].middle, fork))
            shapes.extend(_line(b.middle, fork, b.middle, y, arrow=True) for b in row)
            shapes.extend(_line(b.middle, y + b.height, b.middle, join) for b in row)
            shapes.append(_line(row[0].middle, join, row[-1].middle, join))
            anchor = join
        else:
            if anchor is not None:
                shapes.append(_line(spine, anchor, spine, y, arrow=True))
            anchor = y + height
        shapes.extend(_box(box) for box in row)
        y += height + GAP
    return _document(document, shapes, y - GAP + MARGIN)


def _line(x1: float, y1: float, x2: float, y2: float, *, dashed: bool = False,
          arrow: bool = False) -> str:
    style = ' stroke-dasharray="5 3"' if dashed else ""
    head = ' marker-end="url(#fc-arrow)"' if arrow else ""
    return (f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
            f'class="fc-link" stroke="{INK}" stroke-width="1.5"{style}{head}/>')


def _box(box: Box) -> str:
    kind = "fc-side" if box.dashed else "fc-end" if box.emphasis else "fc-step"
    paint = STYLES[kind]
    texts = [f'<text x="{box.middle:.1f}" y="{box.y + PAD + (i + 0.8) * LINE:.1f}"'
             f'{BOLD if bold else ""}>{escape(line)}</text>'
             for i, (line, bold) in enumerate(box.wrapped)]
    return (f'<g class="{kind}"><rect x="{box.x:.1f}" y="{box.y:.1f}" width="{box.width:.1f}" '
            f'height="{box.height:.1f}" rx="6" {paint}/>{"".join(texts)}</g>')


def _document(document: dict[str, Any], shapes: list[str], height: float) -> str:
    name = escape(str(document.get("name") or ""))
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="flowchart" role="img" '
        f'viewBox="0 0 {WIDTH} {height:.0f}" width="100%" preserveAspectRatio="xMidYMin meet" '
        f'aria-labelledby="fc-title fc-desc" font-family=\'{FONT}\' font-size="13">'
        f'<title id="fc-title">{name}办理流程图</title>'
        f'<desc id="fc-desc">{escape(summary(document))}</desc>'
        '<defs><marker id="fc-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
        'markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" '
        f'fill="{INK}"/></marker></defs><g fill="#111" text-anchor="middle">'
        + "".join(shapes) + "</g></svg>")
