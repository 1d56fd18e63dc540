"""The shapes of the three lists, their downloads and the accountability table."""

from datetime import datetime
from typing import Annotated, Generic, Literal, TypeVar

from pydantic import BaseModel, Field

from publish.schemas import PRINTABLE, DepartmentRef, ListFilters, Page, Step

T = TypeVar("T")
Filter = Annotated[str, Field(max_length=100, pattern=PRINTABLE)]
ListName = Literal["power-list", "responsibility-list", "process-list"]
Stage = Literal["受理", "审查", "决定", "送达", "事后监管"]


class ListPage(Page[T], Generic[T]):
    """One page of a list, and when the list last changed (a publication or a cancellation)."""

    last_changed: datetime | None


class Download(BaseModel):
    """A download of a whole filtered list: the filters of the pages, and the format."""

    format: Literal["csv", "json"] = "csv"
    q: Filter = ""
    department: Filter = ""
    window: Filter = ""
    matter_type: Filter = ""

    def filters(self) -> ListFilters:
        """The same filters as the list's pages."""
        return ListFilters(q=self.q, department=self.department, window=self.window,
                           matter_type=self.matter_type)


class PowerListItem(BaseModel):
    """A line of the power list (权力清单)."""

    implementation_code: str
    name: str
    matter_type: str
    department: DepartmentRef
    window: str
    committed_limit: int
    statutory_limit: int
    limit_unit: str
    online: bool
    version: int
    published_at: datetime


class Duty(BaseModel):
    """One duty of the department (责任事项): what it must do at a stage, and who does it."""

    stage: Stage
    step: str | None  # the step of the process it comes from; None for a stage without one
    actor: str
    duty: str


class Contact(BaseModel):
    """Where to ask or complain: phone, address, online (any may be missing)."""

    phone: str | None = None
    address: str | None = None
    online: str | None = None


class Accountability(BaseModel):
    """追责情形: the situations of one article of the law and what follows."""

    law: str
    article: str
    situations: list[str]
    consequence: str


class ResponsibilityItem(BaseModel):
    """A line of the responsibility list (责任清单)."""

    implementation_code: str
    name: str
    matter_type: str
    department: DepartmentRef
    window: str
    duties: list[Duty]
    accountability: list[Accountability]
    consultation: Contact
    complaint: Contact
    version: int


class ProcessItem(BaseModel):
    """A line of the process list (流程清单)."""

    implementation_code: str
    name: str
    matter_type: str
    department: DepartmentRef
    window: str
    steps: list[Step]
    committed_limit: int
    statutory_limit: int
    limit_unit: str
    version: int
