"""The demo catalog's 34 matters as catalog publishes them, for the search evaluation.

    uv run python -m tests.publish.search.demo_catalog   # write demo_catalog.json again

Publish never imports catalog, so the evaluator reads this snapshot; a test keeps it equal to
catalog's demo data.
"""

import json
from pathlib import Path
from typing import Any

from catalog.demo import standard
from catalog.demo_data import MATTERS

SNAPSHOT = Path(__file__).with_name("demo_catalog.json")


def documents() -> list[dict[str, Any]]:
    """Each demo matter's published document (version 1)."""
    return [{**standard(i, spec, spec[7], spec[8]), "version": 1,
             "published_at": "2026-01-01T09:00:00+08:00"}
            for i, spec in enumerate(MATTERS, start=1)]


if __name__ == "__main__":
    SNAPSHOT.write_text(json.dumps(documents(), ensure_ascii=False, indent=1) + "\n",
                        encoding="utf-8")
