"""Review settings: environment variables REVIEW_… and the shared ONEWINDOW_…."""

from pydantic import AliasChoices, Field

from kit.http import spread
from kit.settings import PartSettings, database_url_setting, setting


class ReviewSettings(PartSettings):
    """What the review service reads from its environment."""

    database_url: str = database_url_setting("REVIEW_")
    catalog_url: str = setting("http://catalog", "ONEWINDOW_CATALOG_URL")
    round_working_days: int = Field(
        5, ge=1, le=60, validation_alias=AliasChoices("REVIEW_ROUND_WORKING_DAYS"),
        description="A review round's deadline in working days from the day the case arrives.")
    remind_working_days: int = Field(
        1, ge=0, le=20, validation_alias=AliasChoices("REVIEW_REMIND_WORKING_DAYS"),
        description="A round is 'due soon' this many working days (or fewer) before its end.")
    intake_url: str = setting("http://intake", "ONEWINDOW_INTAKE_URL")
    publish_url: str = setting("http://publish", "ONEWINDOW_PUBLISH_URL")

    def destination_url(self, destination: str) -> str:
        """The base URL of a part this service sends events to (its replicas in turn)."""
        return spread({"catalog": self.catalog_url, "intake": self.intake_url,
                       "publish": self.publish_url}[destination])
