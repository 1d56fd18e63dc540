"""The period's figures a briefing is drafted from: one function per section of the template.

Sections one and two are computed here from publish's own read model (`PublishedVersion`):
each matter's last version published in the period is compared with the last one before it.
Section three comes from the standardization progress (publish.progress), section four from
the reform metrics and the closed cases (publish.reform, publish.statistics).
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlmodel import col

from kit.clock import CHINA, end_of_day
from publish.briefings.schemas import Section
from publish.models import PublishedVersion
from publish.progress import service as progress_service
from publish.reform import service as reform_service
from publish.statistics import service as statistics_service

EXAMPLES = 3  # matters named as examples of a cut in the text


@dataclass
class Change:
    """One matter published in the period, against its version before the period (if any)."""

    name: str
    department: str
    before: dict[str, Any] | None
    after: dict[str, Any]

    def days_cut(self) -> int:
        """Working days of committed limit cut from the previous version."""
        return max(0, _limit(self.before) - _limit(self.after)) if self.before else 0

    def steps_removed(self) -> int:
        """Steps of the process fewer than in the previous version."""
        return max(0, _count(self.before, "steps") - _count(self.after, "steps")) \
            if self.before else 0

    def materials_removed(self) -> int:
        """Materials of the previous version the new one no longer asks for (by name)."""
        if not self.before:
            return 0
        return len(_material_names(self.before) - _material_names(self.after))

    def compressed(self) -> int:
        """Days the committed limit is below the statutory one (a first publication)."""
        return max(0, int(self.after.get("statutory_limit") or 0) - _limit(self.after))


@dataclass
class Period:
    """What happened to the lists between two days (both included)."""

    start: date
    end: date
    changes: list[Change] = field(default_factory=list)

    @property
    def first(self) -> list[Change]:
        return [c for c in self.changes if c.before is None]

    @property
    def revised(self) -> list[Change]:
        return [c for c in self.changes if c.before is not None]


def _limit(document: dict[str, Any] | None) -> int:
    return int((document or {}).get("committed_limit") or 0)


def _count(document: dict[str, Any] | None, key: str) -> int:
    items = (document or {}).get(key)
    return len(items) if isinstance(items, list) else 0


def _material_names(document: dict[str, Any]) -> set[str]:
    items = document.get("materials")
    return {str(m.get("name")) for m in items if isinstance(m, dict)} \
        if isinstance(items, list) else set()


def period_of(*, session: Session, start: date, end: date) -> Period:
    """Each matter whose version was published in the period, with its version before it."""
    opens = datetime.combine(start, time.min, tzinfo=CHINA)
    rows: Sequence[PublishedVersion] = session.scalars(
        select(PublishedVersion).where(col(PublishedVersion.published_at) < end_of_day(end))
        .order_by(col(PublishedVersion.implementation_code), col(PublishedVersion.version))).all()
    before: dict[str, dict[str, Any]] = {}
    inside: dict[str, dict[str, Any]] = {}
    for row in rows:
        target = inside if row.published_at >= opens else before
        target[row.implementation_code] = row.document
    changes = [Change(name=str(doc.get("name") or code), department=_department(doc),
                      before=before.get(code), after=doc) for code, doc in inside.items()]
    return Period(start=start, end=end, changes=changes)


def _department(document: dict[str, Any]) -> str:
    department = document.get("department")
    return str(department.get("name") or "") if isinstance(department, dict) else ""


def span(start: date, end: date) -> str:
    """The period in words: 2026年11月1日至11月30日."""
    head = f"{start.year}年{start.month}月{start.day}日"
    tail = f"{end.month}月{end.day}日" if end.year == start.year else \
        f"{end.year}年{end.month}月{end.day}日"
    return f"{head}至{tail}"


def standardized(period: Period) -> Section:
    """一、事项标准化: matters standardized and published in the period."""
    departments = sorted({c.department for c in period.changes if c.department})
    if not period.changes:
        return Section(heading="一、事项标准化进展", paragraphs=[
            f"本期（{span(period.start, period.end)}）没有新发布或修订发布的标准化事项。"])
    lines = [f"本期（{span(period.start, period.end)}）共发布标准化事项 {len(period.changes)} 项，"
             f"其中首次发布 {len(period.first)} 项、修订后重新发布 {len(period.revised)} 项"
             + (f"，涉及{'、'.join(departments)}等 {len(departments)} 个部门。"
                if departments else "。")]
    names = "、".join(f"“{c.name}”" for c in period.changes[:EXAMPLES])
    lines.append(f"本期发布的事项包括{names}等，办事指南已在网上同步公开。")
    return Section(heading="一、事项标准化进展", paragraphs=lines)


def reductions(period: Period) -> Section:
    """二、减时限、减环节、减材料: what the revised versions cut, and the first ones' limits."""
    revised = period.revised
    if not period.changes:
        return Section(heading="二、减时限、减环节、减材料",
                       paragraphs=["本期没有修订事项，承诺时限、办理环节和申请材料均无变化。"])
    days = sum(c.days_cut() for c in revised)
    steps = sum(c.steps_removed() for c in revised)
    materials = sum(c.materials_removed() for c in revised)
    lines = [f"修订发布的 {len(revised)} 项事项与上一版本相比，"
             f"承诺办理时限累计压缩 {days} 个工作日，"
             f"减少办理环节 {steps} 个，精简申请材料 {materials} 份。"]
    if period.first:
        lines.append(f"首次发布的 {len(period.first)} 项事项，承诺时限比法定时限累计压缩 "
                     f"{sum(c.compressed() for c in period.first)} 个工作日。")
    cut = sorted((c for c in revised if c.days_cut()), key=lambda c: -c.days_cut())
    for change in cut[:EXAMPLES]:
        lines.append(f"“{change.name}”承诺时限由 {_limit(change.before)} 个工作日压缩至 "
                     f"{_limit(change.after)} 个工作日。")
    return Section(heading="二、减时限、减环节、减材料", paragraphs=lines)


