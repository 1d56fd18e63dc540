"""Events intake receives from catalog and review, applied once each by kit's events router."""

from intake import joint, matters
from intake.joint_schemas import SignOffAnswered, SignOffOverdue
from intake.schemas import MatterCancelled, MatterPublished
from kit.app import EventHandlers

HANDLERS: EventHandlers = {
    "matter_version.published": (MatterPublished, matters.on_published),
    "matter.cancelled": (MatterCancelled, matters.on_cancelled),
    "signoff.answered": (SignOffAnswered, joint.on_answered),
    "signoff.overdue": (SignOffOverdue, joint.on_overdue),
}
