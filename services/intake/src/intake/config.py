"""Intake settings: environment variables INTAKE_… and the shared ONEWINDOW_…."""

from pathlib import Path

from sqlalchemy.engine import make_url

from kit.http import spread
from kit.settings import PartSettings, database_url_setting, setting


class IntakeSettings(PartSettings):
    """What the intake service reads from its environment."""

    database_url: str = database_url_setting("INTAKE_")
    publish_url: str = setting("http://publish", "ONEWINDOW_PUBLISH_URL")
    review_url: str = setting("http://review", "ONEWINDOW_REVIEW_URL")
    zone_code: str = setting("430103", "INTAKE_ZONE_CODE", "ONEWINDOW_ZONE_CODE",
                             description="Administrative division code heading each 办件编号.")
    file_store: str = setting(
        "", "INTAKE_FILE_STORE", "ONEWINDOW_INTAKE_FILE_STORE", "ONEWINDOW_FILE_STORE",
        description="Where the content-addressed material files live: a folder (default: "
                    "`intake-files` in the SQLite folder, else var/intake-files), or "
                    "`s3://bucket/prefix` on S3-compatible object storage.")
    s3_endpoint_url: str = setting("", "INTAKE_S3_ENDPOINT_URL", "ONEWINDOW_S3_ENDPOINT_URL",
                                   description="The S3-compatible service (e.g. MinIO's "
                                               "http://minio:9000); empty: AWS S3.")
    s3_access_key_id: str = setting("", "INTAKE_S3_ACCESS_KEY_ID", "AWS_ACCESS_KEY_ID",
                                    description="The object store's access key.")
    s3_secret_access_key: str = setting("", "INTAKE_S3_SECRET_ACCESS_KEY",
                                        "AWS_SECRET_ACCESS_KEY",
                                        description="The object store's secret key.")
    s3_region: str = setting("us-east-1", "INTAKE_S3_REGION", "AWS_REGION",
                             description="The object store's region.")
    portal_url: str = setting(
        "http://localhost:8000", "INTAKE_PORTAL_URL", "ONEWINDOW_PUBLIC_ORIGIN",
        description="The public site's address printed on documents (办件查询, 文书核验).")
    render_every_seconds: float = setting(
        10.0, "INTAKE_RENDER_EVERY_SECONDS",
        description="How often issued documents waiting for their PDF are rendered.")
    max_file_mb: int = setting(10, "INTAKE_MAX_FILE_MB",
                               description="Largest material file accepted.")
    max_application_mb: int = setting(20, "INTAKE_MAX_APPLICATION_MB",
                                      description="Largest total of one application's files.")
    supervisors: str = setting(
        "supervisor," + ",".join(f"supervisor{n}" for n in range(2, 11)), "INTAKE_SUPERVISORS",
        description="The 监督投诉 window's roster: the account names of the supervisors who "
                    "handle complaints, comma-separated (default: the demo zone's ten).")

    def roster(self) -> tuple[str, ...]:
        """The supervisors complaints are assigned to, in roster order."""
        return tuple(dict.fromkeys(s.strip() for s in self.supervisors.split(",") if s.strip()))
    correction_days: int = setting(
        30, "INTAKE_CORRECTION_DAYS",
        description="The applicant's correction period (补正期限) in calendar days, unless the "
                    "matter sets its own.")

    yellow_share: float = setting(
        0.8, "INTAKE_YELLOW_SHARE",
        description="Electronic supervision: a running case turns yellow once it has used this "
                    "share of its committed limit's days (red once overdue).")

    hall_windows: str = setting(
        "investment:A,planning:B,industry:C,social:D,supervision:E", "INTAKE_HALL_WINDOWS",
        description="The hall's windows that give tickets (取号), each `code:letter`; the "
                    "letter heads the window's ticket numbers (A012).")

    def window_letters(self) -> dict[str, str]:
        """Each ticket-giving window's code and the letter of its tickets."""
        pairs = (item.split(":", 1) for item in self.hall_windows.split(",") if ":" in item)
        return {code.strip(): letter.strip().upper()[:2] for code, letter in pairs}

    def destination_url(self, destination: str) -> str:
        """The base URL of a part this service sends events to (its replicas in turn)."""
        return spread({"publish": self.publish_url, "review": self.review_url}[destination])

    def object_store(self) -> bool:
        """True when the files live on S3-compatible object storage."""
        return self.file_store.startswith("s3://")

    def file_store_path(self) -> Path:
        """Where the material files live (a folder store)."""
        if self.file_store:
            return Path(self.file_store)
        url = make_url(self.database_url)
        folder = url.database if url.get_backend_name() == "sqlite" and url.database else "var"
        return Path(folder) / "intake-files"
