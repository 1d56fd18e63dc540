"""Briefings on pages: the demo zone's archive, issues and Atom feed for anyone; the desk where
staff draft from the template, edit, submit, approve or return, and publish the next 第N期."""

import re
from xml.etree import ElementTree as ET

import httpx
import pytest

from tests.live import signed_in

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def site(demo_url: str) -> httpx.Client:
    return httpx.Client(base_url=demo_url, timeout=30)


def test_the_archive_lists_a_year_of_briefings_newest_first(site: httpx.Client) -> None:
    page = site.get("/briefings")
    assert page.status_code == 200
    numbers = re.findall(r"第(\d+)期", page.text)
    assert numbers == ["6", "5", "4", "3", "2", "1"]
    assert "攻坚专刊" not in page.text  # submitted, not published


def test_an_issue_is_printable_and_a_missing_one_is_404(site: httpx.Client) -> None:
    page = site.get("/briefings/3")
    assert page.status_code == 200
    assert "第3期" in page.text and "二、减时限、减环节、减材料" in page.text
    assert "@media print" in site.get("/static/app.css").text
    for missing in ("/briefings/7", "/briefings/0", "/briefings/abc", "/briefings/99999999999"):
        answer = site.get(missing)
        assert answer.status_code == 404 and "没有找到这一期简报" in answer.text, missing


def test_the_atom_feed_parses_and_holds_the_published_issues(site: httpx.Client) -> None:
    answer = site.get("/briefings/feed.atom")
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("application/atom+xml")
    feed = ET.fromstring(answer.content)
    assert feed.tag == f"{ATOM}feed"
    assert feed.findtext(f"{ATOM}id", "").endswith("/briefings")
    assert feed.findtext(f"{ATOM}updated")
    entries = feed.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title", "")[:4] for e in entries] == [
        "第6期 ", "第5期 ", "第4期 ", "第3期 ", "第2期 ", "第1期 "]
    newest = entries[0]
    assert newest.findtext(f"{ATOM}id", "").endswith("/briefings/6")
    assert newest.find(f"{ATOM}link").get("href", "").endswith("/briefings/6")  # type: ignore[union-attr]
    assert newest.findtext(f"{ATOM}updated")
    content = newest.find(f"{ATOM}content")
    assert content is not None and content.get("type") == "html"
    assert "<h2>一、事项标准化进展</h2>" in (content.text or "")


def test_the_leader_sees_the_issue_awaiting_approval(demo_url: str) -> None:
    leader, _ = signed_in(demo_url, "leader")
    desk = leader.get("/briefings/drafts")
    assert desk.status_code == 200 and "攻坚专刊" in desk.text and "待审定" in desk.text
    assert "按模板起草" not in desk.text  # leaders approve; they do not draft
    draft = re.search(r'href="/briefings/drafts/(\d+)"', desk.text)
    assert draft is not None
    page = leader.get(f"/briefings/drafts/{draft.group(1)}")
    assert "审定通过" in page.text and "退回修改" in page.text and "编辑简报" not in page.text


def test_a_briefing_from_template_to_the_next_issue(work_url: str) -> None:
    publisher, csrf = signed_in(work_url, "publisher")
    made = publisher.post("/briefings/drafts", data={
        "csrf_token": csrf, "period_start": "2026-11-01", "period_end": "2026-11-30"})
    assert made.status_code == 303
    work = made.headers["location"]
    page = publisher.get(work)
    assert "一、事项标准化进展" in page.text and "本期（2026年11月1日至11月30日）" in page.text
    saved = publisher.post(work, headers={"HX-Request": "true"}, data={
        "csrf_token": csrf, "title": "十一月简报 <b>&</b>", "heading_0": "一、总体情况",
        "text_0": "本月完成标准化。\n\n<script>alert(1)</script>", "heading_1": "",
        "text_1": ""})
    assert saved.status_code == 200 and "已保存" in saved.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in saved.text
    assert "<script>alert" not in saved.text
    assert publisher.post(f"{work}/submit", data={"csrf_token": csrf}).status_code == 303
    leader, leader_csrf = signed_in(work_url, "leader")
    returned = leader.post(f"{work}/return", data={"csrf_token": leader_csrf,
                                                    "reason": "请补充下一步工作。"})
    assert returned.status_code == 303
    assert "领导退回修改：请补充下一步工作。" in publisher.get(work).text
    assert publisher.post(f"{work}/submit", data={"csrf_token": csrf}).status_code == 303
    assert leader.post(f"{work}/approve", data={"csrf_token": leader_csrf}).status_code == 303
    refused = leader.post(f"{work}/publish", data={"csrf_token": leader_csrf})
    assert refused.status_code == 403
    published = publisher.post(f"{work}/publish", data={"csrf_token": csrf})
    assert published.status_code == 303
    issue = published.headers["location"]
    assert re.fullmatch(r"/briefings/\d+", issue)
    public = httpx.get(f"{work_url}{issue}")
    assert "十一月简报 &lt;b&gt;&amp;&lt;/b&gt;" in public.text
    assert "&lt;script&gt;" in public.text and "<script>alert" not in public.text
    feed = ET.fromstring(httpx.get(f"{work_url}/briefings/feed.atom").content)
    newest = feed.findall(f"{ATOM}entry")[0]
    assert newest.findtext(f"{ATOM}title", "").endswith("十一月简报 <b>&</b>")
    again = publisher.post(f"{work}/publish", data={"csrf_token": csrf})
    assert again.status_code == 409 and "当前状态不允许此操作" in again.text


def test_a_draft_needs_a_title_and_headed_sections(work_url: str) -> None:
    publisher, csrf = signed_in(work_url, "publisher")
    work = publisher.post("/briefings/drafts", data={
        "csrf_token": csrf, "period_start": "2026-10-01",
        "period_end": "2026-10-31"}).headers["location"]
    headless = publisher.post(work, headers={"HX-Request": "true"}, data={
        "csrf_token": csrf, "title": "简报", "heading_0": "", "text_0": "没有小标题的正文"})
    assert headless.status_code == 422 and "每个部分都要有小标题" in headless.text
    backwards = publisher.post("/briefings/drafts", data={
        "csrf_token": csrf, "period_start": "2026-10-31", "period_end": "2026-10-01"})
    assert backwards.status_code == 422 and "填写的内容不符合要求" in backwards.text
