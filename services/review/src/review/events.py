"""Events review applies, delivered once each through `POST /internal/events`."""

from kit.app import EventHandlers
from review import service
from review.schemas import SubmittedVersion

HANDLERS: EventHandlers = {
    "matter_version.submitted": (SubmittedVersion, service.on_version_submitted),
}
