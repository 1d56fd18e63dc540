"""The matter standard (事项标准) as a reader meets it, section by section.

Every element of `catalog.standard.MatterStandard` is here once, with its kind, whether the
standard requires it, its Chinese and English label and help, its choices, and for a list the
label of one row. The Excel template, the editor form, the review, the version diff and the
service guide take their shape and words from this description; a test keeps it and the
model in step. Adding an element is one edit here (plus a migration where storage changes).
"""

from catalog.layout import choices
from catalog.layout.shape import Element, Kind, Section, Words


def cited(help: Words | None = None, label: Words = Words("设定依据", "Legal basis")) -> Element:
    """The provisions of the matter's legal basis an element rests on."""
    return Element("legal_basis", Kind.CITATIONS, label, help=help)


def contact(key: str, label: Words, phone: Words, address: Words, online: Words) -> Element:
    """Where to ask or to complain: by phone, at an address, online."""
    return Element(key, Kind.OBJECT, label, elements=(
        Element("phone", Kind.TEXT, phone),
        Element("address", Kind.TEXT, address),
        Element("online", Kind.TEXT, online),
    ))


BASIC = Section("basic", Words("基本信息", "Basic information"), (
    Element("implementation_code", Kind.TEXT, Words("实施编码", "Implementation code"),
            required=True, help=Words("本实施清单内唯一，如 430103-01-0100。",
                                      "Unique in the implementing list, e.g. 430103-01-0100.")),
    Element("basic_code", Kind.TEXT, Words("基本编码", "Basic code"), required=True,
            help=Words("所实施的基本目录事项编码。",
                       "The code of the basic-catalog entry it implements.")),
    Element("handling_item_code", Kind.TEXT, Words("业务办理项编码", "Handling item code")),
    Element("name", Kind.TEXT, Words("事项名称", "Matter name"), required=True),
    Element("matter_type", Kind.CHOICE, Words("事项类型", "Matter type"), required=True,
            choices=choices.MATTER_TYPES),
    Element("exercise_level", Kind.CHOICE, Words("行使层级", "Exercise level"), required=True,
            choices=choices.EXERCISE_LEVELS),
    Element("department", Kind.DEPARTMENT, Words("实施主体", "Implementing department"),
            required=True, elements=(
                Element("code", Kind.TEXT, Words("实施主体统一社会信用代码",
                                                 "Implementing department's credit code"),
                        required=True, help=Words("18 位统一社会信用代码。",
                                                  "The 18-character unified social credit code.")),
                Element("name", Kind.TEXT, Words("实施主体名称", "Implementing department's name"),
                        required=True),
            )),
    Element("window", Kind.WINDOW, Words("办理窗口", "Window"), required=True),
    Element("service_objects", Kind.MULTIPLE_CHOICE, Words("服务对象", "Service objects"),
            required=True, choices=choices.SERVICE_OBJECTS),
    Element("derived_from", Kind.TEXT, Words("来源基本目录编码", "Derived from the basic catalog"),
            help=Words("由省基本目录事项派生时填写其基本编码。",
                       "The basic code of the provincial entry it was derived from, if any.")),
))

LEGAL_BASIS = Section("legal_basis", Words("设定依据", "Legal basis"), (
    Element("legal_basis", Kind.LIST, Words("设定依据", "Legal basis"),
            help=Words("至少一条法律、法规或规章的条款；受理条件、申请材料、收费和特别程序引用这里的依据。",
                       "At least one provision of a law, regulation or rule; conditions, "
                       "materials, fees and special procedures cite these."),
            row=Words("设定依据 {n}", "Legal basis {n}"), named_by=("law", "article", "clause"),
            elements=(
                Element("law", Kind.TEXT, Words("法律法规名称", "Law or regulation"),
                        required=True, help=Words("全称，不加书名号。",
                                                  "Its full title, without 《》.")),
                Element("article", Kind.TEXT, Words("条", "Article"), required=True,
                        help=Words("如 第四十条。", "E.g. 第四十条 (Article 40).")),
                Element("clause", Kind.TEXT, Words("款项", "Clause"),
                        help=Words("如 第一款第（二）项；引用整条时不填。",
                                   "E.g. paragraph 1, item (2); blank when citing the whole "
                                   "article.")),
                Element("text", Kind.LONG_TEXT, Words("条文内容", "Text of the article"),
                        required=True),
                Element("effective_date", Kind.DATE, Words("施行日期", "In force since")),
            )),
))

