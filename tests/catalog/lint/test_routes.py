"""The linter through the catalog API: the dry run, every save, submission, phrase lists."""

from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import select, text

from catalog import demo
from catalog.lint import lint_standard, load_phrases
from catalog.lint.phrases import DEFAULT_PHRASES, seed_default_phrases
from catalog.models import MatterVersion
from kit import migrations
from kit.db import Database
from tests.builders import (
    EDITOR,
    PROVINCE,
    conclude,
    outbox_events,
    publish_new,
    standard,
)
from tests.conftest import require_postgres, scratch_postgres, token

CODE = "430103-01-9001"
MATTERS = "/api/catalog/v1/matters"
LINT = "/api/catalog/v1/lint"
PHRASES = "/api/catalog/v1/lint/phrases"
ADMIN = token("admin", sub="admin")


def seed_phrases(db_url: str) -> None:
    """The default lists the migration seeds (each test starts from emptied tables)."""
    db = Database(db_url, "catalog")
    with db.session() as s:
        seed_default_phrases(session=s)
    db.dispose()


def count(db_url: str, sql: str) -> int:
    db = Database(db_url, "catalog")
    with db.session(write=False) as s:
        n = s.execute(text(sql)).scalar_one()
    db.dispose()
    return int(n)


def rules(findings: list[dict[str, Any]]) -> list[tuple[str, str]]:
    return [(f["rule"], f["path"]) for f in findings]


def with_catch_all() -> dict[str, Any]:
    doc = standard()
    return {**doc, "materials": [*doc["materials"],
                                 {**doc["materials"][0], "name": "有关部门要求的其他材料"}]}


def test_the_dry_run_returns_findings_and_saves_nothing(client: TestClient, db_url: str) -> None:
    seed_phrases(db_url)
    publish_new(client)
    before = count(db_url, "SELECT count(*) FROM catalog.matter_version")
    audit = count(db_url, "SELECT count(*) FROM catalog.audit_entry")
    answer = client.post(LINT, json=standard("430103-01-9555", committed_limit=30,
                                              materials=with_catch_all()["materials"]),
                         headers=EDITOR)
    assert answer.status_code == 200, answer.text
    assert rules(answer.json()["findings"]) == [
        ("committed-exceeds-statutory", "committed_limit"),
        ("catch-all-clause", "materials[1].name")]
    assert count(db_url, "SELECT count(*) FROM catalog.matter_version") == before
    assert count(db_url, "SELECT count(*) FROM catalog.audit_entry") == audit
    assert client.get(f"{MATTERS}/430103-01-9555", headers=EDITOR).status_code == 404


def test_the_province_lints_a_contract_document_as_it_pulled_it(
        client: TestClient, db_url: str) -> None:
    seed_phrases(db_url)
    publish_new(client)
    pulled = client.get(f"/api/sync/v1/matters/{CODE}", headers=PROVINCE).json()
    assert client.post(LINT, json=pulled, headers=PROVINCE).json() == {"findings": []}
    plain = {k: v for k, v in pulled.items() if k != "condition_details"}
    plain["conditions"] = ["已取得建设项目批准文件", "视情况提交其他证明材料"]
    answer = client.post(LINT, json=plain, headers=PROVINCE)
    assert rules(answer.json()["findings"]) == [("catch-all-clause", "conditions[1]")]


def test_a_malformed_document_is_422_with_field_errors(client: TestClient) -> None:
    answer = client.post(LINT, json=standard(name="", committed_limit="五"), headers=EDITOR)
    assert answer.status_code == 422
    assert answer.headers["content-type"] == "application/problem+json"
    assert {tuple(e["loc"]) for e in answer.json()["errors"]} >= {
        ("body", "name"), ("body", "committed_limit")}
    assert client.post(LINT, json=["not", "a", "document"], headers=EDITOR).status_code == 422


def test_only_staff_and_the_province_may_lint(client: TestClient) -> None:
    assert client.post(LINT, json=standard()).status_code == 401
    for role in ("applicant", "clerk", "publisher"):
        assert client.post(LINT, json=standard(), headers=token(role)).status_code == 403
    for role in ("editor", "admin", "reviewer", "lead", "guidance", "supervisor",
                 "provincial_system"):
        assert client.post(LINT, json=standard(), headers=token(role)).status_code == 200


def test_every_save_stores_the_findings_on_the_version(client: TestClient, db_url: str) -> None:
    seed_phrases(db_url)
    created = client.post(MATTERS, json=standard(committed_limit=25), headers=EDITOR)
    assert created.status_code == 201, created.text  # a draft with errors is saved
    assert rules(created.json()["findings"]) == [
        ("committed-exceeds-statutory", "committed_limit")]
    url = f"{MATTERS}/{CODE}/versions/1"
    saved = client.put(url, json=standard(), headers={**EDITOR,
                                                      "If-Match": created.headers["etag"]})
    assert saved.json()["findings"] == []
    assert client.get(url, headers=EDITOR).json()["findings"] == []
    listed = client.get(f"{MATTERS}/{CODE}", headers=EDITOR).json()
    assert listed["versions"][0]["findings"] == []


