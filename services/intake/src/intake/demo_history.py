"""A year of the demo zone's cases for supervision and the public statistics: closed cases
spread over the last twelve months across eight demo matters (most decided in time, some
late), their ratings, and running cases of which some are yellow and some red. Closed cases
and ratings go to publish through the outbox (`application.closed`, `application.rated`), as
real ones do; bulk inserts, a few hundred rows."""

import random
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from typing import Any

from sqlalchemy.orm import Session
from sqlmodel import col, select

from intake import clock, holidays, numbers
from intake.config import IntakeSettings
from intake.models import Application, ClockEntry, MatterVersion, outbox
from intake.models_feedback import Rating
from intake.models_supervision import CaseWarning
from intake.ratings.service import rated_payload
from intake.supervision import service as supervision
from kit.clock import china_today, now
from kit.outbox import emit

APPLICANT = "demo-history"
# (code, version in force, name, department, window, committed, statutory, materials, result)
MATTERS: list[tuple[Any, ...]] = [
    ("430103-01-0006", 2, "建筑工程施工许可证核发", ("11430100707230300G", "住房和城乡建设局"),
     "planning", 3, 15, ["建筑工程施工许可申请表", "施工合同", "施工图设计文件审查合格书"],
     "建筑工程施工许可证"),
    ("430103-01-0007", 1, "商品房预售许可", ("11430100707230300G", "住房和城乡建设局"), "planning",
     10, 20, ["商品房预售许可申请表", "建设工程规划许可证", "施工许可证", "商品房预售方案"],
     "商品房预售许可证"),
    ("430103-01-0011", 2, "食品经营许可", ("114301007072304006", "市场监督管理局"), "industry", 5,
     20, ["食品经营许可申请书", "营业执照", "与食品经营相适应的主要设备设施布局"],
     "食品经营许可证"),
    ("430103-07-0013", 2, "企业设立登记", ("114301007072304006", "市场监督管理局"), "industry", 1,
     3, ["公司登记（备案）申请书", "公司章程", "股东主体资格证明"], "营业执照"),
    ("430103-01-0017", 2, "建设项目环境影响报告书审批", ("11430100707230500U", "生态环境局"),
     "planning", 30, 60, ["环境影响报告书", "建设项目环评审批申请表", "公众参与说明"],
     "环境影响报告书批复"),
    ("430103-05-0022", 1, "失业保险金申领", ("11430100707230600H", "人力资源和社会保障局"),
     "social", 3, 10, ["失业保险金申领登记表", "居民身份证", "终止或解除劳动关系证明"],
     "失业保险金核定通知"),
    ("430103-01-0027", 2, "公共场所卫生许可", ("114301007072307007", "卫生健康局"), "social", 5, 20,
     ["公共场所卫生许可申请表", "营业执照", "卫生检测报告"], "公共场所卫生许可证"),
    ("430103-10-0030", 2, "企业投资项目备案", ("114301007072301005", "经济发展局"), "investment", 1,
     5, ["项目备案信息表", "企业营业执照"], "项目备案证明"),
]
CLOSED_PER_MATTER = 30
# Running cases per matter, as the share of the committed limit used: green, yellow, red.
RUNNING = (0.2, 0.9, 1.6)


def load(session: Session) -> bool:
    """Load the year of cases once; False when they are there already."""
    if session.execute(select(col(Application.id)).where(
            col(Application.applicant_sub) == APPLICANT)).first() is not None:
        return False
    draw, calendar = random.Random(10), holidays.calendar(session=session)
    versions = [_pinned(session, spec) for spec in MATTERS]
    for version in versions:
        for n in range(CLOSED_PER_MATTER):
            _closed(session, version, draw, calendar, n)
        for share in RUNNING:
            _running(session, version, share, calendar)
    session.flush()
    raised = supervision.sweep(session=session, today=china_today(), share=0.8)
    red = next((w for w in raised if w.level == "red"), None)
    if red is not None:
        supervision.explain_demo(session=session, warning=red)
    return True


