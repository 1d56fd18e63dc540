"""What catalog's linter counted in each published version (vague and catch-all clauses)."""

from sqlmodel import Field

from publish.models import PublishTable


class VersionLint(PublishTable, table=True):
    """The clause counts sent with one published version (absent from older events)."""

    __tablename__ = "version_lint"

    implementation_code: str = Field(primary_key=True, max_length=50)
    version: int = Field(primary_key=True)
    vague_clauses: int
    catch_all_clauses: int
