"""What intake answers about documents and a case's public progress (办件查询)."""

from datetime import date, datetime

from pydantic import BaseModel

from intake.clock_schemas import LedgerEntryOut
from intake.joint_schemas import JointDepartmentOut


class DocumentOut(BaseModel):
    """One document issued on a case (the verification code only to those who see the case
    whole)."""

    id: int
    kind: str
    title: str
    issued_at: datetime
    verification_code: str | None
    sha256: str | None


class VerifiedDocument(BaseModel):
    """What the public check of a document shows: enough to compare with the paper, no
    personal data beyond the name's first character."""

    kind: str
    title: str
    case_number: str
    issued_on: date
    department_name: str
    applicant: str
    sha256: str


class LedgerStep(BaseModel):
    """One public step of a case: what happened and when, never who."""

    step: str
    state: str
    at: datetime


class Progress(BaseModel):
    """A case as its case number and query code show it to anyone who holds both."""

    case_number: str
    state: str
    closed: bool
    matter_name: str
    department_name: str
    applicant: str
    received_at: datetime
    accepted_at: datetime | None
    due_date: date | None
    days_left: int | None
    ledger: list[LedgerStep]
    clock: list[LedgerEntryOut]  # the legal clock as the ledger shows it
    paused: str | None  # the cause while the clock stands still (correction, a procedure)
    missing_year: int | None  # the year whose holiday table the due date waits for
    documents: list[str]
    joint: list[JointDepartmentOut] = []  # who co-handles it and how far (并联审批), no remarks
