"""Property-based API fuzzing (schemathesis): no input makes any service answer 5xx.

The four services run as real uvicorn processes on migrated SQLite with the demo zone;
schemathesis generates requests from each service's own OpenAPI document and sends them with
a token that holds every role and scope, so they reach the handlers rather than the 401/403.
"""

import sys
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

from tests.conftest import token
from tests.demo_copies import demo_sqlite
from tests.live import free_port, running

SERVICES = ("catalog", "intake", "review", "publish")
ALL_ROLES = ("admin", "editor", "approver", "clerk", "reviewer", "lead", "publisher",
             "supervisor", "applicant", "butler", "provincial_system", "public", "audit_admin",
             "guidance", "leader")
EXAMPLES_PER_OPERATION = 25


@pytest.fixture(scope="module")
def services(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """The four services on one folder of SQLite files, each in its own process."""
    folder: Path = tmp_path_factory.mktemp("fuzz")
    url = demo_sqlite(folder)
    ports = {s: free_port() for s in SERVICES}
    env = {"ONEWINDOW_DATABASE_URL": url, "ONEWINDOW_RELAY_INTERVAL": "0.5",
           "ONEWINDOW_LOG_LEVEL": "WARNING",
           **{f"ONEWINDOW_{s.upper()}_URL": f"http://127.0.0.1:{p}" for s, p in ports.items()}}
    with ExitStack() as stack:
        for service, port in ports.items():
            args = [sys.executable, "-m", "uvicorn", f"{service}.main:create_app", "--factory",
                    "--host", "127.0.0.1", "--port", str(port)]
            stack.enter_context(running(args, env, f"http://127.0.0.1:{port}/readyz",
                                        folder / f"{service}.log"))
        yield {s: f"http://127.0.0.1:{p}" for s, p in ports.items()}


@pytest.mark.parametrize("service", SERVICES)
def test_no_generated_request_makes_a_service_answer_5xx(service: str,
                                                         services: dict[str, str]) -> None:
    base = services[service]
    auth = token(*ALL_ROLES, sub="fuzzer", department="11430100707230200T", group="G1",
                 enterprise="914301035T4L8D200D")
    schema = schemathesis.openapi.from_url(f"{base}/openapi.json")
    failures: list[str] = []
    seen: dict[int, int] = {}
    for result in schema.get_all_operations():
        operation = result.ok()

        @given(case=operation.as_strategy())
        @settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, derandomize=True,
                  suppress_health_check=list(HealthCheck), database=None)
        def run(case) -> None:  # type: ignore[no-untyped-def]
            response = case.call(base_url=base, headers=auth, timeout=10)
            seen[response.status_code] = seen.get(response.status_code, 0) + 1
            if response.status_code >= 500:
                failures.append(f"{case.method} {case.formatted_path} {case.query or ''} "
                                f"→ {response.status_code}: {response.text[:200]}")

        run()
    assert not failures, "\n".join(sorted(set(failures))[:20])
    assert sum(n for status, n in seen.items() if status < 400) > 0, seen  # handlers reached
    print(service, dict(sorted(seen.items())))
