"""The demo zone's blank application forms (空白表格) and filled-in samples (示范文本), as .xlsx
workbooks drawn with openpyxl at demo load."""

import io
from functools import cache

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side

FORM_WORDS = ("申请表", "申请书", "登记表", "备案表", "信息表", "审核表")
FIELDS = ["申请人（单位）名称", "统一社会信用代码／身份证号码", "法定代表人（负责人）", "联系人",
          "联系电话", "通讯地址", "申请事项", "申请内容", "申请日期", "申请人签章"]
SAMPLE = ["长沙市天心区示范建设有限公司", "91430103MA4L000000", "张三", "李四", "0731-85000000",
          "长沙市天心区书院路100号", None, "按照办事指南的要求申请办理，所附材料真实有效。",
          "2026年12月1日", "（加盖公章）"]


def application_form(materials: list[str]) -> int | None:
    """The index of the material that is the application form, if any."""
    return next((i for i, name in enumerate(materials) if any(w in name for w in FORM_WORDS)),
                None)


@cache  # one set of bytes per form: each version of a matter names the same stored file
def workbook(*, title: str, matter: str, filled: bool) -> bytes:
    """A one-page form: a title, then one row per field; filled in with example values when
    `filled` (the sample)."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None  # a new workbook always has its first sheet
    sheet.title = "示范文本" if filled else "申请表"
    sheet.merge_cells("A1:B1")
    sheet["A1"] = f"{title}（{'示范文本' if filled else '空白表格'}）"
    sheet["A1"].font = Font(size=14, bold=True)
    sheet["A1"].alignment = Alignment(horizontal="center")
    line = Side(style="thin")
    for row, (field, example) in enumerate(zip(FIELDS, SAMPLE, strict=True), start=3):
        value = (example or matter) if filled else ""
        sheet.cell(row=row, column=1, value=field).font = Font(bold=True)
        sheet.cell(row=row, column=2, value=value)
        for column in (1, 2):
            sheet.cell(row=row, column=column).border = Border(line, line, line, line)
    sheet.column_dimensions["A"].width = 30
    sheet.column_dimensions["B"].width = 50
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
