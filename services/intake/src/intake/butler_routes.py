"""HTTP API of the butler's work under /api/intake/v1: mandates and projects."""

from typing import Annotated

from fastapi import APIRouter, Path

from intake import mandates, projects
from intake.butler_schemas import (
    AssignIn,
    ItemIn,
    MandateIn,
    MandateOut,
    OrderIn,
    ProjectIn,
    ProjectOut,
    RevokeIn,
)
from kit.app import SessionDep
from kit.auth import Principal, require
from kit.types import Id

router = APIRouter(prefix="/api/intake/v1", tags=["intake: butler"])

# The enterprise's own account is an applicant with its credit code; the service checks that.
PARTIES = ("applicant", "butler")
FOLLOWERS = (*PARTIES, "admin")
MandateId = Annotated[Id, Path()]
ProjectId = Annotated[Id, Path()]
ItemId = Annotated[Id, Path()]


@router.get("/mandates", response_model=list[MandateOut])
def list_mandates(session: SessionDep,
                  principal: Principal = require(*PARTIES)) -> list[MandateOut]:
    """The mandates the enterprise granted, or the butler was granted, newest first."""
    return mandates.mine(session=session, principal=principal)


@router.post("/mandates", status_code=201, response_model=MandateOut)
def grant_mandate(session: SessionDep, mandate: MandateIn,
                  principal: Principal = require("applicant")) -> MandateOut:
    """The enterprise grants a butler (by username) a mandate: all matters or a list, until a
    day; it is active once the butler accepts."""
    return mandates.grant(session=session, principal=principal, mandate=mandate)


@router.post("/mandates/{mandate_id}/accept", response_model=MandateOut)
def accept_mandate(session: SessionDep, mandate_id: MandateId,
                   principal: Principal = require("butler")) -> MandateOut:
    """The butler accepts a mandate granted to them."""
    return mandates.accept(session=session, principal=principal, mandate_id=mandate_id)


@router.post("/mandates/{mandate_id}/revoke", response_model=MandateOut)
def revoke_mandate(session: SessionDep, mandate_id: MandateId, body: RevokeIn,
                   principal: Principal = require(*PARTIES)) -> MandateOut:
    """The enterprise or the butler ends a mandate."""
    return mandates.revoke(session=session, principal=principal, mandate_id=mandate_id,
                           reason=body.reason)


@router.get("/projects", response_model=list[ProjectOut])
def list_projects(session: SessionDep,
                  principal: Principal = require(*FOLLOWERS)) -> list[ProjectOut]:
    """The projects the caller follows (a butler also sees requests nobody took), newest
    first."""
    return projects.listed(session=session, principal=principal)


@router.post("/projects", status_code=201, response_model=ProjectOut)
def request_project(session: SessionDep, project: ProjectIn,
                    principal: Principal = require("applicant")) -> ProjectOut:
    """The enterprise asks the zone for a butler for a project."""
    return projects.request(session=session, principal=principal, project=project)


@router.get("/projects/{project_id}", response_model=ProjectOut)
def get_project(session: SessionDep, project_id: ProjectId,
                principal: Principal = require(*FOLLOWERS)) -> ProjectOut:
    """One project: its list of matters, each one's state, who it waits on, the next step."""
    return projects.one(session=session, principal=principal, project_id=project_id)


@router.post("/projects/{project_id}/take", response_model=ProjectOut)
def take_project(session: SessionDep, project_id: ProjectId,
                 principal: Principal = require("butler")) -> ProjectOut:
    """A butler takes a project nobody has taken."""
    return projects.take(session=session, principal=principal, project_id=project_id)


@router.post("/projects/{project_id}/assign", response_model=ProjectOut)
def assign_project(session: SessionDep, project_id: ProjectId, body: AssignIn,
                   principal: Principal = require("admin")) -> ProjectOut:
    """An administrator gives a project to a butler."""
    return projects.assign(session=session, principal=principal, project_id=project_id,
                           butler=body.butler, butler_name=body.butler_name)


@router.post("/projects/{project_id}/items", status_code=201, response_model=ProjectOut)
def add_item(session: SessionDep, project_id: ProjectId, item: ItemIn,
             principal: Principal = require("butler")) -> ProjectOut:
    """The project's butler adds a published matter to the list."""
    return projects.add_item(session=session, principal=principal, project_id=project_id,
                             item=item)


@router.put("/projects/{project_id}/items", response_model=ProjectOut)
def reorder_items(session: SessionDep, project_id: ProjectId, order: OrderIn,
                  principal: Principal = require("butler")) -> ProjectOut:
    """The project's butler puts the list in a new order."""
    return projects.reorder(session=session, principal=principal, project_id=project_id,
                            order=order.items)


@router.delete("/projects/{project_id}/items/{item_id}", response_model=ProjectOut)
def remove_item(session: SessionDep, project_id: ProjectId, item_id: ItemId,
                principal: Principal = require("butler")) -> ProjectOut:
    """The project's butler takes a matter not filed yet off the list."""
    return projects.remove_item(session=session, principal=principal, project_id=project_id,
                                item_id=item_id)
