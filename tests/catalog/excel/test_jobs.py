"""Import jobs: progress while a large file runs, refused files, drafts of published matters."""

import time
import zipfile
from io import BytesIO

from fastapi.testclient import TestClient
from openpyxl import Workbook

from tests.builders import EDITOR, publish_new
from tests.catalog.excel.workbooks import (
    EXCEL,
    MATTERS,
    XLSX,
    clerk_matter,
    filled,
    finished,
    imported,
    merged,
    template,
    upload,
)
from tests.conftest import token

ADMIN = token("admin", sub="admin")
MARKET_EDITOR = token("editor", sub="editor2", department="114301007072304006")


def many(count: int) -> dict:
    return merged(*(clerk_matter(f"430103-01-{5000 + i:04d}", f"批量事项{i}")
                    for i in range(count)))


def test_a_large_import_reports_progress_until_it_succeeded(client: TestClient) -> None:
    content = filled(template(client), many(300))
    queued = upload(client, content)
    assert queued.status_code == 202, queued.text
    job = queued.json()
    assert job["state"] == "queued" and job["done"] == 0
    assert queued.headers["location"] == f"{EXCEL}/imports/{job['id']}"
    seen = [(job["state"], job["phase"], job["done"], job["total"], job["percent"])]
    deadline = time.monotonic() + 120
    while seen[-1][0] not in ("succeeded", "failed") and time.monotonic() < deadline:
        time.sleep(0.02)
        now = client.get(f"{EXCEL}/imports/{job['id']}", headers=EDITOR).json()
        seen.append((now["state"], now["phase"], now["done"], now["total"], now["percent"]))
    assert seen[-1] == ("succeeded", None, 300, 300, 100), seen[-1]
    states = [s for s, *_ in seen]
    assert states == sorted(states, key=["queued", "running", "succeeded"].index)
    percents = [p for *_, p in seen]
    assert percents == sorted(percents), f"progress went back: {seen}"
    running = [(phase, done, total) for s, phase, done, total, _ in seen if s == "running"]
    assert all(done <= total for _, done, total in running if total)
    matters = client.get(MATTERS, headers=EDITOR, params={"size": 1}).json()
    assert matters["total"] == 300


def test_wrong_oversized_and_corrupt_files_are_refused_and_nothing_is_queued(
        client: TestClient) -> None:
    text = upload(client, "实施编码,事项名称\n".encode(), name="事项.csv")
    assert text.status_code == 415
    assert text.headers["content-type"] == "application/problem+json"
    assert "xlsx" in text.json()["errors"][0]["msg"]
    big = upload(client, b"0" * (10 * 1024 * 1024 + 1))
    assert big.status_code == 413
    huge = upload(client, b"0" * (12 * 1024 * 1024))  # refused before it is read
    assert huge.status_code == 413
    assert huge.headers["content-type"] == "application/problem+json"
    corrupt = upload(client, b"PK\x03\x04 not really a workbook")
    assert corrupt.status_code == 422
    assert "损坏" in corrupt.json()["errors"][0]["msg"]
    other = BytesIO()
    Workbook().save(other)  # a real workbook, but not the template
    foreign = upload(client, other.getvalue())
    assert foreign.status_code == 422 and "事项" in foreign.json()["detail"]
    bomb = BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/huge.xml", b"0" * (210 * 1024 * 1024))
    assert upload(client, bomb.getvalue()).status_code == 413
    assert client.post(f"{EXCEL}/imports", headers=EDITOR).status_code == 422
    assert client.get(f"{EXCEL}/imports", headers=EDITOR).json() == []


def test_published_matter_gets_a_new_draft_then_that_draft_is_updated(client: TestClient) -> None:
    code = "430103-01-9001"
    publish_new(client, code)
    blank = template(client)
    first = imported(client, filled(blank, clerk_matter(
        code, "临时建设工程规划许可证核发", {("事项", 0, "承诺办结时限"): 3})))
    assert first["state"] == "succeeded", first["errors"]
    assert [(m["implementation_code"], m["version"], m["state"])
            for m in first["result"]["drafted"]] == [(code, 2, "draft")]
    matter = client.get(f"{MATTERS}/{code}", headers=EDITOR).json()
    assert matter["current_version"] == 1
    assert [v["state"] for v in matter["versions"]] == ["published", "draft"]
    revision = client.get(f"{MATTERS}/{code}/versions/2", headers=EDITOR).json()["revision"]

    second = imported(client, filled(blank, clerk_matter(
        code, "临时建设工程规划许可证核发", {("事项", 0, "承诺办结时限"): 2})))
    assert [m["version"] for m in second["result"]["updated"]] == [2]
    draft = client.get(f"{MATTERS}/{code}/versions/2", headers=EDITOR).json()
    assert draft["standard"]["committed_limit"] == 2 and draft["revision"] > revision

    assert client.post(f"{MATTERS}/{code}/versions/2/submit",
                       headers=EDITOR).status_code == 200
    third = imported(client, filled(blank, clerk_matter(
        code, "临时建设工程规划许可证核发", {("事项", 0, "承诺办结时限"): 1})))
    assert third["state"] == "failed"
    assert [(e["sheet"], e["row"], e["header"]) for e in third["errors"]] == [
        ("事项", 2, "实施编码")]
    assert "审核" in third["errors"][0]["message"]
    versions = client.get(f"{MATTERS}/{code}", headers=EDITOR).json()["versions"]
    assert [v["state"] for v in versions] == ["published", "submitted"]


def test_jobs_are_visible_to_their_department_and_to_administrators(client: TestClient) -> None:
    job = upload(client, filled(template(client), clerk_matter("430103-01-9401", "事项甲")))
    job_id = job.json()["id"]
    assert finished(client, job_id)["state"] == "succeeded"
    assert client.get(f"{EXCEL}/imports/{job_id}", headers=MARKET_EDITOR).status_code == 404
    assert client.get(f"{EXCEL}/imports", headers=MARKET_EDITOR).json() == []
    assert client.get(f"{EXCEL}/imports/{job_id}", headers=ADMIN).status_code == 200
    assert [j["id"] for j in client.get(f"{EXCEL}/imports", headers=EDITOR).json()] == [
        job_id]
    for path in ("/imports/0", "/imports/99999999999", "/imports/abc"):
        assert client.get(f"{EXCEL}{path}", headers=EDITOR).status_code in (404, 422)
    reader = token("reviewer", sub="reviewer", group="G1")
    assert client.get(f"{EXCEL}/template", headers=reader).status_code == 403
    assert client.get(f"{EXCEL}/template").status_code == 401
    assert client.post(f"{EXCEL}/imports", files={"file": ("a.xlsx", b"x", XLSX)},
                       headers=reader).status_code == 403


def test_an_import_form_with_an_unknown_field_is_422_and_nothing_is_queued(
        client: TestClient) -> None:
    response = client.post(f"{EXCEL}/imports", headers=EDITOR, data={"department": "x"},
                           files={"file": ("规划局事项.xlsx", b"PK\x03\x04", XLSX)})
    assert response.status_code == 422
    assert response.json()["errors"][0]["loc"] == ["body", "department"]
    assert client.get(f"{EXCEL}/imports", headers=EDITOR).json() == []
