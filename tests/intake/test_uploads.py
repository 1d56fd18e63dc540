"""Uploaded materials: accepted up to 10 MB, downloaded back with their bytes and type."""

from collections.abc import Iterator

from fastapi.testclient import TestClient

from intake.config import IntakeSettings
from intake.main import create_app
from intake.uploads import clean_content_type, clean_filename
from tests.intake.conftest import (
    API,
    APPLICANT,
    CLERK,
    CODE,
    file_application,
    pdf,
    publish,
)


def test_a_material_over_10_mb_is_refused_and_nothing_is_filed(published: TestClient) -> None:
    client = published
    limit = 10 * 1024 * 1024
    too_big = file_application(client, files=[pdf(), pdf("扫描件.pdf",
                                                          b"%PDF-1.7" + b"x" * (limit - 7))])
    assert too_big.status_code == 413
    assert too_big.headers["content-type"] == "application/problem+json"
    assert client.get(f"{API}/applications", headers=CLERK).json() == []

    fitting = b"%PDF-1.7" + b"x" * (limit - 8)
    just_fits = file_application(client, files=[pdf("扫描件.pdf", fitting)])
    assert just_fits.status_code == 201
    assert just_fits.json()["materials"][0]["size"] == limit


def test_a_material_downloads_with_its_bytes_and_type(published: TestClient) -> None:
    client = published
    application = file_application(client, files=[pdf("规划许可申请表.pdf", b"%PDF-1.7 form")])
    material = application.json()["materials"][0]
    response = client.get(
        f"{API}/applications/{application.json()['id']}/materials/{material['id']}",
        headers=APPLICANT)
    assert response.status_code == 200
    assert response.content == b"%PDF-1.7 form"
    assert response.headers["content-type"] == "application/pdf"
    assert "filename*=UTF-8''" in response.headers["content-disposition"]


def test_a_clients_path_and_control_characters_never_reach_the_stored_name() -> None:
    assert clean_filename("C:\\Users\\张三\\申请表.pdf") == "申请表.pdf"
    assert clean_filename("../../etc/pass\x00wd") == "passwd"
    assert clean_filename("  ") == "material"
    assert clean_content_type("Application/PDF; charset=binary") == "application/pdf"
    assert clean_content_type("text/html\r\nX-Evil: 1") == "application/octet-stream"


def test_a_chunked_upload_past_the_body_limit_is_413_and_nothing_is_filed(
        db_url: str) -> None:
    """Without a Content-Length the bytes are counted as they come: 3 materials of 400 kB each,
    each allowed alone, pass a 1 MB body limit together."""
    with TestClient(create_app(IntakeSettings(database_url=db_url, max_upload_mb=1))) as client:
        publish(client)

        def body() -> Iterator[bytes]:
            yield (f'--b\r\nContent-Disposition: form-data; name="implementation_code"\r\n\r\n'
                   f"{CODE}\r\n").encode()
            for n in range(3):
                yield (f'--b\r\nContent-Disposition: form-data; name="materials"; '
                       f'filename="{n}.pdf"\r\nContent-Type: application/pdf\r\n\r\n').encode()
                yield b"x" * 400_000 + b"\r\n"
            yield b"--b--\r\n"

        response = client.post(f"{API}/applications", content=body(),
                               headers={**APPLICANT,
                                        "content-type": "multipart/form-data; boundary=b"})
        assert response.status_code == 413
        assert response.headers["content-type"] == "application/problem+json"
        assert client.get(f"{API}/applications", headers=CLERK).json() == []
