"""A part built from kit alone, on the publish schema the migrations made (any part's would do:
every part has the kit's inbox and audit tables)."""

from typing import Any

from sqlalchemy import MetaData, Table, select

from kit.audit import audit_table
from kit.db import Database
from kit.outbox import inbox_table
from kit.settings import PartSettings

PART = "publish"
inbox = inbox_table(MetaData(schema=PART))
audit = audit_table(MetaData(schema=PART))


class Settings(PartSettings):
    """The settings a part built from kit reads."""

    database_url: str


def rows(db_url: str, table: Table) -> list[Any]:
    """Every row of one of the part's tables."""
    db = Database(db_url, PART)
    try:
        with db.session(write=False) as session:
            return list(session.execute(select(table)).all())
    finally:
        db.dispose()

