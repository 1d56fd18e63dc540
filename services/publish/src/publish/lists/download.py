"""A whole list as a file: CSV (UTF-8 with a BOM, so Excel reads the Chinese) or JSON."""

import csv
import io
import json
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from pydantic import TypeAdapter

from publish.lists.schemas import ListName, PowerListItem, ProcessItem, ResponsibilityItem

BOM = "\ufeff"
MOMENT = TypeAdapter(datetime | None)  # written as the API writes it (…Z)
TITLES = {"power-list": "权力清单", "responsibility-list": "责任清单", "process-list": "流程清单"}
MATTER_TYPES = {"00": "行政权力", "01": "行政许可", "02": "行政处罚", "03": "行政强制",
                "04": "行政征收", "05": "行政给付", "06": "行政检查", "07": "行政确认",
                "08": "行政奖励", "09": "行政裁决", "10": "其他行政权力", "20": "公共服务"}
UNITS = {"working_day": "工作日", "calendar_day": "自然日"}
FORMULA = ("=", "+", "-", "@", "\t", "\r")
COMMON = ["事项编码", "事项名称", "事项类型", "实施主体", "实施主体编码", "窗口"]


def _common(item: Any) -> list[Any]:
    return [item.implementation_code, item.name, MATTER_TYPES.get(item.matter_type,
                                                                  item.matter_type),
            item.department.name, item.department.code, item.window]


def _power(item: PowerListItem) -> list[Any]:
    return [*_common(item), item.statutory_limit, item.committed_limit,
            UNITS.get(item.limit_unit, item.limit_unit), "是" if item.online else "否",
            item.version, item.published_at.isoformat()]


def _contact(contact: Any) -> str:
    return "；".join(v for v in (contact.phone, contact.address, contact.online) if v)


def _responsibility(item: ResponsibilityItem) -> list[Any]:
    return [*_common(item), "\n".join(f"{d.stage}（{d.actor}）：{d.duty}" for d in item.duties),
            "\n".join(f"《{a.law}》{a.article}：{'；'.join(a.situations)}"
                      for a in item.accountability),
            _contact(item.consultation), _contact(item.complaint), item.version]


def _process(item: ProcessItem) -> list[Any]:
    unit = UNITS.get(item.limit_unit, item.limit_unit)
    return [*_common(item), "\n".join(f"{n}. {s.name}（{s.actor}，{s.limit} 个{unit}）"
                                      for n, s in enumerate(item.steps, start=1)),
            item.statutory_limit, item.committed_limit, unit, item.version]


COLUMNS: dict[str, tuple[list[str], Callable[[Any], list[Any]]]] = {
    "power-list": ([*COMMON, "法定时限", "承诺时限", "时限单位", "可网上办理", "版本", "发布时间"],
                   _power),
    "responsibility-list": ([*COMMON, "责任事项", "追责情形", "咨询方式", "投诉方式", "版本"],
                            _responsibility),
    "process-list": ([*COMMON, "办理流程", "法定时限", "承诺时限", "时限单位", "版本"], _process),
}


def _cell(value: Any) -> Any:
    """A text Excel would take for a formula is kept as text."""
    return f"'{value}" if isinstance(value, str) and value[:1] in FORMULA else value


def as_csv(name: ListName, items: Sequence[Any]) -> bytes:
    """The list as CSV: a header row of Chinese column names, one row per matter."""
    header, row = COLUMNS[name]
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows([_cell(value) for value in row(item)] for item in items)
    return (BOM + out.getvalue()).encode("utf-8")


def as_json(name: ListName, items: Sequence[Any], *, last_changed: datetime | None,
            filters: dict[str, str]) -> bytes:
    """The list as one JSON document: its name, when it last changed, the filters, the items."""
    body = {"list": name, "title": TITLES[name],
            "last_changed": MOMENT.dump_python(last_changed, mode="json"),
            "filters": {k: v for k, v in filters.items() if v}, "total": len(items),
            "items": [item.model_dump(mode="json") for item in items]}
    return json.dumps(body, ensure_ascii=False, indent=1).encode("utf-8")


def filename(name: ListName, extension: str, last_changed: datetime | None) -> str:
    """The file's name: the list and the day it last changed (ASCII, for every browser)."""
    day = last_changed.strftime("%Y-%m-%d") if last_changed else "empty"
    return f"{name}-{day}.{extension}"


def jsonld(document: dict[str, Any]) -> bytes:
    """A JSON-LD document as UTF-8 bytes, Chinese as it is."""
    return json.dumps(document, ensure_ascii=False).encode("utf-8")
