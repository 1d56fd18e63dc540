"""Publish settings: environment variables PUBLISH_… and the shared ONEWINDOW_…."""

from pydantic import AliasChoices, Field

from kit.settings import PartSettings, database_url_setting


class PublishSettings(PartSettings):
    """What the publish service reads from its environment."""

    database_url: str = database_url_setting("PUBLISH_")
    report_interval: float = Field(
        60.0, ge=0.05, le=86400, validation_alias=AliasChoices("PUBLISH_REPORT_INTERVAL"),
        description="Seconds between the reports loop's rounds (archive the period just ended).")
