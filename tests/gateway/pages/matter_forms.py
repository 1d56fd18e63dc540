"""The matter form as the browser posts it."""

from typing import Any


def matter_form(code: str, csrf: str, **changes: Any) -> dict[str, Any]:
    """A complete matter form as the browser posts it."""
    form: dict[str, Any] = {
        "csrf_token": csrf, "implementation_code": code, "basic_code": "XK90000001",
        "name": "临时建设工程规划许可", "matter_type": "01", "exercise_level": "3",
        "window": "planning", "service_objects": ["enterprise", "person"],
        "legal_basis-0-law": "中华人民共和国城乡规划法", "legal_basis-0-article": "第四十四条",
        "legal_basis-0-text": "在城市、镇规划区内进行临时建设的，应当经批准。",
        "conditions": "临时建设不影响近期建设规划\n申请材料齐全、符合法定形式",
        "materials-0-name": "临时建设工程规划许可申请表", "materials-0-required": "on",
        "materials-0-form": "either", "materials-0-originals": "1", "materials-0-copies": "0",
        "materials-0-source": "applicant", "materials-0-notes": "",
        "statutory_limit": "20", "committed_limit": "5", "limit_unit": "working_day",
        "steps-0-name": "受理", "steps-0-actor": "规划建设窗口", "steps-0-limit": "1",
        "channels-online": "on", "channels-online_depth": "4", "channels-onsite_visits": "0",
        "result-name": "临时建设工程规划许可证", "result-type": "证照",
        "effective_from": "2027-01-01",
    }
    return {**form, **changes}
