"""Reading a filled template into matter standards, every problem pinned to its cell."""

import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from io import BytesIO
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from pydantic import ValidationError

from catalog.excel import values
from catalog.excel.layout import BASIS, LINK, LISTS, MATTER, Column, Sheet
from catalog.excel.problems import CellRef, pydantic_message
from catalog.standard import MatterStandard

Path = tuple[Any, ...]
Progress = Callable[[str, int, int], None]
MAX_UNPACKED = 200 * 1024 * 1024  # a 10 MB workbook unpacks to far less; more is a zip bomb
MAX_ROWS_SHOWN = 2_000_000  # a sheet claiming more rows was formatted to the end: no estimate


class WorkbookRefused(ValueError):
    """The file is not a readable template at all (not a row-level problem)."""

    def __init__(self, message: str, *, too_large: bool = False) -> None:
        super().__init__(message)
        self.too_large = too_large


@dataclass
class ParsedMatter:
    """One matter of the workbook: what it says and where each value came from."""

    code: str
    row: int
    raw: dict[str, Any]
    cells: dict[Path, CellRef] = field(default_factory=dict)
    standard: MatterStandard | None = None

    def locate(self, loc: Path) -> CellRef:
        """The cell of a path of the standard (its nearest known parent, else the matter)."""
        for n in range(len(loc), 0, -1):
            if loc[:n] in self.cells:
                return self.cells[loc[:n]]
        return self.cells[()]


@dataclass
class ParsedWorkbook:
    matters: list[ParsedMatter] = field(default_factory=list)
    problems: list[dict[str, Any]] = field(default_factory=list)
    bad_cells: set[CellRef] = field(default_factory=set)

    def report(self, ref: CellRef, message: str) -> None:
        if ref not in self.bad_cells:  # one problem per cell: the first says what to fix
            self.bad_cells.add(ref)
            self.problems.append(ref.problem(message))


