"""Each material in its slot, its type read from its bytes; refused files never stored; files in
a content-addressed store, checked on every download."""

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from intake import filing
from tests.intake import files
from tests.intake.conftest import API, APPLICANT, CLERK, CODE, file_application, publish


def slotted(*entries: tuple[int, str, bytes, str]) -> tuple[list[tuple], list[str]]:
    """Multipart files and their slots: (slot, name, bytes, declared type) each."""
    return ([("materials", (name, content, declared)) for _, name, content, declared in entries],
            [str(slot) for slot, *_ in entries])


def stored(file_store: Path) -> list[Path]:
    """The files in the store."""
    return [p for p in file_store.glob("??/??/*") if p.is_file()]


@pytest.mark.parametrize(("name", "content", "problem"), [
    ("申请表.pdf", files.EXE, "executable"),
    ("申请表.pdf", files.HTML, "markup"),
    ("示意图.svg", files.SVG, "markup"),
    ("合同.zip", files.ZIP_BOMB, "archive"),
    ("合同.pdf", files.ENCRYPTED_PDF, "encrypted"),
    ("说明.pdf", b"just some text named pdf", "type"),
])
def test_a_dangerous_or_unreadable_file_is_refused_by_its_content_and_never_stored(
        published: TestClient, file_store: Path, name: str, content: bytes,
        problem: str) -> None:
    multipart, slots = slotted((0, "申请表.pdf", files.PDF, "application/pdf"),
                               (1, name, content, "application/pdf"))
    refused = file_application(published, files=multipart, slots=slots)
    assert refused.status_code == 415, refused.text
    body = refused.json()
    assert "Nothing was stored" in body["detail"]
    assert [e["type"] for e in body["errors"] if e["file"] == name] == [problem]
    assert published.get(f"{API}/applications", headers=CLERK).json() == []
    assert stored(file_store) == []


def test_pdf_jpeg_png_and_ofd_are_accepted_and_served_as_detected(
        published: TestClient, file_store: Path) -> None:
    multipart, slots = slotted((0, "申请表.pdf", files.PDF, "text/html"),
                               (1, "合同.jpg", files.JPEG, "application/pdf"),
                               (2, "批复.ofd", files.OFD, "application/octet-stream"),
                               (2, "批复附图.png", files.PNG, "image/svg+xml"))
    response = file_application(published, files=multipart, slots=slots)
    assert response.status_code == 201, response.text
    application = response.json()
    assert not application["incomplete"]
    kinds = {m["filename"]: (m["slot"], m["content_type"]) for m in application["materials"]}
    assert kinds == {"申请表.pdf": (0, "application/pdf"), "合同.jpg": (1, "image/jpeg"),
                     "批复.ofd": (2, "application/ofd"), "批复附图.png": (2, "image/png")}
    assert len(stored(file_store)) == 4
    png = next(m for m in application["materials"] if m["filename"] == "批复附图.png")
    download = published.get(f"{API}/applications/{application['id']}/materials/{png['id']}",
                             headers=APPLICANT)
    assert download.content == files.PNG
    assert download.headers["content-type"] == "image/png"


def test_a_material_that_accepts_only_pdf_refuses_an_image(published: TestClient) -> None:
    listed = [{"name": "申请表", "required": True, "form": "electronic", "originals": 0,
               "copies": 0, "source": "applicant", "legal_basis": [], "file_types": ["pdf"]}]
    publish(published, 2, materials=listed)
    multipart, slots = slotted((0, "申请表.png", files.PNG, "image/png"))
    refused = file_application(published, files=multipart, slots=slots)
    assert refused.status_code == 415
    assert refused.json()["errors"][0]["msg"] == "PNG is not accepted here: pdf"


def test_the_whole_application_has_a_size_limit(db_url: str, file_store: Path) -> None:
    from intake.config import IntakeSettings
    from intake.main import create_app
    settings = IntakeSettings(database_url=db_url, file_store=str(file_store), max_file_mb=1,
                              max_application_mb=2)
    with TestClient(create_app(settings)) as client:
        publish(client)
        big = files.PDF + b"0" * (900 * 1024)
        multipart, slots = slotted(*((i, f"{i}.pdf", big, "application/pdf") for i in range(3)))
        refused = file_application(client, files=multipart, slots=slots)
        assert refused.status_code == 413
        assert refused.json()["errors"][0]["type"] == "application_too_large"
        assert stored(file_store) == []


def test_the_same_bytes_are_stored_once_and_a_damaged_file_is_never_served(
        published: TestClient, file_store: Path) -> None:
    first = file_application(published).json()
    second = file_application(published).json()
    assert first["materials"][0]["filename"] == second["materials"][0]["filename"]
    (path,) = stored(file_store)
    path.write_bytes(b"%PDF-1.7 altered on disk")
    url = f"{API}/applications/{first['id']}/materials/{first['materials'][0]['id']}"
    damaged = published.get(url, headers=APPLICANT)
    assert damaged.status_code == 500
    assert "does not match its SHA-256" in damaged.json()["detail"]


def test_a_filing_that_fails_half_way_leaves_no_file_behind(
        published: TestClient, file_store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("the database went away after the files were written")

    monkeypatch.setattr(filing, "record", broken)
    published_raw = TestClient(published.app, raise_server_exceptions=False)
    failed = published_raw.post(f"{API}/applications", headers=APPLICANT,
                                data={"implementation_code": CODE, "confirm_incomplete": "true"},
                                files=[("materials", ("申请表.pdf", files.PDF, "application/pdf"))])
    assert failed.status_code == 500
    assert stored(file_store) == []
    monkeypatch.undo()
    assert file_application(published).status_code == 201
    assert len(stored(file_store)) == 1


def test_the_sweep_removes_only_files_no_material_names(published: TestClient,
                                                        file_store: Path) -> None:
    file_application(published)
    orphan = file_store / "ab" / "cd" / ("abcd" + "0" * 60)
    orphan.parent.mkdir(parents=True)
    orphan.write_bytes(b"left by a crash")
    app = published.app
    with app.state.db.session() as session:  # type: ignore[attr-defined]
        removed = filing.sweep_files(session=session, desk=app.state.desk,  # type: ignore[attr-defined]
                                     older_than=-1)
    assert removed == [orphan.name]
    assert len(stored(file_store)) == 1


def test_a_material_filed_before_the_store_is_served_from_its_row(
        published: TestClient, db_url: str) -> None:
    from sqlalchemy import text

    from kit.db import Database
    application = file_application(published).json()
    db = Database(db_url, "intake")
    with db.session() as session:
        session.execute(text(
            "INSERT INTO intake.material (application_id, filename, content_type, size, sha256, "
            "content, uploaded_at, uploaded_by) VALUES (:a, '旧申请表.pdf', 'application/pdf', "
            "9, 'legacy', :content, :at, 'applicant-zhangsan')"),
            {"a": application["id"], "content": b"%PDF-old!", "at": application["submitted_at"]})
    db.dispose()
    detail = published.get(f"{API}/applications/{application['id']}", headers=APPLICANT).json()
    legacy = next(m for m in detail["materials"] if m["filename"] == "旧申请表.pdf")
    download = published.get(
        f"{API}/applications/{application['id']}/materials/{legacy['id']}", headers=APPLICANT)
    assert download.status_code == 200 and download.content == b"%PDF-old!"
