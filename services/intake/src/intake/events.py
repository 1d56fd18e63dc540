"""Events intake receives from catalog, applied once each by kit's events router."""

from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from sqlalchemy.orm import Session

from intake import matters
from intake.schemas import MatterCancelled, MatterPublished
from kit.app import EventHandler
from kit.errors import Invalid

M = TypeVar("M", bound=BaseModel)


def parse(model: type[M], payload: dict[str, Any]) -> M:
    """The payload read as `model`; 422 with the reasons when it does not fit."""
    try:
        return model.model_validate(payload)
    except ValidationError as exc:
        errors = [{"loc": list(e["loc"]), "msg": e["msg"]} for e in exc.errors()]
        raise Invalid(f"payload is not a valid {model.__name__}", errors=errors) from exc


def on_published(session: Session, payload: dict[str, Any]) -> None:
    """`matter_version.published`: pin the version and put it in force."""
    published = parse(MatterPublished, payload)
    matters.store_published(session, document=published.matter, original=payload["matter"])


def on_cancelled(session: Session, payload: dict[str, Any]) -> None:
    """`matter.cancelled`: no new applications for this matter."""
    matters.cancel(session, cancelled=parse(MatterCancelled, payload))


HANDLERS: dict[str, EventHandler] = {
    "matter_version.published": on_published,
    "matter.cancelled": on_cancelled,
}
