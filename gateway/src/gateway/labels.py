"""Texts looked up at run time by a code (a matter type, a state, a row group…), marked for
extraction: `_(labels.MATTER_TYPES[code])` shows one in the page's language, and a code without a
label shows as itself. A new code needs its label here (and its English in the catalog).
"""

from gateway.i18n import N_, NP_, Labels

ADD_ROW_BUTTONS = Labels({
    "legal_basis": N_("添加设定依据"), "materials": N_("添加材料"), "fees": N_("添加收费项目"),
    "steps": N_("添加环节"), "discretion_benchmarks": N_("添加裁量基准"),
    "conditions": N_("添加受理条件"), "special_procedures": N_("添加特别程序"),
    "faq": N_("添加常见问题"),
})

APPLICATION_STATES = Labels({
    "submitted": N_("已提交"), "correction_requested": N_("待补正"), "corrected": N_("已补正"),
    "accepted": N_("已受理"), "approved": N_("准予许可"), "rejected": N_("不予许可"),
})

CASE_CLASSES = Labels({
    "immediate": N_("即办件"), "promised": N_("承诺件"),
})

EXERCISE_LEVELS = Labels({
    "1": N_("国家级"), "2": N_("省级"), "3": N_("市级"), "4": N_("县级"),
    "5": N_("镇（乡、街道）级"), "6": N_("村（社区）级"),
})

EXERCISE_LEVELS_SHORT = Labels({
    "1": N_("国家级"), "2": N_("省级"), "3": N_("市级"), "4": N_("县级"), "5": N_("乡镇级"),
    "6": N_("村级"),
})

FIELD_LABELS = Labels({
    "department": N_("实施主体"), "implementation_code": N_("实施编码"),
    "basic_code": N_("基本编码"), "handling_item_code": N_("业务办理项编码"),
    "name": N_("事项名称"), "matter_type": N_("事项类型"), "exercise_level": N_("行使层级"),
    "window": N_("办理窗口"), "service_objects": N_("服务对象"), "choose": N_("请选择"),
    "law": N_("法律法规名称"), "article": N_("条款"), "basis_text": N_("条款内容"),
    "conditions": N_("受理条件"), "material_name": N_("材料名称"), "required": N_("必须提交"),
    "material_form": N_("材料形式"), "originals": N_("原件份数"), "copies": N_("复印件份数"),
    "source": N_("来源渠道"), "notes": N_("备注"), "statutory_limit": N_("法定办结时限"),
    "committed_limit": N_("承诺办结时限"), "limit_unit": N_("时限单位"), "fee_name": N_("收费项目"),
    "fee_standard": N_("收费标准"), "waivable": N_("可减免"), "step_name": N_("环节名称"),
    "step_actor": N_("办理人员或科室"), "step_limit": N_("环节时限（天）"),
    "circumstance": N_("情形"), "discretion_standard": N_("裁量标准"), "online": N_("可网上办理"),
    "online_depth": N_("网办深度"), "onsite_visits": N_("到现场次数"),
    "onsite_reason": N_("需到现场的原因"), "result_name": N_("审批结果名称"),
    "result_type": N_("审批结果类型"), "effective_from": N_("生效日期"), "clause": N_("款、项"),
    "basis_date": N_("施行日期"), "condition_text": N_("条件内容"),
    "conditions_more": N_("批量添加受理条件"), "basis_cited": N_("引用的设定依据（序号）"),
    "issuing_body": N_("出具单位"), "blank_form": N_("空白表格（文件名或网址）"),
    "sample": N_("示范文本（文件名或网址）"), "fill_notes": N_("填报须知"),
    "acceptance_standard": N_("受理标准"), "order": N_("排列顺序"),
    "limit_explanation": N_("时限说明"), "case_class": N_("办件类型"),
    "procedure_name": N_("程序名称"), "procedure_limit": N_("时限（天）"),
    "extension_allowed": N_("可以延期办理"), "extension_days": N_("最多延长（天）"),
    "waiver": N_("减免说明"), "review_standard": N_("审查标准"), "appointment": N_("可预约办理"),
    "delivery_by_post": N_("支持邮寄送达"), "question": NP_("faq", "问题"), "answer": N_("解答"),
    "co_handling": N_("联办部门"), "cancel_date": N_("取消日期"),
    "consultation_phone": N_("咨询电话"), "consultation_address": N_("咨询地址"),
    "consultation_online": N_("网上咨询"), "complaint_phone": N_("投诉电话"),
    "complaint_address": N_("投诉地址"), "complaint_online": N_("网上投诉"),
    "derived_from": N_("派生自基本目录"),
})