def test_submission_is_refused_while_an_error_remains_and_accepted_once_fixed(
        client: TestClient, db_url: str) -> None:
    seed_phrases(db_url)
    created = client.post(MATTERS, json={**with_catch_all(), "legal_basis": []},
                          headers=EDITOR)
    submit = f"{MATTERS}/{CODE}/versions/1/submit"
    refused = client.post(submit, headers=EDITOR)
    assert refused.status_code == 422
    assert refused.headers["content-type"] == "application/problem+json"
    errors = refused.json()["errors"]
    assert [(e["rule"], e["path"]) for e in errors] == [
        ("missing-legal-basis", "legal_basis"), ("catch-all-clause", "materials[1].name")]
    assert errors[1]["loc"] == ["standard", "materials", 1, "name"] and errors[1]["msg"]
    assert all(e["severity"] == "error" for e in errors)  # the warnings do not block
    assert client.get(f"{MATTERS}/{CODE}/versions/1", headers=EDITOR).json()["state"] == "draft"
    # nothing went to review (the draft's own move reaches publish's progress)
    assert [e[0] for e in outbox_events(db_url)] == ["matter_version.state_changed"]
    fixed = client.put(f"{MATTERS}/{CODE}/versions/1", json=standard(),
                       headers={**EDITOR, "If-Match": created.headers["etag"]})
    assert fixed.status_code == 200
    assert client.post(submit, headers=EDITOR).json()["state"] == "submitted"


def test_warnings_alone_do_not_block_submission(client: TestClient, db_url: str) -> None:
    seed_phrases(db_url)
    doc = standard(committed_limit=4)
    doc["materials"][0]["name"] = "营业执照、章程等"
    created = client.post(MATTERS, json=doc, headers=EDITOR).json()
    assert {f["severity"] for f in created["findings"]} == {"warning"}
    answer = client.post(f"{MATTERS}/{CODE}/versions/1/submit", headers=EDITOR)
    assert answer.status_code == 200, answer.text


def test_a_phrase_added_by_the_administrator_applies_at_the_next_lint_and_submission(
        client: TestClient, db_url: str) -> None:
    seed_phrases(db_url)
    doc = standard()
    doc["materials"][0]["name"] = "初步设计文件"
    assert client.post(MATTERS, json=doc, headers=EDITOR).json()["findings"] == []
    catch_all = [{"phrase": p, "match_kind": k} for p, k in DEFAULT_PHRASES["catch-all-clause"]]
    answer = client.put(PHRASES, headers=ADMIN, json={
        "rule": "catch-all-clause", "phrases": [*catch_all, {"phrase": "初步设计"}]})
    assert answer.status_code == 200, answer.text
    assert rules(client.post(LINT, json=doc, headers=EDITOR).json()["findings"]) == [
        ("catch-all-clause", "materials[0].name")]
    refused = client.post(f"{MATTERS}/{CODE}/versions/1/submit", headers=EDITOR)
    assert refused.status_code == 422
    assert count(db_url, "SELECT count(*) FROM catalog.audit_entry "
                         "WHERE action = 'lint_phrases.replaced'") == 1


def test_removing_a_phrase_stops_its_findings_but_not_the_built_in_patterns(
        client: TestClient, db_url: str) -> None:
    seed_phrases(db_url)
    doc = standard()
    doc["materials"] = [{**doc["materials"][0], "name": "初步设计文件"},
                        {**doc["materials"][0], "name": "相关证明"}]
    vague = [{"phrase": p, "match_kind": k} for p, k in DEFAULT_PHRASES["vague-clause"]]
    client.put(PHRASES, json={"rule": "vague-clause",
                              "phrases": [*vague, {"phrase": "初步设计"}]}, headers=ADMIN)
    assert rules(client.post(LINT, json=doc, headers=EDITOR).json()["findings"]) == [
        ("vague-clause", "materials[0].name"), ("vague-clause", "materials[1].name")]
    kept = [p for p in vague if p["phrase"] != "相关证明"]
    book = client.put(PHRASES, json={"rule": "vague-clause", "phrases": kept},
                      headers=ADMIN).json()
    rule = next(r for r in book["rules"] if r["rule"] == "vague-clause")
    assert len(rule["phrases"]) == len(kept) and rule["severity"] == "warning"
    assert "related-reference" in [p["code"] for p in rule["patterns"]]
    # 相关证明 is still the shape “相关/有关……证明”, which no list switches off
    [finding] = client.post(LINT, json=doc, headers=EDITOR).json()["findings"]
    assert (finding["path"], finding["message"]) == (
        "materials[1].name", "“相关证明”是模糊表述：请写明具体名称、出具单位或情形。")


