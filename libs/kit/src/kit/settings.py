"""Settings shared by every part; each part subclasses with its own env prefix."""

from typing import Any

from pydantic import AliasChoices, Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEVELOPMENT_SECRET = "onewindow-development-secret-change-me"
MIN_SECRET_BYTES = 32
MIN_AUDIT_RETENTION_DAYS = 180


class PartSettings(BaseSettings):
    """Settings every part reads: database, token secret, environment, log level."""

    model_config = SettingsConfigDict(extra="ignore", populate_by_name=True)

    env: str = Field("development", validation_alias=AliasChoices("ONEWINDOW_ENV"))
    token_secret: str = Field(
        DEVELOPMENT_SECRET, validation_alias=AliasChoices("ONEWINDOW_TOKEN_SECRET")
    )
    log_level: str = Field("INFO", validation_alias=AliasChoices("ONEWINDOW_LOG_LEVEL"))
    http_transport: str = Field(
        "aiohttp",
        validation_alias=AliasChoices("ONEWINDOW_HTTP_TRANSPORT"),
        description="Upstream HTTP transport between parts: aiohttp or httpx.",
    )
    relay_interval: float = Field(0.5, validation_alias=AliasChoices("ONEWINDOW_RELAY_INTERVAL"))
    audit_retention_days: int = Field(
        MIN_AUDIT_RETENTION_DAYS, ge=MIN_AUDIT_RETENTION_DAYS, le=36500,
        validation_alias=AliasChoices("ONEWINDOW_AUDIT_RETENTION_DAYS"),
        description="days audit entries are kept at least (Cybersecurity Law art. 21: ≥ 180)")

    @property
    def development(self) -> bool:
        """Only development mode may use the public secret, the demo password, plain cookies."""
        return self.env == "development"
    max_upload_mb: int = Field(
        20, ge=1, le=1024, validation_alias=AliasChoices("ONEWINDOW_MAX_UPLOAD_MB"),
        description="The largest request body a part accepts, counted as it streams (413 above).",
    )
    relay_max_attempts: int = Field(
        10, ge=1, validation_alias=AliasChoices("ONEWINDOW_RELAY_MAX_ATTEMPTS"),
        description="Answered failures after which the relay parks an event (a dead letter).")
    metrics_token: str | None = Field(
        None, validation_alias=AliasChoices("ONEWINDOW_METRICS_TOKEN"),
        description="Bearer token of the operator's Prometheus; unset: no /ops/metrics.")

    @model_validator(mode="after")
    def _refuse_placeholder_secret(self) -> "PartSettings":
        # Every part refuses on its own: no service falls back to the public secret.
        if self.development:
            return self
        if self.token_secret == DEVELOPMENT_SECRET:
            raise ValueError("ONEWINDOW_TOKEN_SECRET must be set outside development")
        if len(self.token_secret.encode()) < MIN_SECRET_BYTES:
            raise ValueError(f"ONEWINDOW_TOKEN_SECRET must hold at least {MIN_SECRET_BYTES} "
                             "bytes outside development")
        return self


def setting(default: Any, *names: str, description: str = "") -> Any:
    """A field read from the first of `names` that is set in the environment."""
    return Field(default, validation_alias=AliasChoices(*names), description=description)


def database_url_setting(prefix: str) -> Any:
    """The database URL of one part: `<PREFIX>DATABASE_URL`, else `ONEWINDOW_DATABASE_URL`."""
    return setting(
        "sqlite:///var",
        f"{prefix}DATABASE_URL",
        "ONEWINDOW_DATABASE_URL",
        description="SQLite: a folder holding one file per schema; PostgreSQL: the database.",
    )
