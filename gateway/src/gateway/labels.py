"""Texts looked up at run time by a code (a state, a review aspect, a window…), marked for
extraction: `_(labels.STATES[code])` shows one in the page's language, and a code without a
label shows as itself. A new code needs its label here (and its English in the catalog).

The matter standard's elements and their coded values (matter types, material forms…) are not
here: the catalog's layout names them in both languages (`layout.label`, `layout.choice`).
"""

from gateway.i18n import N_, NP_, Labels

APPLICATION_STATES = Labels({
    "submitted": N_("已提交"), "correction_requested": N_("待补正"), "corrected": N_("已补正"),
    "accepted": N_("已受理"), "approved": N_("准予许可"), "rejected": N_("不予许可"),
    "not_accepted": N_("不予受理"),
})

# A co-handling department's part of a joint sign-off (并联审批): its answer, or none yet.
JOINT_STATES = Labels({
    "pending": N_("待签署"), "overdue": N_("已超期未签署"), "agreed": N_("同意"),
    "agreed_with_conditions": N_("附条件同意"), "refused": N_("不同意"),
})
JOINT_ANSWERS = ("agreed", "agreed_with_conditions", "refused")

# The legal clock's ledger (intake.ledger): what happened, and why the clock stopped or moved.
CLOCK_ENTRIES = Labels({
    "received": N_("收到申请"), "started": N_("开始计时"), "paused": N_("暂停计时"),
    "resumed": N_("恢复计时"), "extended": N_("延长期限"), "due": N_("办结期限"),
})
CLOCK_CAUSES = Labels({
    "correction": N_("补正材料"), "deemed": N_("逾期未告知补正，视为受理"),
    "extension": N_("经批准延期"),
})
# A window's step done on the case page (`?done=` after the redirect), said to the clerk.
WINDOW_STEPS_DONE = Labels({
    "accept": N_("已受理，办结期限开始计算。"), "corrections": N_("补正告知已发出。"),
    "not-accepted": N_("已作出不予受理决定。"), "paused": N_("特别程序开始，办理时限暂停计算。"),
    "resumed": N_("特别程序结束，办理时限恢复计算。"),
})
# Why an application is not accepted (不予受理).
NON_ACCEPTANCE_GROUNDS = Labels({
    "outside_competence": N_("不属于本部门职权范围"),
    "no_licence_needed": N_("依法不需要取得行政许可"), "other": N_("其他法定情形"),
})

# What the material pre-check found (intake's problem codes), said so the applicant can act.
MATERIAL_PROBLEMS = Labels({
    "missing": N_("必需材料尚未上传"), "too_large": N_("文件太大，请压缩或分页后重新上传"),
    "application_too_large": N_("全部材料合计太大，请压缩后重新上传"),
    "type": N_("文件格式不符，请上传 PDF、JPEG、PNG 或 OFD 文件"),
    "executable": N_("这是可执行程序，不能作为申请材料"),
    "archive": N_("压缩包不能作为申请材料，请逐个上传文件"),
    "markup": N_("网页、SVG 或 XML 文件不能作为申请材料"),
    "encrypted": N_("加密的 PDF 窗口无法打开，请去掉密码后重新上传"),
    "empty": N_("文件是空的，请重新选择"), "unknown_slot": N_("事项没有列出这项材料"),
})

# The documents issued on a case (intake's kinds), and the public ledger's first step.
DOCUMENT_KINDS = Labels({
    "receipt": N_("收件凭证"), "acceptance_notice": N_("受理通知书"),
    "correction_notice": N_("补正告知书"), "non_acceptance": N_("不予受理决定书"),
    "approval": N_("准予许可决定书"), "refusal": N_("不予许可决定书"),
})
LEDGER_STEPS = Labels({"received": N_("收件")})

APPLICANT_KINDS = Labels({"person": N_("个人"), "enterprise": N_("企业")})

# The butler's work: mandates, projects, who a project's matter waits on and what comes next.
MANDATE_STATUSES = Labels({"pending": N_("待管家接受"), "active": N_("有效"),
                           "expired": N_("已过期"), "revoked": N_("已撤销")})
PROJECT_KINDS = Labels({"new_plant": N_("新建厂房"), "extension": N_("改扩建"),
                        "other": N_("其他")})
WAITING_ON = Labels({"applicant": N_("申请人"), "window": N_("受理窗口"),
                     "department": N_("审批部门"), "butler": N_("服务管家")})
NEXT_STEPS = Labels({
    "assign_butler": N_("等待分配服务管家"), "draw_up": N_("管家制定事项清单"),
    "file": N_("管家代为申报"), "correct": N_("按补正告知补齐材料"), "accept": N_("窗口受理"),
    "decide": N_("部门审批决定"), "done": N_("已办结")})

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


