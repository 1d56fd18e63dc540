"""Uploads stream into the file store: hashed and scanned on the way, never held whole in
memory; a refused one leaves no file and no row behind."""

import hashlib
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session
from starlette.datastructures import UploadFile

from intake.config import IntakeSettings
from intake.content import Scan
from intake.filestore import CHUNK, DirectoryStore
from intake.main import create_app
from intake.uploads import received
from tests.intake.conftest import API, APPLICANT, CLERK, file_application, pdf, publish

MB = 1024 * 1024
HEAD = b"%PDF-1.7\n"
PATTERN = bytes(range(251))  # a prime length: no chunk repeats the one before


class Trickle:
    """A PDF of `size` bytes produced as it is read, as a request body arrives: no one ever
    holds it whole."""

    def __init__(self, size: int) -> None:
        self.size, self.sent = size, 0

    def read(self, wanted: int = -1) -> bytes:
        count = min(self.size - self.sent, wanted if wanted >= 0 else self.size)
        start = self.sent % len(PATTERN)
        chunk = (PATTERN * (count // len(PATTERN) + 2))[start:start + count]
        head = HEAD[self.sent:]  # the first bytes say PDF, however the body is read
        self.sent += count
        return head[:count] + chunk[len(head):]


def whole_sha256(size: int) -> str:
    """The SHA-256 of the PDF a `Trickle(size)` produces, reading it in pieces."""
    source, digest = Trickle(size), hashlib.sha256()
    while chunk := source.read(MB):
        digest.update(chunk)
    return digest.hexdigest()


def spools(store: Path) -> list[Path]:
    """The uploads spooled and not (yet) kept."""
    return sorted((store / "tmp").glob("upload-*"))


def test_a_large_upload_is_stored_under_its_sha256_never_whole_in_memory(
        tmp_path: Path) -> None:
    store, size = DirectoryStore(tmp_path / "store"), 8 * MB
    upload = UploadFile(Trickle(size), filename="扫描件.pdf")  # type: ignore[arg-type]
    tracemalloc.start()
    try:
        with received([upload], None, store, 10 * MB) as (material,), Session() as session:
            sha256 = store.keep(session, material.file)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < size // 8  # a chunk or two in memory, never the file
    assert material.size == size
    assert sha256 == material.sha256 == whole_sha256(size)
    kept = store.path(sha256)
    assert kept.stat().st_size == size
    assert hashlib.sha256(kept.read_bytes()).hexdigest() == sha256
    assert spools(store.root) == []


def test_an_encrypt_marker_is_found_across_the_seam_of_two_chunks() -> None:
    scan = Scan()
    scan.feed(b"%PDF-1.7\n" + b"0" * 100 + b"/Encr")
    assert not scan.encrypted
    scan.feed(b"ypt 5 0 R")
    assert scan.encrypted


@pytest.fixture
def small_limits(db_url: str, tmp_path: Path) -> Iterator[tuple[TestClient, Path]]:
    """The intake app with 2 MB per file, and the folder of its store."""
    folder = tmp_path / "files"
    settings = IntakeSettings(database_url=db_url, file_store=str(folder), max_file_mb=2)
    with TestClient(create_app(settings)) as client:
        publish(client)
        yield client, folder


def test_a_filed_upload_is_stored_with_its_sha256_and_no_spool_is_left(
        small_limits: tuple[TestClient, Path]) -> None:
    client, folder = small_limits
    content = b"%PDF-1.7\n" + bytes(i % 253 for i in range(2 * MB - 9))
    filed = file_application(client, files=[pdf("扫描件.pdf", content)])
    assert filed.status_code == 201
    material = filed.json()["materials"][0]
    assert material["size"] == 2 * MB
    stored = list(DirectoryStore(folder).files())
    assert [p.name for p in stored] == [hashlib.sha256(content).hexdigest()]
    assert stored[0].read_bytes() == content
    download = client.get(f"{API}/applications/{filed.json()['id']}/materials/{material['id']}",
                          headers=APPLICANT)
    assert download.content == content
    assert spools(folder) == []


def test_an_oversize_upload_is_413_leaving_no_file_and_no_row(
        small_limits: tuple[TestClient, Path]) -> None:
    client, folder = small_limits
    too_big = file_application(client, files=[pdf("扫描件.pdf", b"%PDF-1.7" + b"x" * (2 * MB))])
    assert too_big.status_code == 413
    assert too_big.headers["content-type"] == "application/problem+json"
    assert client.get(f"{API}/applications", headers=CLERK).json() == []
    assert list(DirectoryStore(folder).files()) == []
    assert spools(folder) == []


def test_an_encrypted_pdf_is_refused_when_the_marker_is_far_past_its_head(
        small_limits: tuple[TestClient, Path]) -> None:
    client, folder = small_limits
    content = b"%PDF-1.7\n" + b"0" * (CHUNK - 13) + b"/Encrypt 5 0 R\n%%EOF\n"  # across a seam
    refused = file_application(client, files=[pdf("加密.pdf", content)])
    assert refused.status_code == 415
    assert "encrypted" in refused.json()["detail"]
    assert client.get(f"{API}/applications", headers=CLERK).json() == []
    assert list(DirectoryStore(folder).files()) == []
    assert spools(folder) == []