def progress(*, session: Session, start: date, end: date) -> Section:
    """三、各部门标准化进度: each department's published share against its target, and the
    departments flagged as slow (publish.progress)."""
    summary = progress_service.summary(session=session, start=start, end=end)
    totals = summary["totals"]
    lines = [f"截至{end.month}月{end.day}日，全区{totals['matters']}项事项中已发布"
             f"{totals['counts']['published']}项，完成目标的{_percent(totals['published_share'])}"
             f"；本期新发布{totals['published_in_period']}项。"]
    slow = [d for d in summary["departments"] if d["flags"]]
    for department in slow:
        reasons = "、".join(_FLAG_WORDS.get(f["rule"], f["rule"]) for f in department["flags"])
        lines.append(f"{department['name']}：已发布{department['counts']['published']}项，"
                     f"完成目标的{_percent(department['published_share'])}，{reasons}，需督办。")
    if not slow:
        lines.append("本期没有进展较慢的部门。")
    return Section(heading="三、各部门标准化进度", paragraphs=lines)


# The rules publish.progress flags a slow department by, in words.
_FLAG_WORDS = {"behind": "进度落后于计划", "returned_twice": "有事项两次被退回",
               "stalled": "有事项长期没有进展"}


def supervision(*, session: Session, start: date, end: date) -> Section:
    """四、条款修正与办件情况: the reform metrics' clauses fixed and the cases decided."""
    reform = reform_service.metrics(session=session, since=start - timedelta(days=1),
                                    until=end)["totals"]
    cases = statistics_service.figures(session=session, start=start, end=end)["totals"]
    lines = [f"本期明确模糊条款{reform['vague_clauses_fixed']}个、兜底条款"
             f"{reform['catch_all_clauses_fixed']}个，增加裁量基准"
             f"{reform['discretion_benchmarks_added']}项，减少跑动{reform['onsite_visits_cut']}次。"]
    if cases["closed"]:
        lines.append(
            f"本期办结{cases['closed']}件，实际办理时间中位数{cases['p50_days']}个工作日、"
            f"90%的办件在{cases['p90_days']}个工作日内办结；超期{cases['overdue']}件"
            f"（{_percent(cases['overdue_share'])}）。")
    else:
        lines.append("本期没有办结的办件。")
    if cases["ratings"]:
        lines.append(f"收到评价{cases['ratings']}条，平均{cases['average_score']}分，"
                     f"满意率{_percent(cases['satisfied_share'])}。")
    return Section(heading="四、条款修正与办件情况", paragraphs=lines)


def _percent(share: float | None) -> str:
    return "—" if share is None else f"{share * 100:.1f}%"


def next_steps() -> Section:
    """五、下一步工作: the drafter writes it."""
    return Section(heading="五、下一步工作", paragraphs=["【请填写】下一步工作安排。"])


def sections(*, session: Session, start: date, end: date) -> list[Section]:
    """Every section of the template, in order, filled with the period's figures."""
    period = period_of(session=session, start=start, end=end)
    return [standardized(period), reductions(period),
            progress(session=session, start=start, end=end),
            supervision(session=session, start=start, end=end), next_steps()]