CONDITIONS = Section("conditions", Words("受理条件", "Conditions"), (
    Element("conditions", Kind.LIST, Words("受理条件", "Conditions"),
            row=Words("条件 {n}", "Condition {n}"), named_by=("text",), elements=(
                Element("text", Kind.LONG_TEXT, Words("条件内容", "Condition"), required=True),
                cited(),
            )),
))

MATERIALS = Section("materials", Words("申请材料", "Application materials"), (
    Element("materials", Kind.LIST, Words("申请材料", "Application materials"),
            row=Words("材料 {n}", "Material {n}"), named_by=("name",), elements=(
                Element("name", Kind.TEXT, Words("材料名称", "Material"), required=True,
                        help=Words("写明具体名称，不用“其他材料”“相关证明”等兜底表述。",
                                   "Name each document; avoid catch-alls such as "
                                   "“other materials”.")),
                Element("required", Kind.BOOLEAN, Words("是否必需", "Required"), required=True),
                Element("form", Kind.CHOICE, Words("材料形式", "Form"), required=True,
                        choices=choices.MATERIAL_FORMS),
                Element("originals", Kind.INTEGER, Words("原件份数", "Originals"), required=True),
                Element("copies", Kind.INTEGER, Words("复印件份数", "Copies"), required=True),
                Element("source", Kind.CHOICE, Words("材料来源", "Source"), required=True,
                        choices=choices.MATERIAL_SOURCES),
                Element("issuing_body", Kind.TEXT, Words("出具单位", "Issued by")),
                Element("blank_form", Kind.TEXT, Words("空白表格", "Blank form"),
                        help=Words("空白表格的文件名或网址。",
                                   "The blank form's file or address.")),
                Element("sample", Kind.TEXT, Words("示范文本", "Filled-in sample"),
                        help=Words("填写示例的文件名或网址。",
                                   "A filled-in example's file or address.")),
                Element("fill_notes", Kind.LONG_TEXT, Words("填报须知", "Notes on filling in")),
                Element("acceptance_standard", Kind.LONG_TEXT,
                        Words("受理标准", "Acceptance standard")),
                Element("notes", Kind.TEXT, Words("备注", "Notes")),
                Element("order", Kind.INTEGER, Words("排序号", "Order")),
                cited(Words("每份材料都应有依据。", "Each material should cite its basis.")),
            )),
))

LIMITS = Section("limits", Words("办理时限", "Time limits"), (
    Element("statutory_limit", Kind.INTEGER, Words("法定办结时限", "Statutory time limit"),
            required=True),
    Element("committed_limit", Kind.INTEGER, Words("承诺办结时限", "Committed time limit"),
            required=True, help=Words("不得超过法定办结时限。",
                                      "Must not exceed the statutory limit.")),
    Element("limit_unit", Kind.CHOICE, Words("时限单位", "Unit of the limits"), required=True,
            choices=choices.LIMIT_UNITS),
    Element("limit_explanation", Kind.LONG_TEXT, Words("时限说明", "About the time limit")),
    Element("case_class", Kind.CHOICE, Words("办件类型", "Case class"),
            choices=choices.CASE_CLASSES,
            help=Words("即办件当场办结，承诺件在承诺办结时限内办结。",
                       "Handled on the spot, or within the committed limit.")),
))

