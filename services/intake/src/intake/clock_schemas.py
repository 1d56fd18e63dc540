"""Request and response models of acceptance decisions, the legal clock and the holiday table."""

from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import BaseModel, Field, StringConstraints, model_validator

from kit.types import Input

NO_NUL = r"^[^\x00]*$"
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=1000,
                                        pattern=NO_NUL)]
# Why an application is not accepted: outside the department's competence (the competent body
# must be named), a matter needing no licence, or another ground stated in the reason.
Ground = Literal["outside_competence", "no_licence_needed", "other"]


class NonAcceptanceIn(Input):
    """不予受理: the ground, the reason, the legal basis; the competent body when outside the
    department's competence."""

    ground: Ground
    reason: Text
    legal_basis: Text
    competent_body: Annotated[str, StringConstraints(strip_whitespace=True, max_length=200,
                                                     pattern=NO_NUL)] | None = None

    @model_validator(mode="after")
    def _competent_body_when_outside(self) -> "NonAcceptanceIn":
        self.competent_body = self.competent_body or None
        if self.ground == "outside_competence" and not self.competent_body:
            raise ValueError("outside the department's competence: name the competent body")
        return self


class NonAcceptanceOut(BaseModel):
    """The recorded 不予受理 decision."""

    ground: str
    reason: str | None  # None for oversight, which does not read the reasons
    legal_basis: str
    competent_body: str | None = None
    at: datetime
    by: str


class SpecialProcedureIn(Input):
    """A special procedure of the pinned standard starts (the clock pauses)."""

    procedure: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1,
                                                max_length=100, pattern=NO_NUL)]
    note: Annotated[str, StringConstraints(strip_whitespace=True, max_length=1000,
                                           pattern=NO_NUL)] | None = None


class ExtensionIn(Input):
    """An extension the department approves: how many days and why."""

    days: Annotated[int, Field(ge=1, le=365)]
    reason: Text


class CorrectionPeriodIn(Input):
    """A matter's correction period in calendar days; null: the intake setting."""

    days: Annotated[int, Field(ge=1, le=365)] | None


class CorrectionPeriodOut(BaseModel):
    """A matter's correction period as set, and the one in force."""

    implementation_code: str
    correction_days: int | None
    in_force: int


class LedgerEntryOut(BaseModel):
    """One entry of the legal clock: received, started, paused, resumed, extended, due."""

    kind: str
    cause: str | None = None
    day: date
    days: int | None = None
    note: str | None = None
    due_date: date | None = None


class ClockOut(BaseModel):
    """The clock as of today: limit (with extensions), days used and left, paused by what,
    and the year whose holiday table is missing (then the due date is unknown)."""

    limit: int = 0
    unit: str = "working_day"
    days_used: int | None = None
    days_left: int | None = None
    paused: str | None = None
    missing_year: int | None = None
    correction_days: int | None = None
    special_procedures: list[str] = Field(default_factory=list)
    extension_allowed: bool = False
    extension_max_days: int = 0
    extension_used: int = 0
    second_notice_refusal: str | None = None
    colour: str | None = None  # electronic supervision: green, yellow, red while running


class HolidayYearIn(Input):
    """One year's calendar: the days off and the weekend days worked (调休)."""

    holidays: list[date] = Field(max_length=366)
    workdays: list[date] = Field(default_factory=list, max_length=120)
    provisional: bool = False


class HolidayYearOut(BaseModel):
    """One year of the holiday table."""

    year: int
    holidays: list[date]
    workdays: list[date]
    provisional: bool
    source: str
    updated_at: datetime
    updated_by: str


class HolidayYearListed(BaseModel):
    """One year in the list."""

    year: int
    holidays: int
    workdays: int
    provisional: bool
    source: str
    updated_at: datetime


class HolidayTableOut(BaseModel):
    """The years the table has, and the years open cases need that it lacks."""

    years: list[HolidayYearListed]
    needed: list[int]
    recomputed: int | None = None
