"""Who may open which page: anonymous visitors sign in first (back to the page, or home after
an action; HTMX navigates the whole page), a signed-in account without the role gets the 403
page. A representative route of each audience, over real HTTP on the demo zone."""

from collections.abc import Callable, Iterator
from functools import cache

import httpx
import pytest

from tests.live import signed_in


@pytest.fixture(scope="module")
def site(demo_url: str) -> Iterator[httpx.Client]:
    """An anonymous client of the demo platform."""
    with httpx.Client(base_url=demo_url, timeout=10) as client:
        yield client


@pytest.fixture(scope="module")
def account(demo_url: str) -> Callable[[str], tuple[httpx.Client, str]]:
    """A client signed in as a demo account, and its CSRF token (each account signs in once)."""
    return cache(lambda username: signed_in(demo_url, username))


def test_anonymous_visitors_are_sent_to_sign_in(demo_url: str) -> None:
    answer = httpx.get(f"{demo_url}/editor/matters", follow_redirects=False)
    assert answer.status_code == 303
    assert answer.headers["location"] == "/sign-in?next=/editor/matters"


@pytest.mark.parametrize("path", ["/clerk/applications", "/approver/applications",
                                  "/my/applications", "/apply/430103-01-0002",
                                  "/applications/1/documents/1", "/signoffs/1"])
def test_an_anonymous_visitor_is_sent_to_sign_in(site: httpx.Client, path: str) -> None:
    page = site.get(path)
    assert page.status_code == 303
    assert page.headers["location"] == f"/sign-in?next={path}"


def test_a_signed_in_account_without_the_role_gets_a_readable_403(site: httpx.Client) -> None:
    signed_in = site.post("/sign-in", data={"username": "applicant",
                                            "password": "onewindow-demo", "next": "/"})
    assert signed_in.status_code == 303
    page = site.get("/clerk/applications")
    site.cookies.clear()
    assert page.status_code == 403
    assert "您没有权限执行此操作" in page.text and "<html" in page.text


def test_an_anonymous_action_goes_to_sign_in_not_to_the_action(site: httpx.Client) -> None:
    plain = site.post("/clerk/applications/1/accept")
    assert plain.status_code == 303 and plain.headers["location"] == "/sign-in"
    fragment = site.post("/clerk/applications/1/accept", headers={"HX-Request": "true"})
    assert fragment.headers["hx-redirect"] == "/sign-in"


# --- every audience: (a page of it, an account that may open it, one that may not) ---------

AUDIENCES = [("/editor/matters", "editor", "applicant"),
             ("/admin/pilots", "admin", "editor"),
             ("/admin/lint-phrases", "admin", "security"),
             ("/admin/synonyms", "admin", "editor"),
             ("/audit", "auditor", "admin"),
             ("/audit.csv", "auditor", "security"),
             ("/matters/430103-01-0002/history", "lead", "applicant"),
             ("/review/cases", "reviewer", "editor"),
             ("/review/my", "reviewer", "supervisor"),
             ("/review/board", "lead", "reviewer"),
             ("/metrics", "supervisor", "clerk"),
             ("/my/applications", "applicant", "clerk"),
             ("/clerk/applications", "clerk", "approver"),
             ("/approver/applications", "approver", "clerk"),
             ("/admin/dead-letters", "admin", "supervisor"),
             ("/supervisor/complaints", "supervisor", "approver"),
             ("/supervision/timeliness", "lead", "clerk"),
             ("/supervision/cases", "supervisor", "clerk"),
             ("/supervision/cases", "approver", "applicant"),
             ("/rectifications", "approver", "applicant"),
             ("/my/mandates", "enterprise", "clerk"),
             ("/projects", "butler", "approver"),
             ("/projects/1", "enterprise", "supervisor"),
             ("/admin/holidays", "admin", "clerk"),
             ("/admin/departments", "admin", "editor"),
             ("/admin/departments/11430100707230200T", "admin", "supervisor"),
             ("/admin/windows", "admin", "clerk"),
             ("/admin/review-groups", "admin", "lead"),
             ("/admin/routing", "admin", "reviewer"),
             ("/editor/matters/430103-01-0002/versions/1/answers", "editor", "reviewer"),
             ("/admin/accounts", "security", "editor"),
             ("/admin/accounts/clerk", "admin", "auditor"),
             ("/admin/units", "admin", "security"),
             ("/admin/imports", "admin", "security"),
             ("/signoffs", "approver-housing", "clerk"),
             ("/review/preliminary", "guidance", "reviewer"),
             ("/questions", "editor", "guidance"),
             ("/questions/queue", "guidance", "editor"),
             ("/questions/1", "approver", "clerk"),
             ("/knowledge", "reviewer", "applicant"),
             # issue 10: briefings, the handbook, progress, notices, workload, reports
             ("/briefings/drafts", "leader", "editor"),
             ("/briefings/drafts/1", "publisher", "clerk"),
             ("/guides/430103-01-0002/handbook.pdf", "clerk", "applicant"),
             ("/supervision/progress", "leader", "editor"),
             ("/supervision/notices", "approver", "clerk"),
             ("/supervision/notices/1", "leader2", "applicant"),
             ("/supervision/workload", "admin", "reviewer"),
             ("/supervision/reports", "leader3", "approver")]
