"""Bulk import of units and accounts from Excel and CSV: the template imports as it is, a
wrong row names its sheet, row, column and reason and nothing at all is written, and no file
however bad gives a 500."""

import io
from collections.abc import Callable
from typing import Any

from fastapi.testclient import TestClient
from openpyxl import Workbook, load_workbook

from gateway.bulk import MAX_BYTES, MAX_ROWS
from tests import builders

IMPORTS = "/api/admin/imports"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SignIn = Callable[[str], dict[str, str]]


def workbook(**sheets: list[list[Any]]) -> bytes:
    book = Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    for title, table in sheets.items():
        sheet = book.create_sheet(title)
        for row in table:
            sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def send(platform: TestClient, headers: dict[str, str], name: str, content: bytes,
         kind: str | None = None, path: str = IMPORTS) -> Any:
    data = {"kind": kind} if kind else {}
    return platform.post(path, headers=headers, data=data,
                         files={"file": (name, content, XLSX if name.endswith("x") else
                                         "text/csv")})


def usernames(platform: TestClient, headers: dict[str, str]) -> set[str]:
    return {a["username"] for a in builders.ok(platform.get("/api/admin/accounts",
                                                             headers=headers))}


def test_the_excel_template_imports_as_it_is_and_each_account_gets_its_link(
        platform: TestClient, as_: SignIn) -> None:
    admin = as_("admin")
    template = platform.get(f"{IMPORTS}/template.xlsx", headers=admin)
    assert template.status_code == 200
    assert load_workbook(io.BytesIO(template.content)).sheetnames == ["单位", "账号"]
    preview = builders.ok(send(platform, admin, "template.xlsx", template.content,
                               path=f"{IMPORTS}/preview"))
    assert preview["problems"] == [] and [u["code"] for u in preview["units"]] == ["swj"]
    assert "zhang.wei" not in usernames(platform, admin)  # a preview writes nothing
    imported = builders.ok(send(platform, admin, "template.xlsx", template.content), 201)
    assert [a["username"] for a in imported["accounts"]] == ["zhang.wei", "li.na"]
    assert all("/invitation/" in a["url"] for a in imported["accounts"])
    zhang = builders.ok(platform.get("/api/admin/accounts/zhang.wei", headers=admin))
    assert (zhang["unit"], zhang["group_code"], zhang["roles"]) == ("swj", "G1", [])
    again = send(platform, admin, "template.xlsx", template.content)
    assert again.status_code == 422  # every row exists now


def test_a_csv_of_accounts_in_gb18030_imports(platform: TestClient, as_: SignIn) -> None:
    admin = as_("admin")
    text = "用户名,姓名,审核组代码,单位\nqian.li,钱力,G3,卫生健康局\nsun.yu,孙雨,G2,czj\n"
    imported = builders.ok(send(platform, admin, "people.csv", text.encode("gb18030"),
                                kind="accounts"), 201)
    assert len(imported["accounts"]) == 2
    qian = builders.ok(platform.get("/api/admin/accounts/qian.li", headers=admin))
    assert (qian["unit"], qian["group_code"]) == ("wjj", "G3")  # a unit named by its name
    template = platform.get(f"{IMPORTS}/template-units.csv", headers=admin)
    assert template.content.decode("utf-8-sig").startswith("单位代码,单位名称")


def test_any_wrong_row_names_its_cell_and_nothing_is_written(platform: TestClient,
                                                             as_: SignIn) -> None:
    admin = as_("admin")
    content = workbook(单位=[["单位代码", "单位名称"], ["tjj", "统计局"], ["sfj", "司法局二"]],
                       账号=[["用户名", "姓名", "部门代码", "审核组代码", "单位"],
                            ["good.one", "好人", "", "G1", "tjj"],
                            ["bad name", "坏名", "", "", ""],
                            ["no.name", "", "", "", ""],
                            ["good.one", "重复", "", "", ""],
                            ["lost", "迷路", "11430100707230999X", "G9", "火星局"],
                            ["reviewer", "已有", "", "", ""]])
    answer = send(platform, admin, "bad.xlsx", content)
    assert answer.status_code == 422
    problems = {(e["sheet"], e["row"], e["column"]): e["reason"] for e in answer.json()["errors"]}
    assert problems == {
        ("单位", 3, "单位代码"): "单位代码 sfj 已存在或在文件中重复",
        ("账号", 3, "用户名"): "只能包含英文字母、数字和 _ . - 等符号",
        ("账号", 4, "姓名"): "不能为空",
        ("账号", 5, "用户名"): "用户名 good.one 在文件中重复",
        ("账号", 6, "部门代码"): "部门代码 11430100707230999X 不存在",
        ("账号", 6, "审核组代码"): "审核组或窗口代码 G9 不存在",
        ("账号", 6, "单位"): "单位 火星局 不存在（填单位代码或单位名称）",
        ("账号", 7, "用户名"): "用户名 reviewer 已存在"}
    assert "good.one" not in usernames(platform, admin)
    units = builders.ok(platform.get("/api/admin/units", headers=admin))
    assert "tjj" not in {u["code"] for u in units}


def test_a_bad_file_is_a_readable_refusal_never_a_500(platform: TestClient,
                                                      as_: SignIn) -> None:
    admin = as_("admin")
    header = "用户名,姓名\n"
    files = [("garbage.xlsx", b"PK\x03\x04 not a zip at all", None),
             ("random.xlsx", bytes(range(256)) * 10, None),
             ("people.csv", header.encode(), None),  # no kind said
             ("nul.csv", b"\x00\x01\x02" * 100, "accounts"),
             ("empty.csv", b"", "accounts"),
             ("columns.csv", "名字,电话\n张三,1\n".encode(), "accounts"),
             ("huge.csv", header.encode() + b"a,b\n" * (MAX_BYTES // 4), "accounts"),
             ("long.csv", (header + "u{0},名{0}\n" * (MAX_ROWS + 1)).format(1).encode(),
              "accounts"),
             ("other.xlsx", workbook(Sheet1=[["x"]]), None)]
    for name, content, kind in files:
        for path in (IMPORTS, f"{IMPORTS}/preview"):
            answer = send(platform, admin, name, content, kind=kind, path=path)
            assert answer.status_code in (200, 422), (name, path, answer.text[:300])
            body = answer.json()
            reasons = [e["reason"] for e in body.get("errors") or body.get("problems") or []]
            assert reasons and all(reasons), (name, path, body)
    assert send(platform, admin, "x.csv", b"a", kind="people").status_code == 422


def test_only_the_system_administrator_imports(platform: TestClient, as_: SignIn) -> None:
    for username in ("security", "auditor", "editor"):
        headers = as_(username)
        assert send(platform, headers, "t.csv", b"x", kind="units").status_code == 403
        assert platform.get(f"{IMPORTS}/template.xlsx", headers=headers).status_code == 403
