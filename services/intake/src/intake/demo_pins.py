"""Pinned copies of demo matter versions: intake's demo loads before the catalog's
publication events reach it, so the versions its demo cases are filed under are copied here
(the catalog's event later finds them and keeps them)."""

from datetime import UTC, datetime
from typing import Any

from sqlalchemy.orm import Session
from sqlmodel import col, select

from intake.models import MatterVersion
from kit.clock import now

PLANNING = ("11430100707230200T", "自然资源和规划局")
WINDOW = "planning"  # the hall's 规划建设窗口


def pinned(session: Session, *, code: str, version: int, name: str, limit: int,
           materials: list[str], required: int, result: str) -> MatterVersion:
    """The version as intake pinned it: the one there, or a copy of the demo zone's."""
    found = session.execute(select(MatterVersion).where(
        col(MatterVersion.implementation_code) == code,
        col(MatterVersion.version) == version)).scalar_one_or_none()
    if found is not None:
        return found
    listed: list[dict[str, Any]] = [
        {"name": m, "required": i < required, "form": "either", "originals": 1, "copies": 0,
         "source": "applicant", "legal_basis": [], "notes": None}
        for i, m in enumerate(materials)]
    document = {"implementation_code": code, "version": version, "name": name,
                "department": {"code": PLANNING[0], "name": PLANNING[1]}, "window": WINDOW,
                "service_objects": ["enterprise"], "materials": listed,
                "committed_limit": limit, "limit_unit": "working_day",
                "result": {"name": result, "type": "证照"}}
    row = MatterVersion(implementation_code=code, version=version, name=name,
                        department_code=PLANNING[0], department_name=PLANNING[1],
                        window=WINDOW, committed_limit=limit, limit_unit="working_day",
                        materials=listed,
                        document=document, published_at=datetime(2025, 3, 1, 9, tzinfo=UTC),
                        received_at=now())
    session.add(row)
    session.flush()
    return row
