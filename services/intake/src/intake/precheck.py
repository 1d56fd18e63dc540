"""The material pre-check (材料预审): the pinned version's slots against the files given."""

from dataclasses import dataclass
from typing import Any

from intake.content import DEFAULT_KINDS, accepted_kinds, detect
from intake.schemas import NewMaterial, PrecheckOut, Problem, SlotOut
from kit.errors import DomainError, Invalid, TooLarge

# Problems with a file itself: the file is refused and never stored.
REFUSING = {"empty", "type", "executable", "archive", "markup", "encrypted", "too_large",
            "application_too_large", "unknown_slot"}


class Unsupported(DomainError):
    """A file whose content is not of a kind the material accepts."""

    status, title = 415, "Unsupported file type"


@dataclass(frozen=True)
class Limits:
    """How large one file and one application's files may be, in bytes."""

    file: int
    application: int


def slots_of(materials: list[dict[str, Any]]) -> list[SlotOut]:
    """One slot per listed material, in the standard's order."""
    return [SlotOut(index=i, name=str(m.get("name", "")), required=bool(m.get("required")),
                    form=m.get("form"), kinds=list(accepted_kinds(m)),
                    blank_form=m.get("blank_form"), sample=m.get("sample"),
                    notes=m.get("notes"))
            for i, m in enumerate(materials)]


def precheck(*, materials: list[dict[str, Any]], uploads: list[NewMaterial],
             limits: Limits, already: set[int] | None = None) -> PrecheckOut:
    """Every problem at once: refused files, required slots left empty (`already` filled
    slots count as given)."""
    slots = slots_of(materials)
    problems: list[Problem] = []
    given = set(already or ())
    for upload in uploads:
        slot = slots[upload.slot] if upload.slot is not None and upload.slot < len(slots) \
            else None
        problem = _file_problem(upload, slot, limits)
        if problem:
            problems.append(problem)
        elif slot is not None:
            given.add(slot.index)
            slot.files.append(upload.filename)
    total = sum(u.size for u in uploads)
    if total > limits.application:
        problems.append(Problem(problem="application_too_large", detail=(
            f"the files total {total} bytes; an application may have {limits.application}")))
    problems += [Problem(slot=s.index, material=s.name, problem="missing",
                         detail="a required material has no file")
                 for s in slots if s.required and s.index not in given]
    refused = any(p.problem in REFUSING for p in problems)
    return PrecheckOut(complete=not problems, acceptable=not refused, problems=problems,
                       slots=slots)


def _file_problem(upload: NewMaterial, slot: SlotOut | None, limits: Limits) -> Problem | None:
    where = {"slot": upload.slot, "material": slot.name if slot else None,
             "file": upload.filename}
    if upload.slot is not None and slot is None:
        return Problem(**where, problem="unknown_slot", detail="the matter lists no such material")
    if upload.size > limits.file:
        return Problem(**where, problem="too_large",
                       detail=f"larger than {limits.file // (1024 * 1024)} MB")
    found = detect(upload.file.scan, upload.file.path)
    if found.kind is None:
        return Problem(**where, problem=found.refusal or "type", detail=found.reason)
    kinds = slot.kinds if slot else list(DEFAULT_KINDS)
    if found.kind not in kinds:
        return Problem(**where, problem="type",
                       detail=f"{found.kind.upper()} is not accepted here: {', '.join(kinds)}")
    return None


def refuse(report: PrecheckOut, *, confirmed: bool) -> None:
    """Raise when the report forbids filing: any refused file, or missing materials without
    the applicant's explicit confirmation."""
    errors = [{"loc": ["body", "materials", p.slot], "msg": p.detail, "type": p.problem,
               "material": p.material, "file": p.file} for p in report.problems]
    refused = [p for p in report.problems if p.problem in REFUSING]
    if refused:
        first = refused[0]
        text = f"{first.file or 'The files'}: {first.detail}. Nothing was stored."
        if first.problem in ("too_large", "application_too_large"):
            raise TooLarge(text, errors=errors)
        if first.problem in ("empty", "unknown_slot"):
            raise Invalid(text, errors=errors)
        raise Unsupported(text, errors=errors)
    if not report.complete and not confirmed:
        missing = ", ".join(p.material or "" for p in report.problems)
        raise Invalid(f"Required materials are missing: {missing}. Add them, or confirm "
                      "filing an incomplete application (confirm_incomplete).", errors=errors)
