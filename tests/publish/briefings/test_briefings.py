"""Briefings through the API: drafted from the template, edited, approved, published as 第N期;
wrong states are 409, wrong roles 403, and drafts never reach the public."""

from typing import Any

import pytest
from fastapi.testclient import TestClient

from publish.models import audit
from tests.conftest import audit_actions
from tests.publish.briefings.conftest import (
    API,
    LEADER,
    NOVEMBER,
    PUBLISHER,
    SUPERVISOR,
    VISITOR,
    drafted,
)
from tests.publish.conftest import Publish, material, matter_document
from tests.publish.progress.conftest import HEALTH, Move, journey
from tests.publish.statistics.test_figures import closed, rated, send

PROBLEM = "application/problem+json"


def text_of(briefing: dict[str, Any]) -> str:
    """Every paragraph of a briefing, joined."""
    return "\n".join(p for s in briefing["body"]["sections"] for p in s["paragraphs"])


def test_the_template_fills_in_the_periods_figures(client: TestClient, publish: Publish) -> None:
    before = matter_document(committed=10, published_at="2026-10-20T09:00:00+08:00")
    revised = matter_document(
        version=2, committed=7, published_at="2026-11-12T09:00:00+08:00",
        steps=[{"name": "受理", "actor": "窗口", "limit": 1}, {"name": "决定", "actor": "科室",
                                                             "limit": 6}],
        materials=[material("建设工程规划许可申请表")])
    first = matter_document("114301007072304006-XK-0002", name="食品经营许可",
                            department={"code": "114301007072304006", "name": "市场监督管理局"},
                            committed=5, statutory=20,
                            published_at="2026-11-20T09:00:00+08:00")
    later = matter_document("114301007072304006-XK-0003", name="药品零售许可",
                            published_at="2026-12-02T09:00:00+08:00")
    publish(before, revised, first, later)
    briefing = drafted(client)
    assert briefing["title"] == "“一网通办”标准化工作简报（2026年11月）"
    assert briefing["state"] == "draft" and briefing["number"] is None
    words = text_of(briefing)
    assert "共发布标准化事项 2 项，其中首次发布 1 项、修订后重新发布 1 项" in words
    assert "承诺办理时限累计压缩 3 个工作日，减少办理环节 1 个，精简申请材料 1 份" in words
    assert "承诺时限比法定时限累计压缩 15 个工作日" in words
    assert "“建设工程规划许可证核发”承诺时限由 10 个工作日压缩至 7 个工作日" in words
    assert "药品零售许可" not in words
    headings = [s["heading"] for s in briefing["body"]["sections"]]
    assert headings[:2] == ["一、事项标准化进展", "二、减时限、减环节、减材料"]
    assert len(headings) == 5


def test_a_briefing_goes_from_draft_to_the_public_archive(client: TestClient) -> None:
    briefing_id = drafted(client)["id"]
    body = {"sections": [{"heading": "一、总体情况",
                          "paragraphs": ["本月全区完成 12 项事项标准化。"]}]}
    saved = client.put(f"{API}/drafts/{briefing_id}", headers=SUPERVISOR,
                       json={"title": "标准化工作简报", "body": body})
    assert saved.status_code == 200 and saved.json()["body"] == body
    assert client.get(f"{API}/1", headers=VISITOR).status_code == 404
    for step, who, state in (("submit", SUPERVISOR, "submitted"), ("approve", LEADER, "approved"),
                             ("publish", PUBLISHER, "published")):
        answer = client.post(f"{API}/drafts/{briefing_id}/{step}", headers=who)
        assert answer.status_code == 200 and answer.json()["state"] == state, answer.text
    assert answer.json()["number"] == 1 and answer.json()["approver_name"] == "leader"
    archive = client.get(API, headers=VISITOR).json()["items"]
    assert [(b["number"], b["title"]) for b in archive] == [(1, "标准化工作简报")]
    assert client.get(f"{API}/1", headers=VISITOR).json()["body"] == body
    assert audit_actions(client.app.state.settings.database_url, audit, entity="briefing",
                         entity_id=str(briefing_id)) == [
        "briefing.drafted", "briefing.edited", "briefing.submitted", "briefing.approved",
        "briefing.published"]


def test_the_archive_is_newest_first_and_numbers_follow_on(client: TestClient,
                                                          approve: Any) -> None:
    ids = [approve(title=f"简报{n}") for n in (1, 2, 3)]
    for briefing_id in (ids[1], ids[0], ids[2]):
        assert client.post(f"{API}/drafts/{briefing_id}/publish",
                           headers=PUBLISHER).status_code == 200
    archive = client.get(API, headers=VISITOR).json()["items"]
    assert [(b["number"], b["title"]) for b in archive] == [(3, "简报3"), (2, "简报1"),
                                                            (1, "简报2")]


def test_a_leader_returns_a_briefing_with_a_reason(client: TestClient) -> None:
    briefing_id = drafted(client)["id"]
    client.post(f"{API}/drafts/{briefing_id}/submit", headers=PUBLISHER)
    returned = client.post(f"{API}/drafts/{briefing_id}/return", headers=LEADER,
                           json={"reason": "第二部分请补充典型事项。"})
    assert returned.status_code == 200
    assert returned.json()["state"] == "draft"
    assert returned.json()["return_reason"] == "第二部分请补充典型事项。"
    empty = client.post(f"{API}/drafts/{briefing_id}/return", headers=LEADER, json={})
    assert empty.status_code == 422


@pytest.mark.parametrize(("step", "who", "json"), [
    ("publish", PUBLISHER, None), ("approve", LEADER, None),
    ("return", LEADER, {"reason": "请修改"})])
