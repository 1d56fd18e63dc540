"""责任事项: the department's duties at each stage, derived from the matter's steps."""

from typing import Any

from publish.lists.schemas import Contact, Duty, Stage
from publish.schemas import Step

# What the department owes at each stage (行政许可法 第三十条至第四十四条, 第六十一条).
DUTIES = {
    "受理": "公示依法应当提交的材料；一次性告知需要补正的全部内容；依法受理或者不予受理，"
            "不予受理的书面说明理由",
    "审查": "对申请材料进行审查，需要核实的指派两名以上工作人员核查；发现直接关系他人重大利益"
            "的，告知利害关系人并听取意见",
    "决定": "在承诺时限内作出准予或者不予许可的书面决定；不予许可的说明理由，并告知申请行政"
            "复议或者提起行政诉讼的权利",
    "送达": "自作出决定之日起十日内向申请人颁发、送达证照或者批准文件，并依法公开",
    "事后监管": "对被许可人从事许可事项的活动实施监督检查，依法处理违法行为，记录监督检查"
                "情况和处理结果",
}
DECIDING = ("决定", "审批", "批准", "签发", "审定")
DELIVERING = ("送达", "发证", "办结", "领取", "颁证", "制证")


def stage_of(step: str) -> Stage:
    """The stage a step belongs to, by its name; any other step is part of the review."""
    if "受理" in step:
        return "受理"
    if any(word in step for word in DECIDING):
        return "决定"
    if any(word in step for word in DELIVERING):
        return "送达"
    return "审查"


def duties(*, steps: list[Step], department: str) -> list[Duty]:
    """One duty per step, then delivery (by the accepting post, unless a step delivers) and
    supervision after approval (by the department)."""
    found = [Duty(stage=stage_of(s.name), step=s.name, actor=s.actor,
                  duty=DUTIES[stage_of(s.name)]) for s in steps]
    if not any(d.stage == "送达" for d in found):
        window = steps[0].actor if steps else department
        found.append(Duty(stage="送达", step=None, actor=window, duty=DUTIES["送达"]))
    found.append(Duty(stage="事后监管", step=None, actor=department, duty=DUTIES["事后监管"]))
    return found


def contact(value: Any) -> Contact:
    """A contact of the document (its texts only), empty when it has none."""
    fields = value if isinstance(value, dict) else {}
    return Contact(**{k: v for k in ("phone", "address", "online")
                      if isinstance(v := fields.get(k), str) and v.strip()})
