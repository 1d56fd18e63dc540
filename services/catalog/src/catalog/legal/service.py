"""The registry of laws and articles: listing, recording and correcting them (no FastAPI)."""

from typing import Any

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session
from sqlmodel import col

from catalog.legal.models import ArticleChange, Law, LawArticle, LegalBasisFlag, RevisionTask
from catalog.legal.schemas import ArticleIn, ArticleUpdate, LawIn, LawUpdate
from catalog.models import audit
from kit.audit import record
from kit.clock import now
from kit.errors import Conflict, NotFound


def list_laws(*, session: Session, q: str | None = None) -> list[dict[str, Any]]:
    """Every law with its number of articles and of changed ones; `q` searches the name."""
    changed = func.sum(case((col(LawArticle.status) != "in_force", 1), else_=0))
    query = (select(Law, func.count(col(LawArticle.id)), changed)
             .outerjoin(LawArticle, col(LawArticle.law_id) == Law.id)
             .group_by(col(Law.id)).order_by(col(Law.name)))
    if q:
        query = query.where(func.lower(Law.name).like(f"%{q.lower()}%"))
    return [{**law.model_dump(), "article_count": count, "changed_count": int(altered or 0)}
            for law, count, altered in session.execute(query).tuples()]


def laws_in_full(*, session: Session, q: str | None = None) -> list[dict[str, Any]]:
    """Every law (matching `q`) with its articles and their changes."""
    query = select(Law).order_by(col(Law.name))
    if q:
        query = query.where(func.lower(Law.name).like(f"%{q.lower()}%"))
    return [law_detail(session=session, law=law) for law in session.scalars(query)]


def get_law(*, session: Session, law_id: int) -> Law:
    """A registered law; 404 otherwise."""
    law = session.get(Law, law_id)
    if law is None:
        raise NotFound(f"No law {law_id}.")
    return law


def get_article(*, session: Session, article_id: int) -> LawArticle:
    """A registered article; 404 otherwise."""
    article = session.get(LawArticle, article_id)
    if article is None:
        raise NotFound(f"No article {article_id}.")
    return article


def change_read(*, session: Session, change: ArticleChange) -> dict[str, Any]:
    """A recorded change with how many places it flagged and which departments it asked."""
    flags = session.scalar(select(func.count(col(LegalBasisFlag.id))).where(
        col(LegalBasisFlag.change_id) == change.id)) or 0
    departments = list(session.scalars(
        select(col(RevisionTask.department_code)).where(col(RevisionTask.change_id) == change.id)
        .distinct().order_by(col(RevisionTask.department_code))))
    tasks = session.scalar(select(func.count(col(RevisionTask.id))).where(
        col(RevisionTask.change_id) == change.id)) or 0
    return {**change.model_dump(), "flags": flags, "tasks": tasks, "departments": departments}


def article_read(*, session: Session, article: LawArticle,
                 law: Law | None = None) -> dict[str, Any]:
    """An article with its law's name and its recorded changes, newest first."""
    law = law or get_law(session=session, law_id=article.law_id)
    changes = session.scalars(select(ArticleChange)
                              .where(col(ArticleChange.article_id) == article.id)
                              .order_by(col(ArticleChange.id).desc()))
    return {**article.model_dump(), "law": law.name, "clause": article.clause or None,
            "changes": [change_read(session=session, change=c) for c in changes]}


def law_detail(*, session: Session, law: Law) -> dict[str, Any]:
    """A law with every article (in the order they were registered)."""
    articles = list(session.scalars(select(LawArticle).where(col(LawArticle.law_id) == law.id)
                                    .order_by(col(LawArticle.id))))
    return {**law.model_dump(), "article_count": len(articles),
            "changed_count": sum(a.status != "in_force" for a in articles),
            "articles": [article_read(session=session, article=a, law=law) for a in articles]}


def _name_taken(session: Session, name: str, law_id: int | None = None) -> None:
    found = session.scalars(select(col(Law.id)).where(col(Law.name) == name)).first()
    if found is not None and found != law_id:
        raise Conflict(f"The registry already holds a law named {name!r}.")


def create_law(*, session: Session, body: LawIn, actor: str) -> Law:
    """Register a law (names are unique)."""
    _name_taken(session, body.name)
    law = Law(**body.model_dump(), updated_at=now())
    session.add(law)
    session.flush()
    record(session, audit, actor=actor, action="law.registered", entity="law",
           entity_id=str(law.id), after=law.model_dump(mode="json"))
    return law


def update_law(*, session: Session, law: Law, body: LawUpdate, actor: str) -> Law:
    """Correct a law's name, issuer, date or status."""
    changes = body.model_dump(exclude_unset=True)
    if changes.get("name"):
        _name_taken(session, changes["name"], law.id)
    before = law.model_dump(mode="json")
    for key, value in changes.items():
        if value is not None or key == "effective_date":
            setattr(law, key, value)
    law.updated_at = now()
    session.flush()
    record(session, audit, actor=actor, action="law.corrected", entity="law",
           entity_id=str(law.id), before=before, after=law.model_dump(mode="json"))
    return law


def _article_taken(session: Session, law_id: int, article: str, clause: str,
                   article_id: int | None = None) -> None:
    found = session.scalars(select(col(LawArticle.id)).where(
        col(LawArticle.law_id) == law_id, col(LawArticle.article) == article,
        col(LawArticle.clause) == clause)).first()
    if found is not None and found != article_id:
        raise Conflict(f"This law already has {article}{clause}.")


def add_article(*, session: Session, law: Law, body: ArticleIn, actor: str) -> LawArticle:
    """Register an article (or one clause of it) of a law."""
    assert law.id is not None
    clause = body.clause or ""
    _article_taken(session, law.id, body.article, clause)
    article = LawArticle(law_id=law.id, article=body.article, clause=clause, text=body.text,
                         updated_at=now())
    session.add(article)
    session.flush()
    record(session, audit, actor=actor, action="law_article.registered", entity="law_article",
           entity_id=str(article.id), after=article.model_dump(mode="json"))
    return article


def update_article(*, session: Session, article: LawArticle, body: ArticleUpdate,
                   actor: str) -> LawArticle:
    """Correct an article's number, clause or text (a clerical fix: nothing is flagged)."""
    changes = {k: v for k, v in body.model_dump(exclude_unset=True).items() if v is not None}
    if "clause" in body.model_fields_set and body.clause is None:
        changes["clause"] = ""
    _article_taken(session, article.law_id, changes.get("article", article.article),
                   changes.get("clause", article.clause), article.id)
    before = article.model_dump(mode="json")
    for key, value in changes.items():
        setattr(article, key, value)
    article.updated_at = now()
    session.flush()
    record(session, audit, actor=actor, action="law_article.corrected", entity="law_article",
           entity_id=str(article.id), before=before, after=article.model_dump(mode="json"))
    return article
