"""The public statistics page's tables as rows, and as CSV (UTF-8 with BOM, for Excel)."""

import csv
import io
from typing import Any

TABLES = ("departments", "handling", "monthly", "satisfaction", "reform")
REFORM = ("committed_days_cut", "steps_simplified", "materials_reduced",
          "materials_standardized", "discretion_benchmarks_added", "vague_clauses_fixed",
          "catch_all_clauses_fixed", "onsite_visits_cut")


def rows(name: str, bundle: dict[str, Any]) -> list[list[Any]]:
    """One table (header first) of the page's figures."""
    catalogue, figures, reform = bundle["catalogue"], bundle["figures"], bundle["reform"]
    if name == "departments":
        types = catalogue["types"]
        return [["department_code", "department", "matters", *types]] + [
            [d["code"], d["name"], d["matters"], *(d["types"].get(t, 0) for t in types)]
            for d in catalogue["departments"]]
    keys: tuple[str, ...]
    if name == "handling":
        keys = ("implementation_code", "name", "department_name", "closed", "p50_days",
                "p90_days", "committed_limit", "statutory_limit", "limit_unit",
                "overdue_share", "average_score")
        return [list(keys)] + [[m[k] for k in keys] for m in figures["matters"]]
    if name == "monthly":
        keys = ("month", "closed", "overdue", "p50_days", "p90_days",
                "average_committed_limit", "ratings", "average_score")
        return [list(keys)] + [[m[k] for k in keys] for m in figures["months"]]
    if name == "satisfaction":
        keys = ("code", "name", "ratings", "average_score", "satisfied_share")
        return [list(keys)] + [[d[k] for k in keys] for d in figures["departments"]]
    return [["department_code", "department", *REFORM]] + [
        [d["code"], d["name"], *(d[k] for k in REFORM)] for d in reform["departments"]]


def as_csv(table: list[list[Any]]) -> str:
    """The table as CSV text with a BOM; None cells empty."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    for row in table:
        writer.writerow(["" if cell is None else cell for cell in row])
    return out.getvalue()
