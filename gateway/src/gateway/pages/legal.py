"""The legal basis registry page: laws and articles, and recording an amendment or repeal."""

from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Form, Path, Query, Request
from fastapi.responses import RedirectResponse, Response

from gateway import htmx
from gateway.access import Caller, CallerDep
from gateway.i18n import language, translator
from gateway.pages.common import fetch
from gateway.pages.review import check_role, local_time, refusal, send
from gateway.web import render

router = APIRouter(include_in_schema=False)
READERS = ("admin", "editor", "publisher", "supervisor", "reviewer", "lead")
LEGAL = "/api/catalog/v1/legal"
Id = Annotated[int, Path(ge=1, le=2**31 - 1)]
Text = Annotated[str, Form(max_length=20000)]
Short = Annotated[str, Form(max_length=200)]


def change_message(t: Any, article: dict[str, Any]) -> str:
    """What the latest change of an article did: places flagged, departments asked."""
    change = article["changes"][0]
    return t("lg.done.change", kind=t(f"lg.kind.{change['kind']}"), article=article["article"],
             clause=article.get("clause") or "", flags=change["flags"],
             departments=len(change["departments"]))


async def _page(request: Request, caller: Caller, *, block: str = "content", status: int = 200,
                q: str = "", open_law: int | None = None, message: str | None = None,
                error: str | None = None, typed: dict[str, str] | None = None) -> Response:
    query = urlencode({"articles": "true", **({"q": q} if q else {})})
    laws = await fetch(request, caller, "catalog", f"{LEGAL}/laws?{query}")
    articles = [a for law in laws for a in law["articles"]]
    return render(request, "legal_registry.html", caller, block=block, status=status,
                  laws=laws, q=q, open_law=open_law, message=message, error=error,
                  typed=typed or {}, may_edit=caller.principal.has("admin"), when=local_time,
                  article_total=len(articles),
                  changed_total=sum(a["status"] != "in_force" for a in articles))


@router.get("/admin/legal")
async def registry(request: Request, caller: CallerDep,
                   q: Annotated[str, Query(max_length=100)] = "",
                   law: Annotated[int | None, Query(ge=1, le=2**31 - 1)] = None,
                   changed: Annotated[int | None, Query(ge=1, le=2**31 - 1)] = None) -> Response:
    """Every law with its articles and their changes; administrators record changes here."""
    if (stop := check_role(request, caller, *READERS)) is not None:
        return stop
    message = None
    if changed is not None:
        article = await fetch(request, caller, "catalog", f"{LEGAL}/articles/{changed}")
        if article["changes"]:
            message = change_message(translator(language(request)), article)
    return await _page(request, caller, q=q, open_law=law, message=message)


async def _written(request: Request, caller: Caller, path: str, body: dict[str, Any],
                   law_id: int | None, done: str) -> Response:
    """Send one administrator's write; the page again with the outcome or the refusal."""
    if (stop := check_role(request, caller, "admin")) is not None:
        return stop
    answer = await send(request, caller, "catalog", "POST", path, json=body)
    if answer.status_code >= 400:
        return await _page(request, caller, status=answer.status_code, open_law=law_id,
                           error=refusal(request, answer),
                           typed={k: str(v or "") for k, v in body.items()})
    law_id = law_id or answer.json().get("id")
    if not htmx.is_htmx(request):
        return RedirectResponse(f"/admin/legal?law={law_id}#law-{law_id}", status_code=303)
    return await _page(request, caller, block="registry", open_law=law_id,
                       message=translator(language(request))(done))


@router.post("/admin/legal/laws")
async def register_law(request: Request, caller: CallerDep, name: Short = "", issuer: Short = "",
                       effective_date: Short = "") -> Response:
    """Register a law, regulation or rule."""
    body = {"name": name, "issuer": issuer, "effective_date": effective_date or None}
    return await _written(request, caller, f"{LEGAL}/laws", body, None, "lg.done.law")


@router.post("/admin/legal/laws/{law_id}/articles")
async def register_article(law_id: Id, request: Request, caller: CallerDep, article: Short = "",
                           clause: Short = "", text: Text = "") -> Response:
    """Register an article (or one clause) of a law."""
    body = {"article": article, "clause": clause or None, "text": text}
    return await _written(request, caller, f"{LEGAL}/laws/{law_id}/articles", body, law_id,
                          "lg.done.article")


@router.post("/admin/legal/articles/{article_id}/changes")
async def record_change(article_id: Id, request: Request, caller: CallerDep,
                        kind: Short = "", note: Text = "", new_text: Text = "", q: Short = "",
                        law_id: Annotated[int | None, Form(ge=1, le=2**31 - 1)] = None,
                        ) -> Response:
    """Record an amendment or a repeal; the citing matters are flagged and their departments
    get revision tasks."""
    if (stop := check_role(request, caller, "admin")) is not None:
        return stop
    t = translator(language(request))
    body = {"kind": kind, "note": note.strip() or None,
            "new_text": (new_text.strip() or None) if kind == "amended" else None}
    answer = await send(request, caller, "catalog", "POST",
                        f"{LEGAL}/articles/{article_id}/changes", json=body)
    if answer.status_code >= 400:
        error = t("lg.err.kind") if kind not in ("amended", "repealed") else refusal(
            request, answer)
        return await _page(request, caller, block="registry" if htmx.is_htmx(request)
                           else "content", status=answer.status_code, open_law=law_id,
                           error=error, q=q)
    if not htmx.is_htmx(request):
        query = urlencode({**({"law": law_id} if law_id else {}), "changed": article_id,
                           **({"q": q} if q else {})})
        return RedirectResponse(f"/admin/legal?{query}#article-{article_id}", status_code=303)
    article = await fetch(request, caller, "catalog", f"{LEGAL}/articles/{article_id}")
    return await _page(request, caller, block="registry", open_law=article["law_id"], q=q,
                       message=change_message(t, article))
