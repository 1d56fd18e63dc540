"""Demo data of ratings and complaints: closed cases of the demo enterprise under the 2025
version of the planning bureau's first matter, rated (one 差评 rectified and answered, one
still open), and complaints in every state on the supervisors' roster."""

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session
from sqlmodel import select

from intake import clock, demo_pins, numbers
from intake.config import IntakeSettings
from intake.identity import IdentityKeys
from intake.models import Application, MatterVersion, StateChange
from intake.models_feedback import Complaint, ComplaintCounter, ComplaintStep, Rating, Rectification
from kit.clock import china_date, now

ENTERPRISE = ("914301035T4L8D200D", "长沙天心智造科技有限公司")
PLANNING = ("11430100707230200T", "自然资源和规划局")
MATTER = ("430103-01-0001", 1, "建设用地规划许可证核发")  # its 2025 version (catalog's demo)
MATERIALS = ["建设用地规划许可申请表", "建设项目批准、核准或备案文件", "国有土地使用权出让合同",
             "其他相关材料"]
# (days ago filed, decision, rating: score, tags, comment | None, rectification answered?)
CASES: list[tuple[int, str, tuple[int, list[str], str] | None, bool]] = [
    (40, "approved", (5, ["quick", "once", "courteous"], "网上提交，一次办成。"), False),
    (35, "rejected", (2, ["many_trips", "long_wait"], "材料被退回两次，每次只说一项。"), True),
    (30, "approved", (1, ["many_materials", "unclear"], "要求提供清单外的证明。"), False),
    (25, "approved", None, False),
]
# (subject, reference, content, name, phone, state, supervisor, note, answer, score)
COMPLAINTS: list[tuple[Any, ...]] = [
    ("hall", None, "周一上午取号后等了两个小时，窗口只开了一个。", "王五", "13812345678",
     "filed", "supervisor", None, None, None),
    ("matter", MATTER[0], "办事指南写的材料和窗口要求的不一致。", "李四", "13987654321",
     "accepted", "supervisor", "调取了该事项近一个月的补正告知，核实情况。", None, None),
    ("department", PLANNING[0], "电话咨询无人接听。", "赵六", "0731-85551234", "answered",
     "supervisor2", "核实值班表，确有空岗。", "已责成该局公布咨询电话值守安排，向您致歉。", None),
    ("hall", None, "大厅自助终端无法打印。", "钱七", "13700001111", "closed", "supervisor3",
     "信息中心已更换打印机。", "自助终端已修复，感谢监督。", 5),
]


def load(session: Session) -> bool:
    """Load the demo ratings and complaints once; False when they are there already."""
    if session.execute(select(Rating)).first() is not None:
        return False
    version = _pinned_version(session)
    for days, decision, rating, answered in CASES:
        application = _closed_case(session, version, now() - timedelta(days=days), decision)
        if rating is not None:
            _rated(session, application, version, rating, answered)
    keys = IdentityKeys(IntakeSettings().token_secret)
    for days, spec in zip((1, 3, 8, 12), COMPLAINTS, strict=True):
        _complaint(session, keys, now() - timedelta(days=days), *spec)
    session.flush()
    return True


def _pinned_version(session: Session) -> MatterVersion:
    """The 2025 version of the matter as intake pinned it (catalog's event later finds it)."""
    return demo_pins.pinned(session, code=MATTER[0], version=MATTER[1], name=MATTER[2],
                            limit=12, materials=MATERIALS, required=3,
                            result="建设用地规划许可证")


