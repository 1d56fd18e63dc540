"""Search's API: the public search, and the administrator's synonyms."""

from typing import Annotated

from fastapi import APIRouter, Path, Query, Response

from kit.app import SessionDep
from kit.auth import Principal, require
from kit.types import Id
from publish.routes import READERS
from publish.schemas import Filter
from publish.search import service, synonyms
from publish.search.schemas import SearchAnswer, SynonymIn, SynonymList, SynonymRead

router = APIRouter(prefix="/api/publish/v1", tags=["search"])
Reader = Annotated[Principal, require(*READERS)]
Admin = Annotated[Principal, require("admin")]
SynonymId = Annotated[Id, Path()]


@router.get("/search")
def search(_: Reader, session: SessionDep, q: Annotated[Filter, Query()] = "",
           page: Annotated[int, Query(ge=1, le=10_000)] = 1,
           size: Annotated[int, Query(ge=1, le=100)] = 20) -> SearchAnswer:
    """The published matters answering `q` (words, parts of names, codes, everyday words),
    most relevant first, with `did_you_mean` when nothing answers."""
    return service.search(session=session, q=q, page=page, size=size)


@router.get("/search/synonyms")
def synonym_list(_: Admin, session: SessionDep) -> SynonymList:
    """Every synonym search widens a visitor's words with (administrator only)."""
    return synonyms.listed(session=session)


@router.post("/search/synonyms", status_code=201)
def add_synonym(body: SynonymIn, actor: Admin, session: SessionDep) -> SynonymRead:
    """Keep a new synonym; 409 when its word already has one."""
    return synonyms.add(session=session, synonym=body, actor=actor)


@router.put("/search/synonyms/{synonym_id}")
def change_synonym(synonym_id: SynonymId, body: SynonymIn, actor: Admin,
                   session: SessionDep) -> SynonymRead:
    """Change a synonym's word or the words it means."""
    return synonyms.change(session=session, synonym_id=synonym_id, synonym=body, actor=actor)


@router.delete("/search/synonyms/{synonym_id}", status_code=204)
def delete_synonym(synonym_id: SynonymId, actor: Admin, session: SessionDep) -> Response:
    """Delete a synonym."""
    synonyms.delete(session=session, synonym_id=synonym_id, actor=actor)
    return Response(status_code=204)
