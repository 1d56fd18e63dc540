"""The events publish applies: catalog's publications and cancellations."""

from kit.app import EventHandlers
from publish import service
from publish.schemas import CancelledEvent, PublishedEvent

HANDLERS: EventHandlers = {
    "matter_version.published": (PublishedEvent, service.on_published),
    "matter.cancelled": (CancelledEvent, service.on_cancelled),
}