HISTORY_FIELD_LABELS = Labels({
    "department_code": N_("统一社会信用代码"), "limit_explanation": N_("时限说明"),
    "case_class": N_("办件类型"), "allowed": N_("可延长"), "max_days": N_("最多延长天数"),
    "appointment": N_("可预约"), "delivery_by_post": N_("可邮寄送达"),
    "cancel_date": N_("取消日期"), "issuing_body": N_("出具单位"), "blank_form": N_("空白表格"),
    "sample": N_("示范文本"), "fill_notes": N_("填报须知"), "acceptance_standard": N_("受理标准"),
    "order": N_("排列顺序"), "review_standard": N_("审查标准"), "waiver": N_("减免说明"),
    "clause": N_("款项"), "effective_date": N_("施行日期"),
})

IMPORT_OUTCOMES = Labels({
    "created": N_("新建的事项"), "updated": N_("更新的草稿"), "drafted": N_("起草的新版本"),
    "unchanged": N_("无变化的事项"),
})

IMPORT_PHASES = Labels({
    "queued": N_("等待开始…"), "started": N_("正在读取文件…"),
    "reading": N_("正在读取文件：%(done)s / %(total)s 行"),
    "checking": N_("正在检查：%(done)s / %(total)s 个事项"),
    "saving": N_("正在保存草稿：%(done)s / %(total)s 个事项"),
})

IMPORT_STATES = Labels({
    "queued": N_("排队中"), "running": N_("导入中"), "succeeded": N_("已完成"),
    "failed": N_("未导入"),
})

INVALID_CHOICES = Labels({
    "implementation_code_invalid": N_("实施编码不符合要求。"),
    "window_invalid": N_("请选择有效的办理窗口。"),
    "department_invalid": N_("请选择有效的实施主体。"),
})

LIMIT_UNITS = Labels({
    "working_day": N_("个工作日"), "calendar_day": N_("个自然日"),
})

MATERIAL_FORMS = Labels({
    "either": N_("纸质或电子"), "paper": N_("纸质"), "electronic": N_("电子"),
})

MATERIAL_SOURCES = Labels({
    "applicant": N_("申请人自备"), "issued_by_government": N_("政府部门核发"), "other": N_("其他"),
})

MATTER_TYPES = Labels({
    "00": N_("行政权力"), "01": N_("行政许可"), "02": N_("行政处罚"), "03": N_("行政强制"),
    "04": N_("行政征收"), "05": N_("行政给付"), "06": N_("行政检查"), "07": N_("行政确认"),
    "08": N_("行政奖励"), "09": N_("行政裁决"), "10": N_("其他行政权力"), "20": N_("公共服务"),
})

ONLINE_DEPTHS = Labels({
    "1": N_("一级：在线咨询、下载表格"), "2": N_("二级：在线预审"), "3": N_("三级：网上受理"),
    "4": N_("四级：全程网办"),
})

ONLINE_DEPTHS_FOR_APPLICANTS = Labels({
    "1": N_("一级（网上咨询）"), "2": N_("二级（表格下载、网上预约）"), "3": N_("三级（网上预审）"),
    "4": N_("四级（全程网办）"),
})

PATH_ELEMENTS = Labels({
    "legal_basis": N_("设定依据"), "materials": NP_("numbered item", "申请材料"),
    "fees": NP_("numbered item", "收费"), "conditions": NP_("numbered item", "受理条件"),
    "special_procedures": NP_("numbered item", "特别程序"), "extension": N_("延期"),
})

PARTS = Labels({
    "catalog": NP_("part", "事项目录"), "review": NP_("part", "审核"),
    "intake": NP_("part", "受理"), "publish": NP_("part", "公开"), "gateway": NP_("part", "门户"),
})

