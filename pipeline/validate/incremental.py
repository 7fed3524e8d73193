"""Validation of a rebuilt package against the previous one it replaces: the rows that are new or changed
go through every layer (frictionless, provenance, expectations), while the checks that need whole
tables run over all rows in one DuckDB scan per table (types, constraints, primary and foreign keys,
uniqueness; `table_checks`), plus the cross-table rules and whole-table expectations. A row equal to
one of the previous package, whose files still match their declared hashes, passed those layers when
that package was built. `arms-data validate` and `build --full-validation` check everything."""

from __future__ import annotations

import json
import tempfile
from dataclasses import replace
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa

from .. import schemas
from ..publish import to_csv_bytes
from ..tables import read_csv_table
from .expectations import submit_expectations
from .frictionless_check import check_descriptor_hashes, check_frictionless
from .problems import Problem
from .provenance import SPANS, check_alternates, check_copies, check_texts, span_problems
from .rules import check_rules
from .table_checks import check_tables


def validate_changes(folder: Path, previous: Path) -> list[Problem] | None:
    """Every problem found in the package at `folder`, checking row by row only what differs from the
    package at `previous`; None when `previous` cannot vouch for its rows (missing, or its files no
    longer match its descriptor): then the whole package is to be validated."""
    folder, previous = Path(folder), Path(previous)
    before = _descriptor(previous)
    if before is None or check_descriptor_hashes(previous):
        return None
    problems = check_descriptor_hashes(folder)
    after = _descriptor(folder)
    try:
        tables = {t: read_csv_table(folder, t) for t in schemas.TABLES}
        slices = changed_rows(previous, tables, after, before)
    except Exception:  # unreadable as the Table Schemas say: the whole-table checks below tell why
        return problems + check_tables(folder) or None
    suites = submit_expectations(folder, slices)  # in the worker process, meanwhile
    problems += check_tables(folder)
    if problems:
        return problems
    problems = _frictionless_on(after, slices) + _provenance_on(folder, tables, slices, after, before)
    return problems + check_rules(tables) + suites.result()


def _descriptor(folder: Path) -> dict | None:
    try:
        return json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _hashes(descriptor: dict) -> dict[str, tuple]:
    """table -> (CSV hash, Parquet hash) as a descriptor declares them."""
    return {r["name"]: (r.get("hash"), *[a.get("hash") for a in r.get("alternates", [])])
            for r in descriptor["resources"]}


def changed_rows(previous: Path, tables: dict[str, pd.DataFrame], after: dict,
                 before: dict) -> dict[str, pd.DataFrame]:
    """Each table's rows that the previous package does not hold exactly (all columns equal), in order;
    compared (by DuckDB) only where the CSV hashes differ (`after`, `before`: the two descriptors)."""
    now, then = _hashes(after), _hashes(before)
    con = duckdb.connect()
    out = {}
    try:
        for table in schemas.TABLES:
            df = tables[table]
            if now[table][0] == then.get(table, (None,))[0]:  # the same CSV bytes: no row changed
                out[table] = df.iloc[:0]
                continue
            con.register("new_rows", pa.Table.from_pandas(df, preserve_index=False))
            con.register("old_rows", pa.Table.from_pandas(read_csv_table(previous, table), preserve_index=False))
            key = schemas.primary_key(table)
            cols = ", ".join(f'"{k}"' for k in key)
            fresh = con.sql(f"SELECT {cols} FROM (SELECT * FROM new_rows EXCEPT SELECT * FROM old_rows)").df()
            con.unregister("new_rows")
            con.unregister("old_rows")
            hit = pd.MultiIndex.from_frame(df[key]).isin(pd.MultiIndex.from_frame(fresh[key].astype(df[key].dtypes)))
            out[table] = df[hit].reset_index(drop=True)
    finally:
        con.close()
    return out


def _frictionless_on(after: dict, slices: dict[str, pd.DataFrame]) -> list[Problem]:
    """frictionless over the changed rows: a package of them alone, with the same Table Schemas (foreign
    keys left to `table_checks`, which looks them up in the whole tables)."""
    descriptor = json.loads(json.dumps(after))  # a copy to strip
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "data/csv").mkdir(parents=True)
        for res in descriptor["resources"]:
            data = to_csv_bytes(res["name"], slices[res["name"]])
            (Path(tmp) / res["path"]).write_bytes(data)
            for k in ("bytes", "hash", "alternates"):
                res.pop(k, None)
            res["schema"].pop("foreignKeys", None)
        (Path(tmp) / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
        return [replace(p, message=p.message.replace(f"{tmp}/", "")) for p in check_frictionless(Path(tmp))]


def _provenance_on(folder: Path, tables: dict[str, pd.DataFrame], slices: dict[str, pd.DataFrame],
                   after: dict, before: dict) -> list[Problem]:
    """Every stored text against its hash (a whole-table check: cheap, and a text is the ground every
    span stands on); spans of changed rows; the declared Parquet hashes; CSV and Parquet agreement of
    every table whose files changed."""
    cited = set(slices["sources"]["source_id"]).union(*[set(slices[t]["source_id"]) for t, *_ in SPANS])
    problems, texts = check_texts(folder, tables["sources"], keep=cited)
    problems += span_problems(texts, slices) + check_alternates(folder)
    now, then = _hashes(after), _hashes(before)
    return problems + check_copies(folder, tables, [t for t in schemas.TABLES if now[t] != then.get(t)])
