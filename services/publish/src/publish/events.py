"""The events publish applies: catalog's publications and cancellations."""

from kit.app import EventHandlers
from publish import service
from publish.progress import service as progress
from publish.progress import workload
from publish.progress.schemas import StateChangedEvent, WorkloadEvent
from publish.schemas import CancelledEvent, PublishedEvent
from publish.statistics import service as statistics
from publish.statistics.schemas import ClosedEvent, RatedEvent

HANDLERS: EventHandlers = {
    "matter_version.published": (PublishedEvent, service.on_published),
    "matter.cancelled": (CancelledEvent, service.on_cancelled),
    "application.closed": (ClosedEvent, statistics.on_closed),
    "application.rated": (RatedEvent, statistics.on_rated),
    "matter_version.state_changed": (StateChangedEvent, progress.on_state_changed),
    "review.workload": (WorkloadEvent, workload.on_workload),
}
