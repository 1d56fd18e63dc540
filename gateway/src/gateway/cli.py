"""`python -m gateway migrate|demo|serve|all|audit-verify|audit-prune|backup DIR|restore DIR`:
set up, run, check and back up the platform."""

import argparse
import importlib
import os
import sys
from datetime import timedelta
from pathlib import Path

import uvicorn
from sqlalchemy import MetaData

from gateway import demo_cases, demo_joint, demo_review
from gateway.config import SERVICES, GatewaySettings
from kit import audit, migrations
from kit.clock import now
from kit.db import Database

PARTS = (*SERVICES, "gateway")


def migrate(url: str, parts: tuple[str, ...] = PARTS, runtime_role: str | None = None,
            runtime_password: str | None = None) -> None:
    """Bring every part's schema to the latest migration; on PostgreSQL, grant the services'
    runtime role what it may do (insert into and read the audit trail, no more)."""
    for part in parts:
        migrations.upgrade(part, url)
        if runtime_role:
            migrations.grant_runtime(part, url, runtime_role, runtime_password)


def load_demo(url: str, parts: tuple[str, ...] = PARTS) -> None:
    """Load each part's demo data (once; loading again changes nothing)."""
    for part in parts:
        demo = importlib.import_module(f"{part}.demo")
        db = Database(url, part)
        try:
            with db.session() as session:
                loaded = demo.load(session)
            print(f"demo data {part}: {'loaded' if loaded else 'already present'}")
        finally:
            db.dispose()


def verify_audit(url: str, parts: tuple[str, ...] = PARTS) -> bool:
    """Check every part's audit chain; print each result; False at the first broken one."""
    for part in parts:
        db = Database(url, part)
        try:
            with db.session(write=False) as session:
                count, broken = audit.verify(session, audit.audit_table(MetaData(schema=part)))
        finally:
            db.dispose()
        if broken:
            print(f"{part}.audit_entry: entry {broken.entry_id} is broken: {broken.reason}")
            return False
        print(f"{part}.audit_entry: {count} entries, the chain holds")
    return True


def prune_audit(url: str, days: int, parts: tuple[str, ...] = PARTS) -> None:
    """Remove audit entries older than `days` (the retention) from every part's trail; run as
    the schemas' owner (the migrate step's role), never as the services'."""
    before = now() - timedelta(days=days)
    for part in parts:
        db = Database(url, part)
        try:
            with db.session() as session:
                removed = audit.prune(session, audit.audit_table(MetaData(schema=part)),
                                      before=before, actor="retention")
        finally:
            db.dispose()
        print(f"{part}.audit_entry: {removed} entries older than {days} days removed")


def part_urls(parts: tuple[str, ...] = PARTS) -> dict[str, str]:
    """Each part's database URL, as that part reads it (`<PART>_DATABASE_URL` or the shared)."""
    urls = {}
    for part in parts:
        module = "gateway.config" if part == "gateway" else f"{part}.config"
        settings_class = getattr(importlib.import_module(module), f"{part.capitalize()}Settings")
        urls[part] = settings_class().database_url
    return urls


def file_store(parts: tuple[str, ...]) -> Path | None:
    """Intake's file store folder, where intake itself keeps the material files (None when
    they are on object storage)."""
    if "intake" not in parts:
        return None
    settings = importlib.import_module("intake.config").IntakeSettings()
    return None if settings.object_store() else Path(settings.file_store_path())


def object_store(parts: tuple[str, ...]) -> str | None:
    """Intake's object store (s3://bucket/prefix), when it keeps its files there."""
    if "intake" not in parts:
        return None
    settings = importlib.import_module("intake.config").IntakeSettings()
    return str(settings.file_store) if settings.object_store() else None


def backup_or_restore(command: str, folder: str | None, parts: tuple[str, ...],
                      force: bool) -> None:
    """`backup DIR` or `restore DIR [--force]`; a refusal is one line on stderr, exit 1."""
    from gateway import backup

    if not folder:
        sys.exit(f"{command} needs a folder: python -m gateway {command} DIR")
    try:
        if command == "backup":
            manifest = backup.backup(Path(folder), part_urls(parts), file_store(parts),
                                     object_store(parts))
        else:
            manifest = backup.restore(Path(folder), part_urls(parts), force=force,
                                      store=file_store(parts))
    except (backup.BackupError, backup.backup_postgres.ToolError) as refused:
        sys.exit(f"{command} refused: {refused}")
    done = "written to" if command == "backup" else "restored from"
    print(f"{', '.join(manifest['parts'])} {done} {folder} "
          f"({len(manifest['stored_files'])} stored files)")


def serve(host: str, port: int) -> None:
    uvicorn.run("gateway.main:create_app", factory=True, host=host, port=port,
                log_config=None, proxy_headers=False)


def main() -> None:
    parser = argparse.ArgumentParser(prog="onewindow")
    parser.add_argument("command", choices=["migrate", "demo", "serve", "all", "audit-verify",
                                            "audit-prune", "backup", "restore"])
    parser.add_argument("folder", nargs="?", help="backup and restore: the backup's folder")
    parser.add_argument("--force", action="store_true",
                        help="restore: replace an installation that holds records")
    parser.add_argument("--parts", default=",".join(PARTS),
                        help="comma-separated parts (distributed mode migrates per part)")
    parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
    args = parser.parse_args()
    settings = GatewaySettings()
    url = settings.database_url
    parts = tuple(p for p in args.parts.split(",") if p)
    if args.command == "audit-verify":
        sys.exit(0 if verify_audit(url, parts) else 1)
    if args.command == "audit-prune":
        prune_audit(url, settings.audit_retention_days, parts)
    if args.command in ("backup", "restore"):
        backup_or_restore(args.command, args.folder, parts, args.force)
        return
    if args.command in ("migrate", "all"):
        migrate(url, parts, os.environ.get("ONEWINDOW_RUNTIME_ROLE") or None,
                os.environ.get("ONEWINDOW_RUNTIME_PASSWORD") or None)
    if args.command in ("demo", "all"):
        load_demo(url, parts)
    if args.command in ("serve", "all"):
        if settings.development and os.environ.get("ONEWINDOW_DEMO_CASES", "1") != "0":
            host = "127.0.0.1" if args.host in ("0.0.0.0", "::") else args.host
            url = f"http://{host}:{args.port}"
            demo_cases.in_background("demo-cases", demo_cases.file_cases, url)
            demo_cases.in_background("demo-joint", demo_joint.file_case, url)
            demo_cases.in_background("demo-review", demo_review.review_cases, url)
        serve(args.host, args.port)


if __name__ == "__main__":
    main()
