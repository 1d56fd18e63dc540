"""Demo accounts (password `onewindow-demo`); see docs/demo-zone.md."""

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlmodel import col

from gateway.config import GatewaySettings
from gateway.identity import create_account, verify_password
from gateway.models import Account
from kit.db import Database

PASSWORD = "onewindow-demo"
PLANNING = "11430100707230200T"
ENTERPRISE = "914301035T4L8D200D"
ACCOUNTS: list[tuple[str, str, list[str], dict[str, Any]]] = [
    ("admin", "系统管理员", ["admin"], {}),
    ("security", "安全管理员", ["security_admin"], {}),
    ("auditor", "审计管理员", ["audit_admin"], {}),
    ("editor", "李编制（自然资源和规划局）", ["editor"], {"department": PLANNING}),
    ("reviewer", "王审核（审核一组）", ["reviewer"], {"group_code": "G1"}),
    ("lead", "赵组长（审核一组）", ["lead", "reviewer"], {"group_code": "G1"}),
    # The technical guidance group (技术指导组): the preliminary check, difficult questions.
    ("guidance", "孙指导（技术指导组）", ["guidance"], {}),
    # A clerk's group is their window in the hall (catalog window code).
    ("clerk", "陈窗口（规划建设窗口）", ["clerk"], {"group_code": "planning"}),
    ("clerk-social", "林窗口（社会事务窗口）", ["clerk"], {"group_code": "social"}),
    ("approver", "刘审批（自然资源和规划局）", ["approver"], {"department": PLANNING}),
    ("applicant", "张三", ["applicant"], {}),
    ("enterprise", "长沙天心智造科技有限公司", ["applicant"], {"enterprise": ENTERPRISE}),
    ("butler", "周管家（服务管家）", ["butler"], {}),
    ("supervisor", "吴监督（营商环境监督员）", ["supervisor"], {}),
    # The rest of the 监督投诉 window's roster of ten (intake's INTAKE_SUPERVISORS).
    *((f"supervisor{n}", f"{name}（营商环境监督员）", ["supervisor"], {}) for n, name in
      enumerate(("郑监督", "孙监督", "钱监督", "冯监督", "陈督查", "褚督查", "卫督查",
                 "蒋督查", "沈督查"), start=2)),
]


def load(session: Session) -> bool:
    """Create each demo account once; False when they were all there already."""
    if not GatewaySettings().development:
        raise RuntimeError("the demo accounts (public password) load in development mode only")
    present = set(session.scalars(select(col(Account.username))))
    missing = [account for account in ACCOUNTS if account[0] not in present]
    for username, name, roles, scope in missing:
        create_account(session, username=username, password=PASSWORD, display_name=name,
                       roles=roles, **scope)
    return bool(missing)


def refuse_demo_passwords(db: Database, settings: GatewaySettings) -> None:
    """Outside development the gateway does not start while a demo account keeps the demo
    password (both are public knowledge)."""
    if settings.development:
        return
    names = [username for username, *_ in ACCOUNTS]
    with db.session(write=False) as session:
        weak = [a.username for a in session.scalars(select(Account).where(
            col(Account.username).in_(names))) if verify_password(a, PASSWORD)]
    if weak:
        raise RuntimeError(f"ONEWINDOW_ENV={settings.env}: these accounts still have the demo "
                           f"password; change it first: {', '.join(weak)}")
