"""The catalog's answers to the review's feedback, point by point, as the editor's page uses
them (apart from `catalog.py` to keep each client small)."""

from typing import Any

from gateway.clients.base import Link, segment, send

SERVICE = "catalog"
API = "/api/catalog/v1"


def _version(code: str, number: int) -> str:
    return f"{API}/matters/{segment(code)}/versions/{number}"


async def answer_sheet(link: Link, code: str, number: int) -> dict[str, Any]:
    """The points of a version's feedback letter, each with the department's answer."""
    answer = await send(link, SERVICE, "GET", f"{_version(code, number)}/answers")
    return answer.json()  # type: ignore[no-any-return]  # a JSON object


async def answer_point(link: Link, code: str, number: int, point: int,
                       body: dict[str, Any]) -> None:
    """Answer one point of the letter: revised (where) or explained (why not)."""
    await send(link, SERVICE, "PUT", f"{_version(code, number)}/answers/{point}", json=body)