def _pinned(session: Session, spec: tuple[Any, ...]) -> MatterVersion:
    code, version, name, (dept, dept_name), window, committed, statutory, materials, result = spec
    found = session.execute(select(MatterVersion).where(
        col(MatterVersion.implementation_code) == code,
        col(MatterVersion.version) == version)).scalar_one_or_none()
    if found is not None:
        return found
    listed = [{"name": m, "required": True, "form": "either", "originals": 1, "copies": 0,
               "source": "applicant", "legal_basis": [], "notes": None} for m in materials]
    online = window != "social"
    document = {"implementation_code": code, "version": version, "name": name,
                "department": {"code": dept, "name": dept_name}, "window": window,
                "service_objects": ["enterprise"], "materials": listed,
                "committed_limit": committed, "statutory_limit": statutory,
                "limit_unit": "working_day", "channels": {"online": online},
                "result": {"name": result, "type": "证照"}}
    row = MatterVersion(implementation_code=code, version=version, name=name,
                        department_code=dept, department_name=dept_name, window=window,
                        committed_limit=committed, limit_unit="working_day", materials=listed,
                        document=document, published_at=datetime(2025, 3, 1, 9, tzinfo=UTC),
                        received_at=now())
    session.add(row)
    return row


def _at(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour - 8), tzinfo=UTC)  # hour in China


@cache
def _zone() -> str:
    return IntakeSettings().zone_code  # read once: settings parse the environment each time


def _case(session: Session, version: MatterVersion, filed: date, state: str) -> Application:
    row = Application(
        implementation_code=version.implementation_code, version=version.version,
        department_code=version.department_code, window=version.window, state=state,
        applicant_sub=APPLICANT,
        applicant_name="演示申请人", applicant_kind="person",
        case_number=numbers.next_case_number(session=session,
                                             zone=_zone(), day=filed),
        query_code=numbers.query_code(), submitted_at=_at(filed, 9),
        accepted_at=_at(filed, 15), updated_at=now())
    session.add(row)
    session.flush()
    return row


def _closed(session: Session, version: MatterVersion, draw: random.Random,
            calendar: clock.Calendar, n: int) -> None:
    limit = version.committed_limit  # decided in the past, however late
    filed = china_today() - timedelta(days=draw.randint(2 * limit + 14, 360))
    while not calendar.is_working_day(filed):
        filed -= timedelta(days=1)
    late = n % 9 == 4
    days = limit + draw.randint(1, 3) if late else max(1, round(limit * draw.uniform(0.3, 1)))
    due = clock.due_date(start=filed, limit=limit, unit="working_day", calendar=calendar)
    decided = clock.due_date(start=filed, limit=days, unit="working_day", calendar=calendar)
    outcome = "rejected" if n % 7 == 3 else "approved"
    application = _case(session, version, filed, outcome)
    application.due_date, application.decision = due, outcome
    application.decided_at, application.decided_by = _at(decided, 16), "approver"
    session.add(ClockEntry(application_id=application.id or 0, kind="started", day=filed,
                           due_date=due, at=application.accepted_at or now(), actor="clerk"))
    if late:
        session.add(CaseWarning(application_id=application.id or 0,
                                department_code=version.department_code, level="red",
                                raised_at=_at(due + timedelta(days=1), 9), due_date=due,
                                days_used=limit, limit=limit, resolution="decided_late",
                                resolved_at=application.decided_at, resolved_by="system"))
    session.flush()
    payload = supervision.closed_payload(session=session, application=application,
                                         version=version)
    emit(session, outbox, event_type="application.closed", destinations=["publish"],
         payload=payload)
    if n % 3 != 0:
        _rated(session, application, version, draw, late)


def _rated(session: Session, application: Application, version: MatterVersion,
           draw: random.Random, late: bool) -> None:
    score = draw.choice((3, 4) if late else (4, 5, 5, 5))
    row = Rating(subject_kind="case", subject_ref=str(application.id),
                 application_id=application.id, implementation_code=version.implementation_code,
                 matter_name=version.name, department_code=version.department_code,
                 department_name=version.department_name, rater=APPLICANT, score=score,
                 tags=["quick"] if score == 5 else [], comment=None,
                 rated_at=(application.decided_at or now()) + timedelta(days=1))
    session.add(row)
    session.flush()
    emit(session, outbox, event_type="application.rated", destinations=["publish"],
         payload=rated_payload(row))


def _running(session: Session, version: MatterVersion, share: float,
             calendar: clock.Calendar) -> None:
    """A case accepted so many working days ago that it used `share` of its limit."""
    used = max(1, round(version.committed_limit * share))
    start = china_today()
    for _ in range(used):
        start -= timedelta(days=1)
        while not calendar.is_working_day(start):
            start -= timedelta(days=1)
    application = _case(session, version, start, "accepted")
    due = clock.due_date(start=start, limit=version.committed_limit, unit="working_day",
                         calendar=calendar)
    application.due_date = due
    session.add(ClockEntry(application_id=application.id or 0, kind="started", day=start,
                           due_date=due, at=application.accepted_at or now(), actor="clerk"))

