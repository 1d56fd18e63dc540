"""Row 5's data, generated fast into the parts' real tables (made by the real migrations):
N matters with their versions in the catalog (COPY, `catalog_search.generate`), and M
applications in intake over the demo zone's matter versions — one material each, a clock
started for those accepted — by INSERT … SELECT over generate_series, so PostgreSQL writes
the rows without a round trip each."""

import contextlib
import json
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import psycopg

from benchmarks import catalog_search
from benchmarks.scratch import driver_dsn
from gateway.cli import load_demo, migrate

APPLICANTS = 40_000  # persons filing; each files M / APPLICANTS applications
ENTERPRISES = 10_000  # every other application is filed for one of these enterprises
# The states of the generated applications, in hundredths: mostly decided, some still open.
STATES = [("approved", 60), ("rejected", 5), ("not_accepted", 2), ("accepted", 15),
          ("submitted", 8), ("correction_requested", 4), ("corrected", 6)]


OPEN = "'submitted', 'correction_requested', 'corrected', 'accepted'"


def credit_code(n: int) -> str:
    """An 18-character code for generated enterprise `n` (the same formula as the SQL)."""
    return f"91430103BENCH{n:05d}"


def state_case() -> str:
    """SQL: the state of application g, spread by a multiplicative hash of g."""
    bounds, upper = [], 0
    for state, share in STATES:
        upper += share
        bounds.append(f"WHEN (g::bigint * 7919) %% 100 < {upper} THEN '{state}'")
    return "CASE " + " ".join(bounds) + " END"


ENTERPRISE = f"'91430103BENCH' || lpad(((a.g / 2) %% {ENTERPRISES})::text, 5, '0')"
APPLICATIONS = f"""
WITH versions AS (
  SELECT row_number() OVER (ORDER BY id) - 1 AS n, implementation_code, version,
         department_code, name, "window"
  FROM intake.matter_version),
states AS (
  SELECT g, {state_case()} AS state FROM generate_series(1, %(count)s) AS g),
generated AS (  -- decided cases over the past year, open ones received in the last days (as
                -- deemed acceptance and the supervision sweep leave a zone's cases)
  SELECT %(base)s + g AS id, g, state,
         now() - CASE WHEN state IN ({OPEN}) THEN (g %% 4000) * interval '1 minute'
                      ELSE (%(count)s - g) * interval '30 seconds' END AS submitted_at
  FROM states)
INSERT INTO intake.application (id, implementation_code, version, department_code, "window",
  state,
  applicant_sub, applicant_name, enterprise, case_number, query_code, applicant_kind,
  credit_code, incomplete, submitted_at, accepted_at, due_date, decision, opinion,
  result_name, decided_at, decided_by, updated_at)
SELECT a.id, v.implementation_code, v.version, v.department_code, v."window", a.state,
  'applicant-' || (a.g %% {APPLICANTS}), '申请人' || (a.g %% {APPLICANTS}),
  CASE WHEN a.g %% 2 = 0 THEN {ENTERPRISE} END,
  '430103-' || to_char(a.submitted_at, 'YYYYMMDD') || '-B' || lpad(a.g::text, 7, '0'),
  upper(substr(md5(a.g::text), 1, 6)),
  CASE WHEN a.g %% 2 = 0 THEN 'enterprise' ELSE 'person' END,
  CASE WHEN a.g %% 2 = 0 THEN {ENTERPRISE} END,
  a.g %% 10 = 0, a.submitted_at,
  CASE WHEN a.state IN ('accepted', 'approved', 'rejected')
       THEN a.submitted_at + interval '1 day' END,
  CASE WHEN a.state = 'accepted' THEN (a.submitted_at + interval '21 days')::date END,
  CASE WHEN a.state IN ('approved', 'rejected') THEN a.state END,
  CASE WHEN a.state = 'approved' THEN '准予许可' WHEN a.state = 'rejected' THEN '不予许可' END,
  CASE WHEN a.state = 'approved' THEN v.name || '决定书' END,
  CASE WHEN a.state IN ('approved', 'rejected') THEN a.submitted_at + interval '10 days' END,
  CASE WHEN a.state IN ('approved', 'rejected') THEN 'approver' END,
  a.submitted_at
FROM generated a JOIN versions v ON v.n = a.g %% (SELECT count(*) FROM versions)
"""

MATERIALS = """
INSERT INTO intake.material (application_id, slot, filename, content_type, size, sha256,
                             uploaded_at, uploaded_by)
SELECT id, 0, '申请表.pdf', 'application/pdf', 102400, md5(id::text) || md5((id + 1)::text),
       submitted_at, applicant_sub
FROM intake.application WHERE id > %(base)s
"""

