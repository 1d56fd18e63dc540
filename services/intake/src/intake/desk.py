"""What filing needs beside the database: the file store, the identity keys, zone and limits."""

from dataclasses import dataclass, field

from intake.config import IntakeSettings
from intake.filestore import DirectoryStore, FileStore
from intake.identity import IdentityKeys
from intake.precheck import Limits

MB = 1024 * 1024


@dataclass(frozen=True)
class Desk:
    """The intake's filing desk, built once per app from its settings."""

    store: FileStore
    keys: IdentityKeys
    zone: str
    limits: Limits
    windows: dict[str, str] = field(default_factory=dict)  # the hall's: code → ticket letter

    @classmethod
    def of(cls, settings: IntakeSettings) -> "Desk":
        """The desk the settings describe (the directory store in embedded mode)."""
        return cls(store=DirectoryStore(settings.file_store_path()),
                   keys=IdentityKeys(settings.token_secret), zone=settings.zone_code,
                   limits=Limits(file=settings.max_file_mb * MB,
                                 application=settings.max_application_mb * MB),
                   windows=settings.window_letters())

