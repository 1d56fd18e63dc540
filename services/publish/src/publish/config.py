"""Publish settings: environment variables PUBLISH_… and the shared ONEWINDOW_…."""

from kit.settings import PartSettings, database_url_setting


class PublishSettings(PartSettings):
    """What the publish service reads from its environment."""

    database_url: str = database_url_setting("PUBLISH_")
