"""Events the catalog applies: the outcome of reviews."""

from catalog.matters import service
from catalog.matters.schemas import CaseOpened, ReviewConcluded
from kit.app import EventHandlers

HANDLERS: EventHandlers = {
    "review.case_opened": (CaseOpened, service.on_case_opened),
    "review.concluded": (ReviewConcluded, service.on_review_concluded),
}
