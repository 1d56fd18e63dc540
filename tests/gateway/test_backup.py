"""The backup drill (issue 7, point 16), on SQLite and PostgreSQL: fill an installation (the
demo zone, a new draft, an application with a file), back it up with `python -m gateway
backup`, wipe it, restore it with `python -m gateway restore`, and compare every row of every
schema and every stored file's hash (intake's file store included); a restore over records is
refused unless forced."""

import hashlib
import json
import os
import shutil
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, inspect, select, table, text

from gateway.cli import PARTS, load_demo, migrate
from gateway.config import GatewaySettings
from gateway.main import create_app
from kit.db import Database, is_sqlite
from tests.builders import MATTERS, eventually, ok, sign_in, standard
from tests.conftest import ROOT, require_postgres, reset_postgres, scratch_postgres
from tests.intake.stores import CREDENTIALS, s3_client, s3_endpoint  # noqa: F401

FILE = b"%PDF-1.4 the applicant's site plan " + bytes(range(256)) * 64


@pytest.fixture(params=["sqlite", "postgres"])
def installation(request: pytest.FixtureRequest, tmp_path: Path,
                 monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """An installation of its own: a folder of SQLite files, or a scratch PostgreSQL database,
    with intake's file store in a folder of its own (the commands inherit the setting)."""
    monkeypatch.setenv("ONEWINDOW_FILE_STORE", str(tmp_path / "store"))
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'var'}"
    else:
        require_postgres()
        url = scratch_postgres("backup")
        yield url
        reset_postgres(url)


def fill(url: str) -> None:
    """The demo zone, a new draft and an application carrying a file."""
    migrate(url)
    load_demo(url)
    with TestClient(create_app(GatewaySettings(database_url=url, relay_interval=0.1))) as c:
        editor = sign_in(c, "editor")
        ok(c.post(MATTERS, json=standard("430103-01-9401"), headers=editor), 201)
        applicant = sign_in(c, "enterprise")  # the matter is for enterprises
        code = "430103-01-0002"
        eventually(lambda: any(m["implementation_code"] == code
                               for m in ok(c.get("/api/intake/v1/matters"))),
                   what="intake to know the demo matter")
        ok(c.post("/api/intake/v1/applications",
                  data={"implementation_code": code, "confirm_incomplete": "true"},
                  files={"materials": ("总平面图.pdf", FILE, "application/pdf")},
                  headers={**applicant, "Idempotency-Key": str(uuid.uuid4())}), 201)


def every_row(url: str) -> dict[str, list[str]]:
    """Each table of each part (`part.table`) → its rows, each as text, sorted."""
    found: dict[str, list[str]] = {}
    for part in PARTS:
        db = Database(url, part)
        try:
            with db.reader.connect() as conn:
                names = inspect(conn).get_table_names(schema=part)
                for name in names:
                    rows = conn.execute(select(text("*")).select_from(table(name, schema=part)))
                    found[f"{part}.{name}"] = sorted(repr(tuple(r)) for r in rows)
        finally:
            db.dispose()
    return found


def store() -> Path:
    return Path(os.environ["ONEWINDOW_FILE_STORE"])


def material_hashes(url: str) -> list[str]:
    """The SHA-256 of every material's bytes, read from its row or from the file store."""
    db = Database(url, "intake")
    try:
        with db.reader.connect() as conn:
            rows = conn.execute(text("SELECT content, sha256 FROM intake.material")).all()
    finally:
        db.dispose()
    found = []
    for content, name in rows:
        held = content if content is not None else (store() / name[:2] / name[2:4] / name)
        found.append(hashlib.sha256(held if isinstance(held, bytes) else held.read_bytes()))
    return sorted(h.hexdigest() for h in found)


def wipe(url: str) -> None:
    """Nothing left: the file store and the SQLite files deleted, or every part's schema
    dropped."""
    shutil.rmtree(store(), ignore_errors=True)
    if is_sqlite(url):
        for file in Path(url.removeprefix("sqlite:///")).iterdir():
            file.unlink()
    else:
        engine = create_engine(url)
        with engine.begin() as conn:
            for part in PARTS:
                conn.execute(text(f'DROP SCHEMA IF EXISTS "{part}" CASCADE'))
        engine.dispose()


