"""Element-level diffs of two versions: each category, entries matched by name."""

import copy
from typing import Any

from fastapi.testclient import TestClient

from catalog.versions.diff import standard_diff
from tests.builders import BASIS, EDITOR, OTHER_EDITOR, publish_new, standard
from tests.conftest import token

CODE = "430103-01-9001"
MATTER = f"/api/catalog/v1/matters/{CODE}"
FORM = {"name": "建设项目批准文件", "required": True, "form": "paper", "originals": 1,
        "copies": 2, "source": "issued_by_government", "legal_basis": BASIS, "notes": None}


def before() -> dict[str, Any]:
    """Version 1: two materials, one of them a catch-all, three steps, no benchmark."""
    std = standard(conditions=["已取得建设项目批准文件", "提交有关部门要求的其他材料"])
    std["materials"] = [*std["materials"], FORM,
                        {**FORM, "name": "其他相关材料", "form": "either", "copies": 0}]
    return std


def after() -> dict[str, Any]:
    """Version 2: the catch-all gone, a material made electronic, limits and steps cut."""
    std = copy.deepcopy(before())
    std["name"] = "临时建设工程规划许可证核发（告知承诺）"
    std["conditions"] = ["已取得建设项目批准文件", "临时建设不影响近期建设规划"]
    std["materials"] = [{**FORM, "form": "electronic", "copies": 0}, std["materials"][0]]
    std["materials"].append({**FORM, "name": "建设工程设计方案", "source": "applicant"})
    std["statutory_limit"], std["committed_limit"] = 15, 3
    std["limit_unit"] = "calendar_day"
    std["steps"] = [{"name": "受理", "actor": "规划建设窗口", "limit": 1},
                    {"name": "审查决定", "actor": "规划科", "limit": 2}]
    std["fees"] = [{"name": "工本费", "standard": "不收费", "legal_basis": BASIS,
                    "waivable": True}]
    std["discretion_benchmarks"] = [{"circumstance": "材料齐全、符合法定形式",
                                     "standard": "当场受理，3个工作日内作出决定"}]
    std["legal_basis"] = [{**BASIS[0], "text": "临时建设应当经城乡规划主管部门批准。"},
                          {"law": "湖南省实施《中华人民共和国城乡规划法》办法",
                           "article": "第三十二条", "text": "临时建设的期限一般不超过两年。"}]
    std["channels"] = {**std["channels"], "onsite_visits": 0, "online_depth": 4}
    return std


def test_materials_are_matched_by_name_not_by_position() -> None:
    diff = standard_diff(before(), after())["materials"]
    assert [m["name"] for m in diff["added"]] == ["建设工程设计方案"]
    assert [m["name"] for m in diff["removed"]] == ["其他相关材料"]
    [changed] = diff["changed"]
    assert changed["key"] == "建设项目批准文件"
    assert {(f["field"], f["before"], f["after"]) for f in changed["fields"]} == {
        ("form", "paper", "electronic"), ("copies", 2, 0)}
    assert diff["reordered"] is True  # 批准文件 now comes before the application form


def test_limits_channels_and_scalar_elements_list_before_and_after() -> None:
    diff = standard_diff(before(), after())
    assert {(f["field"], f["before"], f["after"]) for f in diff["limits"]} == {
        ("statutory_limit", 20, 15), ("committed_limit", 5, 3),
        ("limit_unit", "working_day", "calendar_day")}
    assert diff["channels"] == []  # the same channels: depth 4, no visit, in both
    assert diff["elements"] == [{"field": "name", "before": "临时建设工程规划许可证核发",
                                 "after": "临时建设工程规划许可证核发（告知承诺）"}]
    more_visits = after()
    more_visits["channels"] = {**more_visits["channels"], "onsite_visits": 2,
                               "onsite_reason": "核验原件"}
    assert standard_diff(after(), more_visits)["channels"] == [
        {"field": "channels.onsite_visits", "before": 0, "after": 2},
        {"field": "channels.onsite_reason", "before": None, "after": "核验原件"}]