PHRASE_SEVERITIES = Labels({
    "error": N_("错误：阻止提交审核"), "warning": N_("提醒：不阻止提交"),
})

PILLARS = Labels({
    "standardize": N_("标准化"),
    "standardize_text": N_("部门为每个事项编制标准：设定依据、受理条件、申请材料、"
                           "办理时限和裁量基准。"),
    "review": N_("审核"),
    "review_text": N_("审核组按合法性、合理性、合规性逐字审核，问题一次性反馈。"),
    "publish": N_("公开"),
    "publish_text": N_("审核通过的事项统一发布到权力清单、责任清单和流程清单。"),
    "handle": N_("办理"),
    "handle_text": N_("申请人在线申请，窗口受理或一次性告知补正，部门依法作出决定。"),
})

PROVISION_CHANGES = Labels({
    "amended": NP_("legal change", "修改"), "repealed": N_("废止"),
})

PROVISION_STATUSES = Labels({
    "in_force": N_("现行有效"), "amended": N_("已修改"), "repealed": N_("已废止"),
})

REVIEW_ASPECTS = Labels({
    "legality": N_("合法性"), "reasonableness": N_("合理性"), "compliance": N_("合规性"),
})

REVIEW_DECISIONS = Labels({
    "approved": N_("审核通过"), "returned": N_("退回修改"), "superseded": N_("已被重新提交取代"),
})

REVISION_HINTS = Labels({
    "amended": N_("请在新版本中引用修改后的条文内容。"),
    "repealed": N_("该条款已废止，请在新版本中删除或替换该依据。"),
})

ROW_LABELS = Labels({
    "legal_basis": N_("设定依据 %(n)s"), "materials": N_("材料 %(n)s"), "fees": N_("收费 %(n)s"),
    "steps": N_("环节 %(n)s"), "discretion_benchmarks": N_("裁量基准 %(n)s"),
    "conditions": N_("条件 %(n)s"), "special_procedures": N_("特别程序 %(n)s"),
    "faq": N_("问题 %(n)s"),
})

SECTION_TITLES = Labels({
    "basic": N_("基本信息"), "legal_basis": N_("设定依据"), "conditions": N_("受理条件"),
    "materials": N_("申请材料"), "limits": N_("办理时限"), "fees": N_("收费"),
    "steps": N_("办理流程"), "discretion": N_("裁量基准"), "channels": N_("网办与到现场次数"),
    "result": N_("审批结果"), "special_procedures": N_("特别程序"), "extension": N_("延期办理"),
    "faq": N_("常见问题"), "contacts": N_("咨询与投诉"), "consultation": N_("咨询方式"),
    "complaint": N_("监督投诉"),
})

SERVICE_OBJECTS = Labels({
    "person": N_("自然人"), "enterprise": N_("企业法人"), "public_institution": N_("事业单位法人"),
    "social_organization": N_("社会组织法人"), "government": N_("行政机关"),
    "other": N_("其他组织"),
})

SERVICE_OBJECTS_SHORT = Labels({
    "person": N_("自然人"), "enterprise": N_("企业法人"), "public_institution": N_("事业单位"),
    "social_organization": N_("社会组织"), "government": N_("行政机关"), "other": N_("其他"),
})

SEVERITIES = Labels({
    "error": N_("错误"), "warning": N_("提醒"),
})

WINDOWS = Labels({
    "investment": N_("招商引资窗口"), "planning": N_("规划建设窗口"),
    "industry": N_("产业服务窗口"), "social": N_("社会事务窗口"), "supervision": N_("监督投诉窗口"),
})

# The states of a version, a review case and an application, for the `|state` filter.
STATES = Labels({
    "draft": N_("草稿"), "submitted": N_("已提交"), "in_review": N_("审核中"),
    "returned": N_("已退回"), "approved": N_("审核通过"), "scheduled": N_("待生效"),
    "published": N_("已发布"), "superseded": N_("已被替代"), "cancelled": N_("已取消"),
    "accepted": N_("已受理"), "correction_requested": N_("待补正"), "corrected": N_("已补正"),
    "rejected": N_("不予许可"), "open": N_("待审核"), "closed": N_("已办结"),
})
