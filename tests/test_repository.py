"""The repository stands alone and keeps its shape: links resolve inside it, nothing reads
beside it, and no source file grows past 300 lines."""

import re
from pathlib import Path

import pytest

from tests.conftest import ROOT

DOCUMENTS = [ROOT / "README.md", ROOT / "CONTRIBUTING.md", *sorted((ROOT / "docs").glob("*.md")),
             *sorted((ROOT / "tests" / "data").glob("*/README.md"))]
LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")
SOURCES = ["libs", "services", "gateway", "migrations", "tests", "benchmarks", "scripts"]
LONGEST = 300
BESIDE = "../" + "shared"  # the folder beside the repository that a clone does not have


def _tracked(suffix: str) -> list[Path]:
    return sorted(p for folder in SOURCES for p in (ROOT / folder).rglob(f"*{suffix}")
                  if ".venv" not in p.parts)


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_link_of_the_documentation_resolves_inside_the_repository(document: Path) -> None:
    text = document.read_text(encoding="utf-8")
    local = [t.split("#")[0] for t in LINK.findall(text)
             if not t.startswith(("http://", "https://", "mailto:", "#"))]
    broken = [t for t in local if not (document.parent / t).exists()
              or not (document.parent / t).resolve().is_relative_to(ROOT)]
    assert broken == []
    assert BESIDE not in text


def test_nothing_reads_beside_the_repository() -> None:
    readers = [p for p in _tracked(".py") if BESIDE in p.read_text(encoding="utf-8")]
    assert readers == []


def test_no_source_file_is_longer_than_300_lines() -> None:
    long = {str(p.relative_to(ROOT)): n for p in _tracked(".py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > LONGEST}
    assert long == {}
