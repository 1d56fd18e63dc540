"""`python -m gateway backup DIR` and `restore DIR`: every part's schema, and the files stored in
them, with a manifest of SHA-256 hashes.

SQLite (embedded): one connection attaches every part's file and opens one read transaction on
all of them, so the online backup API copies every schema as of the same moment. PostgreSQL
(distributed): `pg_dump` per schema, all from one exported snapshot when parts share a database.
Workbooks, and materials filed before intake's file store, are stored in database columns;
intake's content-addressed file store (`<store>/ab/cd/<sha256>`) is copied beside the schemas
into `intake-files/`. The manifest lists every file's hash and `restore` checks them after
bringing the data and the files back. When intake keeps its files on S3-compatible object
storage, the bucket is not copied: its own versioning or replication keeps it, and the manifest
lists the object store and the SHA-256 of every file the backed-up rows name, so a restore can
be checked against the bucket.
"""

import hashlib
import json
import shutil
import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, inspect, select, table, text
from sqlalchemy.engine import Engine

from gateway import backup_postgres
from kit import migrations
from kit.clock import now
from kit.db import is_sqlite, sqlite_file

MANIFEST = "manifest.json"
# Rows the migrations write themselves: an installation holding only these is empty.
SEEDED = {("catalog", "lint_phrase"), ("intake", "holiday_year")}
# The files stored in the database: (part, table, key column, content column).
STORED_FILES = [("intake", "material", "id", "content"),
                ("catalog", "excel_import_job", "id", "workbook")]
STORE_FOLDER = "intake-files"  # intake's file store, in a backup
STORE_KEY = "intake.files."  # its files in the manifest: the key names the file by its hash


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why."""


def sha256(path: Path) -> str:
    """The SHA-256 of a file, read in chunks."""
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _engine(url: str, part: str) -> Engine:
    if is_sqlite(url):
        path = sqlite_file(url, part)
        return create_engine("sqlite://", creator=lambda: _attached({part: path}))
    return create_engine(url)


def _attached(files: dict[str, Path]) -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:", isolation_level=None)
    for part, path in files.items():
        conn.execute("ATTACH DATABASE ? AS " + part, (str(path),))
    return conn


def stored_files(urls: dict[str, str]) -> dict[str, str]:
    """`part.table.key` → SHA-256 of every file stored in the parts' databases."""
    found: dict[str, str] = {}
    for part, name, key, column in STORED_FILES:
        if part not in urls or not _has_table(urls[part], part, name):
            continue
        engine = _engine(urls[part], part)
        try:
            with engine.connect() as conn:
                rows = conn.execute(select(text(key), text(column))
                                    .select_from(table(name, schema=part)))
                for row_key, content in rows:
                    if content is not None:
                        found[f"{part}.{name}.{row_key}"] = hashlib.sha256(content).hexdigest()
        finally:
            engine.dispose()
    return found


def store_files(store: Path | None) -> dict[str, str]:
    """`intake.files.<name>` → SHA-256 of every file in intake's content-addressed store."""
    if store is None or not store.is_dir():
        return {}
    return {STORE_KEY + path.name: sha256(path) for path in sorted(store.glob("??/??/*"))
            if path.is_file()}


def _copy_store(source: Path, destination: Path) -> None:
    """Every stored file of `source` (a store's layout) into `destination`, the same layout."""
    for path in source.glob("??/??/*"):
        if path.is_file():
            target = destination / path.relative_to(source)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)


def _has_table(url: str, part: str, name: str) -> bool:
    if is_sqlite(url) and not sqlite_file(url, part).exists():
        return False
    engine = _engine(url, part)
    try:
        return inspect(engine).has_table(name, schema=part)
    finally:
        engine.dispose()


def _revisions(url: str, part: str) -> list[str]:
    engine = _engine(url, part)
    try:
        with engine.connect() as conn:
            return sorted(conn.execute(select(text("version_num"))
                                       .select_from(table("alembic_version", schema=part)))
                          .scalars())
    finally:
        engine.dispose()


def holds_records(url: str, part: str) -> bool:
    """True when the part's schema holds a row a migration did not write itself."""
    if is_sqlite(url) and not sqlite_file(url, part).exists():
        return False
    engine = _engine(url, part)
    try:
        names = [n for n in inspect(engine).get_table_names(schema=part)
                 if n != "alembic_version" and (part, n) not in SEEDED]
        with engine.connect() as conn:
            return any(conn.execute(select(text("1")).select_from(table(n, schema=part))
                                    .limit(1)).first() for n in names)
    finally:
        engine.dispose()


def named_in_rows(urls: dict[str, str]) -> list[str]:
    """The SHA-256 of every material file intake's rows name in its store (not in a column)."""
    if "intake" not in urls or not _has_table(urls["intake"], "intake", "material"):
        return []
    engine = _engine(urls["intake"], "intake")
    try:
        with engine.connect() as conn:
            return sorted({str(sha) for (sha,) in conn.execute(
                select(text("sha256")).select_from(table("material", schema="intake"))
                .where(text("content IS NULL")))})
    finally:
        engine.dispose()


