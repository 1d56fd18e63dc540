"""The catalog's list and search API on 100,000 generated matters, on PostgreSQL.

Creates (drops first) the scratch database `<test database>_bench100k` beside
ONEWINDOW_TEST_POSTGRES_URL, migrates the catalog schema, COPYs in the demo zone's departments
and windows and N matters with their versions (a third with an earlier, superseded version;
latest states mixed as in a zone mid-way through its standardization), then calls the catalog
app in-process (FastAPI TestClient, admin token) in interleaved rounds and prints JSON: p50/p95
per query in milliseconds and as ratios to a baseline measured in the same run (reading one
matter by its implementation code), and, for comparison, the list query as it was before the
latest version was kept on matter (a max() over every version on each request), in SQL only.

    uv run python benchmarks/catalog_search.py [--matters 100000] [--rounds 200] [--keep]
"""

import argparse
import json
import os
import random
import statistics
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import psycopg
from fastapi.testclient import TestClient
from sqlalchemy.engine import make_url

from catalog.config import CatalogSettings
from catalog.demo import standard as demo_standard
from catalog.demo_data import DEPARTMENTS, MATTERS, WINDOWS
from catalog.main import create_app
from kit import migrations
from kit.auth import Principal, mint
from kit.settings import DEVELOPMENT_SECRET

POSTGRES = os.environ.get("ONEWINDOW_TEST_POSTGRES_URL",
                          "postgresql+psycopg://postgres@127.0.0.1:5432/test")
PLACES = ["天心", "岳麓", "芙蓉", "开福", "雨花", "望城", "长沙", "湘江", "暮云", "坡子街",
          "南托", "大托", "先锋", "黑石铺", "新开铺", "金盆岭", "桂花坪", "赤岭", "青园",
          "裕南街"]
SUBJECTS = ["建设工程规划", "建设用地规划", "食品经营", "食品生产", "药品零售", "排污",
            "危险废物经营", "医疗机构执业", "公共场所卫生", "放射诊疗", "劳务派遣",
            "特种设备使用", "户外广告设置", "城市道路占用", "燃气经营", "人力资源服务",
            "道路运输经营", "出版物零售", "娱乐场所经营", "建筑业企业资质", "商品房预售",
            "施工图审查", "消防设计审查", "水土保持方案", "林木采伐"]
ACTIONS = ["许可证核发", "许可证变更", "许可证延续", "许可证注销", "登记", "备案", "审批", "核准"]
STATES = ["published"] * 80 + ["draft"] * 10 + ["submitted"] * 4 + ["in_review"] * 3 + \
         ["returned"] * 2 + ["approved"]
ONE_DAY = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


def bench_database() -> str:
    """A freshly created scratch database; its SQLAlchemy URL."""
    url = make_url(POSTGRES)
    name = f"{url.database}_bench100k"
    admin = url.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return url.set(database=name).render_as_string(hide_password=False)


def templates() -> list[dict[str, Any]]:
    """One complete, valid standard per demo matter: the shapes the generated ones copy."""
    return [demo_standard(i, spec, spec[7], spec[8]) for i, spec in enumerate(MATTERS, start=1)]


