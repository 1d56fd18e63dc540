"""The demo zone's working group in publish: the deadline and the straight line's start, one
department's target, the leaders' departments (领导挂钩), two 督办 notices (one answered and
closed), and the last twelve monthly reports to archive once catalog's history has arrived."""

from datetime import datetime, time, timedelta

from sqlalchemy.orm import Session

from kit.clock import CHINA, china_today
from publish.progress.models import DepartmentTarget, LeaderLink, Notice, ProgressSetting

ECONOMY, PLANNING, HOUSING = "114301007072301005", "11430100707230200T", "11430100707230300G"
MARKET, ECOLOGY = "114301007072304006", "11430100707230500U"
LABOUR, HEALTH = "11430100707230600H", "114301007072307007"
LEADERS = [("leader", "黄主任（改革工作组组长）", [PLANNING, HOUSING, ECONOMY]),
           ("leader2", "邓副主任（改革工作组副组长）", [MARKET, ECOLOGY]),
           ("leader3", "罗副主任（改革工作组副组长）", [LABOUR, HEALTH])]
ARCHIVED_MONTHS = 12


def _at(days_ago: int, hour: int = 10) -> datetime:
    return datetime.combine(china_today() - timedelta(days=days_ago), time(hour), tzinfo=CHINA)


def load(session: Session) -> bool:
    """Load once; False when the settings were there already."""
    if session.get(ProgressSetting, 1) is not None:
        return False
    today = china_today()
    session.add(ProgressSetting(id=1, deadline=today + timedelta(days=60),
                                started_on=today - timedelta(days=365), stall_working_days=10,
                                cadence="monthly", backfill_periods=ARCHIVED_MONTHS,
                                updated_by="demo", updated_at=_at(365)))
    session.add(DepartmentTarget(department_code=ECONOMY, target=5, updated_by="demo",
                                 updated_at=_at(365)))
    session.add_all([LeaderLink(leader=leader, leader_name=name, department_code=code)
                     for leader, name, codes in LEADERS for code in codes])
    session.add_all(_notices())
    session.flush()
    return True


def _notices() -> list[Notice]:
    issued, answered, closed = _at(40), _at(36, 15), _at(34)
    done = Notice(
        department_code=MARKET, department_name="市场监督管理局",
        reason="两个事项两次被退回，发布进度落后于计划。",
        action="逐条对照审核意见修改，两周内重新提交。",
        due=(issued + timedelta(days=14)).date(), state="closed", issued_by="leader2",
        issued_by_name="邓副主任（改革工作组副组长）", issued_at=issued,
        answer="已组织业务科室逐条修改，药品零售企业经营许可已重新提交审核。",
        answered_by="editor-market", answered_at=answered, closed_at=closed, late=False,
        history=[{"at": issued.isoformat(), "by": "邓副主任（改革工作组副组长）",
                  "action": "issued", "text": "两个事项两次被退回"},
                 {"at": answered.isoformat(), "by": "马编制（市场监督管理局）",
                  "action": "answered", "text": "已重新提交审核"},
                 {"at": closed.isoformat(), "by": "邓副主任（改革工作组副组长）",
                  "action": "closed", "text": ""}])
    issued = _at(6)
    pending = Notice(
        department_code=HEALTH, department_name="卫生健康局",
        reason="医师执业注册、放射诊疗许可的修订草稿已一个多月无进展，发布率落后于计划。",
        action="说明原因，明确提交审核的日期。", due=china_today() + timedelta(days=3),
        state="open", issued_by="leader3", issued_by_name="罗副主任（改革工作组副组长）",
        issued_at=issued, late=False,
        history=[{"at": issued.isoformat(), "by": "罗副主任（改革工作组副组长）",
                  "action": "issued", "text": "修订草稿一个多月无进展"}])
    return [done, pending]