def backup(target: Path, urls: dict[str, str], store: Path | None = None,
           object_store: str | None = None) -> dict[str, Any]:
    """Write every part's schema, and intake's file `store`, into `target` (new or empty) with
    a manifest; return it. An `object_store` (s3://…) is listed in the manifest, not copied."""
    if target.exists() and any(target.iterdir()):
        raise BackupError(f"{target} is not empty; back up into a new folder.")
    target.mkdir(parents=True, exist_ok=True)
    sqlite_parts = {p: u for p, u in urls.items() if is_sqlite(u)}
    _backup_sqlite(target, sqlite_parts)
    postgres_parts = {p: u for p, u in urls.items() if not is_sqlite(u)}
    extensions = backup_postgres.dump(target, postgres_parts)
    if store is not None and store.is_dir():
        _copy_store(store, target / STORE_FOLDER)
    parts = {part: {"kind": "sqlite" if is_sqlite(url) else "postgresql",
                    "file": _file_name(part, url),
                    "sha256": sha256(target / _file_name(part, url)),
                    "revision": _revisions(url, part)}
             for part, url in urls.items()}
    manifest = {"format": 1, "created_at": now().isoformat(), "parts": parts,
                "postgres_extensions": extensions,
                "stored_files": stored_files(urls) | store_files(target / STORE_FOLDER)}
    if object_store:
        manifest["object_store"] = {
            "location": object_store, "sha256": named_in_rows(urls),
            "kept_by": "the object store's own versioning or replication (not copied here)"}
    (target / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False))
    return manifest


def _file_name(part: str, url: str) -> str:
    return f"{part}.db" if is_sqlite(url) else f"{part}.dump"


def _backup_sqlite(target: Path, urls: dict[str, str]) -> None:
    files = {p: sqlite_file(u, p) for p, u in urls.items()}
    missing = [str(f) for f in files.values() if not f.exists()]
    if missing:
        raise BackupError(f"No database at {', '.join(missing)}.")
    source = _attached(files)
    try:
        source.execute("BEGIN")  # one read transaction: every file as of the same moment
        for part in files:
            source.execute(f"SELECT count(*) FROM {part}.sqlite_master").fetchone()
        for part in files:
            copy = sqlite3.connect(target / f"{part}.db")
            try:
                source.backup(copy, name=part)
            finally:
                copy.close()
        source.execute("COMMIT")
    finally:
        source.close()


def restore(source: Path, urls: dict[str, str], *, force: bool = False,
            store: Path | None = None) -> dict[str, Any]:
    """Bring a backup into the parts' databases: refused over any record unless `force`; the
    files' hashes are checked before, the stored files' hashes after; then migrate to head."""
    manifest = _checked_manifest(source, urls)
    full = [p for p, u in urls.items() if holds_records(u, p)]
    if full and not force:
        raise BackupError(f"The installation is not empty ({', '.join(full)} hold records); "
                          "restore into an empty one, or pass --force to replace it.")
    for part, url in urls.items():
        file = source / manifest["parts"][part]["file"]
        if is_sqlite(url):
            _restore_sqlite(file, sqlite_file(url, part))
        else:
            backup_postgres.restore(file, url, part, manifest.get("postgres_extensions", []))
    if store is not None and (source / STORE_FOLDER).is_dir():
        _copy_store(source / STORE_FOLDER, store)
    saved: dict[str, str] = manifest["stored_files"]
    now_held = stored_files(urls) | store_files(store)
    changed = [k for k, h in saved.items() if now_held.get(k) != h]
    changed += [k for k in now_held if k not in saved and not k.startswith(STORE_KEY)]
    if changed:
        raise BackupError(f"Stored files differ from the manifest after restore: {changed[:5]}")
    for part, url in urls.items():
        migrations.upgrade(part, url)
    return manifest


def _checked_manifest(source: Path, urls: dict[str, str]) -> dict[str, Any]:
    try:
        manifest: dict[str, Any] = json.loads((source / MANIFEST).read_text())
    except (OSError, ValueError) as exc:
        raise BackupError(f"No readable {MANIFEST} in {source}: {exc}") from exc
    for part, url in urls.items():
        entry = manifest["parts"].get(part)
        if entry is None:
            raise BackupError(f"The backup holds no {part} schema.")
        if entry["kind"] != ("sqlite" if is_sqlite(url) else "postgresql"):
            raise BackupError(f"{part}: the backup is {entry['kind']}, the installation not.")
        file = source / entry["file"]
        if not file.exists() or sha256(file) != entry["sha256"]:
            raise BackupError(f"{file} is missing or does not match its SHA-256.")
    return manifest


def _restore_sqlite(file: Path, destination: Path) -> None:
    destination.parent.mkdir(parents=True, exist_ok=True)
    for leftover in (destination.with_name(destination.name + s) for s in ("-wal", "-shm")):
        if leftover.exists() and not destination.exists():
            leftover.unlink()
    saved, live = sqlite3.connect(file), sqlite3.connect(destination)
    try:
        saved.backup(live)  # page by page into the live file, through SQLite's own locking
    finally:
        saved.close()
        live.close()
