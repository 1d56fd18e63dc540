"""Demo accounts (password `onewindow-demo`) and units; see docs/demo-zone.md."""

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlmodel import col

from gateway import roster
from gateway.config import GatewaySettings
from gateway.identity import hasher, verify_password
from gateway.models import Account, Unit
from kit.db import Database

PASSWORD = "onewindow-demo"
PLANNING = "11430100707230200T"
ENTERPRISE = "914301035T4L8D200D"
ACCOUNTS: list[tuple[str, str, list[str], dict[str, Any]]] = [
    ("admin", "系统管理员", ["admin"], {}),
    ("security", "安全管理员", ["security_admin"], {}),
    ("auditor", "审计管理员", ["audit_admin"], {}),
    ("editor", "李编制（自然资源和规划局）", ["editor"], {"department": PLANNING}),
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
    # The publisher (政务公开) and the leaders of the reform's working group (工作组领导), each
    # linked to the departments they oversee (领导挂钩, kept by publish).
    ("publisher", "何公开（政务公开办）", ["publisher"], {}),
    ("leader", "黄主任（改革工作组组长）", ["leader"], {}),
    ("leader2", "邓副主任（改革工作组副组长）", ["leader"], {}),
    ("leader3", "罗副主任（改革工作组副组长）", ["leader"], {}),
    # The rest of the 监督投诉 window's roster of ten (intake's INTAKE_SUPERVISORS).
    *((f"supervisor{n}", f"{name}（营商环境监督员）", ["supervisor"], {}) for n, name in
      enumerate(("郑监督", "孙监督", "钱监督", "冯监督", "陈督查", "褚督查", "卫督查",
                 "蒋督查", "沈督查"), start=2)),
]
# The units (单位) the 26 reviewers are drawn from.
UNITS = [("sfj", "司法局"), ("fgj", "发展和改革局"), ("zgj", "自然资源和规划局"),
         ("zjj", "住房和城乡建设局"), ("scjgj", "市场监督管理局"), ("sthjj", "生态环境局"),
         ("rsj", "人力资源和社会保障局"), ("wjj", "卫生健康局"), ("xzspj", "行政审批服务局"),
         ("czj", "财政局"), ("yjglj", "应急管理局")]
# Each review group: its lead, then its reviewers, as (username, name, unit).
GROUPS = {
    "G1": ("审核一组", [("lead", "赵组长", "fgj"), ("reviewer", "王审核", "sfj"),
                    ("g1r1", "孙立新", "zgj"), ("g1r2", "周敏", "zjj"), ("g1r3", "吴海涛", "sthjj"),
                    ("g1r4", "郑晓燕", "xzspj"), ("g1r5", "冯志强", "czj"),
                    ("g1r6", "陈静", "yjglj"), ("g1r7", "褚建国", "scjgj")]),
    "G2": ("审核二组", [("lead2", "钱组长", "sfj"), ("g2r1", "蒋丽华", "fgj"),
                    ("g2r2", "沈涛", "scjgj"), ("g2r3", "韩雪", "rsj"), ("g2r4", "杨帆", "xzspj"),
                    ("g2r5", "朱明", "czj"), ("g2r6", "秦岚", "wjj"), ("g2r7", "尤佳", "yjglj"),
                    ("g2r8", "许峰", "zjj")]),
    "G3": ("审核三组", [("lead3", "何组长", "rsj"), ("g3r1", "吕萍", "wjj"),
                    ("g3r2", "施磊", "sfj"), ("g3r3", "张婷", "fgj"), ("g3r4", "孔亮", "xzspj"),
                    ("g3r5", "曹颖", "czj"), ("g3r6", "严华", "sthjj"), ("g3r7", "华勇", "zgj")]),
}
ACCOUNTS += [(username, f"{name}（{group_name}）", ["lead", "reviewer"] if n == 0 else
              ["reviewer"], {"group_code": group, "unit": unit})
             for group, (group_name, members) in GROUPS.items()
             for n, (username, name, unit) in enumerate(members)]
# An editor and an approver for each department of the zone (planning's are above);
# approver-housing and approver-ecology sign off for the demo's joint matter (并联审批).
DEPARTMENT_STAFF = [("econ", "114301007072301005", "经济发展局", "钟", "江"),
                    ("housing", "11430100707230300G", "住房和城乡建设局", "黄", "林"),
                    ("market", "114301007072304006", "市场监督管理局", "马", "罗"),
                    ("ecology", "11430100707230500U", "生态环境局", "高", "梁"),
                    ("labour", "11430100707230600H", "人力资源和社会保障局", "宋", "唐"),
                    ("health", "114301007072307007", "卫生健康局", "谢", "邓")]
ACCOUNTS += [account for key, code, name, editor, approver in DEPARTMENT_STAFF for account in (
    (f"editor-{key}", f"{editor}编制（{name}）", ["editor"], {"department": code}),
    (f"approver-{key}", f"{approver}审批（{name}）", ["approver"], {"department": code}))]


def load(session: Session) -> bool:
    """Create each demo unit and account once (each account told to review); False when they
    were all there already."""
    if not GatewaySettings().development:
        raise RuntimeError("the demo accounts (public password) load in development mode only")
    units = set(session.scalars(select(col(Unit.code))))
    for code, name in UNITS:
        if code not in units:
            roster.add_unit(session=session, actor="demo", code=code, name=name)
    present = set(session.scalars(select(col(Account.username))))
    missing = [account for account in ACCOUNTS if account[0] not in present]
    hashed = hasher.hash(PASSWORD)  # once: the password is public, a hash per account is slow
    for username, name, roles, scope in missing:
        account = roster.create(session=session, actor="demo", username=username,
                                display_name=name, roles=roles, **scope)
        account.password_hash = hashed
    return bool(missing) or len(units) < len(UNITS)


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
