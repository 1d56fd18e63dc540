"""What the document and progress tests share: the text of a PDF, a case moved by hand."""

import io
from typing import Any

import pypdf
from fastapi.testclient import TestClient

from intake.history import transition
from intake.models import Application
from kit.db import Database
from tests.intake.conftest import API


def pdf_text(content: bytes) -> str:
    """The text a reader extracts from a PDF (a CJK font that is really embedded reads back;
    tofu would not), lines joined: a wrapped paragraph reads as one."""
    assert content.startswith(b"%PDF-")
    pages = pypdf.PdfReader(io.BytesIO(content)).pages
    return "".join(page.extract_text() for page in pages).replace("\n", "")


def documents(client: TestClient, application_id: int, headers: dict[str, str]) -> Any:
    """The documents of a case as `headers` lists them."""
    response = client.get(f"{API}/applications/{application_id}/documents", headers=headers)
    assert response.status_code == 200, response.text
    return response.json()


def moved(db_url: str, application_id: int, to_state: str, **details: Any) -> None:
    """Move a case to `to_state` the way every state change goes (history.transition), for
    the states no endpoint reaches yet (不予受理)."""
    db = Database(db_url, "intake")
    with db.session() as session:
        application = session.get(Application, application_id)
        assert application is not None
        transition(session, application, action="not_accept", actor="clerk-zhao",
                   to_state=to_state, details=details)
