"""Request and response shapes of the pilot settings and the basic catalog."""

from datetime import datetime

from pydantic import BaseModel, Field

from catalog.standard import Code
from kit.types import Input


class PilotDepartment(BaseModel):
    code: str
    name: str
    is_pilot: bool


class PilotSettings(BaseModel):
    """The rollout switch, the departments with their pilot mark, what is held back."""

    rollout: bool
    pilot_phase: bool  # saved with the rollout off, some department a pilot: only pilots sent
    configured: bool  # an administrator has saved the settings (the pilot phase can start)
    held: int  # publications written while their department was not eligible, not yet sent
    departments: list[PilotDepartment]
    released: int | None = None  # publications re-announced by this change (PUT only)


class PilotUpdate(Input):
    rollout: bool
    pilots: list[Code] = Field(max_length=1000)


class ImplementingMatter(BaseModel):
    implementation_code: str
    name: str
    department_code: str
    latest_state: str | None
    derived: bool  # created from this entry by "derive" (its standard's derived_from)


class BaseCatalogRead(BaseModel):
    basic_code: str
    name: str
    matter_type: str
    exercise_level: str
    legal_basis: list[dict] | None
    cancelled: bool
    updated_at: datetime
    matters: list[ImplementingMatter]


class BaseCatalogPage(BaseModel):
    items: list[BaseCatalogRead]
    total: int


class Derivation(Input):
    """What the editor chooses when deriving a local matter from a basic-catalog entry."""

    implementation_code: Code
    window: Code
    department: str | None = Field(default=None, max_length=18)  # administrators only
