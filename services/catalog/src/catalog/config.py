"""Catalog settings: environment variables CATALOG_… and the shared ONEWINDOW_…."""

from kit.http import spread
from kit.settings import PartSettings, database_url_setting, setting


class CatalogSettings(PartSettings):
    """What the catalog service reads from its environment."""

    database_url: str = database_url_setting("CATALOG_")
    review_url: str = setting("http://review", "ONEWINDOW_REVIEW_URL")
    publish_url: str = setting("http://publish", "ONEWINDOW_PUBLISH_URL")
    intake_url: str = setting("http://intake", "ONEWINDOW_INTAKE_URL")

    def destination_url(self, destination: str) -> str:
        """The base URL of a part this service sends events to (its replicas in turn)."""
        return spread({"review": self.review_url, "publish": self.publish_url,
                       "intake": self.intake_url}[destination])
