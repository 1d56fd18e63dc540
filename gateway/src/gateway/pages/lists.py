"""The three public lists (权力清单, 责任清单, 流程清单) and the open-data page: anyone reads them,
filters them, pages through them and downloads them whole."""

import asyncio
import math
import re

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from gateway import labels
from gateway.access import Caller, CallerDep
from gateway.clients import publish
from gateway.i18n import N_
from gateway.page import link, render
from kit.types import whole_number

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 20
CONTROL = re.compile(r"[\x00-\x1f\x7f]")
FILTERS = ("q", "department", "window", "matter_type")
# Each list: its page's title and what it is for.
TITLES = {"power-list": N_("权力清单"), "responsibility-list": N_("责任清单"),
          "process-list": N_("流程清单")}
ABOUT = {"power-list": N_("本区公开的行政许可和公共服务事项。点击事项名称查看办事指南。"),
         "responsibility-list": N_("每个事项由哪个部门、哪个岗位负责，违反规定如何追责，"
                                   "以及咨询和投诉的方式。"),
         "process-list": N_("每个事项的办理环节、承办岗位和环节时限，以及承诺和法定办结时限。")}


def page_number(raw: str) -> int:
    """The page asked for, or the first."""
    asked = whole_number(raw)
    return asked if asked is not None and 0 < asked <= 100_000 else 1


def clean(value: str) -> str:
    """A filter as the service takes it: no control characters, at most 100 characters."""
    return CONTROL.sub("", value).strip()[:100]


async def listing(request: Request, caller: Caller, name: str, *, page: str,
                  **asked: str) -> Response:
    """One page of a list with its filters, the departments to choose from and downloads."""
    filters = {key: clean(asked[key]) for key in FILTERS}
    number = page_number(page)
    services = link(request, caller)
    matters, departments = await asyncio.gather(
        publish.listing(services, name, filters=filters, page=number, size=PAGE_SIZE),
        publish.departments(services))
    return render(request, f"{name.replace('-', '_')}.html", caller, name=name,
                  title=TITLES[name], about=ABOUT[name], matters=matters, filters=filters,
                  departments=departments, page=number,
                  pages=max(1, math.ceil(matters.total / PAGE_SIZE)),
                  windows=labels.WINDOWS, matter_types=labels.MATTER_TYPES,
                  downloads={f: publish.download(name, f, filters) for f in ("csv", "json")},
                  public=True)


@router.get("/power-list", response_class=HTMLResponse)
async def power_list(request: Request, caller: CallerDep, q: str = "", department: str = "",
                     window: str = "", matter_type: str = "", page: str = "1") -> Response:
    """The power list: search as you type, filter, one page at a time, download it whole."""
    return await listing(request, caller, "power-list", q=q, department=department,
                         window=window, matter_type=matter_type, page=page)


@router.get("/responsibility-list", response_class=HTMLResponse)
async def responsibility_list(request: Request, caller: CallerDep, q: str = "",
                              department: str = "", window: str = "", matter_type: str = "",
                              page: str = "1") -> Response:
    """The responsibility list: duties by post, accountability, consultation and complaint."""
    return await listing(request, caller, "responsibility-list", q=q, department=department,
                         window=window, matter_type=matter_type, page=page)


@router.get("/process-list", response_class=HTMLResponse)
async def process_list(request: Request, caller: CallerDep, q: str = "", department: str = "",
                       window: str = "", matter_type: str = "", page: str = "1") -> Response:
    """The process list: each matter's steps with their posts and limits."""
    return await listing(request, caller, "process-list", q=q, department=department,
                         window=window, matter_type=matter_type, page=page)


@router.get("/open-data", response_class=HTMLResponse)
async def open_data(request: Request, caller: CallerDep) -> Response:
    """Every download in one place: the three lists (CSV, JSON) and the catalog as JSON-LD."""
    files = [(name, TITLES[name], {f: publish.download(name, f, {}) for f in ("csv", "json")})
             for name in publish.LISTS]
    return render(request, "open_data.html", caller, files=files, jsonld=publish.OPEN_DATA,
                  public=True)
