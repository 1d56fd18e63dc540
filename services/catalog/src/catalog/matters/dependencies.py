"""Path lookups shared by the routes: the matter in the path, then its version (404 otherwise).

Declare the route's role alias (`Editor`, `Staff`…) before these, so a caller without the role
gets 403 before anything is looked up.
"""

from typing import Annotated

from fastapi import Depends, Path

from catalog.matters import repository
from catalog.models import Matter, MatterVersion
from kit.app import SessionDep
from kit.auth import PrincipalDep

VersionNumber = Annotated[int, Path(ge=1, le=2**31 - 1)]


def valid_matter(code: str, session: SessionDep, actor: PrincipalDep) -> Matter:
    """The matter `code` when the caller's department may see it."""
    return repository.get_matter(session=session, code=code, actor=actor)


MatterDep = Annotated[Matter, Depends(valid_matter)]


def valid_version(version: VersionNumber, matter: MatterDep, session: SessionDep) -> MatterVersion:
    """Version `version` of the matter in the path."""
    return repository.get_version(session=session, matter=matter, version=version)


VersionDep = Annotated[MatterVersion, Depends(valid_version)]
