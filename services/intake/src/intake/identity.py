"""Who applies: a person or an enterprise, checked, sealed for storage and masked for show.

Resident ID numbers and phone numbers are stored only encrypted (AES-GCM, a key derived from
the token secret), with a keyed hash of the ID number for look-ups, so a copy of the database
alone reveals neither.
"""

import base64
import hashlib
import hmac
import json
import os
import re
from typing import Annotated, Literal

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from pydantic import BaseModel, StringConstraints, model_validator
from stdnum.cn import ric, uscc

Kind = Literal["person", "enterprise"]
Line = Annotated[str | None, StringConstraints(strip_whitespace=True, max_length=100,
                                               pattern=r"^[^\x00-\x1f]*$")]
PHONE = re.compile(r"^(1\d{10}|0\d{2,3}-?\d{7,8})$")
# Service objects (办理对象) an enterprise applicant answers for; a person answers for "person".
ORGANISATIONS = {"enterprise", "public_institution", "social_organization", "other"}


class Applicant(BaseModel):
    """The applicant as filled in: a person (name, resident ID, phone) or an enterprise (name,
    unified social credit code, legal representative, contact phone)."""

    kind: Kind
    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200,
                                           pattern=r"^[^\x00-\x1f]*$")]
    id_number: Line = None
    phone: Line = None
    credit_code: Line = None
    legal_representative: Line = None

    @model_validator(mode="after")
    def _complete(self) -> "Applicant":
        if self.kind == "person":
            if not self.id_number or not ric.is_valid(self.id_number):
                raise ValueError("id_number: not a valid resident identity card number")
            self.id_number = ric.compact(self.id_number).upper()
            self.credit_code = self.legal_representative = None
        else:
            if not self.credit_code or not uscc.is_valid(self.credit_code):
                raise ValueError("credit_code: not a valid unified social credit code")
            if not self.legal_representative:
                raise ValueError("legal_representative: the legal representative is needed")
            self.credit_code, self.id_number = uscc.compact(self.credit_code), None
        if not self.phone or not PHONE.match(self.phone.replace(" ", "")):
            raise ValueError("phone: a mobile (11 digits) or landline number is needed")
        self.phone = self.phone.replace(" ", "")
        return self


def may_apply(kind: str, service_objects: object) -> bool:
    """Whether an applicant of `kind` is among the matter's service objects (none listed: any)."""
    if not isinstance(service_objects, list) or not service_objects:
        return True
    if kind == "person":
        return "person" in service_objects
    return bool(ORGANISATIONS & set(service_objects))


class IdentityKeys:
    """The sealing key and the look-up key, both derived from the token secret."""

    def __init__(self, token_secret: str) -> None:
        self._aead = AESGCM(_derive(token_secret, b"onewindow intake identity"))
        self._lookup = _derive(token_secret, b"onewindow intake identity lookup")

    def seal(self, numbers: dict[str, str | None]) -> str:
        """The numbers encrypted: nonce and ciphertext, base64."""
        nonce = os.urandom(12)
        sealed = self._aead.encrypt(nonce, json.dumps(numbers).encode(), b"identity")
        return base64.b64encode(nonce + sealed).decode()

    def unseal(self, sealed: str | None) -> dict[str, str | None]:
        """The numbers in clear; empty when none were sealed or the key changed."""
        if not sealed:
            return {}
        raw = base64.b64decode(sealed)
        try:
            return dict(json.loads(self._aead.decrypt(raw[:12], raw[12:], b"identity")))
        except InvalidTag:
            return {}

    def lookup_hash(self, id_number: str | None) -> str | None:
        """A keyed hash of an ID number, to find a person's cases without decrypting."""
        if not id_number:
            return None
        return hmac.new(self._lookup, id_number.encode(), hashlib.sha256).hexdigest()


def _derive(token_secret: str, info: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None,
                info=info).derive(token_secret.encode())


def mask(value: str | None, *, head: int, tail: int) -> str | None:
    """`value` with all but its first `head` and last `tail` characters hidden."""
    if not value:
        return value
    hidden = max(len(value) - head - tail, 1)
    if len(value) <= head + tail:
        return "*" * len(value)
    return value[:head] + "*" * hidden + value[-tail:]
