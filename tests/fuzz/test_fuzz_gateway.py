"""Fuzzing the door: the gateway's own API from its OpenAPI (schemathesis), and header values
of every kind on the API, the proxy and the pages (hypothesis). No answer is a 5xx.

The whole platform runs as `python -m gateway all` (embedded, SQLite, the demo zone) in a real
uvicorn process; the generated requests carry an administrator's session and CSRF token.
"""

from collections.abc import Iterator

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.live import embedded_platform, signed_in

KEY = "fuzz-provincial-key"
EXAMPLES_PER_OPERATION = 25
# The session ends there; every other operation of the gateway's own API is fuzzed.
SKIPPED = {("POST", "/api/auth/sign-out")}
HEADERS = ("Idempotency-Key", "Accept-Language", "If-None-Match", "If-Match", "Accept",
           "Content-Type", "X-Request-ID", "X-CSRF-Token", "Authorization", "HX-Request",
           "HX-Target", "Origin", "Cookie", "User-Agent")
TARGETS = (("GET", "/api/publish/v1/power-list"), ("GET", "/api/intake/v1/matters"),
           ("GET", "/api/sync/v1/matters"), ("GET", "/api/auth/me"), ("GET", "/power-list"),
           ("GET", "/"), ("GET", "/guides/430103-01-0001"),
           ("POST", "/api/intake/v1/applications"), ("POST", "/api/auth/sign-in"),
           ("POST", "/sign-in"), ("DELETE", "/api/admin/api-keys/1"))
# What an HTTP client can put in a field value: tab, visible ASCII and any byte past 0x7f
# (h11 itself refuses the other control characters before they leave).
FIELD_BYTES = [9, *range(0x20, 0x7F), *range(0x80, 0x100)]
VALUES = st.lists(st.sampled_from(FIELD_BYTES), min_size=1, max_size=60).map(bytes).map(
    bytes.strip).filter(bool) | st.text(min_size=1, max_size=20).map(
    lambda text: text.encode("utf-8", "replace").strip()).filter(
    lambda value: bool(value) and all(b in FIELD_BYTES for b in value))


@pytest.fixture(scope="module")
def gateway(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The platform in a real process, with a provincial key."""
    with embedded_platform(tmp_path_factory.mktemp("fuzz-gateway"),
                           env={"ONEWINDOW_PROVINCIAL_API_KEY": KEY,
                                "ONEWINDOW_LOG_LEVEL": "WARNING",
                                # public pages kept, as in production (anonymous visits)
                                "ONEWINDOW_PUBLIC_PAGE_SECONDS": "10",
                                "ONEWINDOW_PUBLIC_PAGE_STALE_SECONDS": "60"}) as url:
        yield url


@pytest.fixture(scope="module")
def admin(gateway: str) -> dict[str, str]:
    """An administrator's session cookie and CSRF token, as headers."""
    client, csrf = signed_in(gateway, "admin")
    cookie = client.cookies["ow_session"]
    client.close()
    return {"Cookie": f"ow_session={cookie}", "X-CSRF-Token": csrf}


def test_no_generated_request_makes_the_gateways_own_api_answer_5xx(
        gateway: str, admin: dict[str, str]) -> None:
    schema = schemathesis.openapi.from_url(f"{gateway}/api/openapi.json")
    failures: list[str] = []
    seen: dict[int, int] = {}
    fuzzed = 0
    for result in schema.get_all_operations():
        operation = result.ok()
        if not operation.path.startswith(("/api/auth/", "/api/admin/")) or (
                operation.method.upper(), operation.path) in SKIPPED:
            continue
        fuzzed += 1

        @given(case=operation.as_strategy())
        @settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, derandomize=True,
                  suppress_health_check=list(HealthCheck), database=None)
        def run(case) -> None:  # type: ignore[no-untyped-def]
            response = case.call(base_url=gateway, headers=admin, timeout=10)
            seen[response.status_code] = seen.get(response.status_code, 0) + 1
            if response.status_code >= 500:
                failures.append(f"{case.method} {case.formatted_path} → "
                                f"{response.status_code}: {response.text[:200]}")

        run()
    assert fuzzed >= 4  # sign-in, me, and the API keys' list, issue and revoke
    assert not failures, "\n".join(sorted(set(failures))[:20])
    assert sum(n for status, n in seen.items() if status < 400) > 0, seen
    print("gateway", dict(sorted(seen.items())))


def test_no_header_value_makes_the_door_answer_5xx(gateway: str,
                                                   admin: dict[str, str]) -> None:
    failures: list[str] = []
    with httpx.Client(base_url=gateway, timeout=10) as client:

        @given(target=st.sampled_from(TARGETS), header=st.sampled_from(HEADERS), value=VALUES)
        @settings(max_examples=300, deadline=None, derandomize=True, database=None,
                  suppress_health_check=list(HealthCheck))
        def run(target: tuple[str, str], header: str, value: bytes) -> None:
            method, path = target
            headers: dict[str, str | bytes] = {**admin, header: value}
            response = client.request(method, path, headers=headers,
                                      files={"materials": ("a.pdf", b"%PDF")}
                                      if path.endswith("applications") else None)
            if response.status_code >= 500:
                failures.append(f"{method} {path} {header}: {value!r} → "
                                f"{response.status_code}: {response.text[:200]}")

        run()
    assert not failures, "\n".join(sorted(set(failures))[:20])


# The public pages an anonymous visitor is given from the gateway's shelf, and the headers the
# shelf reads to find a kept page.
PUBLIC_TARGETS = ("/", "/guides/430103-01-0001", "/power-list", "/search?q=规划", "/statistics",
                  "/open-data")
SHELF_HEADERS = ("If-None-Match", "Cookie", "HX-Request", "HX-History-Restore-Request", "Host",
                 "Authorization")


def test_no_header_value_makes_a_kept_public_page_answer_5xx(gateway: str) -> None:
    failures: list[str] = []
    with httpx.Client(base_url=gateway, timeout=10) as client:
        for path in PUBLIC_TARGETS:
            page = client.get(path)
            revalidated = client.get(path, headers={"If-None-Match": page.headers["etag"]})
            assert (page.status_code, revalidated.status_code) == (200, 304), path

        @given(path=st.sampled_from(PUBLIC_TARGETS), header=st.sampled_from(SHELF_HEADERS),
               value=VALUES)
        @settings(max_examples=200, deadline=None, derandomize=True, database=None,
                  suppress_health_check=list(HealthCheck))
        def run(path: str, header: str, value: bytes) -> None:
            response = client.get(path, headers={header: value})
            if response.status_code >= 500:
                failures.append(f"GET {path} {header}: {value!r} → "
                                f"{response.status_code}: {response.text[:200]}")

        run()
    assert not failures, "\n".join(sorted(set(failures))[:20])
