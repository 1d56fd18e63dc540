"""Events the catalog applies: the outcome of reviews."""

from catalog.matters import service
from catalog.matters.schemas import CaseOpened, ReviewConcluded
from kit.app import EventHandlers
from kit.outbox import ParkedHandlers

HANDLERS: EventHandlers = {
    "review.case_opened": (CaseOpened, service.on_case_opened),
    "review.concluded": (ReviewConcluded, service.on_review_concluded),
}

# What the catalog does when review cannot take one of its events (parked by the relay).
PARKED: ParkedHandlers = {
    "matter_version.submitted": service.on_submission_parked,
}
