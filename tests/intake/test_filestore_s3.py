"""The file store's contract, on a folder and on S3-compatible object storage (a real local S3
server): content-addressed, checked on every read, nothing left by a rolled-back transaction,
nothing taken from another that reused the file, and a sweep of what no row names. Then a
filing through the API with the S3 store."""

import hashlib
import io
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from intake.config import IntakeSettings
from intake.desk import Desk, file_store
from intake.filestore import Damaged, DirectoryStore
from intake.filestore_s3 import S3Store
from intake.main import create_app
from tests.intake.conftest import API, APPLICANT, file_application, pdf, publish
from tests.intake.stores import CREDENTIALS, Backstage, make_store, s3_endpoint  # noqa: F401

FORM = b"%PDF-1.7 application form"
SHA = hashlib.sha256(FORM).hexdigest()


@pytest.fixture(params=["directory", "s3"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> DirectoryStore | S3Store:
    endpoint = request.getfixturevalue("s3_endpoint") if request.param == "s3" else ""
    return make_store(request.param, tmp_path, endpoint)


def put(store: DirectoryStore | S3Store, content: bytes, *, commit: bool) -> str:
    """`content` stored in a transaction that commits or rolls back."""
    session = Session()
    with session.begin():
        sha256 = store.put(session, content)
        if not commit:
            session.rollback()
    return sha256


def test_files_are_kept_under_their_hash_once_and_read_back_checked(store) -> None:  # type: ignore[no-untyped-def]
    assert put(store, FORM, commit=True) == SHA == put(store, FORM, commit=True)
    assert Backstage(store).names() == [SHA] and store.get(SHA) == FORM
    Backstage(store).overwrite(SHA, b"%PDF-1.7 forged")
    with pytest.raises(Damaged, match="does not match"):
        store.get(SHA)
    Backstage(store).remove(SHA)
    with pytest.raises(Damaged, match="missing"):
        store.get(SHA)


def test_a_received_upload_is_kept_under_its_hash_its_spool_gone_or_taken_back(store) -> None:  # type: ignore[no-untyped-def]
    kept, dropped = store.receive(io.BytesIO(FORM), largest=1024), \
        store.receive(io.BytesIO(b"%PDF-1.7 abandoned"), largest=1024)
    assert (kept.size, kept.sha256) == (len(FORM), SHA)
    with Session() as session, session.begin():
        assert store.keep(session, kept) == SHA
    with Session() as session, session.begin():
        store.keep(session, dropped)
        session.rollback()
    assert not kept.path.exists() and not dropped.path.exists()
    assert Backstage(store).names() == [SHA] and store.get(SHA) == FORM


def test_a_rolled_back_transaction_leaves_no_file_but_keeps_one_in_use(store) -> None:  # type: ignore[no-untyped-def]
    put(store, b"%PDF-1.7 abandoned", commit=False)
    assert Backstage(store).names() == []
    put(store, FORM, commit=True)
    put(store, FORM, commit=False)  # reused, then rolled back: still named by the first
    assert Backstage(store).names() == [SHA]


def test_a_rollback_spares_a_file_another_transaction_reused_meanwhile(store) -> None:  # type: ignore[no-untyped-def]
    first, second = Session(), Session()
    with first.begin(), second.begin():
        store.put(first, FORM)  # new: remembered for rollback
        store.put(second, FORM)  # reused by another transaction before the first ends
        first.rollback()
    assert Backstage(store).names() == [SHA]


def test_the_sweep_removes_only_old_files_no_row_names(store) -> None:  # type: ignore[no-untyped-def]
    kept, orphan = put(store, FORM, commit=True), put(store, b"%PDF-1.7 orphan", commit=True)
    assert store.sweep({kept}, older_than=3600) == []  # too young: may be a filing in flight
    assert store.sweep({kept}, older_than=-60) == [orphan]
    assert Backstage(store).names() == [kept]


def test_the_settings_choose_the_s3_store(s3_endpoint: str) -> None:  # noqa: F811
    settings = IntakeSettings(file_store="s3://materials-bucket/intake", database_url="sqlite:///x",
                              s3_endpoint_url=s3_endpoint, s3_region="us-east-1",
                              s3_access_key_id="k", s3_secret_access_key="s")
    chosen = file_store(settings)
    assert isinstance(chosen, S3Store)
    assert (chosen.bucket, chosen.key("ab" * 32)) == ("materials-bucket",
                                                      f"intake/ab/ab/{'ab' * 32}")
    assert isinstance(file_store(IntakeSettings(database_url="sqlite:///x")), DirectoryStore)


@pytest.fixture
def s3_client_app(db_url: str, s3_endpoint: str, tmp_path: Path) -> Iterator[TestClient]:  # noqa: F811
    """Intake on the test database with its files on the S3 server."""
    bucket = f"intake-{tmp_path.name[-20:].lower().replace('_', '-')}"
    settings = IntakeSettings(database_url=db_url, s3_endpoint_url=s3_endpoint,
                              file_store=f"s3://{bucket}",
                              s3_access_key_id=CREDENTIALS["aws_access_key_id"],
                              s3_secret_access_key=CREDENTIALS["aws_secret_access_key"])
    with TestClient(create_app(settings)) as client:
        yield client


def test_an_application_files_into_s3_and_a_refused_one_leaves_nothing(
        s3_client_app: TestClient) -> None:
    client = s3_client_app
    publish(client)
    desk: Desk = client.app.state.desk  # type: ignore[attr-defined]
    exe = ("materials", ("x.pdf", b"MZ\x90\x00" + b"\x00" * 60, "application/pdf"))
    refused = file_application(client, files=[pdf(), exe])
    assert refused.status_code in (415, 422)
    assert Backstage(desk.store).names() == []  # type: ignore[arg-type]
    filed = file_application(client, files=[pdf(content=FORM)])
    assert filed.status_code == 201, filed.text
    detail = client.get(f"{API}/applications/{filed.json()['id']}", headers=APPLICANT).json()
    material = detail["materials"][0]
    download = client.get(f"{API}/applications/{detail['id']}/materials/{material['id']}",
                          headers=APPLICANT)
    assert download.content == FORM and download.headers["content-type"] == "application/pdf"
    assert Backstage(desk.store).names() == [SHA]  # type: ignore[arg-type]


def test_a_folder_store_does_not_load_the_s3_client(tmp_path: Path) -> None:
    """boto3 costs ~26 MB of every intake process: only one that stores in S3 imports it."""
    program = ("import sys; from intake.config import IntakeSettings; "
               "from intake.desk import file_store; "
               f"file_store(IntakeSettings(file_store={str(tmp_path)!r})); "
               "print('boto3' in sys.modules)")
    shown = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True,
                           check=True)

    assert shown.stdout.strip() == "False"