MATTER_TYPES = Labels({
    "00": N_("行政权力"), "01": N_("行政许可"), "02": N_("行政处罚"), "03": N_("行政强制"),
    "04": N_("行政征收"), "05": N_("行政给付"), "06": N_("行政检查"), "07": N_("行政确认"),
    "08": N_("行政奖励"), "09": N_("行政裁决"), "10": N_("其他行政权力"), "20": N_("公共服务"),
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

REVIEW_SEVERITIES = Labels({"must_fix": N_("必须修改"), "suggestion": N_("建议修改")})

REVIEW_PROPOSALS = Labels({
    "delete": N_("建议删除"), "keep": N_("建议保留"), "change": N_("建议修改为"),
})

ANSWER_KINDS = Labels({"revised": N_("采纳并修改"), "explained": N_("不采纳，说明理由")})

REVISION_HINTS = Labels({
    "amended": N_("请在新版本中引用修改后的条文内容。"),
    "repealed": N_("该条款已废止，请在新版本中删除或替换该依据。"),
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
    "precheck": N_("待初审"),
})

# The preliminary check (初审) and the difficult questions (疑难问题).
PRECHECK_RESULTS = Labels({"passed": N_("初审通过，转联审"), "returned": N_("初审退回")})
QUESTION_STATES = Labels({"open": N_("待答复"), "answered": N_("已答复")})
BRIEFING_STATES = Labels({"draft": N_("草稿"), "submitted": N_("待审定"),
                          "approved": N_("已审定，待发布"), "published": N_("已发布")})
# The steps of a review case's history (its audit entries); an unknown step shows its code.
CASE_STEPS = Labels({
    "case.opened": N_("提交审核"), "case.precheck_passed": N_("初审通过"),
    "case.precheck_returned": N_("初审退回"), "case.to_group": N_("转审核组联审"),
    "opinion.recorded": N_("记录审核意见"), "case.approved": N_("审核通过"),
    "case.returned": N_("退回修改"), "case.superseded": N_("被重新提交取代"),
})

# 好差评: the fixed tags a rater may pick (intake's ratings.schemas.Tag), good ones first.
RATING_TAGS = Labels({
    "quick": N_("办事快捷"), "once": N_("一次办成"), "courteous": N_("态度好"),
    "clear": N_("指引清楚"), "many_materials": N_("材料要求多"), "many_trips": N_("跑了多次"),
    "long_wait": N_("等待太久"), "unclear": N_("告知不清"),
})
RATING_SCORES = Labels({"1": N_("非常不满意"), "2": N_("不满意"), "3": N_("基本满意"),
                        "4": N_("满意"), "5": N_("非常满意")})
RECTIFICATION_STATES = Labels({"open": N_("整改中"), "closed": N_("已整改")})

# 监督投诉: what a complaint is about, its states, and the steps of its timeline.
COMPLAINT_SUBJECTS = Labels({"case": N_("某件办件"), "matter": N_("某个事项"),
                             "department": N_("某个部门"), "hall": N_("政务服务大厅")})
COMPLAINT_STATES = Labels({"filed": N_("已登记"), "accepted": N_("调查中"),
                           "answered": N_("已答复"), "closed": N_("已办结")})
COMPLAINT_STEPS = Labels({"filed": N_("登记投诉"), "accept": N_("受理调查"),
                          "note": N_("调查记录"), "answer": N_("答复投诉人"),
                          "close": N_("办结"), "rated": N_("投诉人评价")})

# Review by persons (review.areas): the parts of a case, how one was assigned, a round's
# deadline, and what a case's history records.
REVIEW_AREAS = Labels({
    "conditions": N_("受理条件"), "materials": N_("申请材料"), "time_limits": N_("办理时限"),
    "fees": N_("收费"), "discretion": N_("裁量基准"), "other": N_("其他要素"),
})

REVIEW_ASSIGNED_BY = Labels({
    "lead": N_("组长指定"), "area_rule": N_("按要素分工"), "least_load": N_("按在办量"),
    "carried": N_("沿用上一轮"),
})

REVIEW_DEADLINES = Labels({
    "on_time": N_("期限内"), "due_soon": N_("即将到期"), "late": N_("已逾期"),
})

REVIEW_CASE_EVENTS = Labels({
    "case.opened": N_("收到提交并分派到组"), "case.assigned": N_("分配审核人"),
    "case.reassigned": N_("改派审核人"),
    "case.unassigned": N_("收回分工"), "opinion.recorded": N_("记录审核意见"),
    "case.approved": N_("审核通过"), "case.returned": N_("退回修改"),
    "case.superseded": N_("被重新提交取代"), "case.rerouted": N_("按规则重新分派"),
    "conflict.resolved": N_("组长裁定意见冲突"), "case.precheck_passed": N_("初审通过"),
    "case.precheck_returned": N_("初审退回"), "case.to_group": N_("转审核组联审"),
})

# Who acted when no person did: the parts of the platform.
REVIEW_SYSTEM_ACTORS = Labels({
    "service:catalog": N_("事项目录"), "service:review": N_("分工规则"),
    "service:gateway": N_("账号管理"),
})

# The roles of an account (the security administrator gives all but the three administrators').
ROLES = Labels({
    "applicant": N_("申请人"), "butler": N_("服务管家"), "clerk": N_("窗口人员"),
    "editor": N_("部门编制人员"), "approver": N_("部门审批人员"), "reviewer": N_("审核人员"),
    "lead": N_("审核组组长"), "publisher": N_("发布人员"), "supervisor": N_("监督人员"),
    "admin": N_("系统管理员"), "security_admin": N_("安全管理员"), "audit_admin": N_("审计管理员"),
    "guidance": N_("技术指导组"), "leader": N_("工作组领导"),
})

# Electronic supervision: a running case's colour in words (never the colour alone).
CASE_COLOURS = {"green": N_("绿牌：正常"), "yellow": N_("黄牌：临近时限"),
                "red": N_("红牌：已超期")}
WARNING_LEVELS = {"yellow": N_("黄牌预警"), "red": N_("红牌警告")}
WARNING_RESOLUTIONS = {"decided_in_time": N_("按时办结"), "decided_late": N_("超期办结"),
                       "paused": N_("时限暂停"), "explained": N_("监察员说明"),
                       "closed": N_("已终止")}
