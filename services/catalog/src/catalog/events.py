"""Events the catalog applies: the outcome of reviews."""

from catalog import service

HANDLERS = {
    "review.case_opened": service.on_case_opened,
    "review.concluded": service.on_review_concluded,
}
