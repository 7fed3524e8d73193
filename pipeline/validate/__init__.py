"""Validation layers run on a built package folder: Table Schemas (frictionless), cross-column
rules, and provenance (offsets, hashes, CSV and Parquet agreement). Each returns problems as text."""

from __future__ import annotations

from pathlib import Path

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
    return check_provenance(folder) + check_rules(folder)
