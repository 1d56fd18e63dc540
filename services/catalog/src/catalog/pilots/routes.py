"""API of the pilot settings (administrators) and the basic catalog (staff, editors derive)."""

from typing import Annotated, Any

from fastapi import APIRouter, Query, Response

from catalog.access import Admin, Editor, Staff
from catalog.matters.schemas import VersionRead
from catalog.matters.views import version_read, with_etag
from catalog.pilots import base_catalog, service
from catalog.pilots.schemas import BaseCatalogPage, Derivation, PilotSettings, PilotUpdate
from kit.app import SessionDep

router = APIRouter(prefix="/api/catalog/v1", tags=["catalog: pilots and basic catalog"])


@router.get("/pilots", response_model=PilotSettings)
def pilots(session: SessionDep, _: Admin) -> Any:
    """The rollout switch and which departments are pilots (先试点、后推开)."""
    return service.pilot_settings(session=session)


@router.put("/pilots", response_model=PilotSettings)
def update_pilots(body: PilotUpdate, session: SessionDep, actor: Admin) -> Any:
    """Mark the pilot departments and switch the rollout; publications that become eligible
    are re-announced at the end of the provincial feed (`released`)."""
    return service.update_pilots(session=session, rollout=body.rollout, pilots=body.pilots,
                                 actor=actor)


@router.get("/base-catalog", response_model=BaseCatalogPage)
def base_catalog_entries(session: SessionDep, actor: Staff,
                         q: Annotated[str | None, Query(max_length=100)] = None,
                         include_cancelled: bool = False,
                         page: Annotated[int, Query(ge=1, le=100_000)] = 1,
                         size: Annotated[int, Query(ge=1, le=200)] = 50) -> Any:
    """The basic catalog pushed by the province, searchable by name or code, each entry with
    the caller's local matters that implement it."""
    items, total = base_catalog.list_entries(session=session, actor=actor, q=q, page=page,
                                             size=size, include_cancelled=include_cancelled)
    return {"items": items, "total": total}


@router.post("/base-catalog/{basic_code}/derive", response_model=VersionRead, status_code=201)
def derive(basic_code: str, body: Derivation, session: SessionDep, actor: Editor,
           response: Response) -> VersionRead:
    """Draft a local implementing matter from a basic-catalog entry; the link is kept in its
    standard's `derived_from`; a taken implementation code is 409."""
    matter, row = base_catalog.derive(session=session, basic_code=basic_code,
                                      implementation_code=body.implementation_code,
                                      window=body.window, department=body.department,
                                      actor=actor)
    with_etag(response, row)
    return version_read(matter, row)