def test_phrase_lists_are_validated_and_only_administrators_change_them(
        client: TestClient, db_url: str) -> None:
    seed_phrases(db_url)
    before = client.get(PHRASES, headers=EDITOR).json()
    assert [r["rule"] for r in before["rules"]] == ["catch-all-clause", "vague-clause"]
    body = {"rule": "vague-clause", "phrases": [{"phrase": "酌情"}]}
    assert client.put(PHRASES, json=body, headers=EDITOR).status_code == 403
    for rule, phrases in (("duplicate-material", []),
                          ("vague-clause", [{"phrase": "等"}]),
                          ("vague-clause", [{"phrase": "酌情"}, {"phrase": "酌情 "}]),
                          ("vague-clause", [{"phrase": "  "}]),
                          ("vague-clause", [{"phrase": "酌情", "match_kind": "regex"}])):
        bad = {"rule": rule, "phrases": phrases}
        answer = client.put(PHRASES, json=bad, headers=ADMIN)
        assert answer.status_code == 422, bad
        assert answer.json()["errors"], bad
    assert client.get(PHRASES, headers=ADMIN).json() == before
    assert client.get(PHRASES, headers=token("applicant")).status_code == 403


def test_one_draft_at_a_time_and_a_returned_version_is_fixed_and_resubmitted(
        client: TestClient, db_url: str) -> None:
    seed_phrases(db_url)
    publish_new(client)
    draft = client.post(f"{MATTERS}/{CODE}/versions", headers=EDITOR)
    assert draft.json()["findings"] == []
    assert client.post(f"{MATTERS}/{CODE}/versions", headers=EDITOR).status_code == 409
    client.post(f"{MATTERS}/{CODE}/versions/2/submit", headers=EDITOR)
    conclude(client, CODE, 2, decision="returned")
    assert client.post(f"{MATTERS}/{CODE}/versions", headers=EDITOR).status_code == 409
    url = f"{MATTERS}/{CODE}/versions/2"
    etag = client.get(url, headers=EDITOR).headers["etag"]
    broken = client.put(url, json=standard(committed_limit=21),
                        headers={**EDITOR, "If-Match": etag})
    assert broken.json()["state"] == "returned"
    assert client.post(f"{url}/submit", headers=EDITOR).status_code == 422
    client.put(url, json=standard(committed_limit=3),
               headers={**EDITOR, "If-Match": broken.headers["etag"]})
    assert client.post(f"{url}/submit", headers=EDITOR).json()["state"] == "submitted"


def test_a_cancelled_matter_takes_no_submission(client: TestClient, db_url: str) -> None:
    seed_phrases(db_url)
    publish_new(client)
    client.post(f"{MATTERS}/{CODE}/versions", headers=EDITOR)
    assert client.post(f"{MATTERS}/{CODE}/cancel", headers=EDITOR).status_code == 200
    answer = client.post(f"{MATTERS}/{CODE}/versions/2/submit", headers=EDITOR)
    assert answer.status_code == 409
    assert [t for t, _, _ in outbox_events(db_url)
            if t == "matter_version.submitted"] == ["matter_version.submitted"]


def test_the_demo_zone_publishes_nothing_the_linter_refuses(db_url: str) -> None:
    db = Database(db_url, "catalog")
    with db.session() as s:
        seed_default_phrases(session=s)
        assert demo.load(s)
        book = load_phrases(session=s)
        rows = list(s.scalars(select(MatterVersion)))
    db.dispose()
    in_force = [r for r in rows if r.state in ("published", "scheduled", "approved")]
    assert in_force and all(f.severity != "error" for r in in_force
                            for f in lint_standard(r.standard, book))
    # The superseded versions keep the clauses the review made precise (for reform metrics).
    history = [f.rule for r in rows if r.state == "superseded"
               for f in lint_standard(r.standard, book)]
    assert history.count("catch-all-clause") >= 3 and history.count("vague-clause") >= 3


def fresh_phrases(url: str) -> dict[str, list[tuple[str, str]]]:
    migrations.upgrade("catalog", url)
    db = Database(url, "catalog")
    with db.session(write=False) as s:
        book = load_phrases(session=s)
    db.dispose()
    return {rule: [(p.phrase, p.match_kind) for p in phrases]
            for rule, phrases in book.phrases.items()}


def test_a_fresh_database_is_seeded_with_the_default_phrases(tmp_path) -> None:  # type: ignore[no-untyped-def]
    assert fresh_phrases(f"sqlite:///{tmp_path}") == DEFAULT_PHRASES
    require_postgres()
    assert fresh_phrases(scratch_postgres("lint_seed")) == DEFAULT_PHRASES
