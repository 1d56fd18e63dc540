"""Request and response models of intake, and its own reading of catalog's events."""

from dataclasses import dataclass
from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from intake.clock_schemas import ClockOut, LedgerEntryOut, NonAcceptanceOut
from intake.filestore import Received
from intake.joint_schemas import JointDepartmentOut
from kit import limits
from kit.types import Input

State = Literal["submitted", "correction_requested", "corrected", "accepted", "approved",
                "rejected", "not_accepted"]
# PostgreSQL text cannot hold NUL: refuse it at the door rather than fail at the database.
NO_NUL = r"^[^\x00]*$"


# --- events from catalog (intake's own client models) ---

class DepartmentRef(BaseModel):
    """An implementing body: unified social credit code and name."""

    code: str = Field(max_length=limits.USCC, pattern=NO_NUL)
    name: str = Field(max_length=limits.DEPARTMENT_NAME, pattern=NO_NUL)


class MatterResult(BaseModel):
    """What an approved application yields (审批结果)."""

    name: str = Field(max_length=limits.RESULT_NAME)
    type: str | None = None


class MatterDocument(BaseModel):
    """The fields of the contract's matter document that intake relies on."""

    model_config = ConfigDict(extra="allow")

    implementation_code: str = Field(min_length=1, max_length=limits.CODE, pattern=NO_NUL)
    version: int = Field(ge=1)
    name: str = Field(min_length=1, max_length=limits.MATTER_NAME, pattern=NO_NUL)
    department: DepartmentRef
    window: str | None = Field(default=None, max_length=40)
    materials: list[dict[str, Any]]
    committed_limit: int = Field(ge=0)
    limit_unit: Literal["working_day", "calendar_day"]
    result: MatterResult
    published_at: datetime | None = None


class MatterPublished(BaseModel):
    """Payload of `matter_version.published`; `document` is the matter as catalog sent it."""

    operation: Literal["upsert"]
    matter: MatterDocument
    document: dict[str, Any]

    @model_validator(mode="before")
    @classmethod
    def _keep_document(cls, data: Any) -> Any:
        """The pinned copy keeps every element catalog sent, typed here or not."""
        if isinstance(data, dict) and isinstance(data.get("matter"), dict):
            return {**data, "document": data["matter"]}
        return data


class MatterCancelled(BaseModel):
    """Payload of `matter.cancelled`."""

    implementation_code: str = Field(min_length=1, max_length=limits.CODE)
    version: int | None = None
    cancelled_at: datetime | None = None


# --- API ---

class MatterSummary(BaseModel):
    """A published matter open for applications."""

    implementation_code: str
    name: str
    version: int
    department: DepartmentRef
    committed_limit: int
    limit_unit: str


class PinnedVersion(MatterSummary):
    """The matter version an application was filed under, with its material list."""

    materials: list[dict[str, Any]]
    result_name: str | None
    # What may stop or lengthen the clock: the standard's special procedures, and the longest
    # extension in days (0: none allowed).
    special_procedures: list[str] = Field(default_factory=list)
    extension_days: int = 0


class MaterialOut(BaseModel):
    """An uploaded file, without its bytes; `content_type` is the detected one."""

    id: int
    slot: int | None = None
    filename: str
    size: int
    content_type: str
    uploaded_at: datetime


class StateChangeOut(BaseModel):
    """One step of the history."""

    from_state: str | None
    to_state: str
    at: datetime
    actor: str


class CorrectionItem(Input):
    """One missing or wrong material and why."""

    material: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1,
                                               max_length=200, pattern=NO_NUL)]
    reason: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1,
                                             max_length=1000, pattern=NO_NUL)]


class CorrectionsIn(Input):
    """The one-time notice: every missing or wrong material at once."""

    items: list[CorrectionItem] = Field(min_length=1, max_length=200)


class CorrectionNoticeOut(BaseModel):
    """A notice sent to the applicant."""

    id: int
    items: list[CorrectionItem]
    issued_at: datetime
    issued_by: str


