"""A document's PDF, rendered from its facts alone (WeasyPrint, a CJK font by family name):
the same facts give the same bytes."""

from datetime import date
from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

UNITS = {"working_day": "工作日", "day": "自然日", "natural_day": "自然日"}


@cache
def _environment() -> Environment:
    environment = Environment(loader=PackageLoader("intake", "templates"),
                              autoescape=select_autoescape(["html"]),
                              undefined=StrictUndefined)
    environment.globals.update(day=chinese_day, unit=lambda code: UNITS.get(code, code or ""))
    return environment


def chinese_day(iso: str | None) -> str:
    """`2026-12-01` as `2026年12月1日`."""
    if not iso:
        return "—"
    day = date.fromisoformat(str(iso)[:10])
    return f"{day.year}年{day.month}月{day.day}日"


def document_html(facts: dict[str, Any], *, portal: str) -> str:
    """The document as HTML, ready for print."""
    template = _environment().get_template("document.html")
    return template.render(f=_Facts(facts), portal=portal.rstrip("/"))


def render_pdf(facts: dict[str, Any], *, portal: str) -> bytes:
    """The document as PDF."""
    import weasyprint  # imported on first use: it loads pango, a second the app need not wait

    pdf: bytes = weasyprint.HTML(string=document_html(facts, portal=portal)).write_pdf()
    return pdf


class _Facts(dict[str, Any]):
    """Facts whose missing keys read as None in the template (older documents, other kinds)."""

    def __getattr__(self, name: str) -> Any:
        return self.get(name)

    def __missing__(self, key: str) -> Any:
        return None
