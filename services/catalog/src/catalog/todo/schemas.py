"""Response shapes of the to-do list and the answer that closes an anomaly."""

from datetime import datetime

from pydantic import BaseModel

from catalog.legal.schemas import RevisionTaskRead
from catalog.standard import Text
from kit.types import Input


class AnomalyRead(BaseModel):
    """An anomaly the province reported, open until the department answers it."""

    anomaly_id: str
    implementation_code: str
    version: int
    department_code: str
    field: str
    message: str
    severity: str
    status: str
    resolution: str | None
    received_at: datetime


class ReturnedVersion(BaseModel):
    implementation_code: str
    name: str
    version: int
    feedback: dict | None


class TodoList(BaseModel):
    anomalies: list[AnomalyRead]
    returned: list[ReturnedVersion]
    revisions: list[RevisionTaskRead] = []  # legal-basis revision tasks (catalog.legal)


class AnomalyResolution(Input):
    answer: Text
