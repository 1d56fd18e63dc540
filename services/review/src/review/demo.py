"""The demo zone's review groups (docs/demo-zone.md) and their reviewers; loading twice changes
nothing."""

from sqlalchemy.orm import Session

from review import demo_reviewers, groups, reviewers, workload_demo
from review.models import ReviewGroup
from review.questions import demo as questions_demo

GROUPS = {
    "G1": ("审核一组", ["investment", "planning"], "投资项目、工程建设、规划用地"),
    "G2": ("审核二组", ["industry", "supervision"], "市场准入、产业发展、生态环境"),
    "G3": ("审核三组", ["social"], "就业社保、医疗卫生、社会民生"),
}


def load(session: Session) -> bool:
    """Create groups G1, G2, G3, one rule for each of the five windows in that order, G1 (the
    first) as the default group, seed the 26 reviewers and the difficult questions; False if
    all were there already."""
    questions = questions_demo.load(session)
    created = session.get(ReviewGroup, "G1") is None
    if created:
        for code, (name, windows, domains) in GROUPS.items():
            groups.define_group(session=session, code=code, name=name, windows=windows,
                                domains=domains, actor="demo")
        workload_demo.load(session)  # the year's rounds, back-dated, for publish
    added = reviewers.seed(session=session, reviewers=demo_reviewers.reviewers(), actor="demo")
    return created or bool(added) or questions
