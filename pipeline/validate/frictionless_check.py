"""Layer 1: the Table Schemas, checked by frictionless on every resource (CSV and Parquet)."""

from __future__ import annotations

from pathlib import Path

from frictionless import Package


def check_frictionless(folder: Path) -> list[str]:
    package = Package(str(Path(folder).resolve() / "datapackage.json"))
    report = package.validate()
    problems = []
    for task in report.tasks:
        for error in task.errors:
            d = error.to_descriptor()
            where = task.name + (f" row {d['rowNumber']}" if d.get("rowNumber") else "")
            where += f" field {d['fieldName']}" if d.get("fieldName") else ""
            problems.append(f"schema: {where}: {d.get('type')}: {d.get('note') or d.get('message')}")
    for error in report.errors:
        problems.append(f"schema: {error.to_descriptor().get('message')}")
    return problems
