"""The legal clock counts working days the way a Chinese government office does."""

from datetime import date

import pytest

from intake.clock import BUILT_IN, Calendar, MissingYear, Year, due_date


def test_working_days_skip_the_weekend() -> None:
    # Accepted on Thursday 26 November 2026: day 1 is Friday, day 2 the Monday after.
    assert due_date(start=date(2026, 11, 26), limit=2, unit="working_day") == date(2026, 11, 30)


def test_working_days_skip_national_day_and_count_the_swapped_saturday() -> None:
    # 1–7 October 2026 are holidays; Saturday 10 October is a working day (调休).
    assert due_date(start=date(2026, 9, 30), limit=1, unit="working_day") == date(2026, 10, 8)
    assert due_date(start=date(2026, 10, 9), limit=1, unit="working_day") == date(2026, 10, 10)


def test_calendar_days_count_every_day() -> None:
    assert due_date(start=date(2026, 11, 26), limit=5, unit="calendar_day") == date(2026, 12, 1)


def test_a_zero_limit_is_due_the_same_day() -> None:
    assert due_date(start=date(2026, 11, 26), limit=0, unit="working_day") == date(2026, 11, 26)


def test_a_year_the_calendar_lacks_is_never_guessed_as_monday_to_friday() -> None:
    # The installed calendar stops at 2026: counting into 2027 needs 2027's table.
    with pytest.raises(MissingYear) as missing:
        due_date(start=date(2027, 3, 4), limit=2, unit="working_day")
    assert missing.value.year == 2027


def test_a_provisional_year_counts_once_it_is_in_the_calendar() -> None:
    weekend_only = Calendar({**BUILT_IN.years, 2027: Year(frozenset(), frozenset(), True)})
    # Thursday 4 March 2027: day 1 is Friday, day 2 the Monday after.
    assert due_date(start=date(2027, 3, 4), limit=2, unit="working_day",
                    calendar=weekend_only) == date(2027, 3, 8)
