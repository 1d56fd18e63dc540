"""Intake settings: environment variables INTAKE_… and the shared ONEWINDOW_…."""

from kit.settings import PartSettings, database_url_setting, setting


class IntakeSettings(PartSettings):
    """What the intake service reads from its environment."""

    database_url: str = database_url_setting("INTAKE_")
    publish_url: str = setting("http://publish", "ONEWINDOW_PUBLISH_URL")

    def destination_url(self, destination: str) -> str:
        """The base URL of a part this service sends events to."""
        return {"publish": self.publish_url}[destination]
