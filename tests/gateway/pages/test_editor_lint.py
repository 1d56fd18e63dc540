"""The standard linter in the editor's pages: findings beside their fields, and a submission
refused until the errors are fixed."""

import html
import re

from tests.gateway.pages.matter_forms import matter_form
from tests.gateway.pages.page_text import findings_beside
from tests.live import signed_in


def test_a_draft_with_findings_is_saved_and_shown_with_each_finding_beside_its_field(
        work_url: str) -> None:
    editor, csrf = signed_in(work_url, "editor")
    form = matter_form("430103-01-9101", csrf, statutory_limit="20", committed_limit="25",
                       conditions="申请人符合规定条件\n原则上位于园区内",
                       **{"materials-1-name": "其他相关材料", "materials-1-form": "either",
                          "materials-1-originals": "1", "materials-1-copies": "0",
                          "materials-1-source": "applicant", "materials-1-required": "on"})
    saved = editor.post("/editor/matters/new", data=form)
    assert saved.status_code == 303
    assert saved.headers["location"] == "/editor/matters/430103-01-9101/versions/1/edit?saved=1"
    page = editor.get(saved.headers["location"]).text
    assert "草稿已保存" in page and "2 个错误，1 个提醒" in page
    assert findings_beside(page, "committed_limit") == [
        "error: 承诺办结时限（25 个工作日）超过法定办结时限（20 个工作日），"
        "承诺时限不得长于法定时限。"]
    [catch_all] = findings_beside(page, "materials-1-name")
    assert catch_all.startswith("error: “其他相关材料”是兜底表述")
    [vague] = findings_beside(page, "conditions")
    assert vague.startswith("warning: 第 2 条：“原则上位于园区内”含模糊表述“原则上”")
    assert 'aria-describedby="h-committed_limit e-committed_limit' not in page
    assert 'aria-describedby="h-committed_limit l-committed_limit"' in page
    assert findings_beside(page, "materials-0-name") == []


def test_submitting_with_an_error_is_refused_with_the_findings_and_accepted_once_fixed(
        work_url: str) -> None:
    editor, csrf = signed_in(work_url, "editor")
    code = "430103-01-9102"
    editor.post("/editor/matters/new", data=matter_form(code, csrf, committed_limit="30"))
    versions = editor.get(f"/editor/matters/{code}").text
    assert "规范检查：</strong>1 个错误，0 个提醒" in versions
    refused = editor.post(f"/editor/matters/{code}/versions/1/submit",
                          data={"csrf_token": csrf}, headers={"HX-Request": "true"})
    assert refused.status_code == 422
    assert "还有 1 个错误，暂不能提交审核" in refused.text
    assert "承诺办结时限（30 个工作日）超过法定办结时限" in refused.text
    assert '<span class="badge draft">草稿</span>' in refused.text
    form_page = editor.get(f"/editor/matters/{code}/versions/1/edit").text
    etag = html.unescape(re.search(r'name="etag" value="([^"]+)"', form_page)[1])  # type: ignore[index]
    fixed = editor.post(f"/editor/matters/{code}/versions/1/edit",
                        data=matter_form(code, csrf, etag=etag, committed_limit="5"))
    assert fixed.headers["location"] == f"/editor/matters/{code}"  # clean: back to the versions
    assert "规范检查：</strong>未发现问题" in editor.get(fixed.headers["location"]).text
    submitted = editor.post(f"/editor/matters/{code}/versions/1/submit",
                            data={"csrf_token": csrf})
    assert submitted.status_code == 303
    state = editor.get(f"/api/catalog/v1/matters/{code}").json()["versions"][0]["state"]
    assert state in ("submitted", "in_review")  # the review may already have opened a case
