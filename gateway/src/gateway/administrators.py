"""The three administrators (三员分立): each may do its own job and no other's.

- `admin`, the system administrator: accounts, departments, settings;
- `security_admin`, the security administrator: roles, API keys, lock-outs, sessions;
- `audit_admin`, the audit administrator: reads the audit trail, nothing else.
"""

from gateway.access import Caller
from kit.errors import Forbidden

SYSTEM, SECURITY, AUDIT = "admin", "security_admin", "audit_admin"
ADMINISTRATORS = (SYSTEM, SECURITY, AUDIT)
JOBS = {SYSTEM: "accounts, departments and settings",
        SECURITY: "roles, API keys, lock-outs and sessions",
        AUDIT: "the audit trail"}


def acting_as(caller: Caller, role: str) -> str:
    """The signed-in administrator's username when it holds `role`, else 403."""
    if not caller.signed_in or role not in caller.principal.roles:
        raise Forbidden(f"Only the {role} manages {JOBS[role]}.")
    return caller.principal.sub
