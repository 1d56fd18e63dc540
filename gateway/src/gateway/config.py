"""Gateway settings: GATEWAY_… and the shared ONEWINDOW_… variables."""

from pydantic import AliasChoices, Field

from kit.http import spread
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
    cookie_secure: bool | None = setting(
        None, "ONEWINDOW_COOKIE_SECURE",
        description="Secure session cookie named __Host-ow_session (needs HTTPS); "
                    "default: on outside development.")
    session_hours: float = setting(8.0, "ONEWINDOW_SESSION_HOURS",
                                   description="A session ends this long after sign-in.")
    session_idle_minutes: float = setting(
        30.0, "ONEWINDOW_SESSION_IDLE_MINUTES",
        description="A session ends after this long without a request.")
    sign_in_free_failures: int = setting(
        3, "ONEWINDOW_SIGN_IN_FREE_FAILURES",
        description="Failed sign-ins of an account before each next try must wait.")
    sign_in_lock_failures: int = setting(
        10, "ONEWINDOW_SIGN_IN_LOCK_FAILURES",
        description="Failed sign-ins of an account that lock it for a while.")
    sign_in_address_factor: int = setting(
        5, "ONEWINDOW_SIGN_IN_ADDRESS_FACTOR",
        description="An address may fail this many times more than one account.")
    sign_in_lock_minutes: float = setting(
        15.0, "ONEWINDOW_SIGN_IN_LOCK_MINUTES",
        description="How long a lock lasts; failures older than this are forgotten.")
    public_origin: str | None = setting(
        None, "ONEWINDOW_PUBLIC_ORIGIN",
        description="The site's origin as browsers see it (https://…), when a proxy in front "
                    "changes the Host header; writes from any other origin are refused.")
    sync_requests_per_minute: int = setting(600, "ONEWINDOW_SYNC_RATE_LIMIT")
    redis_url: str | None = setting(
        None, "ONEWINDOW_REDIS_URL",
        description="Redis the gateway's replicas share their request budgets in "
                    "(redis://host:6379/0); unset: one gateway counting in its own memory.")
    redis_prefix: str = setting(
        "onewindow", "ONEWINDOW_REDIS_PREFIX",
        description="The start of this platform's keys in Redis (zones sharing one Redis "
                    "each need their own).")
    lookups_per_minute: int = setting(
        20, "ONEWINDOW_LOOKUP_RATE_LIMIT",
        description="Public lookups (办件查询, document checks) one address may make a minute.")
    complaints_per_hour: int = setting(
        10, "ONEWINDOW_COMPLAINTS_PER_HOUR",
        description="Complaints one network address may file in any hour (a flood is 429).")
    hall_tickets_per_minute: int = setting(
        6, "ONEWINDOW_HALL_TICKET_RATE_LIMIT",
        description="Tickets (取号) one address may take in any minute, by page or API.")
    public_page_seconds: float = setting(
        10.0, "ONEWINDOW_PUBLIC_PAGE_SECONDS",
        description="An anonymous visitor's public page (a guide, a list, search, statistics) "
                    "is kept and served as rendered for this long (0: rendered every time).")
    public_page_stale_seconds: float = setting(
        60.0, "ONEWINDOW_PUBLIC_PAGE_STALE_SECONDS",
        description="Then served for this long more while it is rendered again behind.")
    public_page_mb: float = setting(
        32.0, "ONEWINDOW_PUBLIC_PAGE_MB",
        description="The most memory the kept public pages take (the least used go first).")
    api_key_days: int = Field(90, ge=1, le=366,
                              validation_alias=AliasChoices("ONEWINDOW_API_KEY_DAYS"),
                              description="days an issued API key stays valid (1–366)")

    @property
    def secure_cookies(self) -> bool:
        """Secure cookies unless said otherwise; plain ones by default in development only."""
        return not self.development if self.cookie_secure is None else self.cookie_secure

    @property
    def session_cookie(self) -> str:
        """The session cookie's name: `__Host-` binds a Secure cookie to this very host."""
        return "__Host-ow_session" if self.secure_cookies else "ow_session"

    def service_bases(self, service: str) -> str:
        """The base URL of one of the four services as set: its replicas, comma-separated."""
        return {"catalog": self.catalog_url, "intake": self.intake_url,
                "review": self.review_url, "publish": self.publish_url}[service]

    def service_url(self, service: str) -> str:
        """The base URL of one of the four services (its replicas in turn)."""
        return spread(self.service_bases(service))