class DecisionIn(Input):
    """The department's decision; a rejection must say why."""

    decision: Literal["approved", "rejected"]
    opinion: str = Field(default="", max_length=4000, pattern=NO_NUL)

    @model_validator(mode="after")
    def _rejection_needs_opinion(self) -> "DecisionIn":
        self.opinion = self.opinion.strip()
        if self.decision == "rejected" and not self.opinion:
            raise ValueError("a rejection needs an opinion stating the reasons")
        return self


class DecisionOut(BaseModel):
    """The recorded decision."""

    decision: str
    opinion: str | None
    result_name: str | None
    decided_at: datetime
    decided_by: str


class SlotOut(BaseModel):
    """One upload slot: a listed material, its form, the kinds it accepts, its blank form or
    sample (the standard's text or address), and the files a pre-check put in it."""

    index: int
    name: str
    required: bool
    form: str | None = None
    kinds: list[str]
    blank_form: str | None = None
    sample: str | None = None
    notes: str | None = None
    files: list[str] = Field(default_factory=list)


class Problem(BaseModel):
    """One thing the pre-check found missing or wrong."""

    slot: int | None = None
    material: str | None = None
    file: str | None = None
    problem: str  # missing, too_large, application_too_large, type, executable, archive, …
    detail: str


class PrecheckOut(BaseModel):
    """The material pre-check: `complete` when nothing is missing or wrong, `acceptable`
    when no file is refused (missing materials may still be filed with a confirmation)."""

    complete: bool
    acceptable: bool
    problems: list[Problem]
    slots: list[SlotOut]


class ApplicantOut(BaseModel):
    """Who applies; the personal numbers masked except for the window's clerk."""

    kind: str
    name: str
    id_number: str | None = None
    phone: str | None = None
    credit_code: str | None = None
    legal_representative: str | None = None


class ApplicationSummary(BaseModel):
    """One line of a list of applications."""

    id: int
    case_number: str
    query_code: str
    incomplete: bool
    applicant: ApplicantOut
    implementation_code: str
    version: int
    matter_name: str
    department_code: str
    state: str
    applicant_name: str
    enterprise: str | None
    agent: str | None = None  # the butler who filed for the enterprise (代办人)
    agent_name: str | None = None
    submitted_at: datetime
    due_date: date | None


class ApplicationListed(ApplicationSummary):
    """One line of a list with what the queues' cards show beside it: the note, the pinned
    version, the uploaded files and the decision."""

    note: str | None = None
    accepted_at: datetime | None = None
    matter: PinnedVersion | None = None
    materials: list[MaterialOut] = Field(default_factory=list)
    decision: DecisionOut | None = None
    joint: list[JointDepartmentOut] = Field(default_factory=list)  # 并联审批, intake.joint
    colour: str | None = None  # electronic supervision, while running: green, yellow, red


class ApplicationDetail(ApplicationSummary):
    """One application with its materials, history, notices, pinned version and decision."""

    applicant_sub: str
    note: str | None
    accepted_at: datetime | None
    matter: PinnedVersion
    materials: list[MaterialOut]
    corrections: list[CorrectionNoticeOut]
    history: list[StateChangeOut]
    decision: DecisionOut | None
    # The legal clock (intake.ledger): its ledger, today's reading, the days left.
    ledger: list[LedgerEntryOut] = Field(default_factory=list)
    clock: ClockOut = Field(default_factory=ClockOut)
    days_left: int | None = None
    correction_deadline: date | None = None
    non_acceptance: NonAcceptanceOut | None = None
    joint: list[JointDepartmentOut] = Field(default_factory=list)  # 并联审批, intake.joint


@dataclass(frozen=True)
class NewMaterial:
    """An uploaded file, spooled beside the store (never held whole in memory)."""

    filename: str
    content_type: str
    file: Received
    slot: int | None = None

    @property
    def size(self) -> int:
        """The bytes received (one past the limit at most)."""
        return self.file.size

    @property
    def sha256(self) -> str:
        """The file's SHA-256, in hex."""
        return self.file.sha256
