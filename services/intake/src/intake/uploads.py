"""Uploaded files read into memory, never past the size a material may have."""

import re
from urllib.parse import quote

from fastapi import UploadFile

from intake.schemas import NewMaterial
from intake.service import MAX_MATERIAL_BYTES
from kit.errors import TooLarge

CONTENT_TYPE = re.compile(r"^[A-Za-z0-9][\w.+-]*/[\w.+-]+$")
CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def read_uploads(uploads: list[UploadFile]) -> list[NewMaterial]:
    """Each upload read whole; 413 as soon as one is larger than 10 MB."""
    return [read_upload(upload) for upload in uploads]


def read_upload(upload: UploadFile) -> NewMaterial:
    """One upload read whole; 413 when it is larger than 10 MB."""
    name = clean_filename(upload.filename)
    content = upload.file.read(MAX_MATERIAL_BYTES + 1)
    if len(content) > MAX_MATERIAL_BYTES:
        raise TooLarge(f"{name} is larger than 10 MB; each material may have at most 10 MB.")
    return NewMaterial(filename=name, content_type=clean_content_type(upload.content_type),
                       content=content)


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