def open_workbook(content: bytes) -> Any:
    """The workbook of an upload, read-only; WorkbookRefused when it is not an .xlsx template."""
    if not zipfile.is_zipfile(BytesIO(content)):
        raise WorkbookRefused("文件已损坏，或不是 Excel 2007 及以上版本的 .xlsx 文件"
                              "（.xls 请另存为 .xlsx）。")
    with zipfile.ZipFile(BytesIO(content)) as archive:
        if sum(info.file_size for info in archive.infolist()) > MAX_UNPACKED:
            raise WorkbookRefused("文件解压后过大，无法读取。", too_large=True)
    try:
        book = load_workbook(BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on a damaged file
        raise WorkbookRefused(f"无法读取该 Excel 文件（{type(exc).__name__}）。") from exc
    if MATTER.title not in book.sheetnames:
        book.close()
        raise WorkbookRefused(f"这不是一窗通的事项模板：缺少“{MATTER.title}”工作表。请先下载模板。")
    return book


def read_workbook(content: bytes, *, windows: dict[str, str],
                  progress: Progress | None = None) -> ParsedWorkbook:
    """Every matter of the file with its cells; problems of reading (not yet of validation)."""
    book = open_workbook(content)
    try:
        reader = _Reader(book, windows, progress or (lambda *_: None))
        return reader.read()
    finally:
        book.close()


def validate(parsed: ParsedWorkbook, progress: Progress | None = None) -> None:
    """Check each matter against the standard; pin every validation error to its cell."""
    for done, matter in enumerate(parsed.matters, start=1):
        try:
            matter.standard = MatterStandard.model_validate(matter.raw)
        except ValidationError as exc:
            for error in exc.errors():
                loc = tuple(error.get("loc", ()))
                parsed.report(matter.locate(loc), pydantic_message(dict(error)))
        if progress:
            progress("checking", done, len(parsed.matters))


class _Reader:
    def __init__(self, book: Any, windows: dict[str, str], progress: Progress) -> None:
        self.book, self.windows, self.progress = book, windows, progress
        self.parsed = ParsedWorkbook()
        self.by_code: dict[str, ParsedMatter] = {}
        self.bases: dict[str, dict[int, tuple[dict[str, Any], dict[Path, CellRef]]]] = {}
        self.pending: list[tuple[ParsedMatter, Path, list[int], CellRef]] = []
        self.rows_read = 0
        self.expected = 0

    def read(self) -> ParsedWorkbook:
        self.expected = self._expected_rows()
        self.progress("reading", 0, self.expected)
        for row, cells in self._rows(MATTER):
            self._matter(row, cells)
        if not self.by_code and not self.parsed.problems:
            self.parsed.report(CellRef(MATTER.title, 2, "A", LINK), "“事项”表中没有填写任何事项")
        for row, cells in self._rows(BASIS):
            self._basis(row, cells)
        self._matter_bases()
        for sheet in LISTS:
            for row, cells in self._rows(sheet):
                self._element(sheet, row, cells)
        for matter, path, keys, ref in self.pending:
            self._cite(matter, path, keys, ref)
        return self.parsed

    def _expected_rows(self) -> int:
        """Data rows of the known sheets, as their dimensions say (0 when one does not)."""
        sizes = [self.book[s.title].max_row for s in (MATTER, BASIS, *LISTS)
                 if s.title in self.book.sheetnames]
        if any(size is None for size in sizes) or sum(sizes) > MAX_ROWS_SHOWN:
            return 0
        return sum(max(size - 1, 0) for size in sizes)

    def _rows(self, sheet: Sheet) -> Iterator[tuple[int, dict[Column, tuple[Any, CellRef]]]]:
        """The non-blank rows of a sheet, each as its known columns' values and cells."""
        if sheet.title not in self.book.sheetnames:
            return
        rows = self.book[sheet.title].iter_rows(values_only=True)
        header = next(rows, ())
        where = self._columns(sheet, header)
        for number, row in enumerate(rows, start=2):
            self.rows_read += 1
            if self.rows_read % 500 == 0:
                self.progress("reading", self.rows_read, max(self.expected, self.rows_read))
            if all(values.blank(v) for v in row):
                continue
            yield number, {column: (row[i] if i < len(row) else None,
                                    CellRef(sheet.title, number, get_column_letter(i + 1),
                                            column.header))
                           for column, i in where.items()}

    def _columns(self, sheet: Sheet, header: tuple[Any, ...]) -> dict[Column, int]:
        found = {str(v).strip().rstrip("*＊").strip(): i for i, v in enumerate(header)
                 if not values.blank(v)}
        where = {}
        for column in sheet.columns:
            if column.header in found:
                where[column] = found[column.header]
            elif column.required:
                self.parsed.report(CellRef(sheet.title, 1, "", column.header),
                                   f"缺少必填列“{column.header}”，请使用最新模板")
        return where

    def _value(self, column: Column, raw: Any, ref: CellRef) -> Any:
        try:
            return values.convert(column.kind, raw, column.choices, windows=self.windows)
        except values.CellError as exc:
            self.parsed.report(ref, str(exc))
            return None

    def _matter(self, row: int, cells: dict[Column, tuple[Any, CellRef]]) -> None:
        code_column = MATTER.column(("implementation_code",))
        raw_code, code_ref = cells.get(code_column, (None, CellRef(MATTER.title, row, "A", LINK)))
        code = values.text(raw_code)
        if not code:
            self.parsed.report(code_ref, "请填写实施编码")
            return
        if code in self.by_code:
            first = self.by_code[code].row
            self.parsed.report(code_ref, f"实施编码与第 {first} 行重复")
            return
        matter = ParsedMatter(code=code, row=row, raw={}, cells={(): code_ref})
        for sheet in (BASIS, *LISTS):  # a list left empty is reported on the matter's row
            matter.cells[(sheet.element,)] = code_ref
            matter.raw[sheet.element or ""] = []
        for column, (raw, ref) in cells.items():
            value = self._value(column, raw, ref)
            if column.kind == "refs":
                self.pending.append((matter, column.path, value or [], ref))
            elif value is not None:
                _put(matter.raw, column.path, value)
            _register(matter.cells, column.path, ref)
        self.by_code[code] = matter
        self.parsed.matters.append(matter)

    def _owner(self, sheet: Sheet, cells: dict[Column, tuple[Any, CellRef]]) -> ParsedMatter | None:
        raw, ref = next((v for c, v in cells.items() if c.kind == "link"), (None, None))
        if ref is None:
            return None
        code = values.text(raw)
        matter = self.by_code.get(code or "")
        if matter is None:
            self.parsed.report(ref, "请填写实施编码" if not code
                               else f"实施编码“{code}”不在“{MATTER.title}”表中")
        return matter

    def _basis(self, row: int, cells: dict[Column, tuple[Any, CellRef]]) -> None:
        matter = self._owner(BASIS, cells)
        if matter is None:
            return
        found: dict[str, Any] = {}
        refs: dict[Path, CellRef] = {}
        for column, (raw, ref) in cells.items():
            found[column.path[0]] = self._value(column, raw, ref)
            refs[column.path] = ref
        key, key_ref = found.get("key"), refs.get(("key",))
        known = self.bases.setdefault(matter.code, {})
        if key is None or key_ref is None:
            if key_ref is not None and key_ref not in self.parsed.bad_cells:
                self.parsed.report(key_ref, "请填写依据序号")
            return
        if key in known:
            self.parsed.report(key_ref, f"依据序号 {key} 在本事项中重复")
            return
        known[key] = (found, refs)

    def _matter_bases(self) -> None:
        """Each matter's own legal basis: its provisions marked 作为事项设定依据, in order."""
        for code, known in self.bases.items():
            matter = self.by_code[code]
            own = [k for k, (found, _) in known.items() if found.get("in_matter") is not False]
            for i, key in enumerate(own):
                found, refs = known[key]
                matter.raw["legal_basis"].append(_provision(found))
                _register_basis(matter.cells, ("legal_basis", i), refs)

    def _element(self, sheet: Sheet, row: int, cells: dict[Column, tuple[Any, CellRef]]) -> None:
        matter = self._owner(sheet, cells)
        if matter is None:
            return
        element = sheet.element or ""
        index = len(matter.raw[element])
        found: dict[str, Any] = {}
        for column, (raw, ref) in cells.items():
            if column.kind == "link":
                continue
            value = self._value(column, raw, ref)
            path = (element, index, *column.path)
            if column.kind == "refs":
                self.pending.append((matter, path, value or [], ref))
            elif value is not None:
                _put(found, column.path, value)
            _register(matter.cells, path, ref)
        matter.raw[element].append(found)

    def _cite(self, matter: ParsedMatter, path: Path, keys: list[int], ref: CellRef) -> None:
        """Put the provisions a row cites by number where the path says."""
        known = self.bases.get(matter.code, {})
        cited: list[dict[str, Any]] = []
        for key in keys:
            if key not in known:
                self.parsed.report(ref, f"依据序号 {key} 不在“{BASIS.title}”表中本事项的依据里")
                return
            found, refs = known[key]
            _register_basis(matter.cells, (*path, len(cited)), refs)
            cited.append(_provision(found))
        target: Any = matter.raw  # dicts, and the list of an element by its index
        for step in path[:-1]:
            target = target[step] if isinstance(step, int) else target.setdefault(step, {})
        target[path[-1]] = cited


def _provision(found: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in found.items()
            if k not in ("key", "in_matter", "implementation_code") and v is not None}


def _put(target: dict[str, Any], path: tuple[str, ...], value: Any) -> None:
    for key in path[:-1]:
        target = target.setdefault(key, {})
    target[path[-1]] = value


def _register(cells: dict[Path, CellRef], path: Path, ref: CellRef) -> None:
    for n in range(1, len(path) + 1):
        cells.setdefault(path[:n], ref)


def _register_basis(cells: dict[Path, CellRef], path: Path, refs: dict[Path, CellRef]) -> None:
    cells.setdefault(path, refs.get(("key",)) or next(iter(refs.values())))
    for (name,), ref in refs.items():
        cells.setdefault((*path, name), ref)
