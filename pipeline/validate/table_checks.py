"""Layer 1 for large packages: every Table Schema constraint (types, required, enums, patterns,
bounds, unique, primary and foreign keys) checked over all rows of the CSV files with DuckDB, in
one vectorised scan per table for the row rules and one query per key. Used with frictionless reading a sample, where frictionless alone,
row by row, would be too slow; problems read like frictionless's."""

from __future__ import annotations

from pathlib import Path

import duckdb

from .. import schemas
from .problems import Check, Problem

_CAST = {"integer": "BIGINT", "number": "DOUBLE"}
UNREADABLE = Check("schema.unreadable-csv", None,
                   "schema: {table}: the CSV cannot be read as its Table Schema says: {why}")
# the code of a violated rule: frictionless's error type for it, so both layer-1 paths report the same codes
_CODES = (("type ", "type-error"), ("primary-key", "primary-key"), ("foreign-key", "foreign-key"),
          ("unique", "unique-error"), ("", "constraint-error"))


def _quote(value: str) -> str:
    return "'" + str(value).replace("'", "''") + "'"


def _rules(table: str) -> list[tuple[str, str, str]]:
    """(field, rule name, SQL condition that is true for a violating row)."""
    out = []
    for f in schemas.fields(table):
        col, c = f'"{f["name"]}"', f.get("constraints", {})
        typed = col
        if f["type"] in _CAST:
            out.append((f["name"], f"type {f['type']}", f"{col} IS NOT NULL AND TRY_CAST({col} AS {_CAST[f['type']]}) IS NULL"))
            typed = f"TRY_CAST({col} AS {_CAST[f['type']]})"
        if f["type"] == "boolean":
            out.append((f["name"], "type boolean", f"{col} IS NOT NULL AND {col} NOT IN ('true', 'false')"))
        if c.get("required"):
            out.append((f["name"], "required", f"{col} IS NULL"))
        if "enum" in c:
            out.append((f["name"], "enum", f"{col} NOT IN ({', '.join(_quote(v) for v in c['enum'])})"))
        if "pattern" in c:
            out.append((f["name"], f"pattern {c['pattern']}", f"NOT regexp_full_match({col}, {_quote(c['pattern'])})"))
        if "minimum" in c:
            out.append((f["name"], f"minimum {c['minimum']}", f"{typed} < {c['minimum']}"))
        if "maximum" in c:
            out.append((f["name"], f"maximum {c['maximum']}", f"{typed} > {c['maximum']}"))
    return out


def check_tables(folder: Path) -> list[Problem]:
    """Every constraint of every Table Schema, over every CSV row."""
    folder = Path(folder).resolve()
    con = duckdb.connect()
    problems = []
    try:
        for table in schemas.TABLES:
            columns = ", ".join(f"{_quote(c)}: 'VARCHAR'" for c in schemas.columns(table))
            path = _quote(str(folder / f"data/csv/{table}.csv"))
            try:
                con.execute(f'CREATE TABLE "{table}" AS SELECT * FROM read_csv({path}, header=true, '
                            f"columns={{{columns}}}, nullstr='', quote='\"', escape='\"', strict_mode=true)")
                con.sql(f'SELECT count(*) FROM "{table}"').fetchall()
            except duckdb.Error as exc:
                problems.append(UNREADABLE.problem(table=table, why=str(exc)[:200]))
                continue
            rules = _rules(table)
            counts = con.sql(f'SELECT {", ".join(f"count_if({bad})" for _, _, bad in rules)} FROM "{table}"').fetchall()[0]
            for (field, rule, bad), n in zip(rules, counts):  # one scan counts them all; examples only where needed
                if n:
                    problems += _violations(con, table, field, rule, f'SELECT "{field}" FROM "{table}" WHERE {bad}')
            key = ", ".join(f'"{k}"' for k in schemas.primary_key(table))
            problems += _violations(con, table, key, "primary-key (duplicate)",
                                    f'SELECT {key} FROM "{table}" GROUP BY {key} HAVING count(*) > 1')
            for f in schemas.fields(table):
                if f.get("constraints", {}).get("unique") and [f["name"]] != schemas.primary_key(table):
                    problems += _violations(con, table, f["name"], "unique", f'SELECT "{f["name"]}" FROM "{table}" '
                                            f'WHERE "{f["name"]}" IS NOT NULL GROUP BY 1 HAVING count(*) > 1')
        for table in schemas.TABLES:
            for col, parent, parent_col in schemas.foreign_keys(table):
                problems += _violations(con, table, col, f"foreign-key to {parent}.{parent_col}",
                                        f'SELECT "{col}" FROM "{table}" WHERE "{col}" IS NOT NULL AND "{col}" NOT IN '
                                        f'(SELECT "{parent_col}" FROM "{parent}" WHERE "{parent_col}" IS NOT NULL)')
    finally:
        con.close()
    return problems


def _violations(con, table: str, field: str, rule: str, query: str) -> list[Problem]:
    try:
        rows = con.sql(f"SELECT count(*) OVER () AS n, * FROM ({query}) LIMIT 3").fetchall()
    except duckdb.Error:  # the view could not be read; reported once above
        return []
    if not rows:
        return []
    examples = ", ".join(repr(r[1:] if len(r) > 2 else r[1]) for r in rows)
    code = next(code for prefix, code in _CODES if rule.startswith(prefix))
    return [Problem(f"schema.{code}", table, f"field {field}",
                    f"schema: {table} field {field}: {rule}: {rows[0][0]} rows, e.g. {examples}")]
