"""The matter standard (事项标准): every element of GB/T 39046-2020 and the service guide.

Its layout (order, labels, help, choice labels) is `catalog.layout.elements`; the choices'
values are here too, as `Literal`s, and a test keeps both in step.

The provincial contract's matter document is a projection of it (`contract_document`): the
contract's fields exactly, plus the richer elements as optional extra fields. A contract
document parses back into a standard, so the linter and Excel accept either.
"""

from datetime import date
from typing import Annotated, Any, Literal

from pydantic import Field, StringConstraints, ValidationInfo, field_validator

from catalog.layout.lookup import choice_labels
from kit import limits
from kit.types import Count, Input


def _at_most(most: int) -> StringConstraints:
    return StringConstraints(min_length=1, max_length=most, strip_whitespace=True)


# What events carry to review, publish and intake is bounded as they bound it (kit.limits).
Code = Annotated[str, _at_most(limits.CODE)]
Text = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]
MatterName = Annotated[str, _at_most(limits.MATTER_NAME)]
DepartmentName = Annotated[str, _at_most(limits.DEPARTMENT_NAME)]
WindowCode = Annotated[str, _at_most(limits.WINDOW_CODE)]
StepText = Annotated[str, _at_most(limits.STEP_TEXT)]
ResultName = Annotated[str, _at_most(limits.RESULT_NAME)]
OptionalText = str | None  # written `= None`, so mypy sees the default too
MatterType = Literal["00", "01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "20"]
ExerciseLevel = Literal["1", "2", "3", "4", "5", "6"]
ServiceObject = Literal["person", "enterprise", "public_institution", "social_organization",
                        "government", "other"]
MATTER_TYPES: dict[str, str] = choice_labels("matter_type")


class Element(Input):
    """A part of the standard: unknown fields and NUL in texts are refused (kit.types.Input)."""


class LegalBasis(Element):
    """One cited provision: law, article, clause, its text and the date it took effect."""

    law: Text
    article: Text
    text: Text
    clause: OptionalText = None
    effective_date: date | None = None


class Condition(Element):
    """One acceptance condition (受理条件) and the provisions it rests on."""

    text: Text
    legal_basis: list[LegalBasis] = []


class Material(Element):
    """One application material (申请材料) and how it is to be provided."""

    name: Text
    required: bool
    form: Literal["paper", "electronic", "either"]
    originals: Count
    copies: Count
    source: Literal["applicant", "issued_by_government", "other"]
    legal_basis: list[LegalBasis]
    notes: str | None = None
    issuing_body: OptionalText = None
    blank_form: OptionalText = None  # file name or address of the blank form (空白表格)
    sample: OptionalText = None  # file name or address of a filled-in sample (示范文本)
    fill_notes: OptionalText = None  # 填报须知
    acceptance_standard: OptionalText = None  # 受理标准
    order: Count | None = None


class Fee(Element):
    name: Text
    standard: Text
    legal_basis: list[LegalBasis]
    waivable: bool
    waiver: OptionalText = None  # who is exempted, and on what basis


class Step(Element):
    name: StepText
    actor: StepText
    limit: Count
    review_standard: OptionalText = None  # 审查标准


class DiscretionBenchmark(Element):
    circumstance: Text
    standard: Text


class SpecialProcedure(Element):
    """A procedure not counted in the time limit (特别程序): hearing, testing, expert review…"""

    name: Text
    limit: Count | None = None
    legal_basis: list[LegalBasis] = []


class Extension(Element):
    allowed: bool = False
    max_days: Count | None = None
    legal_basis: list[LegalBasis] = []


class Channels(Element):
    online: bool
    online_depth: int | None = Field(default=None, ge=1, le=4)
    onsite_visits: Count
    onsite_reason: str | None = None
    appointment: bool = False
    delivery_by_post: bool = False


class Result(Element):
    name: ResultName
    type: Text


class Faq(Element):
    question: Text
    answer: Text


class Contact(Element):
    phone: OptionalText = None
    address: OptionalText = None
    online: OptionalText = None


class DepartmentRef(Element):
    code: Annotated[str, StringConstraints(min_length=limits.USCC, max_length=limits.USCC)]
    name: DepartmentName


class CoHandlingDepartment(DepartmentRef):
    """A department that signs off an application jointly (并联审批): the step it takes (what
    it checks) and its days within the committed limit. Standards stored before these two
    were asked for have neither, and stay readable."""

    step: StepText | None = None
    limit: Count | None = None  # in the matter's unit of time; none: the whole committed limit


class MatterStandard(Element):
    """Everything a department writes for one version of a matter."""

    implementation_code: Code
    basic_code: Code
    handling_item_code: Code | None = None
    name: MatterName
    matter_type: MatterType
    exercise_level: ExerciseLevel
    department: DepartmentRef
    window: WindowCode
    service_objects: list[ServiceObject] = Field(min_length=1)
    legal_basis: list[LegalBasis]
    conditions: list[Condition]
    materials: list[Material]
    statutory_limit: Count
    committed_limit: Count
    limit_unit: Literal["working_day", "calendar_day"]
    limit_explanation: OptionalText = None
    case_class: Literal["immediate", "promised"] = "promised"  # 即办件 / 承诺件
    special_procedures: list[SpecialProcedure] = []
    extension: Extension = Extension()
    fees: list[Fee]
    steps: list[Step] = Field(min_length=1)
    discretion_benchmarks: list[DiscretionBenchmark]
    channels: Channels
    result: Result
    faq: list[Faq] = []
    co_handling_departments: list[CoHandlingDepartment] = []
    consultation: Contact = Contact()
    complaint: Contact = Contact()
    effective_from: date
    cancel_date: date | None = None
    derived_from: Code | None = None  # the basic-catalog entry it was derived from

    @field_validator("conditions", mode="before")
    @classmethod
    def _conditions_from_contract(cls, value: Any) -> Any:
        """The contract carries conditions as plain strings; keep them as conditions."""
        if isinstance(value, list):
            return [{"text": v} if isinstance(v, str) else v for v in value]
        return value

    @field_validator("co_handling_departments")
    @classmethod
    def _co_handling_inside_the_limit(cls, value: list[CoHandlingDepartment],
                                      info: ValidationInfo) -> list[CoHandlingDepartment]:
        """Each co-handling department once, never the implementing one, and its days inside
        the committed limit (the applicant was promised the whole case within it)."""
        codes = [d.code for d in value]
        if len(set(codes)) < len(codes):
            raise ValueError("a co-handling department is listed twice")
        own = info.data.get("department")
        if own is not None and own.code in codes:
            raise ValueError("the implementing department is not its own co-handling department")
        committed = info.data.get("committed_limit")
        late = [d.name for d in value if d.limit is not None and committed is not None
                and d.limit > committed]
        if late:
            raise ValueError(f"{'、'.join(late)}: a co-handling department's limit exceeds the "
                             f"committed limit ({committed})")
        return value


CONTRACT_EXTRA = "condition_details"


def from_document(document: dict[str, Any]) -> dict[str, Any]:
    """A contract document (or a stored standard) as standard input: drop what the catalog
    assigns and take condition details back from the optional extra field."""
    doc = {k: v for k, v in document.items() if k not in ("version", "published_at")}
    details = doc.pop(CONTRACT_EXTRA, None)
    if details:
        doc["conditions"] = details
    return doc


def contract_document(standard: dict[str, Any], *, version: int,
                      published_at: str | None) -> dict[str, Any]:
    """The provincial contract's matter document of a stored standard: its fields exactly,
    conditions as strings, and the richer elements as optional extra fields."""
    conditions = [c["text"] if isinstance(c, dict) else c for c in standard["conditions"]]
    details = [c if isinstance(c, dict) else {"text": c, "legal_basis": []}
               for c in standard["conditions"]]
    return {**standard, "conditions": conditions, CONTRACT_EXTRA: details, "version": version,
            "published_at": published_at}
