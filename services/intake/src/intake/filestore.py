"""The content-addressed file store of materials: bytes under their SHA-256, rows elsewhere.

An upload streams into a spool file beside the store (`receive`: hashed, scanned and counted
on the way, never held whole in memory, written with fsync), and is renamed to its SHA-256
name once the pre-check let it in (`keep`). A file is written before the row that names it;
when the transaction then rolls back, the files it created are taken back, so a filing that
fails half way leaves nothing behind.
`sweep` removes any file no row names (a crash between the two), once it is old enough not
to belong to a transaction still running.
"""

import hashlib
import os
import time
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Protocol

from sqlalchemy import event
from sqlalchemy.orm import Session, SessionTransaction

from intake.content import Scan
from kit.errors import DomainError

PENDING = "intake.new_files"
CHUNK = 256 * 1024


class Damaged(DomainError):
    """A stored file is missing or no longer matches its SHA-256."""

    status = 500
    title = "Stored file damaged"


class FileStore(Protocol):
    """Where material bytes live: a directory (embedded mode) or S3-compatible object storage
    (`filestore_s3.S3Store`, distributed mode); each remembers what a transaction created in
    `session.info[PENDING]` as `(store, place, stamp)` and takes it back on rollback with
    `store.take_back(place, stamp)`."""

    def put(self, session: Session, content: bytes) -> str:
        """Store `content` (if not already there) and return its SHA-256."""

    def receive(self, source: BinaryIO, *, largest: int) -> "Received":
        """Stream `source` into a spool file, at most `largest` + 1 bytes."""

    def keep(self, session: Session, received: "Received") -> str:
        """Store a received file (if not already there) and return its SHA-256."""

    def get(self, sha256: str) -> bytes:
        """The bytes stored under `sha256`, checked against it."""

    def sweep(self, referenced: set[str], *, older_than: float) -> list[str]:
        """Remove files no row references and older than `older_than` seconds."""


@dataclass(frozen=True)
class Received:
    """An upload spooled to `path`: its size, SHA-256 and what its bytes showed (`scan`); the
    spool is gone once kept, or once `discard`ed."""

    path: Path
    size: int
    sha256: str
    scan: Scan

    def discard(self) -> None:
        """Remove the spool (nothing when it was kept)."""
        self.path.unlink(missing_ok=True)


def spool(source: BinaryIO, folder: Path, *, largest: int) -> Received:
    """Copy `source` into a new file of `folder` chunk by chunk, hashing and scanning on the
    way, stopping one byte past `largest` (the pre-check then says it is too large); synced to
    disk, so the row that will name it never outlives its bytes."""
    path, digest, scan, size = folder / f"upload-{uuid.uuid4().hex}", hashlib.sha256(), Scan(), 0
    with path.open("wb") as out:
        while size <= largest and (chunk := source.read(min(CHUNK, largest + 1 - size))):
            digest.update(chunk)
            scan.feed(chunk)
            out.write(chunk)
            size += len(chunk)
        out.flush()
        os.fsync(out.fileno())
    return Received(path=path, size=size, sha256=digest.hexdigest(), scan=scan)


class DirectoryStore:
    """Files under `root/ab/cd/<sha256>`, each written to a temporary name then renamed."""

    def __init__(self, root: Path) -> None:
        self.root = root
        (root / "tmp").mkdir(parents=True, exist_ok=True)

    def path(self, sha256: str) -> Path:
        """The place of one file."""
        return self.root / sha256[:2] / sha256[2:4] / sha256

    def put(self, session: Session, content: bytes) -> str:
        """Store the bytes once; a file this transaction creates is remembered for rollback."""
        sha256 = hashlib.sha256(content).hexdigest()
        if not self._present(sha256):
            temporary = self.root / "tmp" / uuid.uuid4().hex
            temporary.write_bytes(content)
            self._move_in(session, temporary, sha256)
        return sha256

    def receive(self, source: BinaryIO, *, largest: int) -> Received:
        """An upload spooled in the store's own folder: keeping it is a rename."""
        return spool(source, self.root / "tmp", largest=largest)

    def keep(self, session: Session, received: Received) -> str:
        """Rename a received file to its SHA-256 name (or drop it when that file is there);
        a file this transaction creates is remembered for rollback."""
        if self._present(received.sha256):
            received.discard()
        else:
            self._move_in(session, received.path, received.sha256)
        return received.sha256

    def _present(self, sha256: str) -> bool:
        """Whether the file is there; if so freshly touched, so a rollback elsewhere keeps it."""
        try:
            os.utime(self.path(sha256))
        except FileNotFoundError:
            return False
        return True

    def _move_in(self, session: Session, written: Path, sha256: str) -> None:
        """Rename a written file to its SHA-256 name, remembered for this transaction's
        rollback."""
        target = self.path(sha256)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(written, target)
        session.info.setdefault(PENDING, []).append((self, target, target.stat().st_mtime_ns))

    def get(self, sha256: str) -> bytes:
        """The bytes, refused when missing or when they no longer hash to their name."""
        try:
            content = self.path(sha256).read_bytes()
        except FileNotFoundError as exc:
            raise Damaged(f"The stored file {sha256[:12]}… is missing.") from exc
        if hashlib.sha256(content).hexdigest() != sha256:
            raise Damaged(f"The stored file {sha256[:12]}… does not match its SHA-256.")
        return content

    def take_back(self, target: Path, written_ns: int) -> None:
        """Remove a file a rolled-back transaction created, unless another touched it since."""
        grave = self.root / "tmp" / f"{target.name}.{uuid.uuid4().hex}"
        try:
            os.rename(target, grave)  # from here, another writer finds no file and writes anew
        except FileNotFoundError:
            return
        if grave.stat().st_mtime_ns == written_ns:
            grave.unlink()
        else:
            os.replace(grave, target)  # another transaction reused it meanwhile: keep it

    def files(self) -> Iterable[Path]:
        """Every stored file."""
        return (p for p in self.root.glob("??/??/*") if p.is_file())

    def sweep(self, referenced: set[str], *, older_than: float) -> list[str]:
        """Remove the files no row names and the spools of crashed uploads, older than
        `older_than` seconds; their names."""
        cutoff, removed = time.time() - older_than, []
        spools = (self.root / "tmp").glob("upload-*")
        for path in (*self.files(), *spools):
            try:
                old = path.stat().st_mtime < cutoff
            except FileNotFoundError:  # kept or taken back meanwhile
                continue
            if path.name not in referenced and old:
                path.unlink(missing_ok=True)
                removed.append(path.name)
        return removed


@event.listens_for(Session, "after_commit")
def _kept(session: Session) -> None:
    session.info.pop(PENDING, None)


@event.listens_for(Session, "after_transaction_end")
def _rolled_back(session: Session, transaction: SessionTransaction) -> None:
    if transaction.parent is not None:
        return  # a savepoint: the outer transaction decides
    for store, place, stamp in session.info.pop(PENDING, []):
        store.take_back(place, stamp)
