"""The administrator's holiday table: the years the legal clock counts working days on, the
years open cases need, and a year entered from a list of dates (typed or a text file)."""

import re
from datetime import date
from typing import Annotated

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from gateway.clients import holidays as calendar
from gateway.clients.base import ServiceError
from gateway.page import Admin, PageError, link, refusal, render, translate
from kit.types import whole_number

router = APIRouter(include_in_schema=False)
DATE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}")
Text = Annotated[str, Form()]
UPLOAD_LIMIT = 64 * 1024


def dates_in(text: str) -> tuple[list[str], list[str]]:
    """The ISO dates in a text (any separators), and the words that are not dates."""
    found: list[str] = []
    wrong: list[str] = []
    for word in re.split(r"[\s,，;；、]+", text.strip()):
        day = as_date(word)
        if day is not None:
            found.append(day.isoformat())
        elif word:
            wrong.append(word)
    return found, wrong


def as_date(word: str) -> date | None:
    """A date written 2027-1-1 or 2027-01-01, else None."""
    if not DATE.fullmatch(word):
        return None
    try:
        return date(*(int(part) for part in word.split("-")))
    except ValueError:
        return None


async def holiday_page(request: Request, caller: Admin, *, status: int = 200,
                       error: str | None = None, notice: str | None = None,
                       typed: dict[str, str] | None = None) -> Response:
    """The table, the years needed, and the form (as typed, after a refusal)."""
    try:
        table = await calendar.holidays(link(request, caller))
    except ServiceError as refused:
        raise PageError(refused.status, refusal(request, refused)) from refused
    return render(request, "holidays_admin.html", caller, status=status, table=table,
                  error=error, notice=notice, typed=typed or {})


@router.get("/admin/holidays", response_class=HTMLResponse)
async def holidays(request: Request, caller: Admin, saved: str = "",
                   recomputed: str = "") -> Response:
    """The holiday table by year, with an alert for the years open cases need."""
    _ = translate(request)
    notice = (_("%(year)s 年假日表已保存，已重新计算 %(n)s 件在办申请的办结期限。",
                year=saved, n=recomputed or "0") if whole_number(saved) else None)
    return await holiday_page(request, caller, notice=notice)


@router.get("/admin/holidays/{year:int}", response_class=HTMLResponse)
async def holiday_year(request: Request, caller: Admin, year: int) -> Response:
    """One year's holidays and swapped working days."""
    try:
        shown = await calendar.holiday_year(link(request, caller), year)
    except ServiceError as refused:
        raise PageError(refused.status, refusal(request, refused)) from refused
    return render(request, "holiday_year.html", caller, year=shown)


@router.post("/admin/holidays", response_class=HTMLResponse)
async def put_year(request: Request, caller: Admin, year: Text = "", holidays: Text = "",
                   workdays: Text = "", provisional: Text = "",
                   upload: Annotated[UploadFile | None, File()] = None) -> Response:
    """Store a year from the dates typed (or a text file of holidays, one date a line)."""
    _ = translate(request)
    typed = {"year": year, "holidays": holidays, "workdays": workdays, "provisional": provisional}
    if upload is not None and upload.filename:
        holidays = (await upload.read(UPLOAD_LIMIT)).decode("utf-8", "replace")
        typed["holidays"] = holidays
    days_off, wrong_off = dates_in(holidays)
    days_worked, wrong_worked = dates_in(workdays)
    error = (_("请填写年份（如 2027）。") if not 2000 <= (whole_number(year) or 0) <= 2100
             else _("无法识别的日期：%(words)s（请写成 2027-01-01）",
                    words="、".join(wrong_off + wrong_worked)) if wrong_off or wrong_worked
             else None)
    if error is None:
        body = {"holidays": days_off, "workdays": days_worked, "provisional": bool(provisional)}
        try:
            saved = await calendar.put_holiday_year(link(request, caller), int(year), body)
        except ServiceError as refused:
            error = refusal(request, refused)
        else:
            return RedirectResponse(
                f"/admin/holidays?saved={year}&recomputed={saved.recomputed or 0}",
                status_code=303)
    return await holiday_page(request, caller, status=422, error=error, typed=typed)
