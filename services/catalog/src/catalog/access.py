"""Who may do what in the catalog: the role groups of its routes, and the department rule."""

from typing import Annotated

from kit.auth import Principal, require

# Zone-wide roles see every department's matters; any other role sees its own department's.
ALL_DEPARTMENTS = {"admin", "publisher", "supervisor"}
STAFF = ("editor", "publisher", "admin", "supervisor", "reviewer", "lead")
Staff = Annotated[Principal, require(*STAFF)]
Editor = Annotated[Principal, require("editor", "admin")]
Publisher = Annotated[Principal, require("editor", "publisher", "admin")]
Admin = Annotated[Principal, require("admin")]


def visible_department(actor: Principal) -> str | None:
    """The one department an actor is limited to, or None for zone-wide roles."""
    return None if actor.has(*ALL_DEPARTMENTS) else actor.department or "-"
