"""The empty template a department downloads: headers with notes, drop-down lists, a guide."""

from io import BytesIO
from typing import Any

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from catalog.excel.layout import CODES, GUIDE, SHEETS, YES_NO, Column, Sheet
from catalog.excel.values import shown

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
LAST_ROW = 1_048_576
HEADER_FILL = PatternFill("solid", fgColor="DCE6F1")
REQUIRED_FILL = PatternFill("solid", fgColor="FCE4D6")
GUIDE_LINES = [
    ("一窗通 · 事项标准 Excel 模板", True),
    ("用法：1. 下载本模板；2. 按表填写，一个文件可包含多个事项；"
     "3. 在“Excel 批量编制”页面上传。", False),
    ("“事项”表每行一个事项；其他各表每行一项（一条依据、一项条件、一份材料……），"
     "第一列填所属事项的实施编码，按行的先后排序。", False),
    ("表头带 * 且为橙色的列必填；把鼠标停在表头上可看到填写说明；"
     "有下拉箭头的列请从列表中选择。", False),
    ("法律依据每个事项在“设定依据”表中写一次并编号（依据序号 1、2…），材料、收费、受理条件、"
     "特别程序在“设定依据序号”列引用这些序号，多个用顿号分隔。", False),
    ("是否类的列填“是”或“否”；日期填 2026-01-01 这样的格式；时限填整数。", False),
    ("上传后：新的实施编码新建事项（第 1 版草稿）；已有草稿或退回修改的版本更新该草稿；"
     "已发布的事项起草新版本，原版本继续有效；审核中的事项不能导入修改。"
     "内容与现有版本相同的事项不变。", False),
    ("文件中只要有一处错误，就不会保存任何内容；系统列出每处错误所在的工作表、行和列，改正后重新上传即可。",
     False),
    ("", False),
    ("工作表一览", True),
]


def new_workbook(*, windows: dict[str, str], departments: dict[str, str]) -> Workbook:
    """The template: a guide, one sheet per part of the standard, and the code lists."""
    book = Workbook()
    guide = book.active
    guide.title = GUIDE
    lists = _code_sheet(book, windows, departments)
    for sheet in SHEETS:
        _data_sheet(book.create_sheet(sheet.title), sheet, lists)
    _guide(guide)
    book.move_sheet(CODES, offset=len(book.sheetnames))
    return book


def to_bytes(book: Workbook) -> bytes:
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def template_bytes(*, windows: dict[str, str], departments: dict[str, str]) -> bytes:
    """The empty template as an .xlsx file."""
    return to_bytes(new_workbook(windows=windows, departments=departments))


def _guide(ws: Worksheet) -> None:
    for text, bold in GUIDE_LINES:
        ws.append([text])
        ws.cell(ws.max_row, 1).font = Font(bold=bold, size=14 if bold else 11)
    ws.append(["工作表", "每行是", "必填列"])
    for cell in ws[ws.max_row]:
        cell.font, cell.fill = Font(bold=True), HEADER_FILL
    for sheet in SHEETS:
        ws.append([sheet.title, sheet.note,
                   "、".join(c.header for c in sheet.columns if c.required)])
    ws.column_dimensions["A"].width = 14
    ws.column_dimensions["B"].width = 40
    ws.column_dimensions["C"].width = 80
    for row in ws.iter_rows():
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")


def _code_sheet(book: Workbook, windows: dict[str, str],
                departments: dict[str, str]) -> dict[str, str]:
    """Write every drop-down list on its own column; return the range of each by header."""
    ws = book.create_sheet(CODES)
    columns: list[tuple[str, list[str]]] = [
        ("办理窗口", list(windows.values())),
        ("实施主体统一社会信用代码", list(departments)),
        ("实施主体名称", list(departments.values())),
    ]
    for sheet in SHEETS:
        for column in sheet.columns:
            if column.kind == "choice" and column.header not in dict(columns):
                columns.append((column.header, [shown(code, column.choices, coded=column.coded)
                                                for code in column.choices]))
    ranges = {}
    for index, (header, values) in enumerate(columns, start=1):
        letter = get_column_letter(index)
        ws.cell(1, index, header).font = Font(bold=True)
        for row, value in enumerate(values, start=2):
            ws.cell(row, index, value)
        ws.column_dimensions[letter].width = max(14, len(header) * 2)
        ranges[header] = f"{quote_sheetname(CODES)}!${letter}$2:${letter}${max(2, len(values) + 1)}"
    return ranges


def _note(column: Column) -> str:
    parts = [column.header + ("（必填）" if column.required else "（选填）")]
    if column.note:
        parts.append(column.note)
    if column.kind in ("choice", "multi") and len(column.options) <= 12:
        parts.append("可选：" + "、".join(shown(c, column.choices, coded=column.coded)
                                          for c in column.choices))
    return "\n".join(parts)


def _data_sheet(ws: Worksheet, sheet: Sheet, lists: dict[str, str]) -> None:
    ws.append([column.title for column in sheet.columns])
    ws.freeze_panes = "B2"
    for index, column in enumerate(sheet.columns, start=1):
        letter = get_column_letter(index)
        cell = ws.cell(1, index)
        cell.font = Font(bold=True)
        cell.fill = REQUIRED_FILL if column.required else HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        comment = Comment(_note(column), "一窗通")
        comment.width, comment.height = 260, 120
        cell.comment = comment
        ws.column_dimensions[letter].width = column.width
        if column.kind in ("text", "link"):
            ws.column_dimensions[letter].number_format = "@"  # codes of digits stay text
        elif column.kind == "date":
            ws.column_dimensions[letter].number_format = "yyyy-mm-dd"
        validation = _validation(column, sheet, lists)
        if validation is not None:
            validation.add(f"{letter}2:{letter}{LAST_ROW}")
            ws.add_data_validation(validation)
    ws.row_dimensions[1].height = 32


def _validation(column: Column, sheet: Sheet, lists: dict[str, str]) -> DataValidation | None:
    """The drop-down or number check of a column, with a message in Chinese when refused."""
    rule: dict[str, Any]
    if column.kind == "bool":
        rule = {"type": "list", "formula1": '"' + ",".join(YES_NO.values()) + '"'}
    elif column.header in lists and (column.kind in ("window", "choice")
                                     or (sheet.element is None and column.path[0] == "department")):
        rule = {"type": "list", "formula1": lists[column.header]}
    elif column.kind in ("int", "key"):
        rule = {"type": "whole", "operator": "greaterThanOrEqual",
                "formula1": "1" if column.kind == "key" else "0"}
    else:
        return None
    return DataValidation(allow_blank=True, showErrorMessage=True, errorTitle="输入有误",
                          error=f"“{column.header}”：{_hint(column)}", **rule)


def _hint(column: Column) -> str:
    if column.kind in ("int", "key"):
        return "请填写整数。"
    return "请从下拉列表中选择。"
