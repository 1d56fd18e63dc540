"""Review settings: environment variables REVIEW_… and the shared ONEWINDOW_…."""

from kit.settings import PartSettings, database_url_setting, setting


class ReviewSettings(PartSettings):
    """What the review service reads from its environment."""

    database_url: str = database_url_setting("REVIEW_")
    catalog_url: str = setting("http://catalog", "ONEWINDOW_CATALOG_URL")
    intake_url: str = setting("http://intake", "ONEWINDOW_INTAKE_URL")

    def destination_url(self, destination: str) -> str:
        """The base URL of a part this service sends events to."""
        return {"catalog": self.catalog_url, "intake": self.intake_url}[destination]
