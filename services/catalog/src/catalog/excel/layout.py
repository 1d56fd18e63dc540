"""The template's shape, shared by the template, the reader and the writer.

The columns come from the standard's layout (`catalog.layout`): each header is the element's
Chinese label, and its kind, whether it is required, its help and its choices are the
element's. What is the workbook's own is here: the sheets' order and notes, column widths,
how a cell of each kind is typed, the choices written with their code, and the columns that
link rows (实施编码, 依据序号, 作为事项设定依据).

One row per matter on the sheet 事项 (its single-valued elements, one per column); one row per
legal-basis provision, condition, material, fee, step, benchmark… on the other sheets, each row
linked to its matter by 实施编码 and kept in the order of the rows. A provision is written once
per matter on 设定依据 with a number (依据序号); materials, fees, conditions and special
procedures cite provisions by those numbers ("1、2").
"""

from dataclasses import dataclass
from typing import Any

from catalog.layout.choices import YES_NO as YES_NO_CHOICES
from catalog.layout.elements import SECTIONS
from catalog.layout.lookup import element
from catalog.layout.shape import Element, Kind

YES_NO = {choice.value: choice.label.zh for choice in YES_NO_CHOICES}
LINK = "实施编码"
GUIDE = "填写说明"
CODES = "代码表"
# The list elements, each on its own sheet named by its label, in this order, with what one
# row is; the legal basis comes first, since the other sheets cite its numbers.
LIST_SHEETS = (
    ("legal_basis", "每行一条法律依据（法律、法规、规章的条款）。"),
    ("conditions", "每行一项受理条件。"),
    ("materials", "每行一份申请材料。"),
    ("fees", "每行一个收费项目；不收费的事项不填。"),
    ("steps", "每行一个办理环节，按先后顺序。"),
    ("discretion_benchmarks", "每行一条裁量基准。"),
    ("special_procedures", "每行一个不计入办理时限的特别程序。"),
    ("faq", "每行一个常见问题。"),
    ("co_handling_departments", "每行一个联合办理的部门。"),
)
KINDS = {Kind.TEXT: "text", Kind.LONG_TEXT: "text", Kind.INTEGER: "int", Kind.BOOLEAN: "bool",
         Kind.DATE: "date", Kind.CHOICE: "choice", Kind.MULTIPLE_CHOICE: "multi",
         Kind.CITATIONS: "refs", Kind.WINDOW: "window"}
# How a cell of each kind is typed: the first words of its header's note.
TYPING = {"int": "整数。", "bool": "是 / 否。", "date": "如 2026-01-01。",
          "choice": "从下拉列表选择。",
          "refs": "引用“设定依据”表中本事项的依据序号，多个用顿号分隔，如 1、2。"}
# What only the workbook needs to say about a column, after the element's own help.
NOTES = {
    "implementation_code": "已有事项按此编码更新草稿。",
    "department.code": "从下拉列表选择本部门。",
    "window": "从下拉列表选择服务大厅的窗口。",
    "statutory_limit": "单位见“时限单位”。",
    "case_class": "不填为承诺件。",
}
RARELY_FILLED = ("derived_from",)  # last on 事项, out of the way of the columns a clerk fills
CODED = ("matter_type", "exercise_level", "channels.online_depth")  # cells read "01 行政许可"
WIDTH_OF_KIND = {"int": 10, "bool": 10, "date": 12, "refs": 14, "choice": 12}
WIDTHS = {
    "implementation_code": 18, "basic_code": 14, "handling_item_code": 20, "name": 28,
    "matter_type": 14, "department.code": 22, "department.name": 18, "limit_explanation": 20,
    "channels.online_depth": 16, "channels.onsite_reason": 20, "result.name": 20,
    "result.type": 12, "consultation.phone": 14, "consultation.address": 20,
    "consultation.online": 20, "complaint.phone": 14, "complaint.address": 20,
    "complaint.online": 20,
    "legal_basis.law": 26, "legal_basis.article": 10, "legal_basis.clause": 14,
    "legal_basis.text": 48, "conditions.text": 48,
    "materials.name": 26, "materials.required": 8, "materials.form": 10,
    "materials.originals": 8, "materials.copies": 8, "materials.fill_notes": 20,
    "materials.acceptance_standard": 20, "materials.notes": 20, "materials.order": 8,
    "fees.name": 20, "fees.standard": 24, "fees.waiver": 24,
    "steps.name": 14, "steps.actor": 20, "steps.review_standard": 30,
    "discretion_benchmarks.circumstance": 30, "discretion_benchmarks.standard": 36,
    "special_procedures.name": 20, "special_procedures.limit": 8,
    "faq.question": 30, "faq.answer": 40,
    "co_handling_departments.code": 22, "co_handling_departments.name": 20,
    "co_handling_departments.step": 28, "co_handling_departments.limit": 10,
}


