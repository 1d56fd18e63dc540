"""The linter's API: a dry run over a matter document, and the administrator's phrase lists."""

from collections.abc import Iterator
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Request
from sqlalchemy.orm import Session

from catalog.access import Admin
from catalog.lint import phrases as phrase_lists
from catalog.lint.engine import lint_standard, lintable
from catalog.lint.rules import RULES
from catalog.lint.schemas import LintResult, PhraseBookRead, PhraseListIn
from kit.app import SessionDep
from kit.auth import Principal, require

router = APIRouter(prefix="/api/catalog/v1/lint", tags=["linter"])
Linting = Annotated[Principal, require("editor", "admin", "reviewer", "lead", "guidance",
                                       "supervisor", "provincial_system")]
Reading = Annotated[Principal, require("admin", "editor", "reviewer", "lead", "supervisor")]
DOCUMENT_EXAMPLE = {"summary": "a contract matter document (or the richer stored standard)",
                    "value": {"implementation_code": "430103-01-9001", "…": "…"}}


def read_session(request: Request) -> Iterator[Session]:
    """A session that never commits: the dry run cannot save anything, even by mistake."""
    with request.app.state.db.session(write=False) as session:
        yield session


ReadSession = Annotated[Session, Depends(read_session)]


def book_read(book: phrase_lists.PhraseBook) -> PhraseBookRead:
    """The phrase lists with each rule's title and severity."""
    rules = {rule.code: rule for rule in RULES}
    return PhraseBookRead(rules=[
        {"rule": code, "title": rules[code].title, "severity": rules[code].severity,
         "phrases": [{"phrase": p.phrase, "match_kind": p.match_kind} for p in book.of(code)],
         "patterns": [{"code": p.code, "title": p.title, "pattern": p.source}
                      for p in book.patterns_of(code)]}
        for code in phrase_lists.PHRASE_RULES])


@router.post("", response_model=LintResult)
def lint(session: ReadSession, _: Linting,
         document: Annotated[dict[str, Any], Body(openapi_examples={"doc": DOCUMENT_EXAMPLE})],
         ) -> LintResult:
    """Dry run: the findings on a matter document; nothing is saved (malformed → 422)."""
    found = lint_standard(lintable(document), phrase_lists.load_phrases(session=session))
    return LintResult(findings=[f.as_dict() for f in found])


@router.get("/phrases", response_model=PhraseBookRead)
def phrases(session: SessionDep, _: Reading) -> PhraseBookRead:
    """The phrase lists of the clause rules (catch-all and vague clauses), each with the
    built-in patterns matched beside it."""
    return book_read(phrase_lists.load_phrases(session=session))


@router.put("/phrases", response_model=PhraseBookRead)
def replace_phrases(body: PhraseListIn, session: SessionDep, actor: Admin) -> PhraseBookRead:
    """Replace one rule's phrase list (administrators; audited)."""
    book = phrase_lists.replace_phrases(
        session=session, rule=body.rule, entries=[(p.phrase, p.match_kind) for p in body.phrases],
        actor=actor.sub)
    return book_read(book)