CLOCKS = """
INSERT INTO intake.clock_entry (application_id, kind, day, due_date, at, actor)
SELECT id, 'started', (accepted_at AT TIME ZONE 'Asia/Shanghai')::date, due_date, accepted_at,
       'clerk'
FROM intake.application WHERE id > %(base)s AND state = 'accepted'
"""


SECONDARY = """SELECT i.indexname, i.indexdef FROM pg_indexes i
WHERE i.schemaname = %s AND i.tablename = ANY(%s) AND NOT EXISTS (
  SELECT 1 FROM pg_constraint c
  WHERE c.conname = i.indexname AND c.connamespace = %s::regnamespace)"""


@contextmanager
def indexes_built_after(url: str, schema: str, tables: list[str]) -> Iterator[None]:
    """Drop the tables' plain indexes (not those of their constraints) while rows are loaded,
    then create them again from their own definitions, as the migrations made them: building
    an index once is much faster than growing it row by row; then vacuum and analyze."""
    with psycopg.connect(driver_dsn(url), autocommit=True) as conn:
        found = conn.execute(SECONDARY, (schema, tables, schema)).fetchall()
        for name, _ in found:
            conn.execute(f'DROP INDEX "{schema}"."{name}"')
    yield
    with psycopg.connect(driver_dsn(url), autocommit=True) as conn:
        conn.execute("SET maintenance_work_mem = '256MB'")
        for _, definition in found:
            conn.execute(definition)
        for table in tables:  # statistics of the index expressions too, and visibility
            conn.execute(f'VACUUM ANALYZE "{schema}"."{table}"')


def applications(url: str, count: int) -> dict[str, Any]:
    """`count` applications after the demo's, their materials and clocks; row counts."""
    with psycopg.connect(driver_dsn(url)) as conn:
        base = conn.execute("SELECT coalesce(max(id), 0) FROM intake.application").fetchone()
        params = {"base": base[0] if base else 0, "count": count}
        for sql in (APPLICATIONS, MATERIALS, CLOCKS):
            conn.execute(sql, params)
        for table in ("application", "material", "clock_entry"):
            conn.execute(f"SELECT setval(pg_get_serial_sequence('intake.{table}', 'id'), "
                         f"(SELECT max(id) FROM intake.{table}))")
        # The demo's own events have nowhere to go here: mark them delivered, so no relay
        # retries in the background while the lists are measured.
        conn.execute("UPDATE intake.outbox_event SET delivered_at = now() "
                     "WHERE delivered_at IS NULL")
        conn.commit()
        counted = {t: conn.execute(f"SELECT count(*) FROM intake.{t}").fetchone()
                   for t in ("application", "material", "clock_entry")}
    return {f"intake.{t}": row[0] if row else 0 for t, row in counted.items()}


def generate(url: str, *, matters: int, count: int) -> dict[str, Any]:
    """Migrate catalog and intake, then generate both parts' rows; what was made."""
    migrate(url, ("catalog", "intake"))
    with indexes_built_after(url, "catalog", ["matter", "matter_version"]):
        catalog = catalog_search.generate(url, matters)
    load_demo(url, ("intake",))  # the matter versions applications are filed under
    with indexes_built_after(url, "intake", ["application", "material", "clock_entry"]):
        made = applications(url, count)
    return {"catalog": catalog, **made}


class Generation:
    """`generate` in a process of its own (Alembic and the demo loaders keep state per
    process), started now, waited for by `result()`."""

    def __init__(self, url: str, *, matters: int, count: int, log: Path) -> None:
        self.log = log
        self.made: dict[str, Any] | None = None
        self.out = log.open("wb")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "benchmarks.scale_data", url, str(matters), str(count)],
            cwd=Path(__file__).resolve().parents[1], stdout=subprocess.PIPE, stderr=self.out)

    def result(self) -> dict[str, Any]:
        """What was made; an error with the log's path when the generation failed."""
        if self.made is None:
            output, _ = self.proc.communicate()
            self.out.close()
            if self.proc.returncode != 0:
                raise RuntimeError(f"generating the scale data failed; see {self.log}")
            self.made = json.loads(output)
        return self.made

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        self.out.close()


if __name__ == "__main__":
    url, matters, count = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    with contextlib.redirect_stdout(sys.stderr):  # the demo loader's lines go to the log
        made = generate(url, matters=matters, count=count)
    print(json.dumps(made))
