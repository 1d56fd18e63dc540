"""What the API answers about an uploaded blank form or sample."""

from pydantic import BaseModel


class MaterialFileRead(BaseModel):
    """An uploaded file: the reference to put in a material's `blank_form` or `sample`, and
    where it downloads."""

    reference: str
    sha256: str
    file_name: str
    content_type: str
    size: int
    download: str
