"""Databases with the demo zone loaded, copied from one made once per run: migrating every part
and loading the demo (a year of history) takes minutes, a copy takes a second.

PostgreSQL copies with `CREATE DATABASE … TEMPLATE`; SQLite copies the folder of files.
"""

import shutil
import tempfile
from pathlib import Path

import psycopg
from sqlalchemy.engine import make_url

from gateway.cli import load_demo, migrate
from tests.conftest import POSTGRES_URL, require_postgres, scratch_postgres

_MADE: dict[str, str] = {}  # "postgres" → template database name; "sqlite" → folder


def demo_postgres(suffix: str) -> str:
    """A PostgreSQL database of its own (`<test database>_<suffix>`), migrated, with the demo."""
    require_postgres()
    url = make_url(POSTGRES_URL)
    if "postgres" not in _MADE:
        template = scratch_postgres("demo_template")
        migrate(template)
        load_demo(template)
        _MADE["postgres"] = make_url(template).database or ""
    name = f"{url.database}_{suffix}"
    admin = url.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{_MADE["postgres"]}"')
    return url.set(database=name).render_as_string(hide_password=False)


def demo_sqlite(folder: Path) -> str:
    """A folder of SQLite files (`folder`, made or emptied), migrated, with the demo."""
    if "sqlite" not in _MADE:
        template = tempfile.mkdtemp(prefix="onewindow-demo-")
        migrate(f"sqlite:///{template}")
        load_demo(f"sqlite:///{template}")
        _MADE["sqlite"] = template
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(_MADE["sqlite"], folder)
    return f"sqlite:///{folder}"
