"""What a department has to do, and closing a provincial anomaly (no FastAPI)."""

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlmodel import col

from catalog.legal.changes import revision_tasks
from catalog.models import Matter, MatterVersion, audit
from catalog.sync.models import Anomaly
from kit.audit import record
from kit.errors import NotFound


def department_todo(*, session: Session, department: str | None) -> dict[str, Any]:
    """Open anomalies, returned versions and legal-basis revision tasks of a department (all
    departments for None)."""
    anomalies = (select(Anomaly).where(col(Anomaly.status) == "open")
                 .order_by(col(Anomaly.received_at)))
    returned = (select(Matter, MatterVersion)
                .join(MatterVersion, col(MatterVersion.matter_id) == Matter.id)
                .where(col(MatterVersion.state) == "returned")
                .order_by(col(MatterVersion.updated_at)))
    if department is not None:
        anomalies = anomalies.where(col(Anomaly.department_code) == department)
        returned = returned.where(col(Matter.department_code) == department)
    return {
        "anomalies": [a.model_dump(mode="json") for a in session.scalars(anomalies)],
        "returned": [{"implementation_code": m.implementation_code, "name": m.name,
                      "version": v.version, "feedback": v.feedback}
                     for m, v in session.execute(returned).tuples()],
        "revisions": revision_tasks(session=session, department=department),
    }


def resolve_anomaly(*, session: Session, anomaly_id: str, answer: str, actor: str,
                    department: str | None) -> Anomaly:
    """Close an anomaly with a written answer (or a reference to the new version)."""
    anomaly = session.get(Anomaly, anomaly_id)
    if anomaly is None or (department is not None and anomaly.department_code != department):
        raise NotFound(f"No anomaly {anomaly_id!r} is visible to you.")
    before = anomaly.model_dump(mode="json")
    anomaly.status, anomaly.resolution = "resolved", answer
    session.flush()
    record(session, audit, actor=actor, action="anomaly.resolved", entity="anomaly",
           entity_id=anomaly_id, before=before, after=anomaly.model_dump(mode="json"))
    return anomaly
