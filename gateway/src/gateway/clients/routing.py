"""Review groups and the ordered routing rules as the administrator's pages use them. Reads
here are fresh; a change of groups drops the list other pages keep a minute."""

from typing import Any

from gateway.clients.base import Answer, Link, forget, read, read_list, segment, send

SERVICE = "review"
API = "/api/review/v1"


class Group(Answer):
    """A review group, the domains it covers, the windows it owns, the default mark."""

    code: str
    name: str
    domains: str = ""
    windows: list[str] = []
    is_default: bool = False


class Rule(Answer):
    """One routing rule in its place (an empty criterion matches any)."""

    id: int
    position: int
    window: str | None = None
    department_code: str | None = None
    matter_type: str | None = None
    group: str
    note: str = ""
    shadowed_by: int | None = None


class Table(Answer):
    """The rules in order, the default group, the open cases waiting unrouted."""

    rules: list[Rule]
    default_group: str | None = None
    unrouted_cases: int = 0


class Outcome(Answer):
    """Where a standard would go: the rule met (None: the fallback), the group, why."""

    rule: Rule | None = None
    group: str
    reason: str
    fallback: bool


async def groups(link: Link) -> list[Group]:
    """Every review group, as stored now."""
    return await read_list(link, Group, SERVICE, f"{API}/groups")


async def create_group(link: Link, body: dict[str, Any]) -> None:
    """Add a group (`code`, `name`, `domains`, `windows`)."""
    await send(link, SERVICE, "POST", f"{API}/groups", json=body)
    forget(link, "review.groups")


async def update_group(link: Link, code: str, body: dict[str, Any]) -> None:
    """Edit a group's `name`, `domains`, `windows`."""
    await send(link, SERVICE, "PUT", f"{API}/groups/{segment(code)}", json=body)
    forget(link, "review.groups")


async def table(link: Link) -> Table:
    """The routing rules and the default group."""
    return await read(link, Table, SERVICE, f"{API}/routing")


async def preview(link: Link, criteria: dict[str, str]) -> Outcome:
    """Which rule `window`, `department_code`, `matter_type` meet, and the group."""
    return await read(link, Outcome, SERVICE, f"{API}/routing/preview", params=criteria)


async def add_rule(link: Link, body: dict[str, Any]) -> None:
    """Add a rule (criteria, `group`, `note`, `position`)."""
    await send(link, SERVICE, "POST", f"{API}/routing/rules", json=body)


async def change_rule(link: Link, rule_id: int, body: dict[str, Any]) -> None:
    """Edit a rule's criteria, group and note."""
    await send(link, SERVICE, "PUT", f"{API}/routing/rules/{rule_id}", json=body)


async def move_rule(link: Link, rule_id: int, position: int) -> None:
    """Put a rule at `position`."""
    await send(link, SERVICE, "POST", f"{API}/routing/rules/{rule_id}/move",
               json={"position": position})


async def delete_rule(link: Link, rule_id: int) -> None:
    """Remove a rule."""
    await send(link, SERVICE, "DELETE", f"{API}/routing/rules/{rule_id}")


async def set_default(link: Link, group: str) -> None:
    """Choose the group that receives what no rule matches."""
    await send(link, SERVICE, "PUT", f"{API}/routing/default", json={"group": group})
    forget(link, "review.groups")


async def reroute(link: Link, case_id: int) -> Outcome:
    """Route an open case again by today's rules."""
    return await read(link, Outcome, SERVICE, f"{API}/cases/{case_id}/route", method="POST")
