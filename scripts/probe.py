"""Probe a running OneWindow as an attacker would: the findings of issue 7, one request each.

    uv run python scripts/probe.py http://127.0.0.1:8000     # against `make run`

Each probe says what it sent, what came back and whether that holds; the exit status is 1 when
any probe got a 500, a bypass or an over-read. The demo accounts (development mode) are used.
"""

import socket
import sys
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx

PASSWORD = "onewindow-demo"
MATTER = "430103-01-0002"


@dataclass
class Probe:
    name: str
    holds: bool
    seen: str


def sign_in(url: str, username: str) -> tuple[httpx.Client, str]:
    client = httpx.Client(base_url=url, timeout=30)
    answer = client.post("/api/auth/sign-in", json={"username": username, "password": PASSWORD})
    answer.raise_for_status()
    return client, answer.json()["csrf_token"]


def chunked_body(url: str, megabytes: int = 60) -> Probe:
    """A chunked upload without Content-Length past the limit: 413 before it is all sent."""
    parts = urlsplit(url)
    sock = socket.create_connection((parts.hostname, parts.port or 80), timeout=30)
    sock.sendall(b"POST /api/intake/v1/applications HTTP/1.1\r\nHost: probe\r\n"
                 b"Content-Type: application/octet-stream\r\nTransfer-Encoding: chunked\r\n\r\n")
    chunk = b"%x\r\n%s\r\n" % (1 << 20, b"x" * (1 << 20))
    sent = 0
    try:
        for _ in range(megabytes):
            sock.sendall(chunk)
            sent += 1
    except OSError:
        pass  # the door closed the connection: what came back tells
    sock.settimeout(10)
    try:
        head = sock.recv(200).decode(errors="replace").split("\r\n")[0]
    except OSError:
        head = "(connection closed)"
    sock.close()
    return Probe(f"{megabytes} MB chunked body", "413" in head, f"{head} after {sent} MB")


def status_is(client: httpx.Client, method: str, path: str, want: set[int], name: str,
              **kwargs: object) -> Probe:
    answer = client.request(method, path, **kwargs)  # type: ignore[arg-type]
    return Probe(name, answer.status_code in want, f"{method} {path[:60]} → {answer.status_code}")


def guessing(url: str) -> Probe:
    """Fifty wrong passwords, then the right one: throttled and refused for a while."""
    client = httpx.Client(base_url=url, timeout=30)
    codes = [client.post("/api/auth/sign-in", json={"username": "applicant",
                                                    "password": f"wrong-{i}"}).status_code
             for i in range(50)]
    right = client.post("/api/auth/sign-in", json={"username": "applicant",
                                                   "password": PASSWORD}).status_code
    return Probe("50 wrong passwords, then the right one", codes.count(429) >= 40 and right == 429,
                 f"{codes.count(401)}×401 {codes.count(429)}×429, then {right}")


def probes(url: str) -> list[Callable[[], Probe]]:
    anonymous = httpx.Client(base_url=url, timeout=30)
    clerk, clerk_csrf = sign_in(url, "clerk")
    editor, _ = sign_in(url, "editor")
    applicant, applicant_csrf = sign_in(url, "applicant")
    return [
        lambda: chunked_body(url),
        lambda: status_is(anonymous, "GET", "/api/catalog/v1/%2e%2e/%2e%2e/%2e%2e/readyz",
                          {400}, "encoded dot segments to a service's /readyz"),
        lambda: status_is(anonymous, "GET", "/api/catalog/%2e%2e/sync/v1/matters", {400},
                          "the sync API behind a dot segment"),
        lambda: status_is(anonymous, "POST", "/api/intake/%2e%2e/%2e%2e/internal/events", {400},
                          "intake's event endpoint from outside"),
        lambda: status_is(anonymous, "GET", "/api/intake/internal/events", {400, 404},
                          "/internal/ through the proxy"),
        lambda: status_is(clerk, "POST", "/api/intake/v1/applications/1/accept", {403},
                          "a foreign Origin with a valid CSRF token",
                          headers={"X-CSRF-Token": clerk_csrf, "Origin": "https://evil.example"}),
        lambda: status_is(anonymous, "POST", "/api/auth/sign-in", {403},
                          "a cross-site sign-in", headers={"Origin": "https://evil.example"},
                          json={"username": "applicant", "password": PASSWORD}),
        lambda: status_is(editor, "GET", f"/api/catalog/v1/matters/{MATTER}/versions/"
                          "99999999999999999999", {404, 422}, "a version number past 64 bits"),
        lambda: status_is(clerk, "GET", "/api/catalog/v1/matters/430103%00", {400, 404, 422},
                          "a NUL in a matter code"),
        lambda: status_is(anonymous, "GET", "/api/publish/v1/guides", {200, 400},
                          "a non-ASCII Accept-Language",
                          headers={"Accept-Language": "中文".encode()}),
        lambda: supervisor_files(url),
        lambda: status_is(anonymous, "GET", "/sign-out", {405}, "GET /sign-out"),
        lambda: status_is(applicant, "POST", "/api/intake/v1/applications", {422},
                          "unknown fields in a filing (state, decided_by)",
                          headers={"X-CSRF-Token": applicant_csrf},
                          data={"implementation_code": MATTER, "state": "approved",
                                "decided_by": "approver"}),
        lambda: headers_hold(clerk),
        lambda: guessing(url),
    ]


def supervisor_files(url: str) -> Probe:
    """A supervisor reads cases' metadata, never an applicant's file."""
    applicant, csrf = sign_in(url, "enterprise")  # the matter is for enterprises
    pdf = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
    answer = applicant.post("/api/intake/v1/applications", headers={"X-CSRF-Token": csrf},
                            data={"implementation_code": MATTER, "confirm_incomplete": "true"},
                            files={"materials": ("probe.pdf", pdf, "application/pdf")})
    if answer.status_code != 201 or not answer.json().get("materials"):
        return Probe("a supervisor downloads an applicant's file", False,
                     f"could not file one to try: {answer.status_code}")
    case, material = answer.json()["id"], answer.json()["materials"][0]["id"]
    supervisor, _ = sign_in(url, "supervisor")
    path = f"/api/intake/v1/applications/{case}/materials/{material}"
    return status_is(supervisor, "GET", path, {403, 404},
                     "a supervisor downloads an applicant's file")


def headers_hold(client: httpx.Client) -> Probe:
    page = client.get("/clerk/applications")
    csp = page.headers.get("content-security-policy", "")
    cache = page.headers.get("cache-control", "")
    holds = "unsafe-inline" not in csp and "no-store" in cache
    return Probe("CSP without unsafe-inline, no-store on a personal page", holds,
                 f"style-src {'unsafe-inline' in csp and 'unsafe' or 'self'}; {cache}")


def main() -> None:
    url = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000"
    failed = 0
    for probe in probes(url):
        try:
            found = probe()
        except Exception as exc:  # a probe that breaks is a finding too
            found = Probe(getattr(probe, "__name__", "probe"), False, repr(exc)[:120])
        failed += not found.holds
        print(f"{'ok  ' if found.holds else 'FAIL'} {found.name}: {found.seen}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