@dataclass(frozen=True)
class Column:
    """One column: its header, where its value goes, how it is read and what it accepts."""

    header: str
    path: tuple[str, ...]  # in the matter (sheet 事项) or in one element of a list
    kind: str = "text"  # text | int | bool | date | choice | multi | refs | key | window | link
    required: bool = False
    note: str = ""
    options: tuple[tuple[Any, str], ...] = ()
    coded: bool = False  # the cell shows "01 行政许可" rather than the label alone
    width: int = 16

    @property
    def title(self) -> str:
        return self.header + ("*" if self.required else "")

    @property
    def choices(self) -> dict[Any, str]:
        return dict(self.options)


@dataclass(frozen=True)
class Sheet:
    """One worksheet: the list of the standard it fills (None: the matters themselves)."""

    title: str
    element: str | None
    columns: tuple[Column, ...]
    note: str

    def column(self, path: tuple[str, ...]) -> Column:
        return next(c for c in self.columns if c.path == path)


def column(path: str, within: str | None = None) -> Column:
    """The column of the layout's element at `path`; its path is relative to the list
    `within` (None: to the matter)."""
    found = element(path)
    kind = KINDS[found.kind]
    options = tuple((c.value, c.label.zh) for c in found.choices) or (
        tuple(YES_NO.items()) if kind == "bool" else ())
    note = [TYPING.get(kind, ""), found.help.zh if found.help else "", NOTES.get(path, "")]
    if kind == "multi":
        note[0] = "可填多个，用顿号分隔：" + "、".join(label for _, label in options) + "。"
    if kind == "bool" and not found.required:
        note.append("不填为否。")
    relative = path.removeprefix(f"{within}.") if within else path
    return Column(found.label.zh + ("序号" if kind == "refs" else ""),
                  tuple(relative.split(".")), kind, found.required, "".join(note), options,
                  coded=path in CODED, width=WIDTHS.get(path, WIDTH_OF_KIND.get(kind, 16)))


def leaves(elements: tuple[Element, ...], prefix: str = "") -> list[str]:
    """The paths of the single values under `elements`, objects opened, lists left out."""
    found: list[str] = []
    for child in elements:
        path = f"{prefix}.{child.key}" if prefix else child.key
        if child.is_list:
            continue
        if child.kind in (Kind.OBJECT, Kind.DEPARTMENT):
            found += leaves(child.elements, path)
        else:
            found.append(path)
    return found


def link() -> Column:
    return Column(LINK, ("implementation_code",), "link", True,
                  "该行所属事项的实施编码，须与“事项”表中的一行相同。", width=18)


def list_sheet(key: str, note: str) -> Sheet:
    """The sheet of one list element: the link to its matter, then one column per value."""
    listed = element(key)
    columns = [column(path, key) for path in leaves(listed.elements, key)]
    if key == "legal_basis":  # numbered, to be cited; and marked as the matter's own or not
        columns = [Column("依据序号", ("key",), "key", True,
                          "本事项内从 1 开始编号，其他表用此序号引用。", width=8), *columns,
                   Column("作为事项设定依据", ("in_matter",), "bool", False,
                          "是：列入事项的设定依据；否：仅供材料、收费等引用。不填为是。",
                          tuple(YES_NO.items()), width=12)]
    return Sheet(listed.label.zh, key, (link(), *columns), note)


MATTER_PATHS = [path for section in SECTIONS for path in leaves(section.elements)]
MATTER = Sheet("事项", None, tuple(column(path) for path in sorted(
    MATTER_PATHS, key=lambda path: path in RARELY_FILLED)), "每行一个事项。")
BASIS = list_sheet(*LIST_SHEETS[0])
LISTS = tuple(list_sheet(key, note) for key, note in LIST_SHEETS[1:])  # read the same way
SHEETS = (MATTER, BASIS, *LISTS)
