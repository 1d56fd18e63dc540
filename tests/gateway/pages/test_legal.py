"""The legal basis registry page over real HTTP on the demo zone."""

from tests.gateway.pages.page_text import text_of
from tests.live import signed_in


def test_the_registry_is_read_only_for_editors(demo_url: str) -> None:
    editor, csrf = signed_in(demo_url, "editor")
    page = editor.get("/admin/legal", params={"q": "食品安全"})
    assert page.status_code == 200
    shown = text_of(page.text)
    assert "中华人民共和国食品安全法" in shown and "中华人民共和国城乡规划法" not in shown
    assert "登记修改或废止" not in page.text and "登记法律法规" not in page.text
    refused = editor.post("/admin/legal/laws", data={"csrf_token": csrf, "name": "某法",
                                                     "issuer": "某机关"})
    assert refused.status_code == 403