def _closed_case(session: Session, version: MatterVersion, filed: datetime,
                 decision: str) -> Application:
    accepted, decided = filed + timedelta(hours=3), filed + timedelta(days=6)
    application = Application(
        implementation_code=version.implementation_code, version=version.version,
        department_code=version.department_code, window=version.window, state=decision,
        applicant_sub="enterprise",
        applicant_name=ENTERPRISE[1], enterprise=ENTERPRISE[0], applicant_kind="enterprise",
        credit_code=ENTERPRISE[0], legal_representative="王立",
        case_number=numbers.next_case_number(session=session, zone=IntakeSettings().zone_code,
                                             day=china_date(filed)),
        query_code=numbers.query_code(), submitted_at=filed, accepted_at=accepted,
        due_date=clock.due_date(start=china_date(accepted), limit=version.committed_limit,
                                unit=version.limit_unit),
        decision=decision, opinion=None if decision == "approved" else "用地性质与规划不符。",
        result_name="建设用地规划许可证" if decision == "approved" else None,
        decided_at=decided, decided_by="approver", updated_at=decided)
    session.add(application)
    session.flush()
    for before, after, at, actor in ((None, "submitted", filed, "enterprise"),
                                     ("submitted", "accepted", accepted, "clerk"),
                                     ("accepted", decision, decided, "approver")):
        session.add(StateChange(application_id=application.id or 0, from_state=before,
                                to_state=after, at=at, actor=actor))
    return application


def _rated(session: Session, application: Application, version: MatterVersion,
           rating: tuple[int, list[str], str], answered: bool) -> None:
    score, tags, comment = rating
    rated_at = (application.decided_at or now()) + timedelta(days=1)
    row = Rating(subject_kind="case", subject_ref=str(application.id),
                 application_id=application.id, implementation_code=version.implementation_code,
                 matter_name=version.name, department_code=version.department_code,
                 department_name=version.department_name, rater="enterprise", score=score,
                 tags=tags, comment=comment, rated_at=rated_at)
    session.add(row)
    session.flush()
    if score > 2:
        return
    fix = Rectification(rating_id=row.id or 0, application_id=application.id,
                        department_code=version.department_code, state="open",
                        opened_at=rated_at, due_date=clock.due_date(
                            start=china_date(rated_at), limit=15, unit="working_day"))
    if answered:
        fix.callback_at, fix.callback_by = rated_at + timedelta(days=3), "approver"
        fix.callback_note = "申请人反映补正告知分两次发出，希望一次说清。"
        fix.outcome = ("已组织窗口和业务科室学习一次性告知制度，补正告知今后由科室负责人"
                       "复核后一次发出。")
        fix.state, fix.closed_at, fix.closed_by = "closed", rated_at + timedelta(days=8), "approver"
    session.add(fix)


def _complaint(session: Session, keys: IdentityKeys, filed: datetime, subject: str,
               ref: str | None, content: str, name: str, phone: str, state: str,
               supervisor: str, note: str | None, answer: str | None,
               score: int | None) -> None:
    row = Complaint(
        number=numbers.next_case_number(session=session, zone=f"{IntakeSettings().zone_code}-TS",
                                        day=china_date(filed), counter=ComplaintCounter),
        query_code=numbers.query_code(), subject_kind=subject, subject_ref=ref,
        department_code=PLANNING[0] if subject in ("matter", "department") else None,
        complainant_name=name, contact_sealed=keys.seal({"phone": phone}), content=content,
        state=state, assigned_to=supervisor, filed_at=filed,
        due_date=clock.due_date(start=china_date(filed), limit=10, unit="working_day"))
    session.add(row)
    session.flush()
    steps: list[tuple[str, bool, str | None]] = [("filed", True, None)]
    if state != "filed":
        steps.append(("accept", True, None))
        steps.append(("note", False, note))
    if answer is not None:
        row.answer, row.answered_at = answer, filed + timedelta(days=4)
        steps.append(("answer", True, answer))
    if state == "closed":
        row.closed_at = filed + timedelta(days=5)
        steps.append(("close", True, None))
    if score is not None:
        row.score, row.rated_at = score, filed + timedelta(days=6)
        steps.append(("rated", True, None))
    for day, (kind, public, text) in enumerate(steps):
        session.add(ComplaintStep(complaint_id=row.id or 0, kind=kind, public=public, text=text,
                                  at=filed + timedelta(days=day), actor=supervisor
                                  if kind not in ("filed", "rated") else "anonymous"))
