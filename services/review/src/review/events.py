"""Events review applies, delivered once each through `POST /internal/events`."""

from kit.app import EventHandlers
from review import service
from review.schemas import SubmittedVersion
from review.signoffs import service as signoffs
from review.signoffs.schemas import JointOpened

HANDLERS: EventHandlers = {
    "matter_version.submitted": (SubmittedVersion, service.on_version_submitted),
    "application.joint_opened": (JointOpened, signoffs.on_joint_opened),
}
