"""Uploaded files streamed into the file store's spool, never past the size a material may
have, never held whole in memory."""

import re
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import quote

from fastapi import UploadFile

from intake.filestore import FileStore
from intake.schemas import NewMaterial
from kit.errors import Invalid

CONTENT_TYPE = re.compile(r"^[A-Za-z0-9][\w.+-]*/[\w.+-]+$")
CONTROL = re.compile(r"[\x00-\x1f\x7f]")


@contextmanager
def received(uploads: list[UploadFile], slots: list[int] | None, store: FileStore,
             largest: int) -> Iterator[list[NewMaterial]]:
    """Each upload spooled (hashed and scanned on the way), never more than one byte past
    `largest` (the pre-check then says it is too large), with the slot it answers when given;
    on leaving, the spools not kept (a refusal, a replay, a pre-check) are removed."""
    if slots is not None and len(slots) != len(uploads):
        raise Invalid(f"{len(uploads)} files but {len(slots)} slots: give one slot per file.")
    materials: list[NewMaterial] = []
    try:
        for i, upload in enumerate(uploads):
            materials.append(NewMaterial(
                filename=clean_filename(upload.filename),
                content_type=clean_content_type(upload.content_type),
                file=store.receive(upload.file, largest=largest),
                slot=slots[i] if slots is not None else None))
        yield materials
    finally:
        for material in materials:
            material.file.discard()


def clean_filename(filename: str | None) -> str:
    """The file's own name, without a client's path, control characters or excess length."""
    name = CONTROL.sub("", (filename or "").replace("\\", "/").rsplit("/", 1)[-1]).strip()
    return name[:255] or "material"


def clean_content_type(content_type: str | None) -> str:
    """The media type the client declared, when it is one; else application/octet-stream."""
    media_type = (content_type or "").split(";", 1)[0].strip().lower()
    return media_type if CONTENT_TYPE.match(media_type) and len(media_type) <= 100 \
        else "application/octet-stream"


def attachment(filename: str) -> str:
    """A Content-Disposition that downloads the file under its (possibly Chinese) name."""
    fallback = filename.encode("ascii", "replace").decode().replace('"', "'").replace("?", "_")
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename)}"
