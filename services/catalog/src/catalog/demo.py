"""Demo data for the catalog: the zone's departments, windows and published matters."""

from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from catalog.demo_data import (
    CO_HANDLING,
    DEPARTMENTS,
    JOINT_MATTER,
    MATTERS,
    PILOT,
    WINDOW_DETAILS,
    WINDOWS,
)
from catalog.forms import samples
from catalog.forms import service as forms
from catalog.legal.demo import load_registry
from catalog.matters import history_demo, repository, service
from catalog.matters.state_events import QUIET
from catalog.models import BaseCatalogEntry, Department, DepartmentWindow, Matter, Window
from catalog.standard import MatterStandard
from kit.auth import Principal
from kit.clock import china_today, now

EARLIER = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)
DEMO = Principal(sub="demo", name="demo", roles=("admin",))


def standard(index: int, spec: tuple[Any, ...], committed: int,
             materials: list[str]) -> dict[str, Any]:
    """A complete matter standard for one demo matter."""
    name, mtype, dept, window, law, article, statutory, _, _, result, _ = spec
    basis = [{"law": law, "article": article, "text": f"《{law}》{article}规定的{name}事项。"}]
    code, dept_name = DEPARTMENTS[dept]
    review_days = max(committed - 2, 0)
    raw = {
        "implementation_code": f"430103-{mtype}-{index:04d}",
        "basic_code": f"{'XK' if mtype == '01' else 'QT'}{index:08d}",
        "handling_item_code": f"430103-{mtype}-{index:04d}-001",
        "name": name, "matter_type": mtype, "exercise_level": "3",
        "department": {"code": code, "name": dept_name}, "window": window,
        "service_objects": ["person"] if window == "social" else ["enterprise"],
        "legal_basis": basis,
        "conditions": [f"申请人符合《{law}》{article}规定的条件", "申请材料齐全、符合法定形式"],
        "materials": [
            {"name": m, "required": True, "form": "either" if i else "electronic",
             "originals": 1, "copies": 0 if i else 1,
             "source": "issued_by_government" if "证" in m and i else "applicant",
             "legal_basis": basis, "notes": None if i else "可通过网上办事大厅在线填写"}
            for i, m in enumerate(materials)],
        "statutory_limit": statutory, "committed_limit": committed,
        "limit_unit": "working_day",
        "fees": [{"name": "工本费", "standard": "不收费", "legal_basis": basis, "waivable": True}]
        if index % 7 == 0 else [],
        "steps": [
            {"name": "受理", "actor": WINDOWS_BY_CODE[window], "limit": min(1, committed)},
            {"name": "审查", "actor": f"{dept_name}业务科室", "limit": review_days},
            {"name": "决定", "actor": f"{dept_name}分管负责人", "limit": 1 if committed > 1 else 0},
        ],
        "discretion_benchmarks": [{"circumstance": "材料齐全、符合法定形式",
                                   "standard": "当场受理，并在承诺时限内作出决定"}],
        "channels": {"online": True, "online_depth": 4 if committed <= 5 else 3,
                     "onsite_visits": 0 if committed <= 5 else 1,
                     "onsite_reason": None if committed <= 5 else "领取纸质证照原件"},
        "result": {"name": result, "type": "证照" if result.endswith("证") else "批文"},
        "effective_from": date(2026, 1, 1).isoformat(),
        **contacts(dept),
    }
    if index == CLOCK_DEMO:
        raw |= clock_rules()
    if index == JOINT_MATTER:
        raw["co_handling_departments"] = [
            {"code": DEPARTMENTS[d][0], "name": DEPARTMENTS[d][1], "step": step, "limit": days}
            for d, step, days in CO_HANDLING]
    return MatterStandard.model_validate(raw).model_dump(mode="json")


# Each department's consultation line (咨询电话) and its desk in the zone's service centre.
PHONES = ["0731-85891201", "0731-85891302", "0731-85891403", "0731-85891504", "0731-85891605",
          "0731-85891706", "0731-85891807"]
CENTRE = "长沙市天心区政务服务中心"
COMPLAINT = {"phone": "12345", "address": f"{CENTRE}一楼监督投诉窗口",
             "online": "https://www.tianxin.gov.cn/hdjl/"}


def contacts(dept: int) -> dict[str, Any]:
    """Where to ask about a matter (the department) and where to complain (12345, the
    supervision window of the service centre)."""
    desk = f"{CENTRE}二楼{DEPARTMENTS[dept][1]}窗口"
    return {"consultation": {"phone": PHONES[dept], "address": desk, "online": None},
            "complaint": dict(COMPLAINT)}


# One demo matter (建设工程规划许可证核发) whose clock may pause for an expert review and be
# extended, so the window's and the department's clock actions are alive in the demo zone.
CLOCK_DEMO = 2
LICENSING_LAW = "中华人民共和国行政许可法"


def clock_rules() -> dict[str, Any]:
    """The special procedure and the extension of the clock's demo matter."""
    return {
        "special_procedures": [{"name": "专家评审", "limit": 10, "legal_basis": [
            {"law": LICENSING_LAW, "article": "第四十五条",
             "text": "行政机关作出行政许可决定，依法需要听证、招标、拍卖、检验、检测、检疫、"
                     "鉴定和专家评审的，所需时间不计算在本节规定的期限内。"}]}],
        "extension": {"allowed": True, "max_days": 10, "legal_basis": [
            {"law": LICENSING_LAW, "article": "第四十二条",
             "text": "二十日内不能作出决定的，经本行政机关负责人批准，可以延长十日，"
                     "并应当将延长期限的理由告知申请人。"}]}}


