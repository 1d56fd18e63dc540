"""Review groups: created and edited by the administrator, every change audited. The windows a
group owns are its rules on a window alone (review.routing keeps them in order); membership is
set on the accounts, not here."""

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlmodel import col

from kit import audit as audit_trail
from kit.auth import Principal
from kit.errors import Conflict, NotFound
from review import routing
from review.models import ReviewGroup, RoutingRule, audit
from review.organisation_schemas import GroupChange, GroupCreate, GroupPublic, RuleCreate


def list_groups(*, session: Session) -> list[GroupPublic]:
    """Every review group with its domains, the windows it owns and the default mark."""
    owned: dict[str, list[str]] = {}
    for rule in routing.rules(session=session):
        if _window_only(rule) and rule.window not in owned.get(rule.group_code, []):
            owned.setdefault(rule.group_code, []).append(rule.window or "")
    groups = session.scalars(select(ReviewGroup).order_by(col(ReviewGroup.code)))
    return [_public(g, owned.get(g.code, [])) for g in groups]


def create_group(*, session: Session, group: GroupCreate, actor: Principal) -> GroupPublic:
    """Add a group and route the windows it owns to it (after the existing rules); the first
    group of the zone becomes the default group."""
    if session.get(ReviewGroup, group.code) is not None:
        raise Conflict(f"Review group {group.code} already exists.")
    row = ReviewGroup(code=group.code, name=group.name, domains=group.domains,
                      is_default=routing.default_group(session=session) is None)
    session.add(row)
    session.flush()
    _own(session, row.code, group.windows, actor.sub)
    shown = _shown(session, row)
    audit_trail.record(session, audit, actor=actor.sub, action="group.created",
                       entity="review_group", entity_id=row.code, after=shown.model_dump())
    return shown


def update_group(*, session: Session, code: str, change: GroupChange,
                 actor: Principal) -> GroupPublic:
    """Rename a group, say its domains, change the windows it owns outright."""
    row = session.get(ReviewGroup, code)
    if row is None:
        raise NotFound(f"Review group {code} was not found.")
    before = _shown(session, row).model_dump()
    row.name, row.domains = change.name, change.domains
    _own(session, code, change.windows, actor.sub)
    shown = _shown(session, row)
    audit_trail.record(session, audit, actor=actor.sub, action="group.updated",
                       entity="review_group", entity_id=code, before=before,
                       after=shown.model_dump())
    return shown


def define_group(*, session: Session, code: str, name: str, windows: list[str],
                 actor: str, domains: str = "") -> None:
    """Create a group owning `windows` unless it exists (the demo loader's way in)."""
    if session.get(ReviewGroup, code) is None:
        create_group(session=session, actor=Principal(sub=actor, roles=("admin",)),
                     group=GroupCreate(code=code, name=name, domains=domains, windows=windows))


def _own(session: Session, code: str, windows: list[str], actor: str) -> None:
    """Make the group's rules on a window alone exactly `windows`: new ones go last."""
    wanted = list(dict.fromkeys(windows))
    mine = [r for r in routing.rules(session=session)
            if r.group_code == code and _window_only(r)]
    principal = Principal(sub=actor, roles=("admin",))
    for rule in mine:
        if rule.window not in wanted:
            assert rule.id is not None
            routing.delete_rule(session=session, rule_id=rule.id, actor=principal)
    for window in wanted:
        if all(r.window != window for r in mine):
            routing.add_rule(session=session, actor=principal,
                             rule=RuleCreate(window=window, group=code))


def _window_only(rule: RoutingRule) -> bool:
    return rule.window is not None and rule.department_code is None and rule.matter_type is None


def _shown(session: Session, row: ReviewGroup) -> GroupPublic:
    owned = [r.window or "" for r in routing.rules(session=session)
             if r.group_code == row.code and _window_only(r)]
    return _public(row, list(dict.fromkeys(owned)))


def _public(row: ReviewGroup, windows: list[str]) -> GroupPublic:
    return GroupPublic(code=row.code, name=row.name, domains=row.domains, windows=windows,
                       is_default=row.is_default)

