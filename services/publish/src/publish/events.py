"""The events publish applies: catalog's publications and cancellations."""

from kit.app import EventHandlers
from publish import service
from publish.schemas import CancelledEvent, PublishedEvent
from publish.statistics import service as statistics
from publish.statistics.schemas import ClosedEvent, RatedEvent

HANDLERS: EventHandlers = {
    "matter_version.published": (PublishedEvent, service.on_published),
    "matter.cancelled": (CancelledEvent, service.on_cancelled),
    "application.closed": (ClosedEvent, statistics.on_closed),
    "application.rated": (RatedEvent, statistics.on_rated),
}
