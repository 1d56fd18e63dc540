"""The one clock: aware UTC instants, and the calendar day in China they fall on."""

from datetime import UTC, date, datetime, timedelta

from kit.clock import CHINA, china_date, now


def test_now_is_aware_and_in_utc() -> None:
    moment = now()
    assert moment.utcoffset() == timedelta(0)
    assert abs(moment - datetime.now(UTC)) < timedelta(seconds=5)


def test_a_moment_falls_on_the_date_in_china() -> None:
    assert china_date(datetime(2026, 11, 26, 17, 0, tzinfo=UTC)) == date(2026, 11, 27)
    assert china_date(datetime(2026, 11, 26, 15, 59, tzinfo=UTC)) == date(2026, 11, 26)


def test_china_keeps_utc_plus_eight_all_year() -> None:
    winter, summer = datetime(2026, 1, 15, tzinfo=UTC), datetime(2026, 7, 15, tzinfo=UTC)
    assert winter.astimezone(CHINA).utcoffset() == summer.astimezone(CHINA).utcoffset() \
        == timedelta(hours=8)
