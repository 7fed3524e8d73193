"""Validation layers run on a built package folder: Table Schemas (frictionless), cross-column
and cross-table rules, Great Expectations suites, and provenance (offsets, hashes, CSV and
Parquet agreement). Each layer returns its problems typed (`problems.Problem`: a stable code and the
readable line); `validate_package` gives the lines, `find_problems` the problems."""

from __future__ import annotations

from pathlib import Path

from .. import schemas
from ..tables import read_csv_table
from .expectations import submit_expectations
from .problems import Problem, messages
from .frictionless_check import check_descriptor_hashes, check_frictionless
from .table_checks import check_tables
from .provenance import check_provenance
from .rules import check_rules


# Up to this many rows in all, frictionless checks every row; above it, frictionless reads a
# sample of each table and DuckDB checks every Table Schema constraint over all rows.
FULL_FRICTIONLESS_ROWS = 200_000
SAMPLE_ROWS = 5_000


def validate_package(folder: Path, full_frictionless_rows: int = FULL_FRICTIONLESS_ROWS,
                     sample_rows: int = SAMPLE_ROWS, previous: Path | None = None) -> list[str]:
    """The message of every problem `find_problems` finds in the package at `folder`; empty when it is valid."""
    return messages(find_problems(folder, full_frictionless_rows, sample_rows, previous))


def find_problems(folder: Path, full_frictionless_rows: int = FULL_FRICTIONLESS_ROWS,
                  sample_rows: int = SAMPLE_ROWS, previous: Path | None = None) -> list[Problem]:
    """Every problem found in the package at `folder`; an empty list means it is valid. Given the
    `previous` package it replaces, rows equal to that package's are not checked row by row again
    (see `incremental.py`), unless that package cannot vouch for them.

    The GX suites run in a worker process (see `expectations.submit_expectations`) while this one
    checks the Table Schemas, provenance and rules; their problems count only once the Table
    Schemas pass, since the later layers assume typed, well-formed tables."""
    folder = Path(folder)
    if not (folder / "datapackage.json").exists():
        return [Problem("schema.no-descriptor", None, None, f"{folder}: no datapackage.json")]
    if previous is not None:
        from .incremental import validate_changes

        problems = validate_changes(folder, previous)
        if problems is not None:
            return problems
    suites = submit_expectations(folder)
    if _csv_lines(folder) <= full_frictionless_rows:
        problems = check_frictionless(folder)
    else:  # large package: frictionless reads a sample, DuckDB checks every constraint on every row
        problems = check_frictionless(folder, limit_rows=sample_rows) + check_descriptor_hashes(folder) \
            + check_tables(folder)
    if problems:
        return problems
    tables = {t: read_csv_table(folder, t) for t in schemas.TABLES}
    return check_provenance(folder, tables) + check_rules(tables) + suites.result()


def _csv_lines(folder: Path) -> int:
    total = 0
    for table in schemas.TABLES:
        with open(folder / f"data/csv/{table}.csv", "rb") as fh:
            total += sum(chunk.count(b"\n") for chunk in iter(lambda: fh.read(1 << 20), b""))
    return total
