"""The demo zone's 26 reviewers in three groups, drawn from 11 units (the way Shantou staffed
its joint review); the gateway's `account.changed` events update these rows when they come."""

from typing import Any

UNITS = ("司法局", "发展和改革局", "自然资源和规划局", "住房和城乡建设局", "市场监督管理局",
         "生态环境局", "人力资源和社会保障局", "卫生健康局", "行政审批服务局", "财政局",
         "应急管理局")
# (username, name, unit, lead?) by group; `lead` and `reviewer` are the demo accounts.
GROUPS: dict[str, list[tuple[str, str, str, bool]]] = {
    "G1": [("lead", "赵组长", "司法局", True), ("reviewer", "王审核", "行政审批服务局", False),
           ("g1r1", "钱立新", "发展和改革局", False), ("g1r2", "孙晓梅", "自然资源和规划局", False),
           ("g1r3", "李建国", "住房和城乡建设局", False), ("g1r4", "周文静", "财政局", False),
           ("g1r5", "吴海涛", "生态环境局", False), ("g1r6", "郑丽华", "应急管理局", False),
           ("g1r7", "冯志强", "司法局", False)],
    "G2": [("lead2", "陈组长", "市场监督管理局", True),
           ("g2r1", "褚明辉", "市场监督管理局", False), ("g2r2", "卫春燕", "发展和改革局", False),
           ("g2r3", "蒋国平", "应急管理局", False), ("g2r4", "沈雅琴", "生态环境局", False),
           ("g2r5", "韩永刚", "司法局", False), ("g2r6", "杨慧敏", "财政局", False),
           ("g2r7", "朱德胜", "行政审批服务局", False),
           ("g2r8", "秦玉兰", "住房和城乡建设局", False)],
    "G3": [("lead3", "许组长", "人力资源和社会保障局", True),
           ("g3r1", "何佳琪", "卫生健康局", False),
           ("g3r2", "吕振华", "人力资源和社会保障局", False),
           ("g3r3", "施红梅", "司法局", False), ("g3r4", "张宏伟", "卫生健康局", False),
           ("g3r5", "孔丽娟", "财政局", False), ("g3r6", "曹建军", "行政审批服务局", False),
           ("g3r7", "严晓燕", "自然资源和规划局", False)],
}


def reviewers() -> list[dict[str, Any]]:
    """The demo reviewers as rows of `review.reviewer`."""
    return [{"username": username, "display_name": name, "unit": unit, "group_code": group,
             "is_lead": is_lead}
            for group, members in GROUPS.items() for username, name, unit, is_lead in members]
