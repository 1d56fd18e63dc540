"""The demo zone's difficult questions: answered ones (the knowledge base has entries to find)
and open ones (the working group has some to answer); loading twice changes nothing."""

from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlmodel import col

from kit import audit as audit_trail
from kit.clock import now
from review.models import Question, audit

PLANNING = "11430100707230200T"
HOUSING = "11430100707230300G"
MARKET = "114301007072304006"
SOCIAL = "11430100707230600H"
GROUP = "技术指导组"
# (department, raised by, title, question, matter, element, answer, meeting: None = at once)
QUESTIONS: list[tuple[str, str, str, str, str | None, str | None, str | None, bool]] = [
    (PLANNING, "李编制（自然资源和规划局）", "“其他材料”能否作为申请材料？",
     "上位法规定“法律、法规规定的其他材料”，事项标准的申请材料中能否保留这一兜底表述？",
     "430103-01-0002", "materials",
     "不能。申请材料必须逐项列明名称、依据和要求，不得出现“其他材料”“相关材料”等兜底表述；"
     "确需的材料应写明具体名称及设定依据，否则删除。", True),
    (HOUSING, "住建编制员（住房和城乡建设局）", "承诺时限可以按自然日计算吗？",
     "法定时限以工作日计，承诺办结时限能否按自然日填写，以便向企业宣传？",
     None, "committed_limit",
     "承诺时限与法定时限统一按工作日计算，承诺时限不得超过法定时限；对外宣传可另行换算说明，"
     "但事项标准中只填工作日。", False),
    (MARKET, "市监编制员（市场监督管理局）", "收费依据已废止的如何填写收费标准？",
     "某项收费的依据文件已被废止，但省级目录仍列有该收费，收费标准一栏如何处理？",
     None, "fees",
     "依据已废止的收费一律不再收取，收费标准填“不收费”，并在法律法规库中标记该依据已废止，"
     "同时报省级目录管理部门更新。", True),
    (SOCIAL, "人社编制员（人力资源和社会保障局）", "自由裁量基准细化到什么程度？",
     "行政处罚类事项的裁量基准，是否需要按情节轻重逐档列明处罚幅度？",
     None, "discretion_benchmarks", None, False),
    (PLANNING, "李编制（自然资源和规划局）", "办理流程中“必要时现场勘查”如何表述？",
     "建设工程规划许可的流程中有“必要时组织现场勘查”，这一表述是否属于模糊条款？应如何改写？",
     "430103-01-0002", "steps", None, False),
]


def load(session: Session) -> bool:
    """Seed the demo questions once; False when there are questions already."""
    if session.scalars(select(col(Question.id)).limit(1)).first() is not None:
        return False
    today = now()
    for n, (department, raiser, title, text, code, element, answer, at_meeting) in enumerate(
            QUESTIONS):
        raised = today - timedelta(days=30 - 5 * n)
        answered = raised + timedelta(days=3) if answer else None
        row = Question(department_code=department, title=title, question=text,
                       implementation_code=code, element=element,
                       state="answered" if answer else "open", raised_by="demo",
                       raised_by_name=raiser, raised_at=raised, answer=answer,
                       meeting_date=_meeting_day(answered) if answered and at_meeting else None,
                       answered_by="demo" if answer else None,
                       answered_by_name=GROUP if answer else None, answered_at=answered)
        session.add(row)
        session.flush()
        audit_trail.record(session, audit, actor="demo", action="question.raised",
                           entity="question", entity_id=str(row.id), after={"title": title})
        if answer:
            audit_trail.record(session, audit, actor="demo", action="question.answered",
                               entity="question", entity_id=str(row.id),
                               after={"state": "answered", "answer": answer})
    return True


def _meeting_day(moment: datetime) -> date:
    """The weekly meeting (Friday) on or before `moment`'s day."""
    day = moment.date()
    return day - timedelta(days=(day.weekday() - 4) % 7)
