"""What a file is, read from its bytes (never its name): the accepted kinds and the refusals."""

import io
import re
import zipfile
from dataclasses import dataclass

import filetype

# Kinds a material may accept, with the media type served for each.
KINDS = {"pdf": "application/pdf", "jpeg": "image/jpeg", "png": "image/png",
         "ofd": "application/ofd"}
DEFAULT_KINDS = ("pdf", "jpeg", "png", "ofd")
EXECUTABLES = {"application/x-msdownload", "application/x-executable", "application/x-elf",
               "application/x-mach-binary", "application/x-sharedlib",
               "application/vnd.microsoft.portable-executable", "application/x-dex"}
ARCHIVES = {"application/zip", "application/gzip", "application/x-7z-compressed",
            "application/x-rar-compressed", "application/x-tar", "application/x-bzip2",
            "application/x-xz", "application/x-lzip", "application/zstd",
            "application/x-compress", "application/vnd.ms-cab-compressed"}
MARKUP = re.compile(rb"^\s*(<\?xml|<!doctype|<html|<svg|<script|<body|<head|<iframe)", re.I)


@dataclass(frozen=True)
class Detected:
    """What the bytes are: an accepted `kind`, or the `refusal` code and words."""

    kind: str | None
    refusal: str | None = None
    reason: str = ""

    @property
    def media_type(self) -> str:
        """The media type a download is served with."""
        return KINDS.get(self.kind or "", "application/octet-stream")


def detect(content: bytes) -> Detected:
    """The kind of a file by its magic bytes; executables, markup, archives, encrypted PDFs and
    anything unknown are refused."""
    if not content:
        return Detected(None, "empty", "the file is empty")
    guessed = filetype.guess(content)
    mime = guessed.mime if guessed else None
    if mime == "application/pdf":
        if b"/Encrypt" in content:
            return Detected(None, "encrypted", "an encrypted PDF cannot be read by the window")
        return Detected("pdf")
    if mime in ("image/jpeg", "image/png"):
        return Detected("jpeg" if mime == "image/jpeg" else "png")
    if mime == "application/zip" and _is_ofd(content):
        return Detected("ofd")
    if mime in EXECUTABLES or content[:2] == b"MZ" or content[:4] == b"\x7fELF":
        return Detected(None, "executable", "an executable program is never accepted")
    if mime in ARCHIVES or (mime or "").endswith(("zip", "compressed")):
        return Detected(None, "archive", "archives are not accepted: upload each file itself")
    if MARKUP.match(content[:512].lstrip(b"\xef\xbb\xbf")):
        return Detected(None, "markup", "web pages, SVG and XML files are not accepted")
    shown = mime or "unknown"
    return Detected(None, "type", f"the file's content ({shown}) is not PDF, JPEG, PNG or OFD")


def _is_ofd(content: bytes) -> bool:
    """An OFD document: a ZIP package with OFD.xml at its root (names read, nothing inflated)."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as package:
            return "OFD.xml" in package.namelist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return False


def accepted_kinds(material: dict[str, object]) -> tuple[str, ...]:
    """The kinds a listed material accepts: its `file_types` when given, else the default four."""
    declared = material.get("file_types")
    if isinstance(declared, list):
        kinds = tuple(str(k).lower() for k in declared if str(k).lower() in KINDS)
        return kinds or DEFAULT_KINDS
    return DEFAULT_KINDS
