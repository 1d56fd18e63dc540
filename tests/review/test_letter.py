"""The consolidated letter: opinions tagged and anchored, duplicates merged, contradictions
flagged and ruled on by the lead, the sent letter printable with its points numbered."""

from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient

from review.models import audit
from review.rendering import ELEMENT_LABELS
from tests.conftest import audit_actions, token
from tests.intake.documents import pdf_text
from tests.review.conftest import PLANNING_DEPARTMENT, emitted, lead, reviewer

API = "/api/review/v1"


def material(name: str, **changes: Any) -> dict[str, Any]:
    return {"name": name, "required": True, "form": "either", "originals": 1, "copies": 0,
            "source": "applicant", "legal_basis": [], "notes": None} | changes


MATERIALS = [material("申请表"), material("营业执照"), material("其他材料")]


def opinion(client: TestClient, case_id: int, headers: dict[str, str],
            **body: Any) -> dict[str, Any]:
    body = {"element": "materials[2]", "aspect": "legality", "text": "兜底表述。"} | body
    response = client.post(f"{API}/cases/{case_id}/opinions", headers=headers, json=body)
    assert response.status_code == 201, response.text
    return dict(response.json())


def other_reviewer() -> dict[str, str]:
    return token("reviewer", sub="reviewer-b", group="G1")


def test_an_opinion_carries_its_aspect_severity_wording_and_proposal(
        client: TestClient, open_case: Callable[..., int]) -> None:
    case_id = open_case(materials=MATERIALS)

    found = opinion(client, case_id, reviewer(), aspect="compliance", severity="suggestion",
                    wording="删除“其他材料”。", proposal="delete")

    assert (found["aspect"], found["severity"], found["wording"], found["proposal"]) == (
        "compliance", "suggestion", "删除“其他材料”。", "delete")
    assert found["anchor"]["name"] == "其他材料" and found["anchor"]["index"] == 2


@pytest.mark.parametrize(("body", "reason"), [
    ({"element": "materials[7]"}, "no such row"),
    ({"element": "materials[[1]"}, "not a path"),
    ({"proposal": "change"}, "value goes with change"),
    ({"proposal": "delete", "value": "3"}, "value goes with change"),
    ({"severity": "urgent"}, None),
])
def test_an_opinion_the_standard_cannot_hold_is_refused(
        client: TestClient, open_case: Callable[..., int], body: dict[str, Any],
        reason: str | None) -> None:
    case_id = open_case(materials=MATERIALS)
    body = {"element": "materials[2]", "aspect": "legality", "text": "…"} | body

    refused = client.post(f"{API}/cases/{case_id}/opinions", headers=reviewer(), json=body)

    assert refused.status_code == 422
    assert reason is None or refused.json()["errors"][0]["msg"] == reason


def test_duplicates_on_one_element_are_merged_into_one_numbered_point(
        client: TestClient, open_case: Callable[..., int]) -> None:
    case_id = open_case(materials=MATERIALS)
    opinion(client, case_id, reviewer(), element="committed_limit", text="时限可压减。",
            aspect="reasonableness")
    opinion(client, case_id, reviewer(), text="“其他材料”属兜底表述，应删除。")
    opinion(client, case_id, other_reviewer(), text="“其他材料”属兜底表述, 应删除",
            aspect="compliance", severity="suggestion")

    letter = client.get(f"{API}/cases/{case_id}/consolidation", headers=lead()).json()

    assert [(p["number"], p["element"]) for p in letter["points"]] == [
        (1, "materials[2]"), (2, "committed_limit")]  # the standard's order
    merged = letter["points"][0]
    assert merged["merged"] and merged["reviewers"] == ["reviewer-G1", "reviewer-b"]
    assert merged["texts"] == ["“其他材料”属兜底表述，应删除。"]  # said twice, said once
    assert (merged["aspects"], merged["severity"]) == (["legality", "compliance"], "must_fix")
    assert letter["conflicts"] == [] and letter["open_conflicts"] == 0


