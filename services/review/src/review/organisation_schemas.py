"""Request and response models of review groups and the ordered routing rules."""

from typing import Annotated, Self

from pydantic import BaseModel, Field, StringConstraints, model_validator

from kit import limits
from kit.types import Id, Input


def _optional(max_length: int, pattern: str | None = None) -> StringConstraints:
    return StringConstraints(strip_whitespace=True, max_length=max_length, pattern=pattern)


# Group codes are upper-case (G1, G2…); `unrouted` can therefore never be a group's code.
GroupCode = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=20,
                                             pattern=r"^[A-Z0-9][A-Z0-9_-]*$")]
GroupName = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1,
                                             max_length=100)]
Domains = Annotated[str, _optional(200)]
Note = Annotated[str, _optional(200)]
WindowCode = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1,
                                              max_length=limits.WINDOW_CODE)]
# Criteria: an empty text is "any" (a form's empty choice), as is a missing one.
WindowCriterion = Annotated[str, _optional(limits.WINDOW_CODE)]
DepartmentCriterion = Annotated[str, _optional(limits.USCC)]
TypeCriterion = Annotated[str, _optional(2, r"^(\d{2})?$")]


class GroupChange(Input):
    """What an administrator edits on a group: name, domains, the windows it owns outright."""

    name: GroupName
    domains: Domains = ""
    windows: list[WindowCode] = Field(default=[], max_length=50)


class GroupCreate(GroupChange):
    """A new review group (the first one becomes the default group)."""

    code: GroupCode


class GroupPublic(BaseModel):
    """A review group, the domains it covers, the windows it owns (its rules on a window
    alone) and whether it is the default group for what no rule matches."""

    code: str
    name: str
    domains: str = ""
    windows: list[str]
    is_default: bool = False


class Criteria(Input):
    """What a submitted standard is matched on; empty = any."""

    window: WindowCriterion | None = None
    department_code: DepartmentCriterion | None = None
    matter_type: TypeCriterion | None = None

    def terms(self) -> tuple[str | None, str | None, str | None]:
        """The three criteria, an empty text read as None (any)."""
        return self.window or None, self.department_code or None, self.matter_type or None


class RuleChange(Criteria):
    """A routing rule: at least one criterion, and the group that receives what matches."""

    group: GroupCode
    note: Note = ""

    @model_validator(mode="after")
    def _some_criterion(self) -> Self:
        if not any(self.terms()):
            raise ValueError("a rule needs a window, a department or a matter type; what no "
                             "rule matches goes to the default group")
        return self


class RuleCreate(RuleChange):
    """A new rule, at `position` (1 = first) or after the last one."""

    position: Id | None = None


class RuleMove(Input):
    """Where a rule goes in the order (1 = first; past the end = last)."""

    position: Id


class DefaultGroup(Input):
    """The group that receives what no rule matches."""

    group: GroupCode


class RulePublic(BaseModel):
    """One rule in its place; `shadowed_by` names an earlier rule that catches all it would."""

    id: int
    position: int
    window: str | None
    department_code: str | None
    matter_type: str | None
    group: str
    note: str
    shadowed_by: int | None = None


class RoutingTable(BaseModel):
    """The ordered rules and the explicit fallback."""

    rules: list[RulePublic]
    default_group: str | None
    unrouted_cases: int  # open cases waiting for a group (no rule matched, no default set)


class RoutingOutcome(BaseModel):
    """Where a standard with these criteria would go, and why."""

    rule: RulePublic | None
    group: str
    reason: str
    fallback: bool
