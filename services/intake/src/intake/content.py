"""What a file is, read from its bytes (never its name): the accepted kinds and the refusals.

The bytes are scanned as they stream by (`Scan`): the head gives the kind, the whole length is
searched for the `/Encrypt` marker; an OFD package is recognised from its file on disk.
"""

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

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
HEAD = 8192  # what the magic bytes and markup are read from (filetype reads as much)
# A regular expression, not `in`: bytes' own search falls to one step a byte on some
# fillers ("0" shares its skip-table slot with "p"), 4 ms for 1 MB of zeros.
ENCRYPT = re.compile(rb"/Encrypt")
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


@dataclass
class Scan:
    """What a file's bytes showed as they streamed by, chunk after chunk: its head, and
    whether an `/Encrypt` marker passed (looked for across the chunks' seams too)."""

    head: bytes = b""
    encrypted: bool = False
    seam: bytes = field(default=b"", repr=False)

    def feed(self, chunk: bytes) -> None:
        """Take the next chunk."""
        if len(self.head) < HEAD:
            self.head += chunk[:HEAD - len(self.head)]
        if not self.encrypted:
            window = self.seam + chunk
            self.encrypted = ENCRYPT.search(window) is not None
            self.seam = window[-(len(b"/Encrypt") - 1):]


def detect(scan: Scan, package: Path) -> Detected:
    """The kind of a file by its magic bytes (the whole file at `package` opened only for a ZIP
    that may be an OFD); executables, markup, archives, encrypted PDFs and anything unknown
    are refused."""
    content = scan.head
    if not content:
        return Detected(None, "empty", "the file is empty")
    guessed = filetype.guess(content)
    mime = guessed.mime if guessed else None
    if mime == "application/pdf":
        if scan.encrypted:
            return Detected(None, "encrypted", "an encrypted PDF cannot be read by the window")
        return Detected("pdf")
    if mime in ("image/jpeg", "image/png"):
        return Detected("jpeg" if mime == "image/jpeg" else "png")
    if mime == "application/zip" and _is_ofd(package):
        return Detected("ofd")
    if mime in EXECUTABLES or content[:2] == b"MZ" or content[:4] == b"\x7fELF":
        return Detected(None, "executable", "an executable program is never accepted")
    if mime in ARCHIVES or (mime or "").endswith(("zip", "compressed")):
        return Detected(None, "archive", "archives are not accepted: upload each file itself")
    if MARKUP.match(content[:512].lstrip(b"\xef\xbb\xbf")):
        return Detected(None, "markup", "web pages, SVG and XML files are not accepted")
    shown = mime or "unknown"
    return Detected(None, "type", f"the file's content ({shown}) is not PDF, JPEG, PNG or OFD")


def _is_ofd(path: Path) -> bool:
    """An OFD document: a ZIP package with OFD.xml at its root (names read, nothing inflated)."""
    try:
        with zipfile.ZipFile(path) as package:
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
