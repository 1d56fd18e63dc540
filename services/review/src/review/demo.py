"""The demo zone's review groups (docs/demo-zone.md) and their reviewers; loading twice changes
nothing."""

from sqlalchemy.orm import Session

from review import demo_reviewers, reviewers, service
from review.models import ReviewGroup

GROUPS = {
    "G1": ("审核一组", ["investment", "planning"]),
    "G2": ("审核二组", ["industry", "supervision"]),
    "G3": ("审核三组", ["social"]),
}


def load(session: Session) -> bool:
    """Create groups G1, G2, G3, route the five windows to them and seed the 26 reviewers;
    False if all were there already."""
    created = session.get(ReviewGroup, "G1") is None
    if created:
        for code, (name, windows) in GROUPS.items():
            service.define_group(session=session, code=code, name=name, windows=windows,
                                 actor="demo")
    added = reviewers.seed(session=session, reviewers=demo_reviewers.reviewers(), actor="demo")
    return created or bool(added)
