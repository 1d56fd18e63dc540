"""A running case's colour on the legal clock: green, yellow once it has used most of its
committed limit (a share of the days, 80 % by default), red once its due date has passed."""

from datetime import date

from intake.ledger import Reading

GREEN, YELLOW, RED = "green", "yellow", "red"
LEVELS = (YELLOW, RED)
DEFAULT_SHARE = 0.8


def colour(found: Reading, *, today: date, share: float = DEFAULT_SHARE) -> str | None:
    """The colour of a clock read on `today`; None before it starts or without a holiday
    table. A paused clock is never red: its due date waits for the resumption."""
    if found.started is None or found.days_used is None:
        return None
    if found.due_date is not None and today > found.due_date:
        return RED
    if found.limit > 0 and found.days_used >= share * found.limit:
        return YELLOW
    return GREEN
