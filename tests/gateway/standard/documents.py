"""A standard with every element filled, as the catalog stores it (its legal bases cited by
conditions, materials, fees, special procedures and the extension)."""

from typing import Any

from catalog.layout.schemas import layout_read
from catalog.standard import MatterStandard
from gateway.standard.layout import Layout

# The layout the catalog serves, as the gateway reads it.
LAYOUT = Layout.model_validate_json(layout_read().model_dump_json())

BASIS = [{"law": "中华人民共和国城乡规划法", "article": "第四十四条", "clause": "第一款",
          "text": "在城市、镇规划区内进行临时建设的，应当经批准。",
          "effective_date": "2019-04-23"},
         {"law": "湖南省实施《中华人民共和国城乡规划法》办法", "article": "第三十六条",
          "clause": None, "text": "临时建设的使用期限不超过二年。", "effective_date": None}]
DEPARTMENTS = [{"code": "11430100707230200T", "name": "自然资源和规划局"},
               {"code": "11430100MB1234567X", "name": "住房和城乡建设局"}]


def full_standard() -> dict[str, Any]:
    """A standard with every element filled, as the catalog stores it."""
    material = {"name": "临时建设工程规划许可申请表", "required": True, "form": "either",
                "originals": 1, "copies": 2, "source": "applicant", "legal_basis": BASIS[1:],
                "notes": "加盖公章", "issuing_body": "自然资源和规划局",
                "blank_form": "https://example.org/blank.docx", "sample": "sample.pdf",
                "fill_notes": "用黑色签字笔填写", "acceptance_standard": "内容完整、签章齐全",
                "order": 1}
    standard = {
        "implementation_code": "430103-01-9301", "basic_code": "XK90000001",
        "handling_item_code": "430103-01-9301-01", "name": "临时建设工程规划许可",
        "matter_type": "01", "exercise_level": "3", "department": DEPARTMENTS[0],
        "window": "planning", "service_objects": ["enterprise", "person"], "legal_basis": BASIS,
        "conditions": [{"text": "临时建设不影响近期建设规划", "legal_basis": BASIS},
                       {"text": "申请材料齐全、符合法定形式", "legal_basis": []}],
        "materials": [material, {**material, "name": "建设工程设计方案", "required": False,
                                 "legal_basis": [], "notes": None, "order": None}],
        "statutory_limit": 20, "committed_limit": 5, "limit_unit": "working_day",
        "limit_explanation": "自受理之日起计算", "case_class": "immediate",
        "special_procedures": [{"name": "专家评审", "limit": 10, "legal_basis": BASIS[:1]},
                               {"name": "听证", "limit": None, "legal_basis": []}],
        "extension": {"allowed": True, "max_days": 10, "legal_basis": BASIS[1:]},
        "fees": [{"name": "工本费", "standard": "10元/份", "legal_basis": BASIS[:1],
                  "waivable": True, "waiver": "小微企业免收"}],
        "steps": [{"name": "受理", "actor": "规划建设窗口", "limit": 1,
                   "review_standard": "材料齐全"},
                  {"name": "决定", "actor": "分管局长", "limit": 4, "review_standard": None}],
        "discretion_benchmarks": [{"circumstance": "材料齐全", "standard": "当场受理"}],
        "channels": {"online": True, "online_depth": 4, "onsite_visits": 1,
                     "onsite_reason": "核验原件", "appointment": True, "delivery_by_post": True},
        "result": {"name": "临时建设工程规划许可证", "type": "证照"},
        "faq": [{"question": "临时建设可以使用多久？", "answer": "不超过二年。"}],
        "co_handling_departments": [DEPARTMENTS[1] | {"step": "消防设计审查", "limit": 3}],
        "consultation": {"phone": "0731-88888888", "address": "政务服务中心二楼",
                         "online": "https://example.org/ask"},
        "complaint": {"phone": "12345", "address": None, "online": None},
        "effective_from": "2027-01-01", "cancel_date": "2030-12-31",
        "derived_from": "XK90000001",
    }
    assert MatterStandard.model_validate(standard).model_dump(mode="json") == standard
    return standard
