"""Catalog API of the answers to a returned version's feedback, point by point."""

from typing import Annotated

from fastapi import APIRouter, Path

from catalog.access import Editor, Staff
from catalog.answers import service
from catalog.answers.schemas import AnswerIn, AnswerRead, AnswerSheet
from catalog.matters import repository
from catalog.matters.dependencies import VersionDep, VersionNumber
from catalog.versions.routes import ReadableMatter
from kit.app import SessionDep

router = APIRouter(prefix="/api/catalog/v1", tags=["catalog answers"])
PointNumber = Annotated[int, Path(ge=1, le=10_000)]


@router.get("/matters/{code}/versions/{version}/answers", response_model=AnswerSheet)
def answer_sheet(version: VersionNumber, session: SessionDep, _: Staff,
                 matter: ReadableMatter) -> AnswerSheet:
    """The points of the version's feedback letter, each with the department's answer (review
    groups read every department's)."""
    row = repository.get_version(session=session, matter=matter, version=version)
    return service.sheet(session=session, row=row)


@router.put("/matters/{code}/versions/{version}/answers/{point}", response_model=AnswerRead)
def answer_point(point: PointNumber, given: AnswerIn, session: SessionDep, actor: Editor,
                 row: VersionDep) -> AnswerRead:
    """Answer one point: accepted and revised (the changed element), or explained (why not)."""
    return service.answer(session=session, row=row, number=point, given=given, actor=actor)
