"""An article amended or repealed: flag every citing place, give departments revision tasks,
and close a task by a revised version or a written answer."""

from collections import defaultdict
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlmodel import col

from catalog.legal.citations import Provision, citing_paths, still_stale
from catalog.legal.models import ArticleChange, Law, LawArticle, LegalBasisFlag, RevisionTask
from catalog.legal.schemas import ChangeIn
from catalog.legal.service import get_law
from catalog.models import Matter, MatterVersion, audit
from kit.audit import record
from kit.clock import now
from kit.errors import Conflict, NotFound

# Versions no longer in play are not flagged: they will never be edited or published again.
PAST_STATES = ("superseded", "cancelled")


def record_change(*, session: Session, article: LawArticle, body: ChangeIn,
                  actor: str) -> ArticleChange:
    """Record an amendment or a repeal, then flag what cites the article (same transaction)."""
    if article.status == "repealed":
        raise Conflict("This article has been repealed; record a new article instead.")
    law = get_law(session=session, law_id=article.law_id)
    assert article.id is not None
    before = article.model_dump(mode="json")
    at = now()
    change = ArticleChange(article_id=article.id, kind=body.kind, note=body.note,
                           old_text=article.text, new_text=body.new_text, recorded_by=actor,
                           recorded_at=at)
    article.status, article.amended_at, article.updated_at = body.kind, at, at
    if body.new_text:
        article.text = body.new_text
    session.add(change)
    session.flush()
    record(session, audit, actor=actor, action=f"law_article.{body.kind}", entity="law_article",
           entity_id=str(article.id), before=before, after=article.model_dump(mode="json"))
    flag_citations(session=session, change=change, article=article, law=law, actor=actor)
    return change


def flag_citations(*, session: Session, change: ArticleChange, article: LawArticle, law: Law,
                   actor: str) -> int:
    """Flag each place of each version in play that cites the article, and open one task per
    matter for its department; return the number of places flagged."""
    provision = Provision(law.name, article.article, article.clause)
    rows = session.execute(
        select(col(Matter.id), col(Matter.implementation_code), col(Matter.department_code),
               col(MatterVersion.version), col(MatterVersion.standard))
        .join(MatterVersion, col(MatterVersion.matter_id) == Matter.id)
        .where(col(MatterVersion.state).not_in(PAST_STATES), col(Matter.cancelled_at).is_(None))
        .order_by(col(Matter.id), col(MatterVersion.version)))
    hits = [(row, paths) for row in rows if (paths := citing_paths(row.standard or {}, provision))]
    tasks: dict[int, RevisionTask] = {}
    flagged = 0
    assert article.id is not None and change.id is not None
    for row, paths in hits:
        task = tasks.get(row.id)
        if task is None:
            task = tasks[row.id] = _open_task(session, change=change, matter_id=row.id,
                                              code=row.implementation_code,
                                              department=row.department_code, actor=actor)
        assert task.id is not None
        for path, _ in paths:
            session.add(LegalBasisFlag(
                article_id=article.id, change_id=change.id, task_id=task.id, path=path,
                implementation_code=row.implementation_code, version=row.version,
                created_at=change.recorded_at))
            flagged += 1
    session.flush()
    return flagged


def _open_task(session: Session, *, change: ArticleChange, matter_id: int, code: str,
               department: str, actor: str) -> RevisionTask:
    assert change.id is not None
    task = RevisionTask(change_id=change.id, article_id=change.article_id, matter_id=matter_id,
                        implementation_code=code, department_code=department,
                        created_at=change.recorded_at)
    session.add(task)
    session.flush()
    record(session, audit, actor=actor, action="revision_task.opened", entity="revision_task",
           entity_id=str(task.id), after={"implementation_code": code, "change": change.id,
                                          "department": department})
    return task


