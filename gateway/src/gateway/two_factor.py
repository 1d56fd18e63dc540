"""The second factor: TOTP (RFC 6238) with a QR code to enrol, and one-time recovery codes.

The TOTP secret is stored encrypted (Fernet, with a key derived from the token secret by
HKDF), so a copy of the database alone does not reveal it; recovery codes are stored as
SHA-256 hashes (they are long random strings: no slow hash is needed).
"""

import base64
import hashlib
import hmac
import secrets
import time

import pyotp
import segno
from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from sqlalchemy.orm import Session

from gateway.models import Account, audit
from kit.audit import record
from kit.clock import now

ISSUER = "OneWindow"
STEP_SECONDS = 30
RECOVERY_CODES = 10
# Every role but the applicant's works for the government: it must have a second factor.
NOT_STAFF = {"applicant", "public"}


def is_staff(account: Account) -> bool:
    """True when the account holds any staff role (each one needs a second factor)."""
    return any(role not in NOT_STAFF for role in account.roles)


def _cipher(token_secret: str) -> Fernet:
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None,
               info=b"onewindow totp secret").derive(token_secret.encode())
    return Fernet(base64.urlsafe_b64encode(key))


def seal(token_secret: str, totp_secret: str) -> str:
    """The TOTP secret encrypted for storage."""
    return _cipher(token_secret).encrypt(totp_secret.encode()).decode()


def unseal(token_secret: str, sealed: str) -> str | None:
    """The stored TOTP secret in clear; None when it was sealed under another token secret."""
    try:
        return _cipher(token_secret).decrypt(sealed.encode()).decode()
    except InvalidToken:
        return None


def new_secret() -> str:
    """A fresh TOTP secret (160 bits, base32)."""
    return pyotp.random_base32(32)


def provisioning_uri(secret: str, username: str) -> str:
    """The otpauth:// URI an authenticator app reads from the QR code."""
    return pyotp.TOTP(secret).provisioning_uri(name=username, issuer_name=ISSUER)


def qr_svg(uri: str) -> str:
    """The URI as an inline SVG QR code (attributes only: no inline style, CSP holds)."""
    return str(segno.make(uri, error="m").svg_inline(scale=5, dark="#000", light="#fff"))


def matching_step(secret: str, code: str, *, after: int | None,
                  at: float | None = None) -> int | None:
    """The time step a code belongs to (this one or a neighbour, for clock drift), when it
    is right and newer than `after` (a code is accepted once); else None."""
    code = "".join(code.split())
    if not (code.isdigit() and len(code) == 6):
        return None
    totp = pyotp.TOTP(secret)
    current = int((time.time() if at is None else at) // STEP_SECONDS)
    for step in (current - 1, current, current + 1):
        if hmac.compare_digest(totp.generate_otp(step), code) and (after is None or step > after):
            return step
    return None


def new_recovery_codes() -> tuple[list[str], list[str]]:
    """Fresh recovery codes: (shown once to the person, hashes to store)."""
    codes = [f"{secrets.token_hex(4)}-{secrets.token_hex(4)}" for _ in range(RECOVERY_CODES)]
    return codes, [_hash(code) for code in codes]


def use_recovery_code(account: Account, code: str) -> bool:
    """Spend one recovery code of the account: True when it was one of them (now gone)."""
    digest = _hash(code.strip().lower())
    left = [h for h in account.recovery_codes if not hmac.compare_digest(h, digest)]
    if len(left) == len(account.recovery_codes):
        return False
    account.recovery_codes = left
    return True


def pending_secret(account: Account, token_secret: str) -> str:
    """The secret being enrolled (kept until confirmed, so reloading shows the same QR)."""
    secret = unseal(token_secret, account.totp_secret or "") if account.totp_secret else None
    if secret is None:
        secret = new_secret()
        account.totp_secret = seal(token_secret, secret)
    return secret


def confirm(session: Session, *, account: Account, code: str,
            token_secret: str) -> list[str] | None:
    """Enrolment confirmed by a first right code: the factor is on, and the recovery codes
    (returned to be shown once) replace any earlier ones. None when the code is wrong."""
    secret = unseal(token_secret, account.totp_secret or "")
    step = secret and matching_step(secret, code, after=None)
    if not step:
        return None
    codes, hashes = new_recovery_codes()
    account.totp_enabled_at, account.totp_last_step, account.recovery_codes = now(), step, hashes
    record(session, audit, actor=account.username, action="two_factor.enrolled",
           entity="account", entity_id=account.username)
    return codes


def _hash(code: str) -> str:
    return hashlib.sha256(code.encode()).hexdigest()
