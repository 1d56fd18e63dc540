"""Legal basis registry API: laws and articles (administrators write, staff read), recorded
amendments and repeals, and the revision tasks they give departments."""

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query

from catalog.access import Admin, Editor, Staff, visible_department
from catalog.legal import changes, service
from catalog.legal.schemas import (
    ArticleIn,
    ArticleRead,
    ArticleUpdate,
    ChangeIn,
    ChangeRead,
    LawDetail,
    LawIn,
    LawUpdate,
    RevisionTaskRead,
    TaskResolution,
)
from kit.app import SessionDep

router = APIRouter(prefix="/api/catalog/v1/legal", tags=["legal basis"])
Id = Annotated[int, Path(ge=1, le=2**31 - 1)]


@router.get("/laws", response_model=list[LawDetail])
def laws(session: SessionDep, _: Staff,
         q: Annotated[str | None, Query(max_length=100)] = None,
         articles: bool = False) -> Any:
    """The registered laws with their number of articles and of changed articles; with
    `articles=true` each law's articles and their changes too."""
    if articles:
        return service.laws_in_full(session=session, q=q)
    return service.list_laws(session=session, q=q)


@router.post("/laws", response_model=LawDetail, status_code=201)
def register_law(body: LawIn, session: SessionDep, actor: Admin) -> Any:
    """Register a law, regulation or rule (names are unique: 409 otherwise)."""
    law = service.create_law(session=session, body=body, actor=actor.sub)
    return service.law_detail(session=session, law=law)


@router.get("/laws/{law_id}", response_model=LawDetail)
def law(law_id: Id, session: SessionDep, _: Staff) -> Any:
    """One law with its articles and their recorded changes."""
    return service.law_detail(session=session,
                              law=service.get_law(session=session, law_id=law_id))


@router.patch("/laws/{law_id}", response_model=LawDetail)
def correct_law(law_id: Id, body: LawUpdate, session: SessionDep, actor: Admin) -> Any:
    """Correct a law's name, issuer, date or status."""
    found = service.update_law(session=session,
                               law=service.get_law(session=session, law_id=law_id), body=body,
                               actor=actor.sub)
    return service.law_detail(session=session, law=found)


@router.post("/laws/{law_id}/articles", response_model=ArticleRead, status_code=201)
def register_article(law_id: Id, body: ArticleIn, session: SessionDep, actor: Admin) -> Any:
    """Register an article (or one clause of it) of a law."""
    found = service.get_law(session=session, law_id=law_id)
    article = service.add_article(session=session, law=found, body=body, actor=actor.sub)
    return service.article_read(session=session, article=article, law=found)


@router.get("/articles/{article_id}", response_model=ArticleRead)
def article(article_id: Id, session: SessionDep, _: Staff) -> Any:
    """One article with its recorded changes."""
    return service.article_read(
        session=session, article=service.get_article(session=session, article_id=article_id))


@router.patch("/articles/{article_id}", response_model=ArticleRead)
def correct_article(article_id: Id, body: ArticleUpdate, session: SessionDep,
                    actor: Admin) -> Any:
    """Correct an article's number, clause or text; nothing is flagged (that is a change)."""
    found = service.get_article(session=session, article_id=article_id)
    return service.article_read(session=session, article=service.update_article(
        session=session, article=found, body=body, actor=actor.sub))


@router.post("/articles/{article_id}/changes", response_model=ChangeRead, status_code=201)
def record_change(article_id: Id, body: ChangeIn, session: SessionDep, actor: Admin) -> Any:
    """Record that an article was amended or repealed: every matter version, material, fee and
    condition citing it is flagged and each owning department gets a revision task."""
    found = service.get_article(session=session, article_id=article_id)
    change = changes.record_change(session=session, article=found, body=body, actor=actor.sub)
    return service.change_read(session=session, change=change)


@router.get("/revision-tasks", response_model=list[RevisionTaskRead])
def revision_tasks(session: SessionDep, actor: Staff,
                   state: Literal["open", "resolved", "all"] = "open") -> Any:
    """The revision tasks of the caller's department (all departments for zone-wide roles)."""
    return changes.revision_tasks(session=session, department=visible_department(actor),
                                  state=None if state == "all" else state)


@router.post("/revision-tasks/{task_id}/resolve", response_model=RevisionTaskRead)
def resolve_task(task_id: Id, body: TaskResolution, session: SessionDep, actor: Editor) -> Any:
    """Close a revision task with a written answer (e.g. the change does not affect it)."""
    department = visible_department(actor)
    changes.answer_task(session=session, task_id=task_id, answer=body.answer, actor=actor.sub,
                        department=department)
    return changes.revision_tasks(session=session, department=department, state=None,
                                  task_id=task_id)[0]