def revision_tasks(*, session: Session, department: str | None, state: str | None = "open",
                   task_id: int | None = None) -> list[dict[str, Any]]:
    """A department's revision tasks (every department's for None), oldest first, each with
    its matter, the changed provision and the flagged places."""
    query = (select(RevisionTask, ArticleChange, LawArticle, Law, col(Matter.name))
             .join(ArticleChange, col(ArticleChange.id) == RevisionTask.change_id)
             .join(LawArticle, col(LawArticle.id) == RevisionTask.article_id)
             .join(Law, col(Law.id) == LawArticle.law_id)
             .join(Matter, col(Matter.id) == RevisionTask.matter_id)
             .order_by(col(RevisionTask.created_at), col(RevisionTask.id)))
    if department is not None:
        query = query.where(col(RevisionTask.department_code) == department)
    if state is not None:
        query = query.where(col(RevisionTask.state) == state)
    if task_id is not None:
        query = query.where(col(RevisionTask.id) == task_id)
    found = list(session.execute(query).tuples())
    flags: dict[int | None, list[dict[str, Any]]] = defaultdict(list)
    ids = [task.id for task, *_ in found]
    if ids:
        for flag in session.scalars(select(LegalBasisFlag)
                                    .where(col(LegalBasisFlag.task_id).in_(ids))
                                    .order_by(col(LegalBasisFlag.version),
                                              col(LegalBasisFlag.id))):
            flags[flag.task_id].append({"version": flag.version, "path": flag.path,
                                        "resolved_at": flag.resolved_at})
    return [{**task.model_dump(), "name": name, "law": law.name, "article": article.article,
             "clause": article.clause or None, "kind": change.kind, "note": change.note,
             "old_text": change.old_text, "new_text": change.new_text,
             "changed_at": change.recorded_at, "flags": flags[task.id]}
            for task, change, article, law, name in found]


def _close(session: Session, task: RevisionTask, *, resolution: str, actor: str,
           answer: str | None = None, version: int | None = None) -> None:
    before = task.model_dump(mode="json")
    at = now()
    task.state, task.resolution, task.answer = "resolved", resolution, answer
    task.resolved_version, task.resolved_by, task.resolved_at = version, actor, at
    for flag in session.scalars(select(LegalBasisFlag)
                                .where(col(LegalBasisFlag.task_id) == task.id)):
        flag.resolved_at = at
    session.flush()
    record(session, audit, actor=actor, action=f"revision_task.{resolution}",
           entity="revision_task", entity_id=str(task.id), before=before,
           after=task.model_dump(mode="json"))


def answer_task(*, session: Session, task_id: int, answer: str, actor: str,
                department: str | None) -> RevisionTask:
    """Close a task with the department's written answer (e.g. the matter is unaffected)."""
    task = session.get(RevisionTask, task_id)
    if task is None or (department is not None and task.department_code != department):
        raise NotFound(f"No revision task {task_id} is visible to you.")
    if task.state != "open":
        raise Conflict("This revision task is already resolved.")
    _close(session, task, resolution="answered", actor=actor, answer=answer)
    return task


def resolve_by_version(*, session: Session, row: MatterVersion) -> int:
    """Close the open tasks of a matter whose version `row`, just submitted or put in force, no
    longer rests on the changed text; return how many closed. The matters service calls it."""
    closed = 0
    for task in session.scalars(select(RevisionTask).where(
            col(RevisionTask.matter_id) == row.matter_id, col(RevisionTask.state) == "open")):
        article = session.get(LawArticle, task.article_id)
        change = session.get(ArticleChange, task.change_id)
        law = session.get(Law, article.law_id) if article else None
        if article is None or change is None or law is None:
            continue
        provision = Provision(law.name, article.article, article.clause)
        current = article.text if change.new_text is not None else None
        if not any(still_stale(basis, repealed=article.status == "repealed",
                               current_text=current)
                   for _, basis in citing_paths(row.standard or {}, provision)):
            _close(session, task, resolution="revised", actor=row.updated_by,
                   version=row.version)
            closed += 1
    return closed
