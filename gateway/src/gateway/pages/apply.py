"""Applying online: who applies, one upload slot per material, the pre-check, filing."""

from typing import Any
from uuid import uuid4

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.datastructures import FormData

from gateway import labels
from gateway.access import Caller
from gateway.clients import butler, intake
from gateway.clients.base import ServiceError
from gateway.i18n import N_
from gateway.page import APPLICATION_REFUSALS, Filer, guide_of, link, refusal, render, translate
from kit.types import whole_number

router = APIRouter(include_in_schema=False)
APPLICANT_FIELDS = ("kind", "applicant_name", "id_number", "phone", "credit_code",
                    "legal_representative")
KEPT = ("on_behalf_of", "note", "project_item", "project", *APPLICANT_FIELDS)
# Which particular an applicant refusal is about, by the field named in intake's reason.
APPLICANT_PROBLEMS = {
    "id_number": N_("身份证号码有误，请核对后重新填写。"),
    "credit_code": N_("统一社会信用代码有误，请核对后重新填写。"),
    "legal_representative": N_("请填写法定代表人。"),
    "phone": N_("请填写正确的手机号码或固定电话。"),
    "name": N_("请填写申请人名称。"),
}

# Why intake refused a butler's filing, by the words of its reason.
MANDATE_PROBLEMS = {
    "no mandate": N_("您没有该企业的代办授权，不能以企业名义申报。请企业在“我的授权”中授权。"),
    "not accepted yet": N_("该企业的授权尚未接受：请先在“我的授权”中接受授权。"),
    "expired on": N_("该企业对您的代办授权已过期，不能再以企业名义申报。请企业重新授权。"),
    "was revoked": N_("该企业对您的代办授权已撤销，不能再以企业名义申报。"),
    "does not cover": N_("该事项不在企业授权范围内，不能代为申报。请企业扩大授权范围。"),
}


def chosen_of(form: FormData, caller: Caller) -> dict[str, str]:
    """What the visitor filled in, kept when the page comes back (files must be chosen again)."""
    chosen = {k: str(form.get(k, "")).strip()[:200] for k in KEPT}
    chosen["key"] = str(form.get("idempotency_key", ""))[:255] or str(uuid4())
    chosen["confirm_incomplete"] = "1" if form.get("confirm_incomplete") else ""
    if chosen["kind"] not in ("person", "enterprise"):
        chosen["kind"] = default_kind(caller)
    return chosen


def default_kind(caller: Caller) -> str:
    """An enterprise's account or a butler applies for an enterprise; others as a person."""
    principal = caller.principal
    return "enterprise" if principal.enterprise or principal.has("butler") else "person"


async def mandators(request: Request, caller: Caller) -> list[butler.Mandate]:
    """The enterprises a butler may file for now: its active mandates (none for others)."""
    if not caller.principal.has("butler"):
        return []
    found = await butler.mandates(link(request, caller))
    return [m for m in found if m.status == "active"]




def by_slot(problems: list[dict[str, Any]]) -> dict[Any, list[dict[str, Any]]]:
    """Problems grouped by the slot they are about (None: the application as a whole)."""
    grouped: dict[Any, list[dict[str, Any]]] = {}
    for p in problems:
        grouped.setdefault(p.get("slot"), []).append(p)
    return grouped


def problems_of(refused: ServiceError) -> list[dict[str, Any]]:
    """The pre-check's problems a refused filing came back with, as the report gives them."""
    return [{"slot": e["loc"][2] if len(e.get("loc") or []) > 2 else None,
             "problem": e["type"], "file": e.get("file"), "material": e.get("material")}
            for e in refused.errors if e.get("type") in labels.MATERIAL_PROBLEMS]


