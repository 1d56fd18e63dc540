"""Blank forms and samples, content-addressed: the bytes under their SHA-256 in the database
(both modes share them, a backup holds them), their kind read from the bytes, never the name.

A material's `blank_form` or `sample` then holds the reference `file:<sha256>/<file name>`,
which the guide turns into a download link; any other text stays a file name or an address.
"""

import hashlib
import re
import unicodedata

import filetype
from sqlalchemy.orm import Session

from catalog.models import MaterialFile
from kit.auth import Principal
from kit.clock import now
from kit.errors import Invalid, NotFound

MAX_BYTES = 5 * 1024 * 1024
KINDS = {  # media type read from the bytes → the extension the download is named with
    "application/pdf": ".pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ".xlsx",
}
SHA256 = re.compile(r"^[0-9a-f]{64}$")
REFERENCE = re.compile(r"^file:([0-9a-f]{64})/(.+)$")
UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"|?*\\/]')


def kind_of(content: bytes) -> str:
    """The media type of an accepted file (PDF, DOCX, XLSX), else refused with the reason."""
    if not content:
        raise Invalid("The file is empty.", errors=[{"loc": ["body", "file"],
                                                     "msg": "文件为空"}])
    if len(content) > MAX_BYTES:
        raise Invalid("The file is larger than 5 MB.",
                      errors=[{"loc": ["body", "file"], "msg": "文件超过 5 MB"}])
    guessed = filetype.guess(content)
    mime = guessed.mime if guessed else "unknown"
    if mime not in KINDS or (mime == "application/pdf" and b"/Encrypt" in content):
        raise Invalid(f"The file's content ({mime}) is not a PDF, DOCX or XLSX document.",
                      errors=[{"loc": ["body", "file"], "msg": "只接受 PDF、DOCX、XLSX 文件"}])
    return mime


def clean_name(raw: str, mime: str) -> str:
    """The name the file is downloaded under: its last path part, no control or reserved
    characters, at most 100 characters, ending with the extension its content has."""
    name = unicodedata.normalize("NFC", re.split(r"[\\/]", raw or "")[-1])
    name = UNSAFE.sub("_", name).strip(" ._") or "file"
    stem, dot, given = name.rpartition(".")
    stem = stem if dot and stem and f".{given.lower()}" in KINDS.values() else name
    extension = KINDS[mime]
    return f"{stem[:100 - len(extension)]}{extension}"


def store(*, session: Session, file_name: str, content: bytes, actor: Principal) -> MaterialFile:
    """Keep an uploaded blank form or sample once (the same bytes again: the same row)."""
    mime = kind_of(content)
    sha256 = hashlib.sha256(content).hexdigest()
    row = session.get(MaterialFile, sha256)
    if row is None:
        row = MaterialFile(sha256=sha256, file_name=clean_name(file_name, mime),
                           content_type=mime, size=len(content), uploaded_by=actor.sub,
                           uploaded_at=now(), content=content)
        session.add(row)
        session.flush()
    return row


def reference(row: MaterialFile) -> str:
    """What a material's `blank_form` or `sample` holds to name this file."""
    return f"file:{row.sha256}/{row.file_name}"


def fetch(*, session: Session, sha256: str) -> MaterialFile:
    """A stored file by its SHA-256, checked against its bytes; 404 when there is none."""
    row = session.get(MaterialFile, sha256) if SHA256.match(sha256) else None
    if row is None or hashlib.sha256(row.content).hexdigest() != sha256:
        raise NotFound("No such blank form or sample.")
    return row