WINDOWS_BY_CODE = dict(WINDOWS)


def before_reform(index: int, std: dict[str, Any]) -> dict[str, Any]:
    """The standard as it was before the 2025 review: more steps (a first and a second
    examination, or an on-site check), no discretion benchmark, one more trip to the hall, and
    the application form on paper in several copies."""
    old = {**std, "discretion_benchmarks": []}
    review = old["steps"][1]
    extra = ([{**review, "name": "初审"}, {**review, "name": "复审"}] if index % 3
             else [{**review, "name": "现场核查"}])
    old["steps"] = [old["steps"][0], *extra, *old["steps"][1:]]
    visits = old["channels"]["onsite_visits"] + 1
    old["channels"] = {**old["channels"], "online_depth": 2, "onsite_visits": visits,
                       "onsite_reason": "提交纸质申请材料并领取证照原件"}
    first = {**old["materials"][0], "form": "paper", "copies": 2, "notes": None}
    old["materials"] = [first, *old["materials"][1:]]
    return MatterStandard.model_validate(old).model_dump(mode="json")


def load(session: Session) -> bool:
    """Load the demo zone once; False when it was already there. Matters and versions are
    written through the catalog's own service functions, as an administrator would."""
    if session.scalars(select(Department)).first() is not None:
        return False
    session.info[QUIET] = True  # publish hears the back-dated year instead (history_demo)
    session.add_all([Department(code=c, name=n, is_pilot=c in PILOT) for c, n in DEPARTMENTS])
    session.add_all([Window(code=c, name=n, **dict(zip(("address", "hours", "phone"),
                                                       WINDOW_DETAILS[c], strict=True)))
                     for c, n in WINDOWS])
    session.flush()
    served = sorted({(DEPARTMENTS[spec[2]][0], spec[3]) for spec in MATTERS})
    session.add_all([DepartmentWindow(department_code=d, window_code=w) for d, w in served])
    for index, spec in enumerate(MATTERS, start=1):
        std = with_forms(session, standard(index, spec, spec[7], spec[8]))
        session.add(BaseCatalogEntry(basic_code=std["basic_code"], name=spec[0],
                                     matter_type=spec[1], exercise_level="3",
                                     legal_basis=std["legal_basis"], updated_at=now()))
        _matter(session, index, spec, std)
    session.flush()
    load_registry(session=session)  # the laws and articles the demo matters cite
    history_demo.emit_history(session, earlier=EARLIER, actor=DEMO)
    session.info.pop(QUIET, None)
    return True


def with_forms(session: Session, std: dict[str, Any]) -> dict[str, Any]:
    """The standard with its application form's blank form and sample uploaded (.xlsx)."""
    found = samples.application_form([m["name"] for m in std["materials"]])
    if found is None:
        return std
    material = std["materials"][found]
    for field, filled in (("blank_form", False), ("sample", True)):
        content = samples.workbook(title=material["name"], matter=std["name"], filled=filled)
        suffix = "（示范文本）" if filled else ""
        row = forms.store(session=session, file_name=f"{material['name']}{suffix}.xlsx",
                          content=content, actor=DEMO)
        material[field] = forms.reference(row)
    return std


def _matter(session: Session, index: int, spec: tuple[Any, ...], std: dict[str, Any]) -> None:
    """One demo matter in force today, after its 2025 version when it had one."""
    matter = repository.add_matter(session=session, standard=MatterStandard.model_validate(std),
                                   created_at=EARLIER)
    if spec[10] is not None:
        old = before_reform(index, with_forms(session, standard(index, spec, *spec[10])))
        old["effective_from"] = EARLIER.date().isoformat()
        _in_force(session, matter, old, EARLIER)
    _in_force(session, matter, std, now())
    if index == SCHEDULED_MATTER:
        _scheduled(session, matter, std)


def _in_force(session: Session, matter: Matter, std: dict[str, Any], at: datetime) -> None:
    """A version approved and put in force at `at` (the one before it superseded)."""
    row = service.add_approved_version(session=session, matter=matter, actor=DEMO, at=at,
                                       standard=MatterStandard.model_validate(std))
    service.go_live(session=session, matter=matter, row=row, actor=DEMO.sub, at=at)


SCHEDULED_MATTER = 1  # 建设用地规划许可证核发: a further cut approved, live in 30 days


def _scheduled(session: Session, matter: Matter, std: dict[str, Any]) -> None:
    """An approved version waiting for its effective date (the catalog's loop publishes it)."""
    effective = china_today() + timedelta(days=30)
    later = {**std, "committed_limit": 3, "effective_from": effective.isoformat(),
             "steps": [{**s, "limit": min(s["limit"], 1)} for s in std["steps"]]}
    row = service.add_approved_version(session=session, matter=matter, actor=DEMO, at=now(),
                                       standard=MatterStandard.model_validate(later))
    service.publish(session=session, matter=matter, row=row, actor=DEMO)
