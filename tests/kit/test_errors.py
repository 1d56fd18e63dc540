"""Refusals as problem+json: `invalid_from` carries pydantic's reasons as `{"loc", "msg"}`."""

from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from pydantic import BaseModel, Field, ValidationError

from kit.errors import Invalid, NotFound, install_problem_handlers, invalid_from


class Window(BaseModel):
    """A window code and how many counters it has."""

    code: str = Field(min_length=1)
    counters: int = Field(ge=1)


def refusal(raw: object, **prefix: tuple[str | int, ...]) -> Invalid:
    """The refusal `invalid_from` makes of validating `raw` as a window."""
    with pytest.raises(ValidationError) as caught:
        Window.model_validate(raw)
    return invalid_from(caught.value, "The window is not valid.", **prefix)


def test_invalid_from_is_a_422_with_each_reason_as_loc_and_msg() -> None:
    invalid = refusal({"code": "", "counters": 0})

    assert (invalid.status, invalid.detail) == (422, "The window is not valid.")
    assert invalid.errors == [
        {"loc": ["code"], "msg": "String should have at least 1 character"},
        {"loc": ["counters"], "msg": "Input should be greater than or equal to 1"}]


def test_invalid_from_puts_each_loc_after_the_prefix() -> None:
    invalid = refusal({"code": "planning"}, prefix=("body", "windows", 3))

    assert invalid.errors == [{"loc": ["body", "windows", 3, "counters"],
                               "msg": "Field required"}]


def test_refusals_render_as_problem_json() -> None:
    app = FastAPI()
    install_problem_handlers(app)

    @app.post("/windows")
    def add_window(body: dict[str, Any]) -> None:
        try:
            window = Window.model_validate(body.get("window"))
        except ValidationError as exc:
            raise invalid_from(exc, "The window is not valid.", prefix=("body", "window")) from exc
        raise NotFound(f"No department for window {window.code}.")

    client = TestClient(app)
    missing = client.post("/windows", json={"window": {"code": "social", "counters": 2}})
    refused = client.post("/windows", json={"window": {"code": "social", "counters": 0}})
    malformed = client.post("/windows", json=["not", "an", "object"])

    assert missing.status_code == 404
    assert missing.headers["content-type"] == "application/problem+json"
    assert missing.json() == {"type": "about:blank", "title": "Not found", "status": 404,
                              "detail": "No department for window social."}
    assert refused.status_code == 422
    assert refused.headers["content-type"] == "application/problem+json"
    assert refused.json()["errors"] == [{"loc": ["body", "window", "counters"],
                                         "msg": "Input should be greater than or equal to 1"}]
    assert malformed.status_code == 422
    assert [e["loc"] for e in malformed.json()["errors"]] == [["body"]]