SPECIAL_PROCEDURES = Section("special_procedures", Words("特别程序", "Special procedures"), (
    Element("special_procedures", Kind.LIST, Words("特别程序", "Special procedures"),
            help=Words("听证、检验检测、专家评审等不计入办理时限的程序。",
                       "Hearings, testing, expert review… not counted in the time limit."),
            row=Words("特别程序 {n}", "Special procedure {n}"), named_by=("name",), elements=(
                Element("name", Kind.TEXT, Words("程序名称", "Procedure"), required=True,
                        help=Words("如 听证、检验检测、专家评审。",
                                   "E.g. hearing, testing, expert review.")),
                Element("limit", Kind.INTEGER, Words("时限", "Time limit")),
                cited(),
            )),
))

EXTENSION = Section("extension", Words("延期办理", "Extension"), (
    Element("extension", Kind.OBJECT, Words("延期办理", "Extension"), elements=(
        Element("allowed", Kind.BOOLEAN, Words("允许延期", "May be extended")),
        Element("max_days", Kind.INTEGER, Words("延期最长天数", "Longest extension (days)")),
        cited(label=Words("延期设定依据", "Legal basis of the extension")),
    )),
))

FEES = Section("fees", Words("收费", "Fees"), (
    Element("fees", Kind.LIST, Words("收费", "Fees"),
            help=Words("不收费的事项不填。", "Leave empty when free of charge."),
            row=Words("收费 {n}", "Fee {n}"), named_by=("name",), elements=(
                Element("name", Kind.TEXT, Words("收费项目名称", "Fee"), required=True),
                Element("standard", Kind.TEXT, Words("收费标准", "Amount"), required=True),
                Element("waivable", Kind.BOOLEAN, Words("是否可减免", "May be waived"),
                        required=True),
                Element("waiver", Kind.TEXT, Words("减免说明", "Waiver"),
                        help=Words("减免的对象和依据。", "Who is exempted, and on what basis.")),
                cited(Words("收费必须有依据。", "No fee without a legal basis.")),
            )),
))

STEPS = Section("steps", Words("办理流程", "Process steps"), (
    Element("steps", Kind.LIST, Words("办理流程", "Process steps"), required=True,
            help=Words("至少一个环节，按先后顺序。", "At least one step, in order."),
            row=Words("环节 {n}", "Step {n}"), named_by=("name",), elements=(
                Element("name", Kind.TEXT, Words("环节名称", "Step"), required=True,
                        help=Words("如 受理、审查、决定。", "E.g. acceptance, review, decision.")),
                Element("actor", Kind.TEXT, Words("办理人员", "Handled by"), required=True,
                        help=Words("岗位或科室。", "A post or an office.")),
                Element("limit", Kind.INTEGER, Words("环节时限", "Time limit"), required=True,
                        help=Words("单位同事项的时限单位。", "In the matter's unit of time.")),
                Element("review_standard", Kind.LONG_TEXT, Words("审查标准", "Review standard")),
            )),
))

DISCRETION = Section("discretion_benchmarks", Words("裁量基准", "Discretion benchmarks"), (
    Element("discretion_benchmarks", Kind.LIST, Words("裁量基准", "Discretion benchmarks"),
            row=Words("裁量基准 {n}", "Benchmark {n}"), named_by=("circumstance",), elements=(
                Element("circumstance", Kind.TEXT, Words("适用情形", "Circumstance"),
                        required=True),
                Element("standard", Kind.TEXT, Words("裁量标准", "Standard"), required=True),
            )),
))

