"""The demo zone's 26 reviewers in three groups, drawn from 11 units (the way Shantou staffed
its joint review); the gateway's `account.changed` events update these rows when they come."""

from typing import Any

UNITS = ("司法局", "发展和改革局", "自然资源和规划局", "住房和城乡建设局", "市场监督管理局",
         "生态环境局", "人力资源和社会保障局", "卫生健康局", "行政审批服务局", "财政局",
         "应急管理局")
# (username, name, unit, lead?) by group, as the gateway's demo accounts name them
# (gateway/demo.py GROUPS), so the rows read the same before and after its events arrive.
GROUPS: dict[str, list[tuple[str, str, str, bool]]] = {
    "G1": [
        ("lead", "赵组长（审核一组）", "发展和改革局", True),
        ("reviewer", "王审核（审核一组）", "司法局", False),
        ("g1r1", "孙立新（审核一组）", "自然资源和规划局", False),
        ("g1r2", "周敏（审核一组）", "住房和城乡建设局", False),
        ("g1r3", "吴海涛（审核一组）", "生态环境局", False),
        ("g1r4", "郑晓燕（审核一组）", "行政审批服务局", False),
        ("g1r5", "冯志强（审核一组）", "财政局", False),
        ("g1r6", "陈静（审核一组）", "应急管理局", False),
        ("g1r7", "褚建国（审核一组）", "市场监督管理局", False),
    ],
    "G2": [
        ("lead2", "钱组长（审核二组）", "司法局", True),
        ("g2r1", "蒋丽华（审核二组）", "发展和改革局", False),
        ("g2r2", "沈涛（审核二组）", "市场监督管理局", False),
        ("g2r3", "韩雪（审核二组）", "人力资源和社会保障局", False),
        ("g2r4", "杨帆（审核二组）", "行政审批服务局", False),
        ("g2r5", "朱明（审核二组）", "财政局", False),
        ("g2r6", "秦岚（审核二组）", "卫生健康局", False),
        ("g2r7", "尤佳（审核二组）", "应急管理局", False),
        ("g2r8", "许峰（审核二组）", "住房和城乡建设局", False),
    ],
    "G3": [
        ("lead3", "何组长（审核三组）", "人力资源和社会保障局", True),
        ("g3r1", "吕萍（审核三组）", "卫生健康局", False),
        ("g3r2", "施磊（审核三组）", "司法局", False),
        ("g3r3", "张婷（审核三组）", "发展和改革局", False),
        ("g3r4", "孔亮（审核三组）", "行政审批服务局", False),
        ("g3r5", "曹颖（审核三组）", "财政局", False),
        ("g3r6", "严华（审核三组）", "生态环境局", False),
        ("g3r7", "华勇（审核三组）", "自然资源和规划局", False),
    ],
}


def reviewers() -> list[dict[str, Any]]:
    """The demo reviewers as rows of `review.reviewer`."""
    return [{"username": username, "display_name": name, "unit": unit, "group_code": group,
             "is_lead": is_lead}
            for group, members in GROUPS.items() for username, name, unit, is_lead in members]
