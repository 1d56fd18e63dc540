"""HTTP API of acceptance decisions, the legal clock and the holiday table (thin routes)."""

from typing import Annotated

from fastapi import APIRouter, Path

from intake import acceptance, holidays, ledger, procedures, repository, views
from intake.clock_schemas import (
    CorrectionPeriodIn,
    CorrectionPeriodOut,
    ExtensionIn,
    HolidayTableOut,
    HolidayYearIn,
    HolidayYearListed,
    HolidayYearOut,
    NonAcceptanceIn,
    SpecialProcedureIn,
)
from intake.routes import ApplicationId, DeskDep
from intake.schemas import ApplicationDetail
from intake.service import not_accept
from kit.app import SessionDep
from kit.auth import Principal, require
from kit.types import NO_NUL

router = APIRouter(prefix="/api/intake/v1", tags=["intake"])
Year = Annotated[int, Path(ge=2000, le=2100)]
MatterCode = Annotated[str, Path(min_length=1, max_length=50, pattern=NO_NUL)]


@router.post("/applications/{application_id}/non-acceptance", response_model=ApplicationDetail)
def refuse_acceptance(session: SessionDep, desk: DeskDep, application_id: ApplicationId,
                      decision: NonAcceptanceIn,
                      principal: Principal = require("clerk")) -> ApplicationDetail:
    """不予受理 with reason and legal basis (the competent body named when outside the
    department's competence); the case closes."""
    return not_accept(session=session, desk=desk, principal=principal,
                      application_id=application_id, decision=decision.model_dump())


def _detail(session: SessionDep, desk: DeskDep, principal: Principal,
            application_id: int) -> ApplicationDetail:
    application = repository.visible_application(session=session, principal=principal,
                                                 application_id=application_id)
    return views.application_detail(session=session, application=application, keys=desk.keys,
                                    principal=principal)


@router.post("/applications/{application_id}/special-procedures",
             response_model=ApplicationDetail)
def start_special_procedure(session: SessionDep, desk: DeskDep, application_id: ApplicationId,
                            started: SpecialProcedureIn,
                            principal: Principal = require("clerk", "approver"),
                            ) -> ApplicationDetail:
    """A special procedure of the standard (听证, 检验检测, 专家评审…) starts: the clock pauses."""
    application = repository.visible_application(session=session, principal=principal,
                                                 application_id=application_id, for_update=True)
    procedures.start_special(session=session, application=application,
                             procedure=started.procedure, note=started.note, actor=principal.sub)
    return _detail(session, desk, principal, application_id)


@router.post("/applications/{application_id}/special-procedures/end",
             response_model=ApplicationDetail)
def end_special_procedure(session: SessionDep, desk: DeskDep, application_id: ApplicationId,
                          principal: Principal = require("clerk", "approver"),
                          ) -> ApplicationDetail:
    """The special procedure under way ends: the clock resumes."""
    application = repository.visible_application(session=session, principal=principal,
                                                 application_id=application_id, for_update=True)
    procedures.end_special(session=session, application=application, actor=principal.sub)
    return _detail(session, desk, principal, application_id)


@router.post("/applications/{application_id}/extension", response_model=ApplicationDetail)
def extend(session: SessionDep, desk: DeskDep, application_id: ApplicationId,
           extension: ExtensionIn,
           principal: Principal = require("approver")) -> ApplicationDetail:
    """The department's approver extends the limit (days within the standard's extension)."""
    application = repository.visible_application(session=session, principal=principal,
                                                 application_id=application_id, for_update=True)
    procedures.extend(session=session, application=application,
                      department=principal.department, days=extension.days,
                      reason=extension.reason, actor=principal.sub)
    return _detail(session, desk, principal, application_id)


@router.put("/matters/{code}/correction-period", response_model=CorrectionPeriodOut)
def set_correction_period(session: SessionDep, desk: DeskDep, code: MatterCode,
                          period: CorrectionPeriodIn,
                          principal: Principal = require("admin")) -> CorrectionPeriodOut:
    """Set a matter's correction period in calendar days (null: the intake setting)."""
    matter = acceptance.set_correction_days(session=session, code=code, days=period.days,
                                            actor=principal.sub)
    return CorrectionPeriodOut(implementation_code=code, correction_days=matter.correction_days,
                               in_force=matter.correction_days or desk.correction_days)


def _table(session: SessionDep, recomputed: int | None = None) -> HolidayTableOut:
    return HolidayTableOut(
        years=[HolidayYearListed(year=r.year, holidays=len(r.holidays),
                                 workdays=len(r.workdays), provisional=r.provisional,
                                 source=r.source, updated_at=r.updated_at)
               for r in holidays.rows(session=session)],
        needed=ledger.years_needed(session=session), recomputed=recomputed)


@router.get("/holidays", response_model=HolidayTableOut)
def holiday_table(session: SessionDep,
                  principal: Principal = require("admin")) -> HolidayTableOut:
    """The years of the holiday table, and the years open cases need that it lacks."""
    return _table(session)


@router.get("/holidays/{year}", response_model=HolidayYearOut)
def holiday_year(session: SessionDep, year: Year,
                 principal: Principal = require("admin")) -> HolidayYearOut:
    """One year's holidays and swapped working days."""
    return HolidayYearOut.model_validate(holidays.one(session=session, year=year).model_dump())


@router.put("/holidays/{year}", response_model=HolidayTableOut)
def put_holiday_year(session: SessionDep, year: Year, calendar: HolidayYearIn,
                     principal: Principal = require("admin")) -> HolidayTableOut:
    """Store a year's calendar (replacing it); open cases' due dates are recomputed."""
    holidays.put_year(session=session, year=year, holidays=calendar.holidays,
                      workdays=calendar.workdays, provisional=calendar.provisional,
                      actor=principal.sub)
    return _table(session, recomputed=ledger.recompute_open(session=session))
