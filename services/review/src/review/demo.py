"""The demo zone's review groups (docs/demo-zone.md); loading twice changes nothing."""

from sqlalchemy.orm import Session

from review import groups
from review.models import ReviewGroup

GROUPS = {
    "G1": ("审核一组", ["investment", "planning"], "投资项目、工程建设、规划用地"),
    "G2": ("审核二组", ["industry", "supervision"], "市场准入、产业发展、生态环境"),
    "G3": ("审核三组", ["social"], "就业社保、医疗卫生、社会民生"),
}


def load(session: Session) -> bool:
    """Create groups G1, G2, G3, one rule for each of the five windows in that order, and G1
    (the first) as the default group; False if already there."""
    if session.get(ReviewGroup, "G1") is not None:
        return False
    for code, (name, windows, domains) in GROUPS.items():
        groups.define_group(session=session, code=code, name=name, windows=windows,
                            domains=domains, actor="demo")
    return True
