"""Demo data of publish: published matters arrive as catalog's events; the working group's
progress settings, leaders' departments and notices are publish's own."""

from sqlalchemy.orm import Session

from publish.progress import demo as progress_demo


def load(session: Session) -> bool:
    """Load publish's own demo records (the read model is fed only by events)."""
    return progress_demo.load(session)
