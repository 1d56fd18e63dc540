"""The catalog's organisation as the administrator's pages use it: departments and windows.
Reads here are fresh (not `kept`); a write drops the lists other pages keep a minute."""

from typing import Any, TypeVar

from gateway.clients.base import Answer, Link, forget, read, read_list, segment

SERVICE = "catalog"
API = "/api/catalog/v1"
KEPT_LISTS = ("catalog.departments", "catalog.windows")
T = TypeVar("T")


class Department(Answer):
    """A department, its parent and the windows that receive its matters."""

    code: str
    name: str
    parent_code: str | None = None
    windows: list[str] = []


class Window(Answer):
    """A window of the service hall: where it is, its opening hours and phone (when set)."""

    code: str
    name: str
    address: str | None = None
    hours: str | None = None
    phone: str | None = None


async def departments(link: Link) -> list[Department]:
    """Every department of the zone, as stored now."""
    return await read_list(link, Department, SERVICE, f"{API}/departments")


async def windows(link: Link) -> list[Window]:
    """Every window of the hall, as stored now."""
    return await read_list(link, Window, SERVICE, f"{API}/windows")


async def create_department(link: Link, body: dict[str, Any]) -> Department:
    """Add a department (`code`, `name`, `parent_code`, `windows`)."""
    return _changed(link, await read(link, Department, SERVICE, f"{API}/departments",
                                     method="POST", json=body))


async def update_department(link: Link, code: str, body: dict[str, Any]) -> Department:
    """Edit a department's `name`, `parent_code` and `windows`."""
    return _changed(link, await read(link, Department, SERVICE,
                                     f"{API}/departments/{segment(code)}", method="PUT",
                                     json=body))


async def create_window(link: Link, body: dict[str, Any]) -> Window:
    """Open a window (`code`, `name`)."""
    return _changed(link, await read(link, Window, SERVICE, f"{API}/windows", method="POST",
                                     json=body))


async def update_window(link: Link, code: str, body: dict[str, Any]) -> Window:
    """Change a window's `name`, `address`, `hours` and `phone`."""
    return _changed(link, await read(link, Window, SERVICE, f"{API}/windows/{segment(code)}",
                                     method="PUT", json=body))


def _changed(link: Link, answer: T) -> T:
    for key in KEPT_LISTS:
        forget(link, key)
    return answer
