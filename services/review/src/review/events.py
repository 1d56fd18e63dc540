"""Events review applies, delivered once each through `POST /internal/events`."""

from typing import Any

from pydantic import ValidationError
from sqlalchemy.orm import Session

from kit.app import EventHandler
from kit.errors import Invalid
from review import service
from review.schemas import SubmittedVersion


def on_version_submitted(session: Session, payload: dict[str, Any]) -> None:
    """Open a review case for a version catalog has submitted."""
    try:
        submission = SubmittedVersion.model_validate(payload)
    except ValidationError as exc:
        errors = [{"loc": list(e["loc"]), "msg": e["msg"]} for e in exc.errors()]
        raise Invalid("matter_version.submitted payload is not valid.", errors=errors) from exc
    service.open_case(session=session, submission=submission)


HANDLERS: dict[str, EventHandler] = {"matter_version.submitted": on_version_submitted}
