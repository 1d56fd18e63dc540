"""The demo zone's briefings: a year of them (第1期–第6期, one every two months) and one
special issue the publisher has submitted, awaiting the leader's approval."""

from datetime import date, datetime, time, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kit.clock import CHINA, china_today, now
from publish.briefings import figures
from publish.briefings.models import Briefing
from publish.briefings.schemas import Body, Section

AUTHOR = ("publisher", "何公开（政务公开办）")
LEADERS = [("leader", "黄主任（改革工作组组长）"), ("leader2", "邓副主任（改革工作组副组长）")]
# Per issue: (matters, first, revised, departments, days, steps, materials, example,
# progress, supervision, next steps).
ISSUES = [
    (6, 6, 0, "自然资源和规划局、市场监督管理局", 0, 0, 0,
     "“建设用地规划许可证核发”承诺时限由法定的 20 个工作日压缩至 5 个工作日。",
     "试点部门自然资源和规划局、市场监督管理局率先完成事项梳理，其余 5 个部门已完成清单初稿。",
     "本期尚无办件数据，电子监察系统已完成上线准备。",
     "全面启动其余部门的事项标准化编制，组织第一轮业务培训。"),
    (14, 11, 3, "住房和城乡建设局、生态环境局、经济发展局", 13, 2, 4,
     "“建筑工程施工许可证核发”承诺时限由 7 个工作日压缩至 3 个工作日，"
     "取消“资金到位证明等其他材料”。",
     "7 个部门均已提交标准化初稿，住房和城乡建设局审查退回两次，列为进展较慢的部门。",
     "修正“兜底条款”类表述 9 处；受理办件 312 件，按时办结率 98.4%。",
     "对进展较慢的部门开展督办，组织专家对退回事项逐项指导。"),
    (18, 12, 6, "人力资源和社会保障局、卫生健康局、市场监督管理局", 21, 3, 7,
     "“食品经营许可”承诺时限由 10 个工作日压缩至 5 个工作日，精简“相关证明”材料。",
     "标准化完成率达 61%，卫生健康局连续 10 个工作日无进展，已发出督办通知。",
     "修正法律依据引用不准确的条款 14 处；受理办件 845 件，超期 6 件，均已督促办结。",
     "推进“零跑腿”事项梳理，开展办事指南可读性评审。"),
    (15, 7, 8, "生态环境局、自然资源和规划局", 33, 4, 6,
     "“建设项目环境影响报告书审批”承诺时限由 45 个工作日压缩至 30 个工作日。",
     "标准化完成率达 82%，卫生健康局督办事项已全部答复，进度恢复正常。",
     "修正裁量基准不明确的条款 11 处；受理办件 1,126 件，按时办结率 99.1%。",
     "启动流程清单公开工作，开展窗口人员“一次性告知”培训。"),
    (11, 3, 8, "市场监督管理局、经济发展局、人力资源和社会保障局", 17, 5, 9,
     "“企业设立登记”精简“住所使用证明”材料，实现 1 个工作日办结。",
     "标准化完成率达 95%，经济发展局 2 项事项仍在审查中。",
     "修正条款 7 处；受理办件 1,302 件，满意率 99.3%。",
     "全面公开三张清单，开展办事指南打印版和二维码核验。"),
    (9, 2, 7, "自然资源和规划局、住房和城乡建设局、卫生健康局", 12, 2, 5,
     "“建设工程规划许可证核发”承诺时限由 15 个工作日压缩至 7 个工作日，"
     "取消“有关部门要求的其他材料”。",
     "全部事项完成标准化并发布，转入动态调整；各部门均达到目标进度。",
     "修正条款 5 处；受理办件 1,418 件，超期 3 件，均已说明原因并整改。",
     "开展标准化成果“回头看”，按月发布进度报告，重点督办办件超期事项。"),
]


def load(session: Session) -> bool:
    """Load the demo briefings once; False when the zone already has briefings."""
    if session.scalar(select(func.count()).select_from(Briefing)):
        return False
    first = _month_start(china_today(), -13)
    for number, issue in enumerate(ISSUES, start=1):
        start = _month_start(first, 2 * (number - 1))
        end = _month_start(start, 2) - timedelta(days=1)
        session.add(_published(number, start, end, issue))
    session.add(_awaiting_approval())
    session.flush()
    return True


def _month_start(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _at(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=CHINA)


def _sections(issue: tuple[object, ...], start: date, end: date) -> list[Section]:
    total, first, revised, departments, days, steps, materials, example, progress, \
        supervision, steps_next = issue
    return [
        Section(heading="一、事项标准化进展", paragraphs=[
            f"本期（{figures.span(start, end)}）共发布标准化事项 {total} 项，"
            f"其中首次发布 {first} 项、修订后重新发布 {revised} 项，涉及{departments}等部门。"]),
        Section(heading="二、减时限、减环节、减材料", paragraphs=[
            f"修订发布的事项与上一版本相比，承诺办理时限累计压缩 {days} 个工作日，减少办理环节 "
            f"{steps} 个，精简申请材料 {materials} 份。", str(example)]),
        Section(heading="三、各部门标准化进度", paragraphs=[str(progress)]),
        Section(heading="四、条款修正与办件情况", paragraphs=[str(supervision)]),
        Section(heading="五、下一步工作", paragraphs=[str(steps_next)])]


def _published(number: int, start: date, end: date,
               issue: tuple[object, ...]) -> Briefing:
    issued = end + timedelta(days=6)
    leader, leader_name = LEADERS[number % len(LEADERS)]
    return Briefing(
        number=number, title=f"“一网通办”标准化工作简报（{figures.span(start, end)}）",
        period_start=start, period_end=end,
        body=Body(sections=_sections(issue, start, end)).model_dump(), state="published",
        author=AUTHOR[0], author_name=AUTHOR[1], approver=leader, approver_name=leader_name,
        publisher=AUTHOR[0], created_at=_at(end + timedelta(days=2), 9),
        updated_at=_at(issued, 10), submitted_at=_at(end + timedelta(days=3), 16),
        approved_at=_at(end + timedelta(days=5), 11), published_at=_at(issued, 10))


def _awaiting_approval() -> Briefing:
    today = china_today()
    end = _month_start(today, 0) - timedelta(days=1)
    start = end - timedelta(days=13)
    sections = [
        Section(heading="一、攻坚周总体情况", paragraphs=[
            f"{figures.span(start, end)}，全区开展标准化成果“回头看”攻坚，7 个部门对已发布的 "
            "68 项事项逐项复核，改为按周报送进度。"]),
        Section(heading="二、发现并整改的问题", paragraphs=[
            "复核发现材料表述不一致 12 处、流程环节时限合计与承诺时限不符 4 处，"
            "均已修订并重新发布。"]),
        Section(heading="三、下一步工作", paragraphs=[
            "巩固攻坚成果，将按周报送进度转为常态，按月发布简报。"])]
    return Briefing(
        title="“一网通办”标准化工作简报（攻坚专刊）", period_start=start, period_end=end,
        body=Body(sections=sections).model_dump(), state="submitted", author=AUTHOR[0],
        author_name=AUTHOR[1], created_at=now() - timedelta(days=1),
        updated_at=now() - timedelta(hours=2), submitted_at=now() - timedelta(hours=2))
