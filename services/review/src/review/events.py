"""Events review applies, delivered once each through `POST /internal/events`."""

from kit.app import EventHandlers
from review import assignments, reviewers
from review.person_schemas import AccountChanged
from review.schemas import SubmittedVersion
from review.signoffs import service as signoffs
from review.signoffs.schemas import JointOpened

HANDLERS: EventHandlers = {
    # Opens the case (service.open_case), then hands out the parts the rules can.
    "matter_version.submitted": (SubmittedVersion, assignments.on_version_submitted),
    "account.changed": (AccountChanged, reviewers.on_account_changed),
    "application.joint_opened": (JointOpened, signoffs.on_joint_opened),
}
