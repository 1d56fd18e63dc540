"""Round 2 on: the desk shows the earlier letters with the department's answers, each point
follows its row (renamed or moved), and what neither changed nor was answered is locked."""

from collections.abc import Callable
from typing import Any

from fastapi.testclient import TestClient

from tests.conftest import token
from tests.review.conftest import lead, reviewer
from tests.review.test_letter import MATERIALS, material, opinion

API = "/api/review/v1"


def returned_round(client: TestClient, open_case: Callable[..., int]) -> int:
    """Round 1 of version 1, returned with three points: 营业执照, 其他材料, the committed limit."""
    case_id = open_case(materials=MATERIALS)
    opinion(client, case_id, reviewer(), element="materials[1]", text="应写明复印件。")
    opinion(client, case_id, reviewer(), proposal="delete", text="兜底，删除。")
    opinion(client, case_id, reviewer(), element="committed_limit", text="可压减。",
            aspect="reasonableness")
    sent = client.post(f"{API}/cases/{case_id}/feedback", headers=lead(),
                       json={"decision": "returned"})
    assert sent.status_code == 201
    return case_id


def answer(case_id: int, point: int, kind: str, element: str | None = None,
           reason: str = "") -> dict[str, Any]:
    return {"case_id": case_id, "point": point, "kind": kind, "element": element,
            "reason": reason}


def test_round_two_shows_round_ones_points_with_the_answers_where_the_rows_are_now(
        client: TestClient, open_case: Callable[..., int],
        deliver: Callable[..., Any]) -> None:
    first = returned_round(client, open_case)
    renamed = material("营业执照复印件", copies=1)  # 营业执照, renamed, moved to the top
    second = open_case(materials=[renamed, material("申请表")], answers=[
        answer(first, 1, "revised", "materials[0]"), answer(first, 2, "revised", "materials"),
        answer(first, 3, "explained", reason="法定审查环节不可再压减。")])

    case = client.get(f"{API}/cases/{second}", headers=reviewer()).json()

    assert case["round"] == 2
    [earlier] = case["earlier_rounds"]
    points = {p["number"]: p for p in earlier["points"]}
    assert (points[1]["row_name"], points[1]["now_at"], points[1]["changed"]) == (
        "营业执照", "materials[0]", True)
    assert points[1]["answer"]["kind"] == "revised"
    assert (points[2]["row_name"], points[2]["now_at"]) == ("其他材料", None)  # deleted
    assert (points[3]["now_at"], points[3]["changed"]) == ("committed_limit", False)
    assert points[3]["answer"]["reason"] == "法定审查环节不可再压减。"
    assert case["open_elements"] == ["committed_limit", "materials", "materials[0]"]


def test_re_review_refuses_opinions_on_what_is_locked_as_approved(
        client: TestClient, open_case: Callable[..., int]) -> None:
    first = returned_round(client, open_case)
    second = open_case(materials=[material("营业执照复印件"), material("申请表")], answers=[
        answer(first, 1, "revised", "materials[0]"), answer(first, 2, "revised", "materials"),
        answer(first, 3, "explained", reason="不可压减。")])
    path = f"{API}/cases/{second}/opinions"
    body = {"aspect": "legality", "text": "…"}

    locked = client.post(path, headers=reviewer(), json=body | {"element": "materials[1]"})
    named = client.post(path, headers=reviewer(), json=body | {"element": "name"})
    changed = client.post(path, headers=reviewer(), json=body | {"element": "materials[0]"})
    answered = client.post(path, headers=reviewer(),
                           json=body | {"element": "committed_limit"})

    assert (locked.status_code, named.status_code) == (409, 409)
    assert "locked" in locked.json()["detail"]
    assert (changed.status_code, answered.status_code) == (201, 201)


def test_a_new_row_at_a_reviewed_position_does_not_inherit_its_opinion(
        client: TestClient, open_case: Callable[..., int]) -> None:
    first = returned_round(client, open_case)
    # 营业执照 is gone; 身份证 now stands where it stood, and nothing links the two
    second = open_case(materials=[material("申请表"), material("身份证")],
                       answers=[answer(first, 3, "explained", reason="不可压减。")])

    case = client.get(f"{API}/cases/{second}", headers=reviewer()).json()

    point = case["earlier_rounds"][0]["points"][0]
    assert (point["row_name"], point["now_at"]) == ("营业执照", None)
    assert "materials[1]" in case["open_elements"]  # 身份证 is new: it is reviewed


def test_the_metrics_count_rounds_and_approvals_after_one_return(
        client: TestClient, open_case: Callable[..., int]) -> None:
    first = returned_round(client, open_case)
    second = open_case(materials=MATERIALS, answers=[answer(first, n, "explained", reason="…")
                                                     for n in (1, 2, 3)])
    client.post(f"{API}/cases/{second}/feedback", headers=lead(), json={"decision": "approved"})
    other = open_case(code="114301007072302000XK0000100002")
    client.post(f"{API}/cases/{other}/feedback", headers=lead(), json={"decision": "approved"})
    open_case(code="114301007072302000XK0000100003")

    found = client.get(f"{API}/metrics", headers=token("supervisor")).json()

    assert (found["matters_reviewed"], found["approved"], found["rounds_total"]) == (3, 2, 4)
    assert found["rounds"] == {"1": 2, "2": 1}
    assert (found["approved_first_round"], found["approved_after_a_return"],
            found["approved_after_one_return"]) == (1, 1, 1)
    assert found["share_approved_after_one_return"] == 1.0
    assert client.get(f"{API}/metrics", headers=reviewer("G2")).json()["matters_reviewed"] == 0
