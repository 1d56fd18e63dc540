"""The demo zone's review groups (docs/demo-zone.md); loading twice changes nothing."""

from sqlalchemy.orm import Session

from review import service
from review.models import ReviewGroup
from review.questions import demo as questions_demo

GROUPS = {
    "G1": ("审核一组", ["investment", "planning"]),
    "G2": ("审核二组", ["industry", "supervision"]),
    "G3": ("审核三组", ["social"]),
}


def load(session: Session) -> bool:
    """Create groups G1, G2, G3 and route the five windows to them, and seed the difficult
    questions; False if already there."""
    questions = questions_demo.load(session)
    if session.get(ReviewGroup, "G1") is not None:
        return questions
    for code, (name, windows) in GROUPS.items():
        service.define_group(session=session, code=code, name=name, windows=windows,
                             actor="demo")
    return True
