"""Precision and recall of the clause rules on a labelled set of clauses.

    uv run python -m catalog.lint.evaluate tests/catalog/lint/clauses.csv [--misses]

The set is a CSV with the columns `label` (catch_all, vague or clean), `element` (where such
a wording stands in a standard, e.g. materials.notes) and `text`. The default phrase lists
and the built-in patterns classify each text; a catch-all is never also counted as vague.
"""

import csv
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from catalog.lint.clauses import classify
from catalog.lint.phrases import PhraseBook

CLASSES = ("catch_all", "vague", "clean")


@dataclass(frozen=True)
class Score:
    """One class's counts and the precision and recall they give."""

    label: str
    support: int  # clauses labelled so
    predicted: int  # clauses the linter put in the class
    correct: int

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.correct / self.support if self.support else 1.0


def labelled(path: Path) -> list[tuple[str, str, str]]:
    """(label, element, text) of every row of a labelled set."""
    with path.open(encoding="utf-8", newline="") as rows:
        return [(r["label"], r["element"], r["text"]) for r in csv.DictReader(rows)]


def scores(rows: Iterable[tuple[str, str, str]], book: PhraseBook | None = None
           ) -> tuple[dict[str, Score], list[tuple[str, str, str]]]:
    """Each class's score, and the (expected, found, text) of every clause classed wrongly."""
    book = book if book is not None else PhraseBook.defaults()
    pairs = [(label, classify(text, book), text) for label, _, text in rows]
    result = {c: Score(c, sum(e == c for e, _, _ in pairs), sum(f == c for _, f, _ in pairs),
                       sum(e == f == c for e, f, _ in pairs)) for c in CLASSES}
    return result, [(e, f, t) for e, f, t in pairs if e != f]


def report(path: Path, *, misses: bool = False) -> str:
    """The table the closing note quotes."""
    result, wrong = scores(labelled(path))
    lines = [f"{path}: {sum(s.support for s in result.values())} clauses",
             f"{'class':<10}{'n':>5}{'precision':>11}{'recall':>8}"]
    lines += [f"{s.label:<10}{s.support:>5}{s.precision:>11.3f}{s.recall:>8.3f}"
              for s in result.values()]
    if misses:
        lines += [f"  expected {e:<9} found {f:<9} {t}" for e, f, t in wrong]
    return "\n".join(lines)


if __name__ == "__main__":
    args = sys.argv[1:]
    files = [a for a in args if not a.startswith("--")] or ["tests/catalog/lint/clauses.csv"]
    print("\n\n".join(report(Path(f), misses="--misses" in args) for f in files))
