"""The template's shape, shared by the template, the reader and the writer.

One row per matter on the sheet 事项 (its single-valued elements, one per column); one row per
legal-basis provision, condition, material, fee, step, benchmark… on the other sheets, each row
linked to its matter by 实施编码 and kept in the order of the rows. A provision is written once
per matter on 设定依据 with a number (依据序号); materials, fees, conditions and special
procedures cite provisions by those numbers ("1、2").
"""

from dataclasses import dataclass
from typing import Any

from catalog.standard import MATTER_TYPES

EXERCISE_LEVELS = {"1": "国家级", "2": "省级", "3": "市级", "4": "县级", "5": "乡镇级", "6": "村级"}
SERVICE_OBJECTS = {"person": "自然人", "enterprise": "企业法人",
                   "public_institution": "事业单位法人", "social_organization": "社会组织法人",
                   "government": "行政机关", "other": "其他组织"}
LIMIT_UNITS = {"working_day": "工作日", "calendar_day": "自然日"}
CASE_CLASSES = {"promised": "承诺件", "immediate": "即办件"}
ONLINE_DEPTHS = {1: "一级", 2: "二级", 3: "三级", 4: "四级"}
FORMS = {"either": "纸质或电子", "paper": "纸质", "electronic": "电子"}
SOURCES = {"applicant": "申请人自备", "issued_by_government": "政府部门核发", "other": "其他"}
YES_NO = {True: "是", False: "否"}
LINK = "实施编码"


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


def _opts(mapping: dict[Any, str]) -> tuple[tuple[Any, str], ...]:
    return tuple(mapping.items())


def link() -> Column:
    return Column(LINK, ("implementation_code",), "link", True,
                  "该行所属事项的实施编码，须与“事项”表中的一行相同。", width=18)


def cites(note: str = "") -> Column:
    return Column("设定依据序号", ("legal_basis",), "refs", False,
                  note or "引用“设定依据”表中本事项的依据序号，多个用顿号分隔，如 1、2。", width=14)


MATTER = Sheet("事项", None, (
    Column(LINK, ("implementation_code",), "text", True,
           "实施清单中的实施编码，唯一。已有事项按此编码更新草稿。", width=18),
    Column("基本编码", ("basic_code",), "text", True, "所实施的基本目录事项编码。", width=14),
    Column("业务办理项编码", ("handling_item_code",), "text", width=20),
    Column("事项名称", ("name",), "text", True, width=28),
    Column("事项类型", ("matter_type",), "choice", True, "从下拉列表选择。",
           _opts(MATTER_TYPES), coded=True, width=14),
    Column("行使层级", ("exercise_level",), "choice", True, "从下拉列表选择。",
           _opts(EXERCISE_LEVELS), coded=True, width=10),
    Column("实施主体统一社会信用代码", ("department", "code"), "text", True,
           "18 位统一社会信用代码，从下拉列表选择本部门。", width=22),
    Column("实施主体名称", ("department", "name"), "text", True, width=18),
    Column("办理窗口", ("window",), "window", True, "从下拉列表选择服务大厅的窗口。", width=16),
    Column("服务对象", ("service_objects",), "multi", True,
           "可填多个，用顿号分隔：" + "、".join(SERVICE_OBJECTS.values()) + "。",
           _opts(SERVICE_OBJECTS), width=16),
    Column("法定办结时限", ("statutory_limit",), "int", True, "整数，单位见“时限单位”。", width=10),
    Column("承诺办结时限", ("committed_limit",), "int", True, "整数，不得超过法定办结时限。",
           width=10),
    Column("时限单位", ("limit_unit",), "choice", True, "", _opts(LIMIT_UNITS), width=10),
    Column("时限说明", ("limit_explanation",), width=20),
    Column("办件类型", ("case_class",), "choice", False, "即办件当场办结；不填为承诺件。",
           _opts(CASE_CLASSES), width=10),
    Column("允许延期", ("extension", "allowed"), "bool", False, "是 / 否，不填为否。",
           _opts(YES_NO), width=10),
    Column("延期最长天数", ("extension", "max_days"), "int", width=10),
    Column("延期设定依据序号", ("extension", "legal_basis"), "refs", False,
           "延期所依据的“设定依据”表序号。", width=14),
    Column("网上办理", ("channels", "online"), "bool", True, "是 / 否。", _opts(YES_NO),
           width=10),
    Column("网办深度", ("channels", "online_depth"), "choice", False,
           "网上办理时必填：一级网上咨询，二级网上下载表格，三级网上预审，四级全程网办。",
           _opts(ONLINE_DEPTHS), coded=True, width=10),
    Column("到现场次数", ("channels", "onsite_visits"), "int", True, "整数，0 表示不用到现场。",
           width=10),
    Column("到现场理由", ("channels", "onsite_reason"), "text", False,
           "到现场次数大于 0 时必须写明理由。", width=20),
    Column("支持预约办理", ("channels", "appointment"), "bool", False, "", _opts(YES_NO), width=10),
    Column("支持邮寄送达", ("channels", "delivery_by_post"), "bool", False, "", _opts(YES_NO),
           width=10),
    Column("审批结果名称", ("result", "name"), "text", True, width=20),
    Column("审批结果类型", ("result", "type"), "text", True, "如 证照、批文、其他。", width=12),
    Column("咨询电话", ("consultation", "phone"), width=14),
    Column("咨询地址", ("consultation", "address"), width=20),
    Column("网上咨询", ("consultation", "online"), width=20),
    Column("投诉电话", ("complaint", "phone"), width=14),
    Column("投诉地址", ("complaint", "address"), width=20),
    Column("网上投诉", ("complaint", "online"), width=20),
    Column("生效日期", ("effective_from",), "date", True, "如 2026-01-01。", width=12),
    Column("取消日期", ("cancel_date",), "date", width=12),
    Column("来源基本目录编码", ("derived_from",), "text", False,
           "由省基本目录事项派生时填写其基本编码。", width=16),
), "每行一个事项。")

