"""Where a standard cites a provision: every `legal_basis` list, at any depth."""

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

IGNORED = re.compile(r"[\s\u3000《》〈〉<>]")


@dataclass(frozen=True)
class Provision:
    """What a change is about: a law, an article, and optionally one clause of it."""

    law: str
    article: str
    clause: str = ""


def norm(text: str | None) -> str:
    """Text compared without spaces or title marks (《》), which citations vary in."""
    return IGNORED.sub("", text or "")


def citations(standard: Any, path: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    """(path, provision) of every citation: `legal_basis[0]`, `materials[1].legal_basis[0]`,
    `extension.legal_basis[0]`…; new elements with a legal basis are found without change."""
    if isinstance(standard, dict):
        for key, value in standard.items():
            here = f"{path}.{key}" if path else key
            if key == "legal_basis" and isinstance(value, list):
                for i, basis in enumerate(value):
                    if isinstance(basis, dict):
                        yield f"{here}[{i}]", basis
            else:
                yield from citations(value, here)
    elif isinstance(standard, list):
        for i, item in enumerate(standard):
            yield from citations(item, f"{path}[{i}]")


def cites(basis: dict[str, Any], provision: Provision) -> bool:
    """Same law and article; clauses must agree only when both name one (a citation of the
    whole article covers each clause, and a change of the whole article covers each clause)."""
    if norm(basis.get("law")) != norm(provision.law):
        return False
    if norm(basis.get("article")) != norm(provision.article):
        return False
    clause = norm(basis.get("clause"))
    return not clause or not provision.clause or clause == norm(provision.clause)


def citing_paths(standard: dict[str, Any], provision: Provision) -> list[tuple[str, dict]]:
    """The citations of `provision` in one standard."""
    return [(path, basis) for path, basis in citations(standard) if cites(basis, provision)]


def still_stale(basis: dict[str, Any], *, repealed: bool, current_text: str | None) -> bool:
    """Whether a citation still rests on the changed text: the provision is repealed, or its
    new text is unknown, or the citation does not quote the new text."""
    return repealed or current_text is None or norm(basis.get("text")) != norm(current_text)
