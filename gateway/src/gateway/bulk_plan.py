"""What a bulk import would do, row by row, and doing it: all rows, or none when any is
wrong. Each new account gets a one-time link to set its password."""

import re
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlmodel import col

from gateway import invitations, roster
from gateway.bulk import ACCOUNTS, COLUMNS, UNITS, Problem, Sheets
from gateway.models import Account, Unit, audit
from gateway.scopes import Known
from kit.audit import record

USERNAME = re.compile(r"^[A-Za-z0-9_.@-]{1,80}$")
CODE = re.compile(r"^[A-Za-z0-9_.-]{1,20}$")
CONTROL = re.compile(r"[\x00-\x1f]")
TITLES = {sheet: {name: title for name, title, _ in columns} for sheet, columns in COLUMNS.items()}


@dataclass
class Plan:
    """The units and accounts to create, and every problem found (none: it may be done)."""

    units: list[dict[str, str]] = field(default_factory=list)
    accounts: list[dict[str, str | None]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


class _Checker:
    def __init__(self, session: Session, known: Known, problems: list[Problem]) -> None:
        self.known, self.problems = known, problems
        self.units = {u.code: u.name for u in session.scalars(select(Unit))}
        self.usernames = set(session.scalars(select(col(Account.username))))
        self.in_file: set[str] = set()

    def wrong(self, sheet: str, row: int, name: str, reason: str) -> None:
        self.problems.append(Problem(sheet, row, TITLES[sheet][name], reason))

    def text(self, sheet: str, row: int, cells: dict[str, str], name: str, *, most: int,
             pattern: re.Pattern[str] | None = None) -> str:
        value = cells.get(name, "")
        required = any(n == name and r for n, _, r in COLUMNS[sheet])
        if not value:
            if required:
                self.wrong(sheet, row, name, "不能为空")
        elif len(value) > most:
            self.wrong(sheet, row, name, f"不能超过 {most} 个字符")
        elif pattern is not None and not pattern.match(value):
            self.wrong(sheet, row, name, "只能包含英文字母、数字和 _ . - 等符号")
        elif CONTROL.search(value):
            self.wrong(sheet, row, name, "含有不可见的控制字符")
        return value

    def unit_rows(self, rows: list[tuple[int, dict[str, str]]], plan: Plan) -> None:
        names = {name: code for code, name in self.units.items()}
        for row, cells in rows:
            code = self.text(UNITS, row, cells, "code", most=20, pattern=CODE)
            name = self.text(UNITS, row, cells, "name", most=100)
            if code in self.units:
                self.wrong(UNITS, row, "code", f"单位代码 {code} 已存在或在文件中重复")
            elif name in names:
                self.wrong(UNITS, row, "name", f"单位名称 {name} 已被单位 {names[name]} 使用")
            elif code and name:
                self.units[code], names[name] = name, code
                plan.units.append({"code": code, "name": name})

    def account_rows(self, rows: list[tuple[int, dict[str, str]]], plan: Plan) -> None:
        by_name = {name: code for code, name in self.units.items()}
        for row, cells in rows:
            found = len(self.problems)
            username = self.text(ACCOUNTS, row, cells, "username", most=80, pattern=USERNAME)
            display_name = self.text(ACCOUNTS, row, cells, "display_name", most=100)
            department = self.text(ACCOUNTS, row, cells, "department", most=18, pattern=CODE)
            group = self.text(ACCOUNTS, row, cells, "group_code", most=20, pattern=CODE)
            unit = self.text(ACCOUNTS, row, cells, "unit", most=100)
            if username in self.in_file:
                self.wrong(ACCOUNTS, row, "username", f"用户名 {username} 在文件中重复")
            elif username in self.usernames:
                self.wrong(ACCOUNTS, row, "username", f"用户名 {username} 已存在")
            if department and department not in self.known.departments:
                self.wrong(ACCOUNTS, row, "department", f"部门代码 {department} 不存在")
            if group and group not in self.known.groups:
                self.wrong(ACCOUNTS, row, "group_code", f"审核组或窗口代码 {group} 不存在")
            unit_code = unit if unit in self.units else by_name.get(unit)
            if unit and unit_code is None:
                self.wrong(ACCOUNTS, row, "unit", f"单位 {unit} 不存在（填单位代码或单位名称）")
            self.in_file.add(username)
            if len(self.problems) == found:
                plan.accounts.append({"username": username, "display_name": display_name,
                                      "department": department or None,
                                      "group_code": group or None, "unit": unit_code})


def check(*, session: Session, sheets: Sheets, known: Known) -> Plan:
    """What the file would create; every problem of every row (units first: the accounts
    may name a unit of the same file)."""
    plan = Plan(problems=list(sheets.problems))
    checker = _Checker(session, known, plan.problems)
    checker.unit_rows(sheets.rows.get(UNITS, []), plan)
    checker.account_rows(sheets.rows.get(ACCOUNTS, []), plan)
    if not plan.problems and not plan.units and not plan.accounts:
        plan.problems.append(Problem("", 0, "", "文件中没有要导入的行"))
    return plan


def apply(*, session: Session, actor: str, plan: Plan,
          ) -> list[tuple[Account, invitations.Link]]:
    """Create every unit and account of a plan without problems; each account's link."""
    if plan.problems:
        raise ValueError("a plan with problems is never applied")
    for unit in plan.units:
        roster.add_unit(session=session, actor=actor, **unit)
    created = []
    for row in plan.accounts:
        account = roster.create(session=session, actor=actor, **row)  # type: ignore[arg-type]
        created.append((account, invitations.issue(session=session, actor=actor,
                                                   account=account, reset=False)))
    record(session, audit, actor=actor, action="accounts.imported", entity="import",
           entity_id=actor, after={"units": len(plan.units), "accounts": len(plan.accounts)})
    return created
