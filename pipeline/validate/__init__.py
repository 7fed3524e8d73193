"""Validation layers run on a built package folder: Table Schemas (frictionless), cross-column
and cross-table rules, Great Expectations suites, and provenance (offsets, hashes, CSV and
Parquet agreement). Each layer returns its problems as readable lines."""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from .. import schemas
from ..tables import read_csv_table
from .expectations import check_expectations
from .frictionless_check import check_descriptor_hashes, check_frictionless
from .table_checks import check_tables
from .provenance import check_provenance
from .rules import check_rules


# Up to this many rows in all, frictionless checks every row; above it, frictionless reads a
# sample of each table and DuckDB checks every Table Schema constraint over all rows.
FULL_FRICTIONLESS_ROWS = 200_000
SAMPLE_ROWS = 5_000


def validate_package(folder: Path, full_frictionless_rows: int = FULL_FRICTIONLESS_ROWS,
                     sample_rows: int = SAMPLE_ROWS) -> list[str]:
    """Every problem found in the package at `folder`; an empty list means it is valid."""
    folder = Path(folder)
    if not (folder / "datapackage.json").exists():
        return [f"{folder}: no datapackage.json"]
    if _csv_lines(folder) <= full_frictionless_rows:
        problems = check_frictionless(folder)
        if problems:  # later layers assume typed, well-formed tables
            return problems
        tables = _read_tables(folder)
        return check_provenance(folder, tables) + check_rules(tables) + check_expectations(tables)
    # Large package: the GX suites run in a second process while this one checks the rest.
    with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork")) as pool:
        suites = pool.submit(_expectations_of, folder)
        problems = check_frictionless(folder, limit_rows=sample_rows) + check_descriptor_hashes(folder) + check_tables(folder)
        if problems:
            suites.cancel()
            return problems
        tables = _read_tables(folder)
        problems = check_provenance(folder, tables) + check_rules(tables)
        return problems + suites.result()


def _read_tables(folder: Path) -> dict:
    return {t: read_csv_table(folder, t) for t in schemas.TABLES}


def _expectations_of(folder: Path) -> list[str]:
    """The GX layer on the package at `folder` (run in a worker process for large packages)."""
    return check_expectations(_read_tables(folder))


def _csv_lines(folder: Path) -> int:
    total = 0
    for table in schemas.TABLES:
        with open(folder / f"data/csv/{table}.csv", "rb") as fh:
            total += sum(chunk.count(b"\n") for chunk in iter(lambda: fh.read(1 << 20), b""))
    return total
