"""The template a department downloads: every sheet, header, note and drop-down list."""

from io import BytesIO
from urllib.parse import quote

from fastapi.testclient import TestClient
from openpyxl import load_workbook

from tests.builders import EDITOR, PLANNING
from tests.catalog.excel.workbooks import EXCEL, SHEETS, XLSX


def test_template_download_is_an_xlsx_with_every_sheet_header_note_and_list(
        client: TestClient) -> None:
    response = client.get(f"{EXCEL}/template", headers=EDITOR)
    assert response.status_code == 200
    assert response.headers["content-type"] == XLSX
    disposition = response.headers["content-disposition"]
    assert disposition.startswith("attachment;")
    assert f"filename*=UTF-8''{quote('事项标准导入模板.xlsx')}" in disposition
    book = load_workbook(BytesIO(response.content))
    assert book.sheetnames == SHEETS
    matter = book["事项"]
    headers = [c.value for c in matter[1]]
    assert headers[:5] == ["实施编码*", "基本编码*", "业务办理项编码", "事项名称*", "事项类型*"]
    assert "承诺办结时限*" in headers and "生效日期*" in headers
    note = matter.cell(1, headers.index("承诺办结时限*") + 1).comment.text
    assert "不得超过法定办结时限" in note
    assert [c.value for c in book["申请材料"][1]][:3] == ["实施编码*", "材料名称*", "是否必需*"]
    lists = {str(dv.sqref): dv.formula1 for dv in matter.data_validations.dataValidation}
    type_column = chr(ord("A") + headers.index("事项类型*"))
    assert any(ref.startswith(f"{type_column}2:") and "代码表" in formula
               for ref, formula in lists.items())
    codes = book["代码表"]
    column = [c.value for c in codes[1]].index("办理窗口") + 1
    assert "规划建设窗口" in [codes.cell(r, column).value for r in range(2, 8)]
    # An editor's template offers only the editor's own department.
    column = [c.value for c in codes[1]].index("实施主体统一社会信用代码") + 1
    assert [codes.cell(r, column).value for r in (2, 3)] == [PLANNING, None]
