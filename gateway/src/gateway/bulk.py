"""Bulk import of units and accounts from CSV or Excel: the file read into rows, every row
checked, each problem named by sheet, row, column and reason (in Chinese). Nothing here
writes: `imports` writes the plan only when no row is wrong."""

import csv
import io
import zipfile
from dataclasses import dataclass, field
from typing import Any

from openpyxl import Workbook, load_workbook

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 2000  # per sheet
MAX_UNPACKED = 40 * 1024 * 1024
UNITS, ACCOUNTS = "单位", "账号"
KINDS = {"units": UNITS, "accounts": ACCOUNTS}
# Each sheet's columns: (field, title in the file, required).
COLUMNS: dict[str, list[tuple[str, str, bool]]] = {
    UNITS: [("code", "单位代码", True), ("name", "单位名称", True)],
    ACCOUNTS: [("username", "用户名", True), ("display_name", "姓名", True),
               ("department", "部门代码", False), ("group_code", "审核组代码", False),
               ("unit", "单位", False)],
}
EXAMPLES = {UNITS: [["swj", "商务局"]],
            ACCOUNTS: [["zhang.wei", "张伟", "", "G1", "swj"],
                       ["li.na", "李娜", "11430100707230200T", "", ""]]}
# A sheet as read: (row number in the file, {field: text}) for each row that is not blank.
Rows = list[tuple[int, dict[str, str]]]


@dataclass(frozen=True)
class Problem:
    """What is wrong, where: the sheet, the row (1 is the header), the column's title."""

    sheet: str
    row: int
    column: str
    reason: str

    def shown(self) -> dict[str, Any]:
        """As the API answers it."""
        return {"sheet": self.sheet, "row": self.row, "column": self.column,
                "reason": self.reason}


@dataclass
class Sheets:
    """The rows of each sheet found in the file, and the problems of reading it."""

    rows: dict[str, Rows] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def read(filename: str, content: bytes, kind: str | None) -> Sheets:
    """The file's sheets: a workbook's sheets named 单位 and 账号 (else its first sheet, as
    `kind`); a CSV file as `kind` (units or accounts)."""
    sheets = Sheets()
    sheet = KINDS.get(kind or "", "")
    if len(content) > MAX_BYTES:
        sheets.problems.append(Problem(sheet, 0, "", f"文件超过 {MAX_BYTES // 1048576} MB"))
    elif filename.lower().endswith(".xlsx") or content[:2] == b"PK":
        _workbook(content, sheet, sheets)
    elif not sheet:
        sheets.problems.append(Problem("", 0, "", "CSV 文件须说明导入的是单位还是账号"))
    else:
        _csv(content, sheet, sheets)
    return sheets


def _csv(content: bytes, sheet: str, sheets: Sheets) -> None:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = content.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        sheets.problems.append(Problem(sheet, 0, "", "文件编码无法识别，请另存为 UTF-8 的 CSV"))
        return
    if "\x00" in text:
        sheets.problems.append(Problem(sheet, 0, "", "这不是文本格式的 CSV 文件"))
        return
    try:
        table = list(csv.reader(io.StringIO(text)))
    except csv.Error as exc:
        sheets.problems.append(Problem(sheet, 0, "", f"CSV 格式有误：{exc}"))
        return
    _take(sheet, table, sheets)


def _workbook(content: bytes, sheet: str, sheets: Sheets) -> None:
    refused = _archive_problem(content)
    if refused:
        sheets.problems.append(Problem(sheet, 0, "", refused))
        return
    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        named = [name for name in (UNITS, ACCOUNTS) if name in book.sheetnames]
        if not named and sheet and book.worksheets:
            _take(sheet, _cells(book.worksheets[0]), sheets)
        for name in named:
            _take(name, _cells(book[name]), sheets)
        book.close()
    except Exception as exc:  # openpyxl raises many kinds on a damaged file
        reason = f"无法读取该 Excel 文件（{type(exc).__name__}）"
        sheets.problems.append(Problem(sheet, 0, "", reason))
        return
    if not sheets.rows and not sheets.problems:
        sheets.problems.append(Problem(sheet, 0, "", "工作簿中没有名为“单位”或“账号”的工作表"))


def _archive_problem(content: bytes) -> str | None:
    if not zipfile.is_zipfile(io.BytesIO(content)):
        return "文件已损坏，或不是 .xlsx 文件（.xls 请另存为 .xlsx）"
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        if sum(info.file_size for info in archive.infolist()) > MAX_UNPACKED:
            return "文件解压后过大，无法读取"
    return None


def _cells(worksheet: Any) -> list[list[str]]:
    table = []
    for row in worksheet.iter_rows(values_only=True):
        table.append([_text(value) for value in row])
        if len(table) > MAX_ROWS + 1:
            break
    return table


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _take(sheet: str, table: list[list[str]], sheets: Sheets) -> None:
    """The sheet's rows by column title; a missing column or too many rows is a problem."""
    columns = COLUMNS[sheet]
    header = [cell.strip() for cell in table[0]] if table else []
    missing = [title for _, title, required in columns if required and title not in header]
    for title in missing:
        sheets.problems.append(Problem(sheet, 1, title, "缺少这一列（第一行应为列名）"))
    body = table[1:]
    if len(body) > MAX_ROWS:
        sheets.problems.append(Problem(sheet, MAX_ROWS + 2, "", f"超过 {MAX_ROWS} 行，请分批导入"))
    if missing or len(body) > MAX_ROWS:
        return
    where = {name: header.index(title) for name, title, _ in columns if title in header}
    rows: Rows = []
    for number, cells in enumerate(body, start=2):
        if any(c.strip() for c in cells):
            rows.append((number, {name: (cells[i].strip() if i < len(cells) else "")
                                  for name, i in where.items()}))
    sheets.rows[sheet] = rows


def template_workbook() -> bytes:
    """The template: a sheet 单位 and a sheet 账号, their column titles and an example row."""
    book = Workbook()
    book.remove(book.active)  # type: ignore[arg-type]  # a new workbook has its one sheet
    for sheet, columns in COLUMNS.items():
        worksheet = book.create_sheet(sheet)
        worksheet.append([title for _, title, _ in columns])
        for example in EXAMPLES[sheet]:
            worksheet.append(example)
        for letter in "ABCDE"[:len(columns)]:
            worksheet.column_dimensions[letter].width = 22
            for cell in worksheet[letter]:
                cell.number_format = "@"  # codes stay text (a credit code is no number)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def template_csv(kind: str) -> bytes:
    """The CSV template of one sheet (UTF-8 with a BOM, so Excel reads the Chinese)."""
    sheet = KINDS[kind]
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([title for _, title, _ in COLUMNS[sheet]])
    writer.writerows(EXAMPLES[sheet])
    return ("\ufeff" + out.getvalue()).encode()