CHANNELS = Section("channels", Words("办理渠道", "Channels"), (
    Element("channels", Kind.OBJECT, Words("办理渠道", "Channels"), required=True, elements=(
        Element("online", Kind.BOOLEAN, Words("网上办理", "Handled online"), required=True),
        Element("online_depth", Kind.CHOICE, Words("网办深度", "Online depth"),
                choices=choices.ONLINE_DEPTHS,
                help=Words("网上办理时必填。", "Required when handled online.")),
        Element("onsite_visits", Kind.INTEGER, Words("到现场次数", "On-site visits"),
                required=True, help=Words("0 表示不用到现场。", "0: no visit is needed.")),
        Element("onsite_reason", Kind.TEXT, Words("到现场理由", "Why a visit is needed"),
                help=Words("到现场次数大于 0 时写明理由；为 0 时留空。",
                           "Needed when a visit is; blank otherwise.")),
        Element("appointment", Kind.BOOLEAN, Words("支持预约办理", "By appointment")),
        Element("delivery_by_post", Kind.BOOLEAN, Words("支持邮寄送达", "Result sent by post")),
    )),
))

RESULT = Section("result", Words("审批结果", "Result"), (
    Element("result", Kind.OBJECT, Words("审批结果", "Result"), required=True, elements=(
        Element("name", Kind.TEXT, Words("审批结果名称", "Result name"), required=True),
        Element("type", Kind.TEXT, Words("审批结果类型", "Result type"), required=True,
                help=Words("如 证照、批文、其他。", "E.g. licence, approval document, other.")),
    )),
))

FAQ = Section("faq", Words("常见问题", "Frequently asked questions"), (
    Element("faq", Kind.LIST, Words("常见问题", "Frequently asked questions"),
            row=Words("问题 {n}", "Question {n}"), named_by=("question",), elements=(
                Element("question", Kind.TEXT, Words("问题", "Question"), required=True),
                Element("answer", Kind.LONG_TEXT, Words("解答", "Answer"), required=True),
            )),
))

CO_HANDLING = Section("co_handling", Words("联办部门", "Co-handling departments"), (
    Element("co_handling_departments", Kind.DEPARTMENTS,
            Words("联办部门", "Co-handling departments"),
            row=Words("联办部门 {n}", "Co-handling department {n}"), named_by=("name",),
            elements=(
                Element("code", Kind.TEXT, Words("统一社会信用代码", "Unified social credit code"),
                        required=True),
                Element("name", Kind.TEXT, Words("部门名称", "Department"), required=True),
                Element("step", Kind.TEXT, Words("承办环节", "Step it takes"),
                        help=Words("该部门办理的环节和审查内容，如 消防设计审查。",
                                   "The step the department takes and what it checks, e.g. "
                                   "fire-safety design review.")),
                Element("limit", Kind.INTEGER, Words("联办时限", "Its time limit"),
                        help=Words("该部门签署意见的时限，单位同事项的时限单位，不超过承诺办结时限；"
                                   "不填为承诺办结时限。",
                                   "Days for its sign-off, in the matter's unit, within the "
                                   "committed limit; blank: the whole committed limit.")),
            )),
))

CONTACTS = Section("contacts", Words("咨询与投诉", "Consultation and complaints"), (
    contact("consultation", Words("咨询方式", "Consultation"),
            Words("咨询电话", "Consultation phone"), Words("咨询地址", "Consultation address"),
            Words("网上咨询", "Consultation online")),
    contact("complaint", Words("监督投诉", "Complaints"), Words("投诉电话", "Complaint phone"),
            Words("投诉地址", "Complaint address"), Words("网上投诉", "Complaints online")),
))

DATES = Section("dates", Words("生效与取消", "In force"), (
    Element("effective_from", Kind.DATE, Words("生效日期", "Effective from"), required=True),
    Element("cancel_date", Kind.DATE, Words("取消日期", "Cancelled from"),
            help=Words("事项停止实施的日期，没有就留空。",
                       "When the matter stops; blank if it does not.")),
))

SECTIONS = (BASIC, LEGAL_BASIS, CONDITIONS, MATERIALS, LIMITS, SPECIAL_PROCEDURES, EXTENSION,
            FEES, STEPS, DISCRETION, CHANNELS, RESULT, FAQ, CO_HANDLING, CONTACTS, DATES)
