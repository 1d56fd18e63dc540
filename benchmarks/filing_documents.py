"""What issue 8's handling adds to filing and deciding: the same intake app, in one run, filing
(one 100 KB PDF) and accepting with the documents issued in the request's transaction (as
shipped) and with the document hook switched off (the baseline), in interleaved rounds; and
the cost of rendering one document's PDF (WeasyPrint, outside the request).

Uses a scratch SQLite file (default) or `--postgres` (the scratch database
`<test database>_benchfiling` beside ONEWINDOW_TEST_POSTGRES_URL), migrated by the real
migrations; prints JSON with p50 per operation in milliseconds and the ratios.

    uv run python benchmarks/filing_documents.py [--rounds 5] [--per-round 20] [--postgres]
"""

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
from fastapi.testclient import TestClient
from sqlalchemy.engine import make_url

from intake import history
from intake.config import IntakeSettings
from intake.main import create_app, render_once
from kit import migrations

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the tests' matter and accounts
from tests.intake.conftest import API, APPLICANT, CLERK, CODE, publish  # noqa: E402

PDF = b"%PDF-1.7\n" + b"0" * 100_000
POSTGRES = os.environ.get("ONEWINDOW_TEST_POSTGRES_URL",
                          "postgresql+psycopg://postgres@127.0.0.1:5432/test")


@contextmanager
def database(postgres: bool) -> Iterator[str]:
    if not postgres:
        with tempfile.TemporaryDirectory() as folder:
            yield f"sqlite:///{folder}/bench.db"
        return
    url = make_url(POSTGRES)
    name = f"{url.database}_benchfiling"
    admin = url.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')
    yield url.set(database=name).render_as_string(hide_password=False)


def one_case(client: TestClient) -> tuple[float, float]:
    """Milliseconds to file one application and to accept it."""
    started = time.perf_counter()
    filed = client.post(f"{API}/applications", headers=APPLICANT,
                        data={"implementation_code": CODE, "confirm_incomplete": "true"},
                        files=[("materials", ("申请表.pdf", PDF, "application/pdf"))])
    middle = time.perf_counter()
    assert filed.status_code == 201, filed.text
    accepted = client.post(f"{API}/applications/{filed.json()['id']}/accept", headers=CLERK)
    assert accepted.status_code == 200, accepted.text
    return (middle - started) * 1000, (time.perf_counter() - middle) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--per-round", type=int, default=20)
    parser.add_argument("--postgres", action="store_true")
    args = parser.parse_args()
    shipped_issue = history.issue
    timings: dict[str, list[float]] = {k: [] for k in ("file", "accept", "file_base",
                                                       "accept_base")}
    with database(args.postgres) as url, tempfile.TemporaryDirectory() as store:
        migrations.upgrade("intake", url)
        settings = IntakeSettings(database_url=url, file_store=str(Path(store) / "files"),
                                  render_every_seconds=3600.0)
        app = create_app(settings)
        with TestClient(app) as client:
            publish(client)
            one_case(client)  # warm up
            for _ in range(args.rounds):
                for hooked in (True, False):
                    history.issue = shipped_issue if hooked else (lambda *a, **k: None)
                    suffix = "" if hooked else "_base"
                    for _ in range(args.per_round):
                        file_ms, accept_ms = one_case(client)
                        timings["file" + suffix].append(file_ms)
                        timings["accept" + suffix].append(accept_ms)
            history.issue = shipped_issue
            started = time.perf_counter()
            rendered = render_once(app)
            render_ms = (time.perf_counter() - started) * 1000 / max(rendered, 1)
    p50 = {k: round(statistics.median(v), 2) for k, v in timings.items()}
    print(json.dumps({
        "database": "postgresql" if args.postgres else "sqlite",
        "cases_per_variant": args.rounds * args.per_round, "p50_ms": p50,
        "file_with_documents_vs_without": round(p50["file"] / p50["file_base"], 3),
        "accept_with_documents_vs_without": round(p50["accept"] / p50["accept_base"], 3),
        "render_one_pdf_ms": round(render_ms, 1), "pdfs_rendered": rendered,
    }, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
