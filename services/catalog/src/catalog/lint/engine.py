"""Running the rules: over a stored standard, a contract document, or a version being saved."""

from dataclasses import asdict, dataclass
from typing import Any

from pydantic import ValidationError
from sqlalchemy.orm import Session

from catalog.lint.phrases import PhraseBook, load_phrases
from catalog.lint.rules import RULES
from catalog.standard import CONTRACT_EXTRA, MatterStandard, from_document
from kit.errors import Invalid, invalid_from


@dataclass(frozen=True)
class Finding:
    """One problem: which rule, how bad, where (`materials[2].name`) and what to do."""

    rule: str
    severity: str
    path: str
    message: str

    def as_dict(self) -> dict[str, str]:
        return asdict(self)

    def __getitem__(self, key: str) -> str:
        """Read a finding like the JSON object the API returns (`finding["rule"]`)."""
        return str(getattr(self, key))


def lint_standard(standard: dict[str, Any], phrases: PhraseBook | None = None) -> list[Finding]:
    """Every finding of every rule on a stored standard or a contract document (no I/O)."""
    book = phrases if phrases is not None else PhraseBook.defaults()
    doc = from_document(standard)
    return [Finding(rule.code, rule.severity, path, message)
            for rule in RULES for path, message in rule.check(doc, book)]


def lintable(document: dict[str, Any]) -> dict[str, Any]:
    """A well-formed document as a standard to lint; 422 with field errors when malformed.

    Conditions sent as plain strings (the contract's shape) stay strings, so the paths of
    findings point into the document the caller sent.
    """
    try:
        standard = MatterStandard.model_validate(from_document(document))
    except ValidationError as exc:
        raise invalid_from(exc, "The matter document is malformed.", prefix=["body"]) from exc
    checked = standard.model_dump(mode="json")
    if CONTRACT_EXTRA not in document and all(
            isinstance(c, str) for c in document.get("conditions") or []):
        checked["conditions"] = [c["text"] for c in checked["conditions"]]
    return checked


def findings_for(*, session: Session, standard: dict[str, Any]) -> list[dict[str, str]]:
    """The findings of a standard under the current phrase lists, as stored on a version."""
    return [f.as_dict() for f in lint_standard(standard, load_phrases(session=session))]


def refuse_errors(findings: list[dict[str, str]]) -> None:
    """422 listing every error-severity finding; warnings never block."""
    errors = [f for f in findings if f["severity"] == "error"]
    if errors:
        raise Invalid(f"The standard has {len(errors)} linter error(s); fix them and submit again.",
                      errors=[{"loc": ["standard", *_loc(f["path"])], "msg": f["message"], **f}
                              for f in errors])


def _loc(path: str) -> list[str | int]:
    """`materials[2].name` → ["materials", 2, "name"]."""
    loc: list[str | int] = []
    for part in path.replace("]", "").split("."):
        name, *indices = part.split("[")
        loc += [name, *(int(i) for i in indices)]
    return loc