BASIS = Sheet("设定依据", "legal_basis", (
    link(),
    Column("依据序号", ("key",), "key", True, "本事项内从 1 开始编号，其他表用此序号引用。",
           width=8),
    Column("法律法规名称", ("law",), "text", True, "全称，不加书名号。", width=26),
    Column("条", ("article",), "text", True, "如 第四十条。", width=10),
    Column("款项", ("clause",), "text", False, "如 第一款第（二）项；引用整条时不填。", width=14),
    Column("条文内容", ("text",), "text", True, width=48),
    Column("施行日期", ("effective_date",), "date", width=12),
    Column("作为事项设定依据", ("in_matter",), "bool", False,
           "是：列入事项的设定依据；否：仅供材料、收费等引用。不填为是。", _opts(YES_NO), width=12),
), "每行一条法律依据（法律、法规、规章的条款）。")

CONDITIONS = Sheet("受理条件", "conditions", (
    link(),
    Column("条件内容", ("text",), "text", True, width=48),
    cites(),
), "每行一项受理条件。")

MATERIALS = Sheet("申请材料", "materials", (
    link(),
    Column("材料名称", ("name",), "text", True, "写明具体名称，不用“其他材料”“相关证明”。",
           width=26),
    Column("是否必需", ("required",), "bool", True, "是 / 否。", _opts(YES_NO), width=8),
    Column("材料形式", ("form",), "choice", True, "", _opts(FORMS), width=10),
    Column("原件份数", ("originals",), "int", True, "整数。", width=8),
    Column("复印件份数", ("copies",), "int", True, "整数。", width=8),
    Column("材料来源", ("source",), "choice", True, "", _opts(SOURCES), width=12),
    Column("出具单位", ("issuing_body",), width=16),
    Column("空白表格", ("blank_form",), "text", False, "空白表格的文件名或网址。", width=16),
    Column("示范文本", ("sample",), "text", False, "填写示例的文件名或网址。", width=16),
    Column("填报须知", ("fill_notes",), width=20),
    Column("受理标准", ("acceptance_standard",), width=20),
    Column("备注", ("notes",), width=20),
    Column("排序号", ("order",), "int", width=8),
    cites("引用“设定依据”表中本事项的依据序号，如 1、2；每份材料都应有依据。"),
), "每行一份申请材料。")

FEES = Sheet("收费", "fees", (
    link(),
    Column("收费项目名称", ("name",), "text", True, width=20),
    Column("收费标准", ("standard",), "text", True, width=24),
    Column("是否可减免", ("waivable",), "bool", True, "是 / 否。", _opts(YES_NO), width=10),
    Column("减免说明", ("waiver",), width=24),
    cites("收费必须引用依据序号，如 1。"),
), "每行一个收费项目；不收费的事项不填。")

STEPS = Sheet("办理流程", "steps", (
    link(),
    Column("环节名称", ("name",), "text", True, "如 受理、审查、决定。", width=14),
    Column("办理人员", ("actor",), "text", True, "岗位或科室。", width=20),
    Column("环节时限", ("limit",), "int", True, "整数，单位同事项的时限单位。", width=10),
    Column("审查标准", ("review_standard",), width=30),
), "每行一个办理环节，按先后顺序。")

DISCRETION = Sheet("裁量基准", "discretion_benchmarks", (
    link(),
    Column("适用情形", ("circumstance",), "text", True, width=30),
    Column("裁量标准", ("standard",), "text", True, width=36),
), "每行一条裁量基准。")

SPECIAL = Sheet("特别程序", "special_procedures", (
    link(),
    Column("程序名称", ("name",), "text", True, "如 听证、检验检测、专家评审（不计入办理时限）。",
           width=20),
    Column("时限", ("limit",), "int", width=8),
    cites(),
), "每行一个不计入办理时限的特别程序。")

FAQ = Sheet("常见问题", "faq", (
    link(),
    Column("问题", ("question",), "text", True, width=30),
    Column("解答", ("answer",), "text", True, width=40),
), "每行一个常见问题。")

CO_HANDLING = Sheet("联办部门", "co_handling_departments", (
    link(),
    Column("统一社会信用代码", ("code",), "text", True, width=22),
    Column("部门名称", ("name",), "text", True, width=20),
), "每行一个联合办理的部门。")

SHEETS = (MATTER, BASIS, CONDITIONS, MATERIALS, FEES, STEPS, DISCRETION, SPECIAL, FAQ,
          CO_HANDLING)
LISTS = SHEETS[2:]  # the sheets of list elements, read the same way
GUIDE = "填写说明"
CODES = "代码表"