def test_a_step_from_the_wrong_state_is_a_conflict(client: TestClient, step: str,
                                                   who: dict[str, str], json: Any) -> None:
    briefing_id = drafted(client)["id"]
    answer = client.post(f"{API}/drafts/{briefing_id}/{step}", headers=who, json=json)
    assert answer.status_code == 409
    assert answer.headers["content-type"] == PROBLEM and "draft" in answer.json()["detail"]


def test_only_a_draft_is_edited_and_a_published_one_is_published_once(
        client: TestClient, approve: Any) -> None:
    briefing_id = approve()
    edit = {"title": "改", "body": {"sections": [{"heading": "一", "paragraphs": []}]}}
    assert client.put(f"{API}/drafts/{briefing_id}", json=edit,
                      headers=PUBLISHER).status_code == 409
    assert client.post(f"{API}/drafts/{briefing_id}/publish", headers=PUBLISHER).status_code == 200
    again = client.post(f"{API}/drafts/{briefing_id}/publish", headers=PUBLISHER)
    assert again.status_code == 409 and again.headers["content-type"] == PROBLEM


@pytest.mark.parametrize(("method", "path", "who", "json"), [
    ("POST", "/drafts", VISITOR, NOVEMBER), ("POST", "/drafts", LEADER, NOVEMBER),
    ("GET", "/drafts", VISITOR, None), ("GET", "/drafts/1", VISITOR, None),
    ("PUT", "/drafts/1", LEADER, {"title": "x", "body": {"sections": [{"heading": "x"}]}}),
    ("POST", "/drafts/1/submit", LEADER, None), ("POST", "/drafts/1/approve", PUBLISHER, None),
    ("POST", "/drafts/1/approve", SUPERVISOR, None),
    ("POST", "/drafts/1/return", PUBLISHER, {"reason": "x"}),
    ("POST", "/drafts/1/publish", SUPERVISOR, None), ("POST", "/drafts/1/publish", LEADER, None)])
def test_each_step_is_for_its_role(client: TestClient, method: str, path: str,
                                   who: dict[str, str], json: Any) -> None:
    drafted(client)
    answer = client.request(method, f"{API}{path}", headers=who, json=json)
    assert answer.status_code == 403 and answer.headers["content-type"] == PROBLEM


def test_staff_see_unpublished_briefings_and_the_public_never_does(client: TestClient) -> None:
    briefing_id = drafted(client)["id"]
    for who in (PUBLISHER, SUPERVISOR, LEADER):
        listed = client.get(f"{API}/drafts", headers=who).json()["items"]
        assert [b["id"] for b in listed] == [briefing_id]
    assert client.get(API, headers=VISITOR).json()["items"] == []
    assert client.get(f"{API}/{briefing_id}", headers=VISITOR).status_code == 404
    assert client.get(f"{API}/drafts/999", headers=LEADER).status_code == 404


@pytest.mark.parametrize("json", [
    {"period_start": "2026-11-30", "period_end": "2026-11-01"},
    {"period_start": "2024-01-01", "period_end": "2026-11-01"},
    {**NOVEMBER, "state": "published"}, {**NOVEMBER, "title": ""}])
def test_a_wrong_period_or_field_is_refused(client: TestClient, json: dict[str, Any]) -> None:
    answer = client.post(f"{API}/drafts", json=json, headers=PUBLISHER)
    assert answer.status_code == 422 and answer.headers["content-type"] == PROBLEM


def test_markup_is_kept_as_plain_text(client: TestClient) -> None:
    briefing_id = drafted(client)["id"]
    body = {"sections": [{"heading": "<b>一</b>", "paragraphs": ["<script>alert(1)</script>"]}]}
    saved = client.put(f"{API}/drafts/{briefing_id}", headers=PUBLISHER,
                       json={"title": "简报 & <i>", "body": body})
    assert saved.json()["body"] == body and saved.json()["title"] == "简报 & <i>"


def test_a_period_without_publications_says_so(client: TestClient, publish: Publish) -> None:
    publish(matter_document(published_at="2026-11-12T09:00:00+08:00"))
    words = text_of(drafted(client, {"period_start": "2026-10-01", "period_end": "2026-10-31"}))
    assert "本期（2026年10月1日至10月31日）没有新发布或修订发布的标准化事项。" in words
    assert "承诺时限、办理环节和申请材料均无变化" in words


def test_the_template_reports_the_periods_cases_and_ratings(client: TestClient) -> None:
    in_period = [closed(n, days, decided="2026-11-10", overdue=days > 10)
                 for n, days in enumerate((3, 5, 8, 12), start=1)]
    send(client, *in_period, closed(9, 30, decided="2026-10-10", overdue=True),
         rated(1, 5), rated(2, 2))
    words = text_of(drafted(client))
    assert ("本期办结4件，实际办理时间中位数5个工作日、90%的办件在12个工作日内办结；"
            "超期1件（25.0%）") in words
    assert "本期没有办结的办件" not in words
    assert "请填写】本期修正的条款" not in words


def test_a_period_without_cases_says_so(client: TestClient) -> None:
    assert "本期没有办结的办件。" in text_of(drafted(client))


def test_the_template_names_the_slow_departments(client: TestClient, move: Move) -> None:
    move("H-01", *journey("2026-09-02", "2026-10-02"), department=HEALTH)
    move("P-01", ("draft", "2026-10-05"), ("submitted", "2026-10-06"),
            ("approved", "2026-11-03"), ("published", "2026-11-04"))
    words = text_of(drafted(client))
    assert "全区2项事项中已发布1项" in words and "本期新发布1项" in words
    assert "卫生健康局：已发布0项" in words and "有事项两次被退回" in words
    assert "自然资源和规划局：" not in words
