"""The values of the standard's choices, each named in Chinese and English."""

from catalog.layout.shape import choices

MATTER_TYPES = choices(
    ("00", "行政权力", "Administrative power"),
    ("01", "行政许可", "Administrative licensing"),
    ("02", "行政处罚", "Administrative penalty"),
    ("03", "行政强制", "Administrative enforcement"),
    ("04", "行政征收", "Administrative levy"),
    ("05", "行政给付", "Administrative payment"),
    ("06", "行政检查", "Administrative inspection"),
    ("07", "行政确认", "Administrative confirmation"),
    ("08", "行政奖励", "Administrative reward"),
    ("09", "行政裁决", "Administrative adjudication"),
    ("10", "其他行政权力", "Other administrative power"),
    ("20", "公共服务", "Public service"),
)
EXERCISE_LEVELS = choices(
    ("1", "国家级", "National"),
    ("2", "省级", "Provincial"),
    ("3", "市级", "Municipal"),
    ("4", "县级", "County"),
    ("5", "乡镇级", "Township"),
    ("6", "村级", "Village"),
)
SERVICE_OBJECTS = choices(
    ("person", "自然人", "Persons"),
    ("enterprise", "企业法人", "Enterprises"),
    ("public_institution", "事业单位法人", "Public institutions"),
    ("social_organization", "社会组织法人", "Social organizations"),
    ("government", "行政机关", "Government bodies"),
    ("other", "其他组织", "Other organizations"),
)
LIMIT_UNITS = choices(
    ("working_day", "工作日", "Working days"),
    ("calendar_day", "自然日", "Calendar days"),
)
CASE_CLASSES = choices(
    ("promised", "承诺件", "Handled within the committed limit"),
    ("immediate", "即办件", "Handled on the spot"),
)
ONLINE_DEPTHS = choices(
    (1, "一级（网上咨询）", "Level 1 (ask online)"),
    (2, "二级（表格下载、网上预约）", "Level 2 (forms, appointments)"),
    (3, "三级（网上预审）", "Level 3 (pre-check online)"),
    (4, "四级（全程网办）", "Level 4 (fully online)"),
)
MATERIAL_FORMS = choices(
    ("either", "纸质或电子", "Paper or electronic"),
    ("paper", "纸质", "Paper"),
    ("electronic", "电子", "Electronic"),
)
MATERIAL_SOURCES = choices(
    ("applicant", "申请人自备", "From the applicant"),
    ("issued_by_government", "政府部门核发", "Issued by a government body"),
    ("other", "其他", "Other"),
)
YES_NO = choices(
    (True, "是", "Yes"),
    (False, "否", "No"),
)
