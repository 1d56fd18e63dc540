"""The catalog's blank forms and samples as the editor's pages use them."""

from gateway.clients.base import Answer, Link, read

SERVICE = "catalog"
API = "/api/catalog/v1/material-files"


class MaterialFile(Answer):
    """An uploaded blank form or sample: the reference a material's field holds."""

    reference: str
    file_name: str
    size: int
    download: str


async def upload(link: Link, filename: str, content: bytes, content_type: str) -> MaterialFile:
    """Keep a blank form or sample (PDF, DOCX or XLSX) in the catalog."""
    return await read(link, MaterialFile, SERVICE, API, method="POST",
                      files={"file": (filename, content, content_type)})
