"""The demo zone's butler at work: the demo enterprise mandates the demo butler (accepted),
and a new plant's list of three matters is drawn up, its first matter filed by the butler.

Loaded before the catalog's events reach intake, so the three matters are copied here from
the demo zone (docs/demo-zone.md), and the filed one's version is pinned (intake.demo_pins).
"""

import hashlib
from datetime import timedelta

from sqlalchemy.orm import Session
from sqlmodel import select

from intake import demo_pins, numbers
from intake.config import IntakeSettings
from intake.history import record
from intake.models import Application, Mandate, Material, Project, ProjectItem, audit
from kit import audit as audit_trail
from kit.clock import china_date, china_today, now

ENTERPRISE, ENTERPRISE_NAME = "914301035T4L8D200D", "长沙天心智造科技有限公司"
BUTLER, BUTLER_NAME = "butler", "周管家（服务管家）"
PLANNING, PLANNING_NAME = "11430100707230200T", "自然资源和规划局"
# (implementation code, version in force, name, committed working days, materials)
PLAN = [
    ("430103-01-0004", 1, "建设项目用地预审与选址意见书核发", 8,
     ["用地预审与选址申请表", "建设项目批准文件", "标注项目用地范围的土地利用总体规划图"]),
    ("430103-01-0001", 2, "建设用地规划许可证核发", 5,
     ["建设用地规划许可申请表", "建设项目批准、核准或备案文件", "国有土地使用权出让合同"]),
    ("430103-01-0002", 2, "建设工程规划许可证核发", 7,
     ["建设工程规划许可申请表", "使用土地的有关证明文件", "建设工程设计方案"]),
]
FORM = b"%PDF-1.4\n% demo: application form of the site selection\n%%EOF\n"


def load(session: Session) -> bool:
    """Load the butler's demo once; False when the mandate is there already."""
    if session.execute(select(Mandate)).first() is not None:
        return False
    at = now()
    mandate = Mandate(enterprise=ENTERPRISE, enterprise_name=ENTERPRISE_NAME,
                      butler_sub=BUTLER, butler_name=BUTLER_NAME, all_matters=True,
                      expires_on=china_today() + timedelta(days=365), granted_by="enterprise",
                      granted_at=at, accepted_at=at)
    session.add(mandate)
    project = Project(enterprise=ENTERPRISE, enterprise_name=ENTERPRISE_NAME,
                      requested_by="enterprise", name="智造产业园二期厂房", kind="new_plant",
                      description="新建两栋标准厂房及配套研发楼，总建筑面积约 3.2 万平方米。",
                      location="天心区暮云街道智造大道 88 号", butler_sub=BUTLER,
                      butler_name=BUTLER_NAME, assigned_by=BUTLER, assigned_at=at,
                      created_at=at, updated_at=at)
    session.add(project)
    session.flush()
    items = [ProjectItem(project_id=project.id or 0, position=i, implementation_code=code,
                         matter_name=name, department_name=PLANNING_NAME, committed_limit=days,
                         limit_unit="working_day",
                         materials=[{"name": m, "required": True} for m in materials],
                         added_at=at)
             for i, (code, _, name, days, materials) in enumerate(PLAN)]
    session.add_all(items)
    session.flush()
    items[0].application_id = _file_first(session)
    for actor, action in (("enterprise", "mandate.granted"), (BUTLER, "mandate.accepted")):
        audit_trail.record(session, audit, actor=actor, action=action, entity="mandate",
                           entity_id=str(mandate.id), after={"demo": True})
    return True


def _file_first(session: Session) -> int:
    """The butler files the first matter for the enterprise, with its application form."""
    zone, at = IntakeSettings().zone_code, now()
    code, version, name, days, materials = PLAN[0]
    pinned = demo_pins.pinned(session, code=code, version=version, name=name, limit=days,
                              materials=materials, required=len(materials),
                              result="用地预审与选址意见书")
    application = Application(
        implementation_code=code, version=version, department_code=PLANNING,
        window=pinned.window, state="submitted",
        applicant_sub=BUTLER, applicant_name=ENTERPRISE_NAME, enterprise=ENTERPRISE,
        agent_sub=BUTLER, agent_name=BUTLER_NAME, applicant_kind="enterprise",
        credit_code=ENTERPRISE, legal_representative="王立", incomplete=True,
        case_number=numbers.next_case_number(session=session, zone=zone,
                                             day=china_date(at)),
        query_code=numbers.query_code(), note="管家代办：智造产业园二期厂房第一项",
        submitted_at=at, updated_at=at)
    session.add(application)
    session.flush()
    # The bytes in the row, as before the file store: the demo loader may run with another
    # file store than the service's (the service reads the row's bytes first).
    session.add(Material(application_id=application.id or 0, slot=0,
                         filename="用地预审与选址申请表.pdf", content_type="application/pdf",
                         size=len(FORM), sha256=hashlib.sha256(FORM).hexdigest(), content=FORM,
                         uploaded_at=at, uploaded_by=BUTLER))
    record(session, application, action="file", actor=BUTLER, from_state=None, before=None,
           details={"incomplete": True, "demo": True})
    return application.id or 0