# (an action, an account holding another role of the staff, which may not take it)
ACTIONS = [("/editor/matters/new", "reviewer"),
           ("/admin/synonyms", "editor"),
           ("/admin/synonyms/1", "supervisor"),
           ("/admin/synonyms/1/delete", "publisher"),
           ("/review/cases/1/opinions", "supervisor"),
           ("/review/cases/1/feedback", "reviewer"),
           ("/review/cases/1/assignments", "reviewer"),
           ("/review/cases/1/assignments/rule", "supervisor"),
           ("/review/board/area-rules", "reviewer"),
           ("/review/cases/1/conflicts", "reviewer"),
           ("/editor/matters/430103-01-0002/versions/1/answers/1", "reviewer"),
           ("/admin/legal/laws", "editor"),
           ("/clerk/applications/1/accept", "approver"),
           ("/clerk/applications/1/non-acceptance", "approver"),
           ("/clerk/applications/1/special-procedures", "applicant"),
           ("/approver/applications/1/extension", "clerk"),
           ("/approver/applications/1/special-procedures", "applicant"),
           ("/admin/holidays", "clerk"),
           ("/approver/applications/1/decision", "clerk"),
           ("/clerk/hall/next", "approver"),
           ("/clerk/hall/tickets/1/served", "applicant"),
           ("/my/applications/1/resubmit", "clerk"),
           ("/apply/430103-01-0002", "clerk"),
           ("/apply/430103-01-0002/precheck", "approver"),
           ("/my/applications/1/rating", "clerk"),
           ("/rectifications/1/callback", "clerk"),
           ("/supervisor/complaints/430103-TS-20261201-00001/accept", "approver"),
           ("/my/mandates", "clerk"),
           ("/my/mandates/1/accept", "approver"),
           ("/projects", "clerk"),
           ("/projects/1/take", "supervisor"),
           ("/projects/1/items", "editor"),
           ("/projects/1/items/1/up", "clerk"),
           ("/admin/dead-letters/catalog/00000000-0000-0000-0000-000000000000/retry", "editor"),
           ("/admin/departments", "editor"),
           ("/admin/departments/11430100707230200T", "supervisor"),
           ("/admin/windows", "clerk"),
           ("/admin/windows/planning", "approver"),
           ("/admin/review-groups", "lead"),
           ("/admin/review-groups/G1", "lead"),
           ("/admin/routing/rules", "reviewer"),
           ("/admin/routing/rules/1", "supervisor"),
           ("/admin/routing/rules/1/move", "lead"),
           ("/admin/routing/rules/1/delete", "editor"),
           ("/admin/routing/default", "lead"),
           ("/admin/routing/cases/1/route", "supervisor"),
           ("/admin/accounts", "security"),
           ("/admin/accounts/clerk", "security"),
           ("/admin/accounts/clerk/disable", "security"),
           ("/admin/accounts/clerk/enable", "auditor"),
           ("/admin/accounts/clerk/reset", "editor"),
           ("/admin/accounts/clerk/roles", "admin"),
           ("/admin/accounts/clerk/sessions", "admin"),
           ("/admin/units", "security"),
           ("/admin/units/sfj", "security"),
           ("/admin/units/sfj/remove", "editor"),
           ("/admin/imports", "security"),
           ("/admin/imports/confirm", "auditor"),
           ("/signoffs/1/answer", "supervisor"),
           ("/review/preliminary/1/check", "admin"),
           ("/questions", "guidance"),
           ("/questions/1/answer", "editor"),
           ("/briefings/drafts", "leader"), ("/briefings/drafts/1", "leader"),
           ("/briefings/drafts/1/submit", "leader"), ("/briefings/drafts/1/approve", "publisher"),
           ("/briefings/drafts/1/return", "supervisor"), ("/briefings/drafts/1/publish", "leader"),
           ("/editor/material-files?field=materials-0-blank_form", "reviewer"),
           ("/supervision/notices", "editor"), ("/supervision/notices/1/answer", "supervisor"),
           ("/supervision/notices/1/decision", "editor"),
           ("/supervision/progress/settings", "supervisor"),
           ("/supervision/progress/links", "leader"),
           ("/supervision/progress/targets/114301007072307007", "supervisor"),
           ("/supervision/reports/cadence", "supervisor"),
           ("/supervision/reports/generate", "editor")]