def test_delete_against_keep_is_a_conflict_that_blocks_the_letter_until_the_lead_rules(
        client: TestClient, open_case: Callable[..., int], db_url: str) -> None:
    case_id = open_case(materials=MATERIALS)
    delete = opinion(client, case_id, reviewer(), proposal="delete", text="兜底，删除。")
    keep = opinion(client, case_id, other_reviewer(), proposal="keep", text="确有需要，保留。")
    opinion(client, case_id, reviewer(), element="committed_limit", proposal="change",
            value="5", text="压减至5日。")
    opinion(client, case_id, other_reviewer(), element="committed_limit", proposal="change",
            value="7", text="压减至7日。")

    preview = client.get(f"{API}/cases/{case_id}/consolidation", headers=reviewer()).json()
    assert [(c["element"], c["resolved"]) for c in preview["conflicts"]] == [
        ("materials[2]", False), ("committed_limit", False)]
    refused = client.post(f"{API}/cases/{case_id}/feedback", headers=lead(),
                          json={"decision": "returned"})
    assert refused.status_code == 409
    assert [e["element"] for e in refused.json()["errors"]] == ["materials[2]", "committed_limit"]
    assert emitted(db_url, "review.concluded") == []

    ruled = client.post(f"{API}/cases/{case_id}/conflicts", headers=lead(),
                        json={"element": "materials[2]", "chosen_opinion_id": delete["id"],
                              "note": "兜底条款一律删除。"})
    assert ruled.status_code == 201
    assert client.post(f"{API}/cases/{case_id}/conflicts", headers=lead(), json={
        "element": "committed_limit", "note": "按法定时限的一半，压减至10日以内由部门确定。"}
    ).status_code == 201
    sent = client.post(f"{API}/cases/{case_id}/feedback", headers=lead(),
                       json={"decision": "returned"})

    assert sent.status_code == 201, sent.text
    points = sent.json()["opinions"]
    assert (points[0]["proposal"], points[0]["opinion_ids"]) == ("delete", [delete["id"]])
    assert keep["id"] not in points[0]["opinion_ids"] and "兜底条款一律删除。" in points[0]["text"]
    assert points[1]["proposal"] is None and points[1]["text"].startswith("按法定时限")
    assert audit_actions(db_url, audit, entity="review_case", entity_id=str(case_id))[-3:] == [
        "conflict.resolved", "conflict.resolved", "case.returned"]


def test_only_the_lead_rules_and_only_on_a_conflict_among_its_opinions(
        client: TestClient, open_case: Callable[..., int]) -> None:
    case_id = open_case(materials=MATERIALS)
    delete = opinion(client, case_id, reviewer(), proposal="delete")
    opinion(client, case_id, other_reviewer(), proposal="keep")
    agreed = opinion(client, case_id, reviewer(), element="materials[0]", proposal="keep")
    path = f"{API}/cases/{case_id}/conflicts"

    assert client.post(path, headers=reviewer(), json={
        "element": "materials[2]", "chosen_opinion_id": delete["id"]}).status_code == 403
    assert client.post(path, headers=lead(), json={
        "element": "materials[0]", "chosen_opinion_id": agreed["id"]}).status_code == 409
    assert client.post(path, headers=lead(), json={
        "element": "materials[2]", "chosen_opinion_id": agreed["id"]}).status_code == 422
    assert client.post(path, headers=lead(), json={"element": "materials[2]"}).status_code == 422


def test_a_new_contradiction_after_a_ruling_reopens_the_conflict(
        client: TestClient, open_case: Callable[..., int]) -> None:
    case_id = open_case(materials=MATERIALS)
    delete = opinion(client, case_id, reviewer(), proposal="delete")
    opinion(client, case_id, other_reviewer(), proposal="keep")
    client.post(f"{API}/cases/{case_id}/conflicts", headers=lead(),
                json={"element": "materials[2]", "chosen_opinion_id": delete["id"]})
    opinion(client, case_id, lead(), proposal="change", value="营业执照副本")

    preview = client.get(f"{API}/cases/{case_id}/consolidation", headers=lead()).json()

    assert preview["open_conflicts"] == 1


def test_the_sent_letter_prints_as_a_pdf_with_numbered_points(
        client: TestClient, open_case: Callable[..., int]) -> None:
    case_id = open_case(materials=MATERIALS)
    assert client.get(f"{API}/cases/{case_id}/letter.pdf", headers=lead()).status_code == 404
    opinion(client, case_id, reviewer(), text="“其他材料”属兜底表述。", proposal="delete",
            wording="删除该项。")
    opinion(client, case_id, reviewer(), element="committed_limit", text="时限过长。",
            aspect="reasonableness", severity="suggestion")
    client.post(f"{API}/cases/{case_id}/feedback", headers=lead(),
                json={"decision": "returned", "summary": "请逐点答复。"})

    printed = client.get(f"{API}/cases/{case_id}/letter.pdf", headers=lead())
    own_editor = token("editor", department=PLANNING_DEPARTMENT["code"])
    other_editor = token("editor", department="11430100MB1F12345X")

    assert printed.status_code == 200 and printed.headers["content-type"] == "application/pdf"
    text = pdf_text(printed.content)
    for words in ("一次性反馈意见书", "自然资源和规划局", "1. 申请材料 第3项（其他材料）",
                  "建议删除", "建议表述：删除该项。", "2. 承诺办结时限", "合理性 · 建议修改",
                  "请逐点答复。"):
        assert words in text, words
    assert client.get(f"{API}/cases/{case_id}/letter.pdf", headers=own_editor).status_code == 200
    assert client.get(f"{API}/cases/{case_id}/letter.pdf",
                      headers=other_editor).status_code == 404
    assert client.get(f"{API}/cases/{case_id}/letter.pdf",
                      headers=reviewer("G2")).status_code == 404


def test_the_letter_names_elements_as_the_catalog_layout_does() -> None:
    from catalog.layout.elements import SECTIONS

    assert {e.key: e.label.zh for s in SECTIONS for e in s.elements} == ELEMENT_LABELS
