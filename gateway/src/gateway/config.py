"""Gateway settings: GATEWAY_… and the shared ONEWINDOW_… variables."""

from kit.settings import PartSettings, database_url_setting, setting

SERVICES = ("catalog", "intake", "review", "publish")


class GatewaySettings(PartSettings):
    """What the gateway reads from its environment."""

    database_url: str = database_url_setting("GATEWAY_")
    mode: str = setting("embedded", "ONEWINDOW_MODE",
                        description="embedded: mount the four services in this process; "
                                    "distributed: call them at their *_URL")
    catalog_url: str = setting("http://catalog", "ONEWINDOW_CATALOG_URL")
    intake_url: str = setting("http://intake", "ONEWINDOW_INTAKE_URL")
    review_url: str = setting("http://review", "ONEWINDOW_REVIEW_URL")
    publish_url: str = setting("http://publish", "ONEWINDOW_PUBLISH_URL")
    provincial_api_key: str | None = setting(None, "ONEWINDOW_PROVINCIAL_API_KEY")
    cookie_secure: bool = setting(False, "ONEWINDOW_COOKIE_SECURE",
                                  description="Mark the session cookie Secure (needs HTTPS).")
    session_hours: float = setting(8.0, "ONEWINDOW_SESSION_HOURS")
    sync_requests_per_minute: int = setting(600, "ONEWINDOW_SYNC_RATE_LIMIT")

    def service_url(self, service: str) -> str:
        """The base URL of one of the four services."""
        return {"catalog": self.catalog_url, "intake": self.intake_url,
                "review": self.review_url, "publish": self.publish_url}[service]