PATHS = [path for path, _, _ in AUDIENCES]


@pytest.mark.parametrize("path", PATHS)
def test_an_anonymous_visitor_signs_in_first_and_comes_back(site: httpx.Client,
                                                           path: str) -> None:
    page = site.get(path)
    assert page.status_code == 303 and page.headers["location"] == f"/sign-in?next={path}"


@pytest.mark.parametrize("path", PATHS)
def test_an_anonymous_htmx_request_takes_the_whole_page_to_sign_in(site: httpx.Client,
                                                                   path: str) -> None:
    fragment = site.get(path, headers={"HX-Request": "true"})
    assert fragment.status_code == 200 and fragment.text == ""
    assert fragment.headers["hx-redirect"] == f"/sign-in?next={path}"


@pytest.mark.parametrize("path", [path for path, _ in ACTIONS])
def test_an_anonymous_action_signs_in_and_goes_home(site: httpx.Client, path: str) -> None:
    plain = site.post(path)
    assert plain.status_code == 303 and plain.headers["location"] == "/sign-in"
    fragment = site.post(path, headers={"HX-Request": "true"})
    assert fragment.headers["hx-redirect"] == "/sign-in"


@pytest.mark.parametrize(("path", "allowed", "refused"), AUDIENCES)
def test_each_audience_opens_its_page_and_others_get_the_403_page(
        account: Callable[[str], tuple[httpx.Client, str]], path: str, allowed: str,
        refused: str) -> None:
    member, _ = account(allowed)
    assert member.get(path).status_code == 200
    stranger, _ = account(refused)
    page = stranger.get(path)
    assert page.status_code == 403
    assert "您没有权限执行此操作" in page.text and "<html" in page.text
    fragment = stranger.get(path, headers={"HX-Request": "true"})
    assert fragment.status_code == 403 and "您没有权限执行此操作" in fragment.text


@pytest.mark.parametrize(("path", "refused"), ACTIONS)
def test_an_action_of_another_role_gets_the_403_page(
        account: Callable[[str], tuple[httpx.Client, str]], path: str, refused: str) -> None:
    stranger, csrf = account(refused)
    answer = stranger.post(path, data={"csrf_token": csrf})
    assert answer.status_code == 403 and "您没有权限执行此操作" in answer.text


def test_a_material_is_shown_only_to_those_who_may_see_applications(
        account: Callable[[str], tuple[httpx.Client, str]]) -> None:
    editor, _ = account("editor")
    assert editor.get("/applications/1/materials/1").status_code == 403
    assert editor.get("/applications/1/documents/1").status_code == 403


@pytest.mark.parametrize(("path", "refused"), [("/review/cases/1/letter.pdf", "editor"),
                                               ("/editor/review-letters/1.pdf", "reviewer")])
def test_a_printed_review_letter_is_for_its_group_and_its_department(
        site: httpx.Client, account: Callable[[str], tuple[httpx.Client, str]], path: str,
        refused: str) -> None:
    assert site.get(path).headers["location"] == f"/sign-in?next={path}"
    stranger, _ = account(refused)
    assert stranger.get(path).status_code == 403


# Following a case, checking a document, the lists, search, open data, statistics, briefings.
PUBLIC_PAGES = ["/progress", "/documents/verify", "/power-list", "/responsibility-list",
                "/process-list", "/open-data", "/search?q=规划 许可", "/statistics", "/briefings",
                "/briefings/feed.atom", "/api/publish/v1/responsibility-list/download?format=csv",
                "/api/publish/v1/open-data/catalog.jsonld"]


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_the_public_pages_need_no_sign_in_and_answer_every_role(
        site: httpx.Client, account: Callable[[str], tuple[httpx.Client, str]],
        path: str) -> None:
    assert site.get(path, follow_redirects=False).status_code == 200
    for username in ("applicant", "clerk", "supervisor"):
        member, _ = account(username)
        assert member.get(path).status_code == 200, username


def test_a_one_time_link_needs_no_sign_in_and_an_unknown_one_opens_nothing(
        site: httpx.Client) -> None:
    path = "/invitation/" + "x" * 43
    for answer in (site.get(path), site.post(path, data={"new": "a" * 12, "again": "a" * 12})):
        assert answer.status_code == 404 and "已使用、已过期或不存在" in answer.text


def test_the_windows_detail_page_with_the_numbers_in_clear_is_the_clerks_only(
        site: httpx.Client, account: Callable[[str], tuple[httpx.Client, str]]) -> None:
    path = "/clerk/applications/1"
    assert site.get(path).headers["location"] == f"/sign-in?next={path}"
    for refused in ("applicant", "approver", "supervisor"):
        stranger, _ = account(refused)
        assert stranger.get(path).status_code == 403, refused
    clerk, _ = account("clerk")
    assert clerk.get("/clerk/applications/999999").status_code == 404
