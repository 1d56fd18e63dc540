"""The shared page module: Beijing time, refusals as sentences, codes in words."""

from datetime import UTC, date, datetime
from typing import Any

import pytest
from starlette.requests import Request

from gateway.clients.base import ServiceError
from gateway.i18n import translator
from gateway.page import APPLICATION_REFUSALS, helpers, refusal, when


@pytest.mark.parametrize(("value", "shown"), [
    ("2025-06-01T02:30:00Z", "2025-06-01 10:30"),
    ("2025-06-01T02:30:00+00:00", "2025-06-01 10:30"),
    ("2025-06-01T18:30:00", "2025-06-02 02:30"),  # naive: UTC, as the services store it
    (datetime(2025, 6, 1, 18, 30, tzinfo=UTC), "2025-06-02 02:30"),
    ("2025-06-01", "2025-06-01"),  # a plain date stays
    (date(2025, 6, 1), "2025-06-01"),
    ("soon", "soon"),  # no date at all: shown as it is
    (None, ""), ("", "")])
def test_a_time_is_shown_in_beijing_to_the_minute(value: Any, shown: str) -> None:
    assert when(value) == shown


def test_the_date_only_variant_gives_the_beijing_day() -> None:
    assert when("2025-06-01T18:30:00Z", day=True) == "2025-06-02"
    assert when("2025-06-01", day=True) == "2025-06-01"


def request(lang: str = "zh") -> Request:
    """A page request in `lang`."""
    return Request({"type": "http", "method": "GET", "path": "/", "query_string": b"",
                    "headers": [(b"cookie", f"ow_lang={lang}".encode())]})


REFUSED = ServiceError(409, "Version 2 is published.",
                       [{"loc": ["body", "state"], "msg": "not a draft"}])


def test_a_refusal_on_a_staff_page_says_what_to_do_and_the_services_reason() -> None:
    assert refusal(request(), REFUSED) == ("当前状态不允许此操作。（Version 2 is published.；"
                                           "state: not a draft）")
    assert refusal(request("en"), ServiceError(412, "stale")) == (
        "Someone else changed this version; reload and try again (stale)")
    assert refusal(request(), ServiceError(500, "boom")) == "boom"  # nothing to say but that


def test_a_refusal_on_the_applicants_pages_speaks_of_the_application() -> None:
    assert refusal(request(), REFUSED, APPLICATION_REFUSALS).startswith(
        "该申请的状态已经变化，请刷新后查看。")
    assert refusal(request(), ServiceError(500, "boom"), APPLICATION_REFUSALS) == (
        "未能完成：boom。请核对后重试；仍不成功请到服务大厅咨询。")


def test_codes_states_and_sizes_are_shown_in_words() -> None:
    shown = helpers(translator("zh"))
    assert shown["app_state"]("accepted") == "已受理"
    assert shown["app_state"]("in_review") == "审核中"  # from the shared state labels
    assert shown["app_state"]("no-such-state") == "no-such-state"
    assert shown["size"](2048) == "2.0 KB"
