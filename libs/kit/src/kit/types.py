"""The types of what arrives from outside: integers a database column holds, texts without NUL,
request models that refuse what they do not know.

Every integer of a path, a query or a body is one of `Id`, `Count` or `Number` (PostgreSQL's
`integer` ends at 2**31 - 1; past it, or past 64 bits, a query fails instead of answering 422).
Every request model derives from `Input`: an unknown field is 422, and so is a NUL anywhere in
its texts (PostgreSQL's `text` cannot hold one).
"""

from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

INT32_MAX = 2**31 - 1
Id = Annotated[int, Field(ge=1, le=INT32_MAX)]  # a row's id, a version number
Count = Annotated[int, Field(ge=0, le=INT32_MAX)]  # days, copies, visits, an offset
Number = Annotated[int, Field(ge=-INT32_MAX - 1, le=INT32_MAX)]
NO_NUL = r"^[^\x00]*$"  # for a `Form`, `Query` or `Header` text


def holds_nul(value: Any) -> bool:
    """Whether a text, or any text inside lists, tuples, sets and dicts, holds a NUL."""
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(holds_nul(k) or holds_nul(v) for k, v in value.items())
    if isinstance(value, list | tuple | set | frozenset):
        return any(holds_nul(v) for v in value)
    return False  # a nested model is an `Input` and checks its own fields


class Input(BaseModel):
    """A request model: unknown fields are refused, and so is NUL in any text."""

    model_config = ConfigDict(extra="forbid")

    @field_validator("*", mode="after")
    @classmethod
    def _no_nul(cls, value: Any) -> Any:
        if holds_nul(value):
            raise ValueError("a text may not hold a NUL character (\\u0000)")
        return value


class FormInput(Input):
    """A multipart or urlencoded request form: an `Input` that also admits the CSRF token the
    gateway reads from a form posted through `/api` and passes on (the service ignores it)."""

    csrf_token: str | None = Field(default=None, max_length=200,
                                   description="the gateway's CSRF field; ignored here")


def whole_number(text: str) -> int | None:
    """A form's or query's whole number written in ASCII digits (at most nine, so it fits an
    `integer`), else None — never `int()` on `str.isdigit()`, which lets "²" through."""
    text = text.strip()
    return int(text) if text.isascii() and text.isdigit() and len(text) <= 9 else None
