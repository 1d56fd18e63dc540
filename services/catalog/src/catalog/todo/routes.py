"""The department's to-do list and the answers that close its provincial anomalies."""

from typing import Any

from fastapi import APIRouter

from catalog.access import Editor, Staff, visible_department
from catalog.todo import service
from catalog.todo.schemas import AnomalyRead, AnomalyResolution, TodoList
from kit.app import SessionDep

router = APIRouter(prefix="/api/catalog/v1", tags=["catalog"])


@router.get("/todo", response_model=TodoList)
def todo(session: SessionDep, actor: Staff) -> Any:
    """The to-do list: provincial anomalies, legal-basis revisions, returned reviews."""
    return service.department_todo(session=session, department=visible_department(actor))


@router.post("/anomalies/{anomaly_id}/resolve", response_model=AnomalyRead)
def resolve_anomaly(anomaly_id: str, body: AnomalyResolution, session: SessionDep,
                    actor: Editor) -> Any:
    """Close a provincial anomaly with a written answer."""
    return service.resolve_anomaly(session=session, anomaly_id=anomaly_id, answer=body.answer,
                                   actor=actor.sub, department=visible_department(actor))
