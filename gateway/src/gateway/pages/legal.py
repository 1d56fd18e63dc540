"""The legal basis registry page: laws and articles, and recording an amendment or repeal."""

from collections.abc import Awaitable
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Form, Path, Query, Request
from fastapi.responses import RedirectResponse, Response

from gateway import htmx, labels
from gateway.access import Caller
from gateway.clients import legal as laws_client
from gateway.clients.base import ServiceError
from gateway.i18n import N_
from gateway.page import Admin, Staff, link, refusal, render, translate

router = APIRouter(include_in_schema=False)
Id = Annotated[int, Path(ge=1, le=2**31 - 1)]
Text = Annotated[str, Form(max_length=20000)]
Short = Annotated[str, Form(max_length=200)]


def change_message(_: Any, article: laws_client.Article) -> str:
    """What the latest change of an article did: places flagged, departments asked."""
    change = article.changes[0]
    kind = change["kind"]
    return _("已登记%(article)s%(clause)s的%(kind)s：标记了 %(flags)s 处引用，"
             "%(departments)s 个部门收到修订任务。", kind=_(labels.PROVISION_CHANGES[kind]),
             article=article.article,
             clause=article.clause or "", flags=change["flags"],
             departments=len(change["departments"]))


async def _page(request: Request, caller: Caller, *, block: str = "content", status: int = 200,
                q: str = "", open_law: int | None = None, message: str | None = None,
                error: str | None = None, typed: dict[str, str] | None = None) -> Response:
    laws = await laws_client.laws(link(request, caller), q)
    articles = [a for law in laws for a in law.articles]
    return render(request, "legal_registry.html", caller, block=block, status=status,
                  laws=laws, q=q, open_law=open_law, message=message, error=error,
                  typed=typed or {}, may_edit=caller.principal.has("admin"),
                  article_total=len(articles),
                  changed_total=sum(a.status != "in_force" for a in articles))


@router.get("/admin/legal")
async def registry(request: Request, caller: Staff,
                   q: Annotated[str, Query(max_length=100)] = "",
                   law: Annotated[int | None, Query(ge=1, le=2**31 - 1)] = None,
                   changed: Annotated[int | None, Query(ge=1, le=2**31 - 1)] = None) -> Response:
    """Every law with its articles and their changes; administrators record changes here."""
    message = None
    if changed is not None:
        article = await laws_client.article(link(request, caller), changed)
        if article.changes:
            message = change_message(translate(request), article)
    return await _page(request, caller, q=q, open_law=law, message=message)


async def _written(request: Request, caller: Caller, write: Awaitable[laws_client.Created],
                   body: dict[str, Any], law_id: int | None, done: str) -> Response:
    """Send one administrator's write; the page again with the outcome or the refusal."""
    try:
        created = await write
    except ServiceError as refused:
        return await _page(request, caller, status=refused.status, open_law=law_id,
                           error=refusal(request, refused),
                           typed={k: str(v or "") for k, v in body.items()})
    law_id = law_id or created.id
    if not htmx.is_htmx(request):
        return RedirectResponse(f"/admin/legal?law={law_id}#law-{law_id}", status_code=303)
    return await _page(request, caller, block="registry", open_law=law_id,
                       message=translate(request)(done))


@router.post("/admin/legal/laws")
async def register_law(request: Request, caller: Admin, name: Short = "", issuer: Short = "",
                       effective_date: Short = "") -> Response:
    """Register a law, regulation or rule."""
    body = {"name": name, "issuer": issuer, "effective_date": effective_date or None}
    return await _written(request, caller, laws_client.register_law(link(request, caller), body),
                          body, None, N_("已登记。"))


@router.post("/admin/legal/laws/{law_id}/articles")
async def register_article(law_id: Id, request: Request, caller: Admin, article: Short = "",
                           clause: Short = "", text: Text = "") -> Response:
    """Register an article (or one clause) of a law."""
    body = {"article": article, "clause": clause or None, "text": text}
    write = laws_client.register_article(link(request, caller), law_id, body)
    return await _written(request, caller, write, body, law_id, N_("条款已登记。"))


@router.post("/admin/legal/articles/{article_id}/changes")
async def record_change(article_id: Id, request: Request, caller: Admin,
                        kind: Short = "", note: Text = "", new_text: Text = "", q: Short = "",
                        law_id: Annotated[int | None, Form(ge=1, le=2**31 - 1)] = None,
                        ) -> Response:
    """Record an amendment or a repeal; the citing matters are flagged and their departments
    get revision tasks."""
    _ = translate(request)
    services = link(request, caller)
    body = {"kind": kind, "note": note.strip() or None,
            "new_text": (new_text.strip() or None) if kind == "amended" else None}
    try:
        await laws_client.record_change(services, article_id, body)
    except ServiceError as refused:
        error = _("请选择变化类型：修改或废止。") if kind not in ("amended",
                                                    "repealed") else refusal(
            request, refused)
        return await _page(request, caller, block="registry" if htmx.is_htmx(request)
                           else "content", status=refused.status, open_law=law_id,
                           error=error, q=q)
    if not htmx.is_htmx(request):
        query = urlencode({**({"law": law_id} if law_id else {}), "changed": article_id,
                           **({"q": q} if q else {})})
        return RedirectResponse(f"/admin/legal?{query}#article-{article_id}", status_code=303)
    article = await laws_client.article(services, article_id)
    return await _page(request, caller, block="registry", open_law=article.law_id, q=q,
                       message=change_message(_, article))
