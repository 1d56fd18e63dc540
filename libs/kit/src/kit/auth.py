"""Short-lived signed tokens the gateway mints and every service verifies."""

import time
from dataclasses import dataclass
from typing import Annotated, Any

import jwt
from fastapi import Depends, Request

from kit.errors import Forbidden, Unauthorized

ALGORITHM = "HS256"
AUDIENCE = "onewindow"
TOKEN_SECONDS = 120


@dataclass(frozen=True)
class Principal:
    """Who is calling: subject, roles and scope (department, group, enterprise)."""

    sub: str
    name: str = ""
    roles: tuple[str, ...] = ()
    department: str | None = None
    group: str | None = None
    enterprise: str | None = None
    address: str = ""  # where the person's request came from (the gateway says; audited)

    def has(self, *roles: str) -> bool:
        """True when the principal holds at least one of `roles`."""
        return any(r in self.roles for r in roles)


def mint(principal: Principal, secret: str, seconds: int = TOKEN_SECONDS) -> str:
    """A signed token for `principal`, valid for `seconds`."""
    now = int(time.time())
    claims: dict[str, Any] = {
        "sub": principal.sub, "name": principal.name, "roles": list(principal.roles),
        "dept": principal.department, "grp": principal.group, "ent": principal.enterprise,
        "addr": principal.address, "aud": AUDIENCE,
        "iat": now, "exp": now + seconds,
    }
    return jwt.encode(claims, secret, algorithm=ALGORITHM)


def verify(token: str, secret: str) -> Principal:
    """The principal a token names; Unauthorized when it is forged, expired or malformed."""
    try:
        c = jwt.decode(token, secret, algorithms=[ALGORITHM], audience=AUDIENCE)
    except jwt.PyJWTError as exc:
        raise Unauthorized(f"Invalid token: {exc}") from exc
    return Principal(sub=c["sub"], name=c.get("name", ""), roles=tuple(c.get("roles", ())),
                     department=c.get("dept"), group=c.get("grp"), enterprise=c.get("ent"),
                     address=str(c.get("addr") or "")[:64])


def service_principal(name: str) -> Principal:
    """The identity a part uses when it calls another part (e.g. to deliver events)."""
    return Principal(sub=f"service:{name}", name=name, roles=("service",))


def current_principal(request: Request) -> Principal:
    """The verified principal of this request; 401 without a valid bearer token."""
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise Unauthorized("A bearer token is required.",
                           headers={"WWW-Authenticate": "Bearer"})
    return verify(token, request.app.state.settings.token_secret)


PrincipalDep = Annotated[Principal, Depends(current_principal)]


def require(*roles: str) -> Any:
    """A dependency that returns the principal when it holds one of `roles`, else 403."""

    def check(principal: PrincipalDep) -> Principal:
        if not principal.has(*roles):
            raise Forbidden(f"This needs one of the roles: {', '.join(roles)}.")
        return principal

    return Depends(check)
