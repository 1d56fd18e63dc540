"""The pilot settings page (administrators), the basic catalog page and deriving a local matter
from it (editors), and what the province then reads, over real HTTP against the platform."""

import re

import httpx

from tests.live import signed_in

PLANNING_MATTER = "430103-01-0001"  # 自然资源和规划局, a demo pilot
HEALTH_MATTER = "430103-01-0026"  # 卫生健康局, not a pilot


def checked_pilots(html: str) -> set[str]:
    return set(re.findall(r'name="pilots" value="([^"]+)" checked', html))


def test_only_administrators_reach_the_pilot_page(work_url: str) -> None:
    anonymous = httpx.get(f"{work_url}/admin/pilots", follow_redirects=False)
    assert anonymous.status_code == 303
    assert anonymous.headers["location"] == "/sign-in?next=/admin/pilots"
    editor, _ = signed_in(work_url, "editor")
    assert editor.get("/admin/pilots").status_code == 403


def test_the_province_reads_pilots_only_until_the_administrator_rolls_out(
        work_url: str, province: dict[str, str]) -> None:
    admin, csrf = signed_in(work_url, "admin")
    sync = httpx.Client(base_url=f"{work_url}/api/sync/v1", timeout=30, headers=province)
    page = admin.get("/admin/pilots")
    assert page.status_code == 200
    assert "尚未开始试点" in page.text and "自然资源和规划局" in page.text
    pilots = {"11430100707230200T", "114301007072304006"}
    assert checked_pilots(page.text) == pilots  # marked by the demo loader
    assert sync.get(f"/matters/{HEALTH_MATTER}").status_code == 200  # nothing decided yet

    started = admin.post("/admin/pilots", data={"csrf_token": csrf, "rollout": "off",
                                                "pilots": sorted(pilots)},
                         follow_redirects=False)
    assert started.status_code == 303
    page = admin.get(started.headers["location"])
    assert "试点阶段" in page.text and "设置已保存" in page.text
    assert sync.get(f"/matters/{HEALTH_MATTER}").status_code == 404
    linked = sync.get(f"/matters/{PLANNING_MATTER}", headers={"Accept": "application/ld+json"})
    assert linked.status_code == 200
    assert linked.headers["content-type"].startswith("application/ld+json")
    assert linked.json()["@graph"][0]["dct:identifier"] == PLANNING_MATTER
    assert sync.get(f"/matters/{PLANNING_MATTER}").json()["name"] == "建设用地规划许可证核发"

    saved = admin.post("/admin/pilots", headers={"HX-Request": "true"}, data={
        "csrf_token": csrf, "rollout": "on", "pilots": sorted(pilots)})
    assert saved.status_code == 200 and "<html" not in saved.text
    assert "补报发布记录 0 条" in saved.text and "已全面推开" in saved.text
    assert sync.get(f"/matters/{HEALTH_MATTER}").status_code == 200
    assert admin.post("/admin/pilots", data={"rollout": "on"}).status_code == 403  # no CSRF


def test_the_editor_derives_a_matter_from_the_basic_catalog(work_url: str) -> None:
    editor, csrf = signed_in(work_url, "editor")
    page = editor.get("/editor/base-catalog")
    assert page.status_code == 200
    assert "共 34 项基本目录事项" in page.text and "派生实施清单事项" in page.text
    found = editor.get("/editor/base-catalog", params={"q": "乡村建设"},
                       headers={"HX-Request": "true"})
    assert "乡村建设规划许可证核发" in found.text and "食品经营许可" not in found.text
    assert "<html" not in found.text and found.headers["vary"] == "HX-Request"

    url = "/editor/base-catalog/XK00000003/derive"
    done = editor.post(url, data={"csrf_token": csrf, "implementation_code": "430103-01-7003",
                                  "window": "planning"}, follow_redirects=False)
    assert done.status_code == 303
    assert done.headers["location"] == "/editor/matters/430103-01-7003"
    versions = editor.get("/editor/matters/430103-01-7003")
    assert versions.status_code == 200 and "乡村建设规划许可证核发" in versions.text
    listed = editor.get("/editor/base-catalog", params={"q": "XK00000003"})
    assert "430103-01-7003" in listed.text and "由此派生" in listed.text

    taken = editor.post(url, headers={"HX-Request": "true"}, data={
        "csrf_token": csrf, "implementation_code": "430103-01-7003", "window": "planning"})
    assert taken.status_code == 409 and "该实施编码已被其他事项使用" in taken.text
    assert 'value="430103-01-7003"' in taken.text and "<html" not in taken.text
    empty = editor.post(url, data={"csrf_token": csrf, "implementation_code": " ",
                                   "window": ""})
    assert empty.status_code == 422
    assert "请填写实施编码" in empty.text and "请选择办理窗口" in empty.text
    quick = editor.post(url, headers={"HX-Request": "true"}, data={
        "csrf_token": csrf, "implementation_code": "430103-01-7004", "window": "planning"})
    assert quick.status_code == 204
    assert quick.headers["hx-redirect"] == "/editor/matters/430103-01-7004"


def test_the_basic_catalog_page_is_for_editors(work_url: str) -> None:
    reviewer, _ = signed_in(work_url, "reviewer")
    assert reviewer.get("/editor/base-catalog").status_code == 403
    admin, csrf = signed_in(work_url, "admin")
    page = admin.get("/editor/base-catalog", params={"q": "XK00000003"})
    assert page.status_code == 200 and 'name="department"' in page.text  # an admin chooses
    refused = admin.post("/editor/base-catalog/XK00000003/derive", data={
        "csrf_token": csrf, "implementation_code": "430103-01-7005", "window": "planning"})
    assert refused.status_code == 422 and "请选择实施主体" in refused.text
