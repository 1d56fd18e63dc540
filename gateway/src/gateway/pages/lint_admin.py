"""The administrator's page of the linter's phrase lists (兜底条款 and 模糊条款)."""

from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from gateway import htmx
from gateway.access import Caller
from gateway.clients import catalog
from gateway.clients.base import ServiceError
from gateway.i18n import N_
from gateway.page import Admin, link, refusal, render, translate

router = APIRouter(include_in_schema=False)
KINDS = ("contains", "ends_with")
# The catalog's reasons (pydantic's or the linter's) and the readable text for each.
REASONS = [("one-character", N_("单个字只能放在“结尾”词表中，否则会误报词语中间的字。")),
           ("duplicate", N_("重复的词语。")),
           ("at most 50", N_("每个词语最多 50 个字。")),
           ("at most 200", N_("每个词表最多 200 个词语。"))]


def lines(text: Any) -> list[str]:
    """The non-blank lines of a textarea."""
    return [line.strip() for line in str(text or "").splitlines() if line.strip()]


def rule_forms(book: catalog.PhraseBook, typed: dict[str, dict[str, str]]) -> list[dict[str, Any]]:
    """Each rule with its lists as textarea text; what was typed wins for a refused list."""
    forms = []
    for rule in book.rules:
        text = {kind: "\n".join(p["phrase"] for p in rule["phrases"] if p["match_kind"] == kind)
                for kind in KINDS}
        forms.append({**rule, **text, **typed.get(rule["rule"], {})})
    return forms


def problems(refused: ServiceError, phrases: list[dict[str, str]], _: Any) -> list[str]:
    """The catalog's refusal, one readable line per offending phrase."""
    found = []
    for error in refused.errors:
        loc, msg = error.get("loc") or [], str(error.get("msg", ""))
        reason = next((_(key) for part, key in REASONS if part in msg), msg)
        index = loc[2] if len(loc) > 2 and isinstance(loc[2], int) else None
        phrase = phrases[index]["phrase"] if index is not None and index < len(phrases) else ""
        found.append(f"“{phrase}”：{reason}" if phrase else reason)
    return found


async def _page(request: Request, caller: Caller, *, status: int = 200,
                typed: dict[str, dict[str, str]] | None = None, saved_rule: str = "",
                error: dict[str, Any] | None = None) -> Response:
    book = await catalog.phrase_lists(link(request, caller))
    _ = translate(request)
    saved = next((r for r in book.rules if r["rule"] == saved_rule), None)
    message = _("词表已保存，共 %(n)s 个词语。", n=len(saved["phrases"])) if saved else ""
    return render(request, "lint_phrases.html", caller, block="rules", status=status,
                  rules=rule_forms(book, typed or {}), saved_rule=saved_rule, message=message,
                  error=error)


@router.get("/admin/lint-phrases")
async def phrase_lists(request: Request, caller: Admin, saved: str = "") -> Response:
    """The phrase lists of the catch-all and vague clause rules, each editable."""
    return await _page(request, caller, saved_rule=saved)


@router.post("/admin/lint-phrases/{rule}")
async def save_phrase_list(rule: str, request: Request, caller: Admin) -> Response:
    """Replace one rule's phrases with what the administrator typed."""
    form = await request.form()
    phrases = [{"phrase": p, "match_kind": kind} for kind in KINDS for p in lines(form.get(kind))]
    try:
        await catalog.save_phrase_list(link(request, caller), rule, phrases)
    except ServiceError as refused:
        typed = {rule: {kind: str(form.get(kind) or "") for kind in KINDS}}
        reasons = (problems(refused, phrases, translate(request)) if refused.status == 422
                   else [refusal(request, refused)])
        return await _page(request, caller, status=refused.status, typed=typed,
                           error={"rule": rule, "problems": reasons})
    if not htmx.is_htmx(request):
        return RedirectResponse(f"/admin/lint-phrases?saved={quote(rule)}", status_code=303)
    return await _page(request, caller, saved_rule=rule)
