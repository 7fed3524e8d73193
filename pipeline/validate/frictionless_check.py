"""Layer 1: the Table Schemas, checked by frictionless on every resource (CSV and Parquet)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from frictionless import Package

from .problems import Check, Problem

# frictionless's error type is the code ('schema.foreign-key', 'schema.constraint-error'); table_checks gives
# the same codes for the same violations
TABLE_ERROR = "schema: {where}: {kind}: {note}"
PACKAGE_ERROR = Check("schema.package", None, "schema: {note}")
HASH_COUNT = Check("schema.hash-count", None,
                   "schema: {table}: hash-count: {path} does not match its declared bytes/hash")


def check_frictionless(folder: Path, limit_rows: int | None = None) -> list[Problem]:
    """The package as frictionless validates it. With `limit_rows`, only the first rows of each table,
    and without its foreign keys: frictionless would read every parent row to look them up, and
    `table_checks` checks every foreign key over every row anyway."""
    path = Path(folder).resolve() / "datapackage.json"
    if limit_rows is None:
        package = Package(str(path))
    else:
        descriptor = json.loads(path.read_text(encoding="utf-8"))
        for resource in descriptor["resources"]:
            resource["schema"].pop("foreignKeys", None)
        package = Package(descriptor, basepath=str(path.parent))
    report = package.validate(limit_rows=limit_rows)
    problems = []
    for task in report.tasks:
        for error in task.errors:
            d = error.to_descriptor()
            where = task.name + (f" row {d['rowNumber']}" if d.get("rowNumber") else "")
            where += f" field {d['fieldName']}" if d.get("fieldName") else ""
            note = d.get("note") or d.get("message")
            problems.append(Problem(f"schema.{d.get('type')}", task.name, where,
                                    TABLE_ERROR.format(where=where, kind=d.get("type"), note=note)))
    for error in report.errors:
        problems.append(PACKAGE_ERROR.problem(note=error.to_descriptor().get("message")))
    return problems


def check_descriptor_hashes(folder: Path) -> list[Problem]:
    """Bytes and sha256 of every CSV resource, as the descriptor declares them (what frictionless
    checks itself when it reads whole files)."""
    folder = Path(folder)
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    problems = []
    for res in descriptor.get("resources", []):
        data = (folder / res["path"]).read_bytes()
        if len(data) != res.get("bytes") or "sha256:" + hashlib.sha256(data).hexdigest() != res.get("hash"):
            problems.append(HASH_COUNT.problem(table=res["name"], path=res["path"]))
    return problems
