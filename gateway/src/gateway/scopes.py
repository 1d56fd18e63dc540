"""Where an account acts, checked against the parts that own it: a department is the
catalog's, a group a review group (or, for a clerk, a window of the hall)."""

import asyncio
from dataclasses import dataclass

from fastapi import Request

from gateway.clients import catalog, review
from gateway.clients.base import Link
from kit.auth import Principal
from kit.errors import Invalid


@dataclass(frozen=True)
class Known:
    """The codes an account's scope may name."""

    departments: dict[str, str]  # code → name
    groups: dict[str, str]  # review group or window code → name

    def problems(self, *, department: str | None, group_code: str | None) -> list[str]:
        """What is wrong with a department and a group, in Chinese (empty when nothing)."""
        wrong = []
        if department and department not in self.departments:
            wrong.append(f"部门代码 {department} 不存在")
        if group_code and group_code not in self.groups:
            wrong.append(f"审核组或窗口代码 {group_code} 不存在")
        return wrong

    def check(self, *, department: str | None, group_code: str | None) -> None:
        """Refuse (422) a department or group nobody knows."""
        wrong = self.problems(department=department, group_code=group_code)
        if wrong:
            raise Invalid("；".join(wrong))


async def known(link: Link) -> Known:
    """The departments, review groups and windows of the platform now."""
    departments, windows, groups = await asyncio.gather(
        catalog.departments(link), catalog.windows(link), review.groups(link))
    return Known({d.code: d.name for d in departments},
                 {**{w.code: w.name for w in windows}, **{g.code: g.name for g in groups}})


def link_of(request: Request, principal: Principal) -> Link:
    """The way to the services for an API caller."""
    return Link(request.app.state.upstreams, principal)


def link_url(request: Request, path: str) -> str:
    """An address of this site as the visitor's browser reaches it."""
    origin = request.app.state.settings.public_origin or str(request.base_url)
    return origin.rstrip("/") + path
