"""Rendering pages: one template per page; an HTMX request gets a block of the same template."""

from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape
from jinja2_fragments import render_block

from gateway import htmx
from gateway.access import Caller
from gateway.i18n import language, translator

HERE = Path(__file__).parent
HTMX_VERSION = "2.0.11"
env = Environment(loader=FileSystemLoader(HERE / "templates"),
                  autoescape=select_autoescape(["html"]), trim_blocks=True, lstrip_blocks=True)

STATE_LABELS = {
    "draft": "草稿", "submitted": "已提交", "in_review": "审核中", "returned": "已退回",
    "approved": "审核通过", "scheduled": "待生效", "published": "已发布",
    "superseded": "已被替代", "cancelled": "已取消",
    "accepted": "已受理", "correction_requested": "待补正", "corrected": "已补正",
    "rejected": "不予许可", "open": "待审核", "closed": "已办结",
}
env.filters["state"] = lambda s: STATE_LABELS.get(s, s)


def render(request: Request, template: str, caller: Caller, *, block: str = "content",
           status: int = 200, **context: Any) -> HTMLResponse:
    """The whole page, or only `block` for an HTMX request."""
    lang = language(request)
    context = {"request": request, "caller": caller, "t": translator(lang), "lang": lang,
               "htmx_version": HTMX_VERSION, **context}
    tmpl = env.get_template(template)
    if htmx.is_htmx(request):
        html = render_block(env, template, block, context)
    else:
        html = tmpl.render(context)
    return htmx.vary(HTMLResponse(html, status_code=status))  # type: ignore[return-value]
