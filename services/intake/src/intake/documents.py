"""Documents issued on a case: which one each state gives, and the facts it prints.

A document is issued in the transaction that changes the state (`history.record` calls
`issue`): one row with the facts snapshotted as JSON and a random verification code. Its PDF
is rendered later from those facts alone (intake.document_files), so filing stays fast and a
document never changes once issued.
"""

import secrets
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from intake import repository
from intake.models import Application, Document, MatterVersion
from intake.numbers import QUERY_ALPHABET
from kit.clock import china_date, now

# The document each state gives when an application enters it (shared names of issue 8).
KINDS = {"submitted": "receipt", "accepted": "acceptance_notice",
         "correction_requested": "correction_notice", "not_accepted": "non_acceptance",
         "approved": "approval", "rejected": "refusal"}
TITLES = {"receipt": "收件凭证", "acceptance_notice": "受理通知书",
          "correction_notice": "补正告知书", "non_acceptance": "不予受理决定书",
          "approval": "准予许可决定书", "refusal": "不予许可决定书"}
# Decisions an applicant may challenge: 行政复议 within 60 days (行政复议法 art. 20) and
# 行政诉讼 within 6 months (行政诉讼法 art. 46) of receiving the decision.
DECISIONS = ("non_acceptance", "approval", "refusal")
RECONSIDERATION_DAYS = 60
LITIGATION_MONTHS = 6
CODE_LENGTH = 16  # about 80 bits: not guessable, still readable aloud
# What a non-acceptance prints, read from the application or the step's details.
NON_ACCEPTANCE_FIELDS = ("reason", "legal_basis", "competent_body")


def issue(session: Session, application: Application,
          details: dict[str, Any] | None = None) -> Document | None:
    """The document the application's new state gives, if any, stored with its facts."""
    kind = KINDS.get(application.state)
    if kind is None:
        return None
    at = now()
    document = Document(application_id=application.id or 0, kind=kind,
                        verification_code=verification_code(), issued_at=at,
                        facts=facts(session, application, kind=kind, on=china_date(at),
                                    details=details or {}))
    document.facts["verification_code"] = document.verification_code
    session.add(document)
    return document


def verification_code() -> str:
    """A fresh verification code (16 characters of the query codes' alphabet)."""
    return "".join(secrets.choice(QUERY_ALPHABET) for _ in range(CODE_LENGTH))


def facts(session: Session, application: Application, *, kind: str, on: date,
          details: dict[str, Any]) -> dict[str, Any]:
    """Everything the document prints, as JSON: the case, the matter, who applies, and what
    this kind of document says."""
    version = repository.pinned_version(session=session, application=application)
    common = {
        "kind": kind, "title": TITLES[kind], "case_number": application.case_number,
        "query_code": application.query_code, "matter_name": version.name,
        "implementation_code": application.implementation_code,
        "department_name": version.department_name,
        "department_code": application.department_code,
        "applicant_name": application.applicant_name,
        "applicant_kind": application.applicant_kind, "issued_on": on.isoformat(),
        "received_on": china_date(application.submitted_at).isoformat(),
    }
    specific = SPECIFIC[kind](session, application, version, details)
    if kind in DECISIONS:
        specific["remedies"] = remedies(on)
    return common | specific


def _receipt(session: Session, application: Application, version: MatterVersion,
             details: dict[str, Any]) -> dict[str, Any]:
    listed = [str(m.get("name", "")) for m in version.materials]
    files = repository.materials(session=session, application_id=application.id or 0)
    return {"materials": [{"material": listed[f.slot] if f.slot is not None
                           and f.slot < len(listed) else "", "filename": f.filename}
                          for f in files],
            "incomplete": application.incomplete}


def _acceptance(session: Session, application: Application, version: MatterVersion,
                details: dict[str, Any]) -> dict[str, Any]:
    accepted = application.accepted_at or now()
    return {"accepted_on": china_date(accepted).isoformat(),
            "due_date": application.due_date.isoformat() if application.due_date else None,
            "committed_limit": version.committed_limit, "limit_unit": version.limit_unit}


def _correction(session: Session, application: Application, version: MatterVersion,
                details: dict[str, Any]) -> dict[str, Any]:
    deadline = application.correction_deadline or details.get("correction_deadline")
    return {"items": once_each(details.get("notice") or []),
            "correction_deadline": str(deadline) if deadline else None}


def _non_acceptance(session: Session, application: Application, version: MatterVersion,
                    details: dict[str, Any]) -> dict[str, Any]:
    decision = application.non_acceptance or details.get("non_acceptance") or {}
    return {name: _text(decision.get(name)) for name in NON_ACCEPTANCE_FIELDS}


def _decision(session: Session, application: Application, version: MatterVersion,
              details: dict[str, Any]) -> dict[str, Any]:
    decided = application.decided_at or now()
    return {"decided_on": china_date(decided).isoformat(), "opinion": application.opinion,
            "result_name": application.result_name}


SPECIFIC = {"receipt": _receipt, "acceptance_notice": _acceptance,
            "correction_notice": _correction, "non_acceptance": _non_acceptance,
            "approval": _decision, "refusal": _decision}


def once_each(items: list[dict[str, Any]]) -> list[dict[str, str]]:
    """The notice's items, each material once (its reasons joined): 一次性告知."""
    reasons: dict[str, list[str]] = {}
    for item in items:
        said = reasons.setdefault(str(item.get("material", "")), [])
        reason = str(item.get("reason", ""))
        if reason and reason not in said:
            said.append(reason)
    return [{"material": material, "reason": "；".join(said)}
            for material, said in reasons.items()]


def remedies(on: date) -> dict[str, str]:
    """The last days to ask for 行政复议 and to bring 行政诉讼, counted from `on`."""
    return {"reconsideration_by": date.fromordinal(on.toordinal() + RECONSIDERATION_DAYS)
            .isoformat(), "litigation_by": months_after(on, LITIGATION_MONTHS).isoformat()}


def months_after(day: date, months: int) -> date:
    """The same day `months` later (the month's last day when it is shorter)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)  # unreachable: every month has 28 days


def _text(value: Any) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, list):
        return "；".join(_text(v) or "" for v in value)
    if isinstance(value, dict):
        return "".join(str(v) for v in value.values() if v)
    return str(value)
