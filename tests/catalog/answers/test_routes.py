"""The department answers a returned version's letter point by point before resubmitting."""

import uuid
from typing import Any

import pytest
from fastapi.testclient import TestClient

from catalog.models import audit
from tests.builders import EDITOR, MATTERS, OTHER_EDITOR, REVIEW, material, outbox_events, standard
from tests.conftest import audit_actions, token

CODE = "430103-01-9001"
VERSION = f"{MATTERS}/{CODE}/versions/1"
POINTS = [{"number": 1, "element": "materials[1]", "row_name": "营业执照", "aspect": "legality",
           "text": "应写明复印件。", "reviewer": "甲"},
          {"number": 2, "element": "committed_limit", "aspect": "reasonableness",
           "text": "可压减。", "reviewer": "乙"}]


def returned(client: TestClient, case_id: int = 7) -> None:
    """Draft two materials, submit, and receive a letter of two numbered points."""
    materials = [material("申请表"), material("营业执照")]
    assert client.post(MATTERS, json=standard(materials=materials),
                       headers=EDITOR).status_code == 201
    assert client.post(f"{VERSION}/submit", headers=EDITOR).status_code == 200
    letter = {"implementation_code": CODE, "version": 1, "case_id": case_id,
              "decision": "returned", "feedback": {"summary": "", "lead": "组长",
                                                   "opinions": POINTS, "case_id": case_id,
                                                   "round": 1}}
    event = {"id": str(uuid.uuid4()), "type": "review.concluded", "source": "review",
             "occurred_at": "2026-12-01T08:00:00+08:00", "payload": letter}
    assert client.post("/internal/events", json=event, headers=REVIEW).status_code == 200


def save(client: TestClient, **changes: Any) -> None:
    etag = client.get(VERSION, headers=EDITOR).headers["etag"]
    saved = client.put(VERSION, json=standard(**changes), headers=EDITOR | {"If-Match": etag})
    assert saved.status_code == 200, saved.text


def test_resubmission_is_refused_while_a_point_has_no_answer(client: TestClient) -> None:
    returned(client)

    refused = client.post(f"{VERSION}/submit", headers=EDITOR)

    assert refused.status_code == 422
    assert refused.headers["content-type"] == "application/problem+json"
    assert [e["point"] for e in refused.json()["errors"]] == [1, 2]
    assert client.get(VERSION, headers=EDITOR).json()["state"] == "returned"
    sheet = client.get(f"{VERSION}/answers", headers=EDITOR).json()
    assert (sheet["case_id"], sheet["unanswered"]) == (7, [1, 2])


def test_answered_points_travel_with_the_resubmission_to_the_rows_where_they_are(
        client: TestClient, db_url: str) -> None:
    returned(client)
    save(client, materials=[material("申请表"), material("营业执照复印件")])
    revised = client.put(f"{VERSION}/answers/1", headers=EDITOR,
                         json={"kind": "revised", "element": "materials[1]"})
    explained = client.put(f"{VERSION}/answers/2", headers=EDITOR,
                           json={"kind": "explained", "reason": "审查环节法定，不可再压减。"})
    assert (revised.status_code, explained.status_code) == (200, 200)
    assert revised.json()["element_name"] == "营业执照复印件"
    # moved to the top after answering: the answer follows the row
    save(client, materials=[material("营业执照复印件"), material("申请表")])

    submitted = client.post(f"{VERSION}/submit", headers=EDITOR)

    assert submitted.status_code == 200, submitted.text
    payload = [p for t, _, p in outbox_events(db_url) if t == "matter_version.submitted"][-1]
    assert [(a["point"], a["kind"], a["element"], a["case_id"]) for a in payload["answers"]] == [
        (1, "revised", "materials[0]", 7), (2, "explained", None, 7)]
    assert audit_actions(db_url, audit, entity="matter_version", entity_id=f"{CODE}/1").count(
        "feedback.answered") == 2


@pytest.mark.parametrize(("point", "body", "status"), [
    (1, {"kind": "revised"}, 422),
    (1, {"kind": "revised", "element": "materials[5]"}, 422),
    (1, {"kind": "revised", "element": "nonsense"}, 422),
    (2, {"kind": "explained", "reason": "  "}, 422),
    (2, {"kind": "ignored"}, 422),
    (9, {"kind": "explained", "reason": "…"}, 404),
])
def test_an_answer_says_where_it_revised_or_why_not(client: TestClient, point: int,
                                                     body: dict[str, Any], status: int) -> None:
    returned(client)

    assert client.put(f"{VERSION}/answers/{point}", headers=EDITOR,
                      json=body).status_code == status


def test_who_may_answer_and_when(client: TestClient) -> None:
    returned(client)
    body = {"kind": "explained", "reason": "…"}

    assert client.put(f"{VERSION}/answers/1", json=body).status_code == 401
    assert client.put(f"{VERSION}/answers/1", headers=token("reviewer", group="G1"),
                      json=body).status_code == 403
    assert client.put(f"{VERSION}/answers/1", headers=OTHER_EDITOR,
                      json=body).status_code == 404
    assert client.get(f"{VERSION}/answers", headers=token("reviewer", group="G1")
                      ).status_code == 200
    for point in (1, 2):
        client.put(f"{VERSION}/answers/{point}", headers=EDITOR, json=body)
    client.post(f"{VERSION}/submit", headers=EDITOR)
    assert client.put(f"{VERSION}/answers/1", headers=EDITOR, json=body).status_code == 409
