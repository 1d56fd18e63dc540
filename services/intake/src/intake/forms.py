"""The multipart forms intake reads: request models that refuse fields they do not know."""

from fastapi import UploadFile
from pydantic import Field, ValidationError

from intake.identity import Applicant, Kind
from kit import limits
from kit.errors import invalid_from
from kit.types import Count, FormInput, Id

LINE = 200  # one particular of who applies, as typed


class MaterialsForm(FormInput):
    """Files and, for each, the index of the listed material it answers."""

    materials: list[UploadFile] = Field(description="the files, each at most 10 MB")
    slots: list[Count] | None = Field(
        default=None, description="for each file, the index of the listed material it answers "
                                  "(default: the files in the list's order)")


class ResubmitForm(MaterialsForm):
    """The multipart form of corrected materials."""


class PrecheckForm(MaterialsForm):
    """The material pre-check: the matter and the files not yet filed (none is fine)."""

    implementation_code: str = Field(min_length=1, max_length=limits.CODE)
    materials: list[UploadFile] = Field(default=[], description="the files, each at most 10 MB")


class ApplicationForm(MaterialsForm):
    """A new application: the matter, who applies, one file per listed material, for whom,
    a note, and whether to file with required materials missing."""

    implementation_code: str = Field(min_length=1, max_length=limits.CODE)
    on_behalf_of: str | None = Field(default=None, max_length=limits.USCC)
    project_item: Id | None = Field(default=None,
                                    description="the project's matter this application files")
    note: str | None = Field(default=None, max_length=2000)
    confirm_incomplete: bool = False
    kind: Kind | None = Field(default=None, description="person or enterprise")
    applicant_name: str | None = Field(default=None, max_length=LINE)
    id_number: str | None = Field(default=None, max_length=LINE)
    phone: str | None = Field(default=None, max_length=LINE)
    credit_code: str | None = Field(default=None, max_length=LINE)
    legal_representative: str | None = Field(default=None, max_length=LINE)

    def applicant(self) -> Applicant | None:
        """Who applies, when the filing says (the account itself otherwise)."""
        if self.kind is None:
            return None
        try:
            return Applicant(kind=self.kind, name=self.applicant_name or "",
                             id_number=self.id_number, phone=self.phone,
                             credit_code=self.credit_code,
                             legal_representative=self.legal_representative)
        except ValidationError as exc:
            raise invalid_from(exc, "The applicant's particulars are not valid.") from exc
