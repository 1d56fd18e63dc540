"""Precision@5 and recall@10 of search on a labelled set of queries over the demo catalog.

    uv run python -m publish.search.evaluate tests/publish/search/queries.csv [--misses]

The set is a CSV with the columns `query`, `type` (name, part, everyday, code, typo, spacing)
and `codes` (the implementation codes the query should find, space-separated). The demo
catalog (`demo_catalog.json` beside the CSV, as catalog publishes it) and the demo synonyms
are loaded into a scratch SQLite database through the migrations and the publication events'
own code. P@5 counts the right matters among the (at most five) shown, over those shown — a
query showing nothing scores 0 — and R@10 the right matters among the first ten, over those
labelled; both micro-averaged (pooled over queries) and per query type.
"""

import csv
import json
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from kit import migrations
from kit.db import Database
from publish import service as publish_service
from publish.schemas import PublishedEvent
from publish.search import demo, service


@dataclass
class Tally:
    """Pooled counts of one group of queries."""

    queries: int = 0
    shown: int = 0  # results shown in the first five
    right_shown: int = 0  # of those, labelled right
    labelled: int = 0
    found: int = 0  # labelled matters among the first ten

    def add(self, expected: set[str], got: list[str]) -> None:
        """Count one query's results."""
        self.queries += 1
        self.shown += max(len(got[:5]), 1)  # nothing shown is a wrong answer, not no answer
        self.right_shown += len(expected & set(got[:5]))
        self.labelled += len(expected)
        self.found += len(expected & set(got[:10]))

    @property
    def precision(self) -> float:
        return self.right_shown / self.shown if self.shown else 0.0

    @property
    def recall(self) -> float:
        return self.found / self.labelled if self.labelled else 0.0


def labelled(path: Path) -> list[tuple[str, str, set[str]]]:
    """(query, type, codes) of every row of a labelled set."""
    with path.open(encoding="utf-8", newline="") as rows:
        return [(r["query"], r["type"], set(r["codes"].split())) for r in csv.DictReader(rows)]


def load_catalog(session: Session, documents: list[dict[str, Any]]) -> None:
    """Apply each document as its publication event would, and the demo synonyms."""
    for document in documents:
        event = PublishedEvent.model_validate({"operation": "upsert", "matter": document})
        publish_service.on_published(session=session, event=event)
    demo.load(session)


def results(queries: list[tuple[str, str, set[str]]], documents: list[dict[str, Any]]
            ) -> list[tuple[str, str, set[str], list[str], list[str]]]:
    """(query, type, expected, found, did-you-mean) of each query on a scratch database."""
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{folder}"
        migrations.upgrade("publish", url)
        db = Database(url, "publish")
        try:
            with db.session() as session:
                load_catalog(session, documents)
            with db.session(write=False) as session:
                return [(q, kind, want, got := service.matching_codes(session=session, q=q),
                         [] if got else _led(session, q)) for q, kind, want in queries]
        finally:
            db.dispose()


def _led(session: Session, q: str) -> list[str]:
    """The first did-you-mean suggestion and the codes it finds (or nothing)."""
    suggestions = service.did_you_mean(session=session, q=q)
    return [suggestions[0], *service.matching_codes(session=session, q=suggestions[0])
            ] if suggestions else []


def tallies(rows: list[tuple[str, str, set[str], list[str], list[str]]]) -> dict[str, Tally]:
    """The pooled counts of all queries ("all") and of each type."""
    found: dict[str, Tally] = defaultdict(Tally)
    for _, kind, want, got, _ in rows:
        found["all"].add(want, got)
        found[kind].add(want, got)
    return dict(found)


def report(path: Path, *, misses: bool = False) -> str:
    """The table the closing note quotes."""
    documents = json.loads(path.with_name("demo_catalog.json").read_text(encoding="utf-8"))
    rows = results(labelled(path), documents)
    scores = tallies(rows)
    lines = [f"{path}: {len(rows)} queries over {len(documents)} matters",
             f"{'type':<10}{'n':>4}{'P@5':>8}{'R@10':>8}"]
    for kind in ["all", *sorted(k for k in scores if k != "all")]:
        t = scores[kind]
        lines.append(f"{kind:<10}{t.queries:>4}{t.precision:>8.3f}{t.recall:>8.3f}")
    lost = [(w, d) for _, _, w, g, d in rows if not g]
    led = sum(1 for w, d in lost if d and w <= set(d[1:]))
    lines.append(f"queries finding nothing: {len(lost)}; their first did-you-mean finds every "
                 f"labelled matter for {led}")
    if misses:
        lines += ["", "queries not answered perfectly (query · type · missed · wrong · "
                      "did you mean → what it finds):"]
        lines += [f"  {q} · {k} · {sorted(w - set(g[:10]))} · {sorted(set(g[:5]) - w)} · {d}"
                  for q, k, w, g, d in rows if w - set(g[:10]) or set(g[:5]) - w]
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    """Print the report for the CSV named on the command line."""
    if not argv:
        print(__doc__)
        return 2
    print(report(Path(argv[0]), misses="--misses" in argv))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
