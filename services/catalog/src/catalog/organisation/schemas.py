"""Request and response shapes of departments and windows."""

from typing import Annotated

from pydantic import AfterValidator, BaseModel, Field, StringConstraints
from stdnum.cn import uscc
from stdnum.exceptions import ValidationError

from kit import limits
from kit.types import Input


def _credit_code(value: str) -> str:
    """A valid unified social credit code (统一社会信用代码), compacted and upper-case."""
    try:
        return str(uscc.validate(value))
    except ValidationError as wrong:
        raise ValueError(f"not a valid unified social credit code: {wrong}") from None


CreditCode = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=40),
                       AfterValidator(_credit_code)]
# no control characters: names go into the Excel template, which cannot hold them
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1,
                                        max_length=limits.DEPARTMENT_NAME,
                                        pattern=r"^[^\x00-\x1f\x7f]+$")]
WindowCode = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1,
                                              max_length=limits.WINDOW_CODE,
                                              pattern=r"^[a-z][a-z0-9_-]*$")]
# a code already stored (the department's key): read as typed, checked against the table
DepartmentCode = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1,
                                                  max_length=limits.USCC)]
Windows = Annotated[list[WindowCode], Field(max_length=50)]


class DepartmentChange(Input):
    """What an administrator edits on a department: its name, parent and windows."""

    name: Name
    parent_code: DepartmentCode | None = None
    windows: Windows = []


class DepartmentCreate(DepartmentChange):
    """A new department, identified by its unified social credit code (checked digit)."""

    code: CreditCode


class DepartmentRead(BaseModel):
    """A department, its parent and the windows that receive its matters."""

    code: str
    name: str
    is_pilot: bool
    parent_code: str | None = None
    windows: list[str] = []


def _detail(most: int) -> object:
    return StringConstraints(strip_whitespace=True, max_length=most,
                             pattern=r"^[^\x00-\x1f\x7f]*$")


# Posted at the hall's door and printed on each guide: where the window is, when it opens.
Address = Annotated[str | None, _detail(200)]
Hours = Annotated[str | None, _detail(200)]
Phone = Annotated[str | None, _detail(40)]


class WindowChange(Input):
    """What an administrator edits on a window: its name, place in the hall, hours and phone."""

    name: Name
    address: Address = None
    hours: Hours = None
    phone: Phone = None


class WindowCreate(WindowChange):
    """A new window of the hall; its code (lower-case letters, digits, - and _) is kept for good."""

    code: WindowCode


class WindowRead(BaseModel):
    """A window of the service hall, with its place, hours and phone when set."""

    code: str
    name: str
    address: str | None = None
    hours: str | None = None
    phone: str | None = None
