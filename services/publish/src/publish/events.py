"""The events publish applies: catalog's publications and cancellations."""

from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from sqlalchemy.orm import Session

from kit.app import EventHandler
from kit.errors import Invalid
from publish import service
from publish.schemas import CancelledEvent, PublishedEvent

Payload = TypeVar("Payload", bound=BaseModel)


def parse(model: type[Payload], payload: dict[str, Any]) -> Payload:
    """The payload as `model`; 422 (so the sender keeps it and retries) when it does not fit."""
    try:
        return model.model_validate(payload)
    except ValidationError as exc:
        errors = [{"loc": list(e["loc"]), "msg": e["msg"]} for e in exc.errors()]
        raise Invalid(f"{model.__name__} payload is not valid.", errors=errors) from exc


def on_published(session: Session, payload: dict[str, Any]) -> None:
    """`matter_version.published`: a new version joins the lists (or history, if older)."""
    event = parse(PublishedEvent, payload)
    service.apply_publication(session=session, matter=event.matter, document=payload["matter"])


def on_cancelled(session: Session, payload: dict[str, Any]) -> None:
    """`matter.cancelled`: the matter leaves the lists and stays in history as cancelled."""
    service.apply_cancellation(session=session, event=parse(CancelledEvent, payload))


HANDLERS: dict[str, EventHandler] = {
    "matter_version.published": on_published,
    "matter.cancelled": on_cancelled,
}