def test_steps_conditions_fees_benchmarks_and_legal_basis() -> None:
    diff = standard_diff(before(), after())
    steps = diff["steps"]
    assert [s["name"] for s in steps["removed"]] == ["审查", "决定"]
    assert [s["name"] for s in steps["added"]] == ["审查决定"]
    assert steps["changed"] == [] and steps["reordered"] is False
    assert [c["text"] for c in diff["conditions"]["added"]] == ["临时建设不影响近期建设规划"]
    assert [c["text"] for c in diff["conditions"]["removed"]] == ["提交有关部门要求的其他材料"]
    assert [f["name"] for f in diff["fees"]["added"]] == ["工本费"]
    assert diff["discretion_benchmarks"]["added"][0]["circumstance"] == "材料齐全、符合法定形式"
    basis = diff["legal_basis"]
    assert [b["article"] for b in basis["added"]] == ["第三十二条"]
    assert basis["changed"][0]["key"] == "《中华人民共和国城乡规划法》第四十条"
    assert basis["changed"][0]["fields"][0]["field"] == "text"
    assert diff["identical"] is False


def test_a_step_whose_limit_changed_is_changed_and_the_same_standard_is_identical() -> None:
    quicker = before()
    quicker["steps"][1] = {**quicker["steps"][1], "limit": 2}
    steps = standard_diff(before(), quicker)["steps"]
    assert steps["changed"] == [{"key": "审查", "before": before()["steps"][1],
                                 "after": quicker["steps"][1],
                                 "fields": [{"field": "limit", "before": 3, "after": 2}]}]
    same = standard_diff(before(), before())
    assert same["identical"] is True and same["materials"]["changed"] == []


def test_entries_with_the_same_name_are_told_apart_by_occurrence() -> None:
    twice = before()
    twice["steps"].append({"name": "审查", "actor": "分管局领导", "limit": 1})
    steps = standard_diff(before(), twice)["steps"]
    assert steps["added"] == [twice["steps"][-1]] and steps["changed"] == []


def test_the_diff_api_between_two_versions(client: TestClient) -> None:
    publish_new(client)
    draft = client.post(f"{MATTER}/versions", headers=EDITOR)
    changed = standard(committed_limit=3, conditions=["已取得建设项目批准文件",
                                                      "临时建设不影响近期建设规划"])
    changed["materials"].append({**FORM, "name": "建设工程设计方案"})
    client.put(f"{MATTER}/versions/2", json=changed,
               headers={**EDITOR, "If-Match": draft.headers["etag"]})
    response = client.get(f"{MATTER}/diff", params={"from": 1, "to": 2}, headers=EDITOR)
    assert response.status_code == 200, response.text
    diff = response.json()
    assert (diff["from"]["version"], diff["from"]["state"]) == (1, "published")
    assert (diff["to"]["version"], diff["to"]["state"]) == (2, "draft")
    assert diff["limits"] == [{"field": "committed_limit", "before": 5, "after": 3}]
    assert [m["name"] for m in diff["materials"]["added"]] == ["建设工程设计方案"]
    assert [c["text"] for c in diff["conditions"]["added"]] == ["临时建设不影响近期建设规划"]
    reviewer = token("lead", "reviewer", sub="lead", group="G1")
    assert client.get(f"{MATTER}/diff", headers=reviewer).json() == diff  # 1 → latest
    backwards = client.get(f"{MATTER}/diff", params={"from": 2, "to": 1},
                           headers=EDITOR).json()
    assert backwards["limits"] == [{"field": "committed_limit", "before": 3, "after": 5}]


def test_the_diff_api_refuses_what_cannot_be_compared(client: TestClient) -> None:
    publish_new(client)
    only_one = client.get(f"{MATTER}/diff", headers=EDITOR)
    assert only_one.status_code == 422
    assert only_one.headers["content-type"] == "application/problem+json"
    assert client.get(f"{MATTER}/diff", params={"from": 1, "to": 9},
                      headers=EDITOR).status_code == 404
    assert client.get(f"{MATTER}/diff", params={"from": "one"},
                      headers=EDITOR).status_code == 422
    assert client.get(f"{MATTER}/diff", params={"from": 0, "to": 1},
                      headers=EDITOR).status_code == 422
    assert client.get(f"{MATTER}/diff", params={"from": 1, "to": 1},
                      headers=OTHER_EDITOR).status_code == 404
    assert client.get("/api/catalog/v1/matters/NOPE/diff", params={"from": 1, "to": 1},
                      headers=EDITOR).status_code == 404
