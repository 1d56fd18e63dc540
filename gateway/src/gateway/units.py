"""Units (单位) reviewers are drawn from: the system administrator keeps the list."""

from typing import Annotated

from fastapi import APIRouter, Path, Request
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool

from gateway import roster
from gateway.access import CallerDep
from gateway.administrators import SECURITY, SYSTEM, acting_as

router = APIRouter(prefix="/api/admin/units", tags=["gateway"])
CODE = r"^[A-Za-z0-9_.-]+$"
UnitName = Annotated[str, Field(min_length=1, max_length=100, pattern=r"^[^\x00-\x1f]+$")]
Code = Annotated[str, Path(min_length=1, max_length=20, pattern=CODE)]


class UnitIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    code: Annotated[str, Field(min_length=1, max_length=20, pattern=CODE)]
    name: UnitName


class Renaming(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: UnitName


class UnitRead(BaseModel):
    code: str
    name: str


@router.get("", response_model=list[UnitRead])
async def list_units(request: Request, caller: CallerDep) -> list[UnitRead]:
    """Every unit (the system and the security administrator)."""
    if not caller.principal.has(SYSTEM, SECURITY):
        acting_as(caller, SYSTEM)
    with request.app.state.db.session(write=False) as s:
        return [UnitRead(code=u.code, name=u.name) for u in roster.units(session=s)]


def _add(request: Request, body: UnitIn, actor: str) -> UnitRead:
    with request.app.state.db.session() as s:
        unit = roster.add_unit(session=s, actor=actor, code=body.code, name=body.name)
        return UnitRead(code=unit.code, name=unit.name)


@router.post("", response_model=UnitRead, status_code=201)
async def add(body: UnitIn, request: Request, caller: CallerDep) -> UnitRead:
    """A new unit (its code stays; its name may change)."""
    return await run_in_threadpool(_add, request, body, acting_as(caller, SYSTEM))


def _rename(request: Request, code: str, name: str, actor: str) -> UnitRead:
    with request.app.state.db.session() as s:
        unit = roster.rename_unit(session=s, actor=actor, code=code, name=name)
        return UnitRead(code=unit.code, name=unit.name)


@router.put("/{code}", response_model=UnitRead)
async def rename(code: Code, body: Renaming, request: Request,
                 caller: CallerDep) -> UnitRead:
    """A unit's new name (review learns it for each of its reviewers)."""
    return await run_in_threadpool(_rename, request, code, body.name, acting_as(caller, SYSTEM))


def _remove(request: Request, code: str, actor: str) -> None:
    with request.app.state.db.session() as s:
        roster.remove_unit(session=s, actor=actor, code=code)


@router.delete("/{code}", status_code=204)
async def remove(code: Code, request: Request, caller: CallerDep) -> None:
    """Remove a unit no account belongs to (409 otherwise)."""
    await run_in_threadpool(_remove, request, code, acting_as(caller, SYSTEM))
