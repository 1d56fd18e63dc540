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
    portal: str = "http://localhost:8000"  # the public site, printed on documents
    correction_days: int = 30  # the applicant's correction period unless the matter sets one
    windows: dict[str, str] = field(default_factory=dict)  # the hall's: code → ticket letter
    yellow_share: float = 0.8  # a running case turns yellow once it used this share of its limit

    @classmethod
    def of(cls, settings: IntakeSettings) -> "Desk":
        """The desk the settings describe."""
        return cls(store=file_store(settings),
                   keys=IdentityKeys(settings.token_secret), zone=settings.zone_code,
                   limits=Limits(file=settings.max_file_mb * MB,
                                 application=settings.max_application_mb * MB),
                   portal=settings.portal_url, correction_days=settings.correction_days,
                   windows=settings.window_letters(), yellow_share=settings.yellow_share)



def file_store(settings: IntakeSettings) -> FileStore:
    """The store the settings name: S3-compatible object storage (`s3://bucket/prefix`) or a
    folder (embedded mode)."""
    if settings.object_store():
        # boto3 takes ~26 MB once imported: only a part that stores in S3 pays for it.
        from intake.filestore_s3 import S3Store

        return S3Store.of(settings.file_store, endpoint_url=settings.s3_endpoint_url,
                          access_key=settings.s3_access_key_id,
                          secret_key=settings.s3_secret_access_key, region=settings.s3_region)
    return DirectoryStore(settings.file_store_path())
