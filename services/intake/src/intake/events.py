"""Events intake receives from catalog, applied once each by kit's events router."""

from intake import matters
from intake.schemas import MatterCancelled, MatterPublished
from kit.app import EventHandlers

HANDLERS: EventHandlers = {
    "matter_version.published": (MatterPublished, matters.on_published),
    "matter.cancelled": (MatterCancelled, matters.on_cancelled),
}
