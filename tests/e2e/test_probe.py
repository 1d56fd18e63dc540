"""`scripts/probe.py` — issue 7's findings replayed as an attacker would — against the whole
platform as `make run` starts it: every probe holds (no 500, no bypass, no over-read)."""

import subprocess
import sys
from pathlib import Path

import pytest

from tests.live import embedded_platform

ROOT = Path(__file__).resolve().parents[2]


def test_every_probe_of_the_findings_holds(tmp_path: Path) -> None:
    with embedded_platform(tmp_path) as url:  # a platform of its own: the probe locks an account
        run = subprocess.run([sys.executable, str(ROOT / "scripts" / "probe.py"), url],
                             capture_output=True, text=True, timeout=300)
    lines = run.stdout.splitlines()
    if run.returncode != 0:
        pytest.fail("\n".join(line for line in lines if not line.startswith("ok")))
    assert len(lines) >= 15 and all(line.startswith("ok") for line in lines)
