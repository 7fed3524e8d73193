"""Validation layers run on a built package folder: Table Schemas (frictionless), cross-column
and cross-table rules, Great Expectations suites, and provenance (offsets, hashes, CSV and
Parquet agreement). Each layer returns its problems as readable lines."""

from __future__ import annotations

from pathlib import Path

from .. import schemas
from ..tables import read_csv_table
from .expectations import check_expectations
from .frictionless_check import check_frictionless
from .provenance import check_provenance
from .rules import check_rules


def validate_package(folder: Path) -> list[str]:
    """Every problem found in the package at `folder`; an empty list means it is valid."""
    folder = Path(folder)
    if not (folder / "datapackage.json").exists():
        return [f"{folder}: no datapackage.json"]
    problems = check_frictionless(folder)
    if problems:  # later layers assume typed, well-formed tables
        return problems
    tables = {t: read_csv_table(folder, t) for t in schemas.TABLES}
    return check_provenance(folder, tables) + check_rules(tables) + check_expectations(tables)
