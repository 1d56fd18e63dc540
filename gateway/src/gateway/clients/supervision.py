"""Intake's electronic supervision as the pages use it: running cases by colour, warnings,
one case's warnings, a supervisor's explanation (intake's API, its own module for length)."""

from gateway.clients.base import Answer, Link, read, read_list

SERVICE = "intake"
SUPERVISION = "/api/intake/v1/supervision"


async def supervised_cases(link: Link, *, colour: str, department: str) -> list[Answer]:
    """Running cases by colour (red, yellow, warned, green, all), metadata only."""
    params = {"colour": colour} | ({"department": department} if department else {})
    return await read_list(link, Answer, SERVICE, f"{SUPERVISION}/cases", params=params)


async def case_warnings(link: Link, *, state: str, department: str) -> list[Answer]:
    """Warnings raised on cases: open, resolved or all, newest first."""
    params = {"state": state} | ({"department": department} if department else {})
    return await read_list(link, Answer, SERVICE, f"{SUPERVISION}/warnings", params=params)


async def supervised_case(link: Link, application_id: int) -> Answer:
    """One overseen case with its colour and every warning and resolution."""
    return await read(link, Answer, SERVICE, f"{SUPERVISION}/cases/{application_id}")


async def explain_warning(link: Link, warning_id: int, note: str) -> Answer:
    """A supervisor's explanation resolving an open warning."""
    return await read(link, Answer, SERVICE, f"{SUPERVISION}/warnings/{warning_id}/explanation",
                      method="POST", json={"note": note})
