"""Problems of an uploaded workbook, each pinned to a cell and said in the clerk's words."""

from dataclasses import dataclass
from typing import Any

from catalog.excel.layout import BASIS, LISTS

LIST_SHEETS = {sheet.element: sheet.title for sheet in (BASIS, *LISTS)}
# Pydantic's error types and what a clerk should read instead.
PYDANTIC = {
    "missing": "必填，不能为空",
    "string_too_short": "不能为空",
    "string_too_long": "不能超过 {max_length} 个字符",
    "int_type": "应填写整数",
    "int_parsing": "应填写整数",
    "int_from_float": "应填写整数",
    "greater_than_equal": "不能小于 {ge}",
    "less_than_equal": "不能大于 {le}",
    "literal_error": "不是可选的值（可选：{expected}）",
    "too_short": "至少需要 {min_length} 项",
    "bool_type": "应填写“是”或“否”",
    "bool_parsing": "应填写“是”或“否”",
    "date_type": "应填写日期，如 2026-01-01",
    "date_parsing": "应填写日期，如 2026-01-01",
    "date_from_datetime_parsing": "应填写日期，如 2026-01-01",
    "extra_forbidden": "模板中没有这一项",
}


@dataclass(frozen=True)
class CellRef:
    """Where a value of the workbook sits: sheet, row (1 = headers) and column."""

    sheet: str
    row: int
    column: str  # the column letter, "" for a whole row
    header: str = ""

    def problem(self, message: str) -> dict[str, Any]:
        """One reported problem, as the API and the page show it."""
        return {"sheet": self.sheet, "row": self.row, "column": self.column,
                "header": self.header, "message": message}


def pydantic_message(error: dict[str, Any]) -> str:
    """A validation error of the standard in Chinese, with its limits filled in."""
    template = PYDANTIC.get(str(error.get("type")))
    if template is None:
        return str(error.get("msg", ""))
    context = {k: str(v).replace("'", "") for k, v in (error.get("ctx") or {}).items()}
    try:
        message = template.format(**context)
    except KeyError:
        message = template.split("（")[0]
    loc: tuple[Any, ...] = tuple(error.get("loc") or ())
    if len(loc) == 1 and loc[0] in LIST_SHEETS and error.get("type") == "too_short":
        message += f"：请在“{LIST_SHEETS[loc[0]]}”表中为该事项填写"
    return message


# Refusals of the catalog's own checks (service functions), by their detail or message.
DOMAIN = [
    ("not your department", "只能导入本部门的事项"),
    ("must be your own department", "只能导入本部门的事项"),
    ("unknown window", "办理窗口不存在，请从下拉列表选择"),
    ("Unknown window", "办理窗口不存在，请从下拉列表选择"),
    ("Unknown department", "实施主体不在本区的部门名录中"),
    ("unknown", "实施主体不在本区的部门名录中"),
    ("is visible to you", "该实施编码已由其他部门使用，无权修改"),
    ("already has a version", "该事项已有版本在审核或待发布，请办结后再导入修改"),
    ("has been cancelled", "该事项已取消，不能再编制新版本"),
    ("changed since you read it", "该事项刚被他人修改，请重新导出后再导入"),
    ("already exists", "实施编码已被使用"),
    ("Cannot edit", "该事项当前的版本不能修改"),
]


def domain_message(text: str) -> str:
    """The catalog's refusal in the clerk's words; its own text when there is none."""
    return next((zh for part, zh in DOMAIN if part in text), text)
