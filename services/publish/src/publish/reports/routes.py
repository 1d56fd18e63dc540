"""Reports API: the archive, one report compared with the one before, PDF and Excel, the
cadence switch and "generate now" (leaders, supervisors and administrators read; leaders and
administrators switch the cadence and generate)."""

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Response

from kit.app import SessionDep
from kit.auth import Principal, require
from kit.types import Id, Input
from publish.reports import rendering, service

router = APIRouter(prefix="/api/publish/v1/reports", tags=["reports"])
Reader = Annotated[Principal, require("leader", "supervisor", "admin")]
Keeper = Annotated[Principal, require("leader", "admin")]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class CadenceInput(Input):
    """Monthly or weekly reports."""

    cadence: Literal["monthly", "weekly"]


@router.get("")
def archive(session: SessionDep, _: Reader) -> dict[str, Any]:
    """Every archived report, newest first, with the cadence in force."""
    cadence = service.service.current_settings(session=session).cadence
    return {"cadence": cadence, "items": service.listed(session=session)}


@router.put("/cadence")
def switch(body: CadenceInput, session: SessionDep, caller: Keeper) -> dict[str, Any]:
    """Switch the cadence; the next period follows it."""
    return service.set_cadence(session=session, cadence=body.cadence, actor=caller)


@router.post("/generate", status_code=201)
def generate_now(session: SessionDep, caller: Keeper) -> dict[str, Any]:
    """The current period's report so far, archived (made again while the period runs)."""
    report = service.generate_now(session=session, actor=caller)
    return service.shown(session=session, report_id=report.id or 0)


@router.get("/{report_id}")
def one(report_id: Id, session: SessionDep, _: Reader) -> dict[str, Any]:
    """One report, each figure with its change since the report before."""
    return service.shown(session=session, report_id=report_id)


def _download(body: bytes, media: str, report: dict[str, Any], suffix: str) -> Response:
    name = f"progress-{report['cadence']}-{report['period_start'].isoformat()}.{suffix}"
    return Response(body, media_type=media,
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


@router.get("/{report_id}/pdf", response_class=Response,
            responses={200: {"content": {"application/pdf": {}}}})
def pdf(report_id: Id, session: SessionDep, _: Reader) -> Response:
    """The report as PDF, with its chart."""
    report = service.shown(session=session, report_id=report_id)
    return _download(rendering.render_pdf(report), "application/pdf", report, "pdf")


@router.get("/{report_id}/xlsx", response_class=Response,
            responses={200: {"content": {XLSX: {}}}})
def xlsx(report_id: Id, session: SessionDep, _: Reader) -> Response:
    """The report as an Excel workbook."""
    report = service.shown(session=session, report_id=report_id)
    return _download(rendering.render_xlsx(report), XLSX, report, "xlsx")
