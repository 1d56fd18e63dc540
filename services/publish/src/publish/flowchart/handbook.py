"""The business handbook (业务手册) as PDF: the standard, its flowchart, the review standard of
each step and the discretion benchmarks, rendered by WeasyPrint with a CJK font by family."""

from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from kit.clock import china_today

UNITS = {"working_day": "个工作日", "calendar_day": "个自然日"}


@cache
def _environment() -> Environment:
    environment = Environment(loader=PackageLoader("publish.flowchart", "templates"),
                              autoescape=select_autoescape(["html"]))
    environment.globals.update(unit=lambda code: UNITS.get(code, code or ""))
    return environment


def handbook_html(document: dict[str, Any], *, window: dict[str, Any], flowchart: str) -> str:
    """The handbook as HTML, ready for print."""
    template = _environment().get_template("handbook.html")
    return template.render(m=_Facts(document), window=_Facts(window),
                           flowchart=Markup(flowchart),  # drawn here, every text escaped
                           today=china_today().isoformat())


def render_pdf(document: dict[str, Any], *, window: dict[str, Any], flowchart: str) -> bytes:
    """The handbook as PDF."""
    import weasyprint  # imported on first use: loading pango need not delay the app's start

    html = handbook_html(document, window=window, flowchart=flowchart)
    pdf: bytes = weasyprint.HTML(string=html).write_pdf()
    return pdf


class _Facts(dict[str, Any]):
    """A document whose missing keys read as None in the template (older standards)."""

    def __getattr__(self, name: str) -> Any:
        return self.get(name)

    def __missing__(self, key: str) -> Any:
        return None