def gateway_command(url: str, *args: str) -> subprocess.CompletedProcess[str]:
    """`python -m gateway …` as an operator runs it, on the installation at `url`."""
    env = {**os.environ, "ONEWINDOW_DATABASE_URL": url}
    return subprocess.run([sys.executable, "-m", "gateway", *args], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=300, check=False)


def test_the_backup_drill_brings_back_every_row_and_every_file(installation: str,
                                                               tmp_path: Path) -> None:
    fill(installation)
    rows, files = every_row(installation), material_hashes(installation)
    assert hashlib.sha256(FILE).hexdigest() in files
    assert len(rows["catalog.matter"]) == 35 and rows["intake.material"]

    folder = tmp_path / "backup"
    made = gateway_command(installation, "backup", str(folder))
    assert made.returncode == 0, made.stderr
    manifest = json.loads((folder / "manifest.json").read_text())
    for part in PARTS:
        entry = manifest["parts"][part]
        assert hashlib.sha256((folder / entry["file"]).read_bytes()).hexdigest() \
            == entry["sha256"]
    assert sorted(set(manifest["stored_files"].values())) == sorted(set(files))

    wipe(installation)
    assert every_row(installation) != rows
    restored = gateway_command(installation, "restore", str(folder))
    assert restored.returncode == 0, restored.stderr

    assert every_row(installation) == rows
    assert material_hashes(installation) == files


def test_a_restore_over_records_is_refused_unless_forced(installation: str,
                                                         tmp_path: Path) -> None:
    migrate(installation)
    load_demo(installation)
    folder = tmp_path / "backup"
    assert gateway_command(installation, "backup", str(folder)).returncode == 0
    again = gateway_command(installation, "backup", str(folder))
    assert again.returncode == 1 and "not empty" in again.stderr
    wipe(installation)
    migrate(installation)  # a fresh installation: migrated, no records yet
    assert gateway_command(installation, "restore", str(folder)).returncode == 0

    refused = gateway_command(installation, "restore", str(folder))
    assert refused.returncode == 1 and "not empty" in refused.stderr
    forced = gateway_command(installation, "restore", str(folder), "--force")
    assert forced.returncode == 0, forced.stderr

    (folder / "review.db" if is_sqlite(installation) else folder / "review.dump").write_bytes(
        b"tampered")
    tampered = gateway_command(installation, "restore", str(folder), "--force")
    assert tampered.returncode == 1 and "SHA-256" in tampered.stderr


def test_with_an_object_store_the_manifest_lists_its_files_and_copies_none(
        s3_endpoint: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    """The bucket keeps itself (versioning, replication); the backup names it and the hashes
    the rows need from it."""
    monkeypatch.setenv("ONEWINDOW_FILE_STORE", "s3://backup-drill/materials")
    monkeypatch.setenv("INTAKE_S3_ENDPOINT_URL", s3_endpoint)
    monkeypatch.setenv("INTAKE_S3_ACCESS_KEY_ID", CREDENTIALS["aws_access_key_id"])
    monkeypatch.setenv("INTAKE_S3_SECRET_ACCESS_KEY", CREDENTIALS["aws_secret_access_key"])
    url = f"sqlite:///{tmp_path / 'var'}"
    fill(url)
    folder = tmp_path / "backup"
    made = gateway_command(url, "backup", str(folder))
    assert made.returncode == 0, made.stderr
    manifest = json.loads((folder / "manifest.json").read_text())
    listed = manifest["object_store"]
    assert listed["location"] == "s3://backup-drill/materials"
    assert hashlib.sha256(FILE).hexdigest() in listed["sha256"]
    assert not (folder / "intake-files").exists()
    kept = s3_client(s3_endpoint).list_objects_v2(Bucket="backup-drill")["Contents"]
    assert {o["Key"].rsplit("/", 1)[-1] for o in kept} == set(listed["sha256"])