def copy_rows(conn: psycopg.Connection, table: str, columns: list[str],
              rows: list[tuple[Any, ...]]) -> None:
    with conn.cursor().copy(f"COPY catalog.{table} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


def generate(url: str, count: int) -> dict[str, Any]:
    """Departments, windows, `count` matters and their versions, by COPY; the row counts and
    the code of the matter in the middle."""
    rng = random.Random(20261126)
    shapes = templates()
    matters, versions = [], []
    version_id = 0
    for i in range(1, count + 1):
        shape = shapes[i % len(shapes)]
        mtype = shape["matter_type"]
        code = f"430103-{mtype}-{i:07d}"
        name = (f"{PLACES[i % len(PLACES)]}{SUBJECTS[(i // 7) % len(SUBJECTS)]}"
                f"{ACTIONS[(i // 3) % len(ACTIONS)]}")
        std = {**shape, "implementation_code": code, "name": name,
               "basic_code": f"BC{i:08d}", "handling_item_code": f"{code}-001"}
        state = rng.choice(STATES)
        numbers = [1, 2] if i % 3 == 0 else [1]
        current = None
        for number in numbers:
            latest = number == numbers[-1]
            row_state = state if latest else ("superseded" if state == "published"
                                              else "published")
            if row_state == "published":
                current = number
            version_id += 1
            published = ONE_DAY if row_state in ("published", "superseded") else None
            versions.append((version_id, i, number, row_state,
                             json.dumps(std, ensure_ascii=False), std["effective_from"], 1,
                             published, published, published, ONE_DAY, "bench"))
        matters.append((i, code, std["basic_code"], name, std["department"]["code"], current,
                        ONE_DAY, numbers[-1], state, mtype, std["window"]))
    dsn = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(dsn) as conn:
        copy_rows(conn, "department", ["code", "name", "is_pilot"],
                  [(c, n, False) for c, n in DEPARTMENTS])
        copy_rows(conn, "window", ["code", "name"], WINDOWS)
        copy_rows(conn, "matter", ["id", "implementation_code", "basic_code", "name",
                                   "department_code", "current_version", "created_at",
                                   "latest_version", "latest_state", "matter_type",
                                   "window_code"], matters)
        copy_rows(conn, "matter_version", [
            "id", "matter_id", "version", "state", "standard", "effective_from", "revision",
            "submitted_at", "approved_at", "published_at", "updated_at", "updated_by"], versions)
        for table in ("matter", "matter_version"):
            conn.execute(f"SELECT setval(pg_get_serial_sequence('catalog.{table}', 'id'), "
                         f"(SELECT max(id) FROM catalog.{table}))")
        conn.commit()
        conn.autocommit = True
        conn.execute("VACUUM ANALYZE catalog.matter")
        conn.execute("VACUUM ANALYZE catalog.matter_version")
    return {"matters": len(matters), "versions": len(versions),
            "middle": matters[len(matters) // 2][1]}


def percentile(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def measure(calls: dict[str, Callable[[], Any]], rounds: int) -> dict[str, list[float]]:
    """Milliseconds per call, the queries interleaved round by round (after a warm-up)."""
    for call in calls.values():
        for _ in range(5):
            call()
    timings: dict[str, list[float]] = {name: [] for name in calls}
    for _ in range(rounds):
        for name, call in calls.items():
            started = time.perf_counter()
            call()
            timings[name].append((time.perf_counter() - started) * 1000)
    return timings


def api_calls(client: TestClient, headers: dict[str, str],
              code: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """The calls to time, each checked once, and the totals each one found."""
    def listing(**params: Any) -> Callable[[], Any]:
        def call() -> Any:
            answer = client.get("/api/catalog/v1/matters", params={"size": 50, **params},
                                headers=headers)
            assert answer.status_code == 200, answer.text
            return answer.json()
        return call

    def by_key() -> Any:
        answer = client.get(f"/api/catalog/v1/matters/{code}", headers=headers)
        assert answer.status_code == 200, answer.text
        return answer.json()

    market = DEPARTMENTS[3][0]
    calls = {
        "baseline: one matter by implementation code": by_key,
        "first page, unfiltered": listing(),
        "page 100, unfiltered": listing(page=100),
        "department filter": listing(department=market),
        "text search 食品经营 (Chinese substring)": listing(q="食品经营"),
        "text search 规划 (two characters, many hits)": listing(q="规划"),
        "text search 雨花放射诊疗 (rare)": listing(q="雨花放射诊疗"),
        "text search by code 0099": listing(q="0099"),
        "state filter: submitted": listing(state="submitted"),
        "state filter: published": listing(state="published"),
        "department + state + text": listing(department=market, state="draft", q="许可证"),
    }
    totals = {name: call().get("total") for name, call in calls.items()}
    return calls, totals


LEGACY = """SELECT m.implementation_code, v.version, v.state FROM catalog.matter m
  JOIN (SELECT matter_id, max(version) AS v FROM catalog.matter_version GROUP BY matter_id) l
    ON l.matter_id = m.id
  JOIN catalog.matter_version v ON v.matter_id = m.id AND v.version = l.v"""


def legacy_first_page(url: str, rounds: int) -> dict[str, float]:
    """The list query before the latest version was kept on matter (max() over every version
    per request), count and first page, straight on the database: what the change saved."""
    dsn = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    timings = []
    with psycopg.connect(dsn) as conn:
        for _ in range(rounds):
            started = time.perf_counter()
            conn.execute(f"SELECT count(*) FROM ({LEGACY}) x").fetchone()
            conn.execute(f"{LEGACY} ORDER BY m.implementation_code LIMIT 50").fetchall()
            timings.append((time.perf_counter() - started) * 1000)
    return {"p50_ms": round(statistics.median(timings), 2),
            "p95_ms": round(percentile(timings, 0.95), 2)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--matters", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=200)
    parser.add_argument("--keep", action="store_true", help="keep the scratch database")
    args = parser.parse_args()
    url = bench_database()
    started = time.perf_counter()
    migrations.upgrade("catalog", url)
    rows = generate(url, args.matters)
    generated = time.perf_counter() - started
    token = mint(Principal(sub="bench", roles=("admin",)), DEVELOPMENT_SECRET, seconds=3600)
    app = create_app(CatalogSettings(database_url=url, relay_interval=3600, log_level="WARNING"))
    with TestClient(app) as client:
        calls, totals = api_calls(client, {"Authorization": f"Bearer {token}"}, rows["middle"])
        timings = measure(calls, args.rounds)
    base = next(iter(timings.values()))
    base_p50, base_p95 = statistics.median(base), percentile(base, 0.95)
    report = {"matters": rows["matters"], "versions": rows["versions"],
              "generated_and_migrated_seconds": round(generated, 1), "rounds": args.rounds,
              "client": "in-process TestClient, sequential, admin token, size=50",
              "queries": {name: {"p50_ms": round(statistics.median(t), 2),
                                 "p95_ms": round(percentile(t, 0.95), 2),
                                 "p50_ratio": round(statistics.median(t) / base_p50, 2),
                                 "p95_ratio": round(percentile(t, 0.95) / base_p95, 2),
                                 "total": totals[name]}
                          for name, t in timings.items()},
              "before (max() subquery, SQL only, count + first page)":
                  legacy_first_page(url, max(5, args.rounds // 10))}
    print(json.dumps(report, ensure_ascii=False, indent=2))
    if not args.keep:
        admin = make_url(url).set(drivername="postgresql", database="postgres")
        with psycopg.connect(admin.render_as_string(hide_password=False), autocommit=True) as c:
            c.execute(f'DROP DATABASE IF EXISTS "{make_url(url).database}" WITH (FORCE)')


if __name__ == "__main__":
    main()