async def apply_page(request: Request, caller: Caller, code: str, chosen: dict[str, str], *,
                     error: str | None = None, status: int = 200,
                     report: intake.Precheck | None = None,
                     problems: list[dict[str, Any]] | None = None,
                     block: str = "content") -> Response:
    guide = await guide_of(request, caller, code)
    found = [p.model_dump() for p in report.problems] if report else (problems or [])
    mandates = await mandators(request, caller) if block == "content" else []
    named = next((m for m in mandates if m.enterprise == chosen.get("on_behalf_of")), None)
    if named and not chosen.get("applicant_name"):  # the enterprise applies, by its name
        chosen |= {"applicant_name": named.enterprise_name, "credit_code": named.enterprise}
    return render(request, "apply.html", caller, status=status, block=block, guide=guide,
                  chosen=chosen, error=error, report=report, problems=by_slot(found),
                  mandators=mandates, problem_label=labels.MATERIAL_PROBLEMS,
                  kinds=labels.APPLICANT_KINDS)


@router.get("/apply/{code}", response_class=HTMLResponse)
async def apply_form(request: Request, caller: Filer, code: str, project_item: str = "",
                     project: str = "", on_behalf_of: str = "") -> Response:
    """The application form (a project's matter preselected by the project page); its
    idempotency key makes a double submit file one application."""
    chosen = {"key": str(uuid4()), "kind": default_kind(caller),
              "project_item": project_item[:12], "project": project[:12],
              "on_behalf_of": on_behalf_of[:18]}
    return await apply_page(request, caller, code, chosen)


@router.post("/apply/{code}/precheck", response_class=HTMLResponse)
async def precheck(request: Request, caller: Filer, code: str) -> Response:
    """The material pre-check: each slot's problems, before filing (HTMX: the report only)."""
    form = await request.form()
    chosen = chosen_of(form, caller)
    files, slots = await intake.files_of(form)
    try:
        report = await intake.precheck(link(request, caller), code=code, files=files,
                                       slots=slots)
    except ServiceError as refused:
        return await apply_page(request, caller, code, chosen, status=refused.status,
                                error=refusal(request, refused, APPLICATION_REFUSALS))
    return await apply_page(request, caller, code, chosen, report=report, block="precheck")


@router.post("/apply/{code}", response_class=HTMLResponse)
async def apply(request: Request, caller: Filer, code: str) -> Response:
    """File the application with intake; on refusal show the form again with what to fix."""
    _ = translate(request)
    form = await request.form()
    chosen = chosen_of(form, caller)
    files, slots = await intake.files_of(form)
    if not files:
        return await apply_page(request, caller, code, chosen, status=422,
                                error=_("请至少上传一份申请材料。"))
    applicant = {k: chosen[k] for k in APPLICANT_FIELDS if chosen[k]}
    try:
        filed = await intake.file(link(request, caller), code=code,
                                  on_behalf_of=chosen["on_behalf_of"], note=chosen["note"],
                                  project_item=chosen["project_item"],
                                  applicant=applicant, files=files, slots=slots,
                                  confirm_incomplete=bool(chosen["confirm_incomplete"]),
                                  key=chosen["key"])
    except ServiceError as refused:
        status = refused.status if 400 <= refused.status < 500 else 502
        return await apply_page(request, caller, code, chosen, status=status,
                                error=explained(request, refused), problems=problems_of(refused))
    if whole_number(chosen["project"]) is not None:
        return RedirectResponse(f"/projects/{chosen['project']}?filed=1", status_code=303)
    return RedirectResponse(f"/my/applications/{filed.id}?filed=1", status_code=303)


def explained(request: Request, refused: ServiceError) -> str:
    """A filing's refusal in words the applicant can act on."""
    _ = translate(request)
    kinds = {e.get("type") for e in refused.errors}
    if refused.status == 422 and kinds == {"missing"}:
        return _("必需材料不全。请补齐材料；如确需先行提交，请勾选下方的确认后再提交。")
    if refused.status in (413, 415, 422) and kinds and kinds <= set(labels.MATERIAL_PROBLEMS):
        return _("有文件未通过检查，均未保存。请按各材料下的提示更换文件后重新提交。")
    for field, text in APPLICANT_PROBLEMS.items():
        if refused.status == 422 and f"{field}:" in refused.reason:
            return _(text)
    for words, text in MANDATE_PROBLEMS.items():
        if refused.status == 403 and words in refused.detail:
            return _(text)
    if refused.status == 403 and "may not apply" in refused.detail:
        return _("本事项的办理对象不包括您选择的申请人类型，请核对办事指南。")
    return refusal(request, refused, APPLICATION_REFUSALS)
