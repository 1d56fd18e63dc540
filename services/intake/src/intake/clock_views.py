"""What an application shows of its legal clock: the public ledger, today's reading, the
correction deadline, the 不予受理 decision, and what staff may still do to the clock."""

from typing import Any

from sqlalchemy.orm import Session

from intake import acceptance, ledger, procedures
from intake.clock_schemas import ClockOut, LedgerEntryOut, NonAcceptanceOut
from intake.models import Application, Matter, MatterVersion
from intake.supervision import colours
from kit.clock import china_today


def clock_fields(*, session: Session, application: Application,
                 version: MatterVersion) -> dict[str, Any]:
    """The clock's fields of an application's detail."""
    found = ledger.reading(session=session, application=application, version=version)
    allowed, longest = procedures.extension_rule(version.document)
    matter = session.get(Matter, application.implementation_code)
    rows = ledger.public_entries(session=session, application=application)
    refusal = (acceptance.second_notice_refusal(session=session, application=application)
               if application.state in ("submitted", "corrected") else None)
    shown = ClockOut(
        limit=found.limit or version.committed_limit, unit=version.limit_unit,
        days_used=found.days_used, days_left=found.days_left, paused=found.paused,
        missing_year=found.missing_year,
        correction_days=matter.correction_days if matter else None,
        special_procedures=procedures.special_procedures(version.document),
        extension_allowed=allowed, extension_max_days=longest,
        extension_used=sum(r["days"] or 0 for r in rows if r["kind"] == "extended"),
        second_notice_refusal=refusal,
        colour=colours.colour(found, today=china_today()) if application.state == "accepted"
        else None)
    decided = application.non_acceptance
    return {"ledger": [LedgerEntryOut.model_validate(r) for r in rows], "clock": shown,
            "days_left": found.days_left if application.state == "accepted" else None,
            "correction_deadline": application.correction_deadline,
            "non_acceptance": NonAcceptanceOut.model_validate(decided) if decided else None}
