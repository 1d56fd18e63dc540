"""Demo data of intake (published matters arrive by catalog's events): a provisional 2027
holiday table, the butler's mandate and project (intake.demo_butler), the demo's closed cases
with their ratings, and complaints (intake.demo_feedback), today's tickets in the hall
(intake.demo_hall)."""

from datetime import date

from sqlalchemy.orm import Session

from intake import demo_butler, demo_feedback, demo_hall, demo_history, holidays
from intake.models import HolidayYear

# chinese_calendar ends in 2026, and the State Council publishes 2027's calendar late in 2026:
# until then, weekends plus the statutory holidays whose dates are fixed (New Year's Day,
# Labour Day, National Day). Marked provisional on the administrator's page until replaced.
PROVISIONAL_2027 = [date(2027, 1, 1), date(2027, 5, 1), date(2027, 5, 2), date(2027, 10, 1),
                    date(2027, 10, 2), date(2027, 10, 3)]


def load(session: Session) -> bool:
    """Load intake's demo data once (tickets once a day); False when it was all there."""
    loaded = [_provisional_2027(session), demo_butler.load(session),
              demo_feedback.load(session), demo_hall.load(session),
              demo_history.load(session)]
    return any(loaded)


def _provisional_2027(session: Session) -> bool:
    """The provisional 2027 calendar, once; False when a 2027 table is already there."""
    if session.get(HolidayYear, 2027) is not None:
        return False
    holidays.put_year(session=session, year=2027, holidays=PROVISIONAL_2027, workdays=[],
                      provisional=True, actor="demo", source="demo")
    return True
