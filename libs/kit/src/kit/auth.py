"""Short-lived signed tokens the gateway mints and every service verifies."""

import threading
import time
from dataclasses import dataclass
from typing import Annotated, Any

import jwt
from fastapi import Depends, Request

from kit.errors import Forbidden, Unauthorized

ALGORITHM = "HS256"
AUDIENCE = "onewindow"
TOKEN_SECONDS = 120
# Tokens kept: a verified token's principal until the token expires (the same signed string
# always verifies the same way, and its expiry is checked at every use), and a minted token
# per principal until half its life has passed. Signing and checking with PyJWT cost a tenth
# of a millisecond each, on every call between parts.
KEPT = 4096
_verified: dict[tuple[str, str], tuple["Principal", int]] = {}
_minted: dict[tuple["Principal", str], tuple[str, float]] = {}
_kept_lock = threading.Lock()


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


def minted(principal: Principal, secret: str) -> str:
    """A token for `principal`: minted once, reused until half its life has passed."""
    moment = time.time()
    found = _minted.get((principal, secret))
    if found is not None and found[1] > moment:
        return found[0]
    token = mint(principal, secret)
    _keep(_minted, (principal, secret), (token, moment + TOKEN_SECONDS / 2))
    return token


def verify(token: str, secret: str) -> Principal:
    """The principal a token names; Unauthorized when it is forged, expired or malformed."""
    found = _verified.get((token, secret))
    if found is not None and found[1] > time.time():
        return found[0]
    try:
        c = jwt.decode(token, secret, algorithms=[ALGORITHM], audience=AUDIENCE)
    except jwt.PyJWTError as exc:
        raise Unauthorized(f"Invalid token: {exc}") from exc
    principal = Principal(sub=c["sub"], name=c.get("name", ""), roles=tuple(c.get("roles", ())),
                          department=c.get("dept"), group=c.get("grp"),
                          enterprise=c.get("ent"), address=str(c.get("addr") or "")[:64])
    _keep(_verified, (token, secret), (principal, int(c["exp"])))
    return principal


def _keep(kept: dict[Any, Any], key: Any, value: Any) -> None:
    """Keep `value` under `key`, forgetting the oldest kept past `KEPT`."""
    with _kept_lock:
        kept[key] = value
        while len(kept) > KEPT:
            del kept[next(iter(kept))]


def service_principal(name: str) -> Principal:
    """The identity a part uses when it calls another part (e.g. to deliver events)."""
    return Principal(sub=f"service:{name}", name=name, roles=("service",))


async def current_principal(request: Request) -> Principal:
    """The verified principal of this request; 401 without a valid bearer token. Async, as
    `require`'s check: no I/O, so FastAPI need not hand it to a thread."""
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise Unauthorized("A bearer token is required.",
                           headers={"WWW-Authenticate": "Bearer"})
    return verify(token, request.app.state.settings.token_secret)


PrincipalDep = Annotated[Principal, Depends(current_principal)]


def require(*roles: str) -> Any:
    """A dependency that returns the principal when it holds one of `roles`, else 403."""

    async def check(principal: PrincipalDep) -> Principal:
        if not principal.has(*roles):
            raise Forbidden(f"This needs one of the roles: {', '.join(roles)}.")
        return principal

    return Depends(check)
