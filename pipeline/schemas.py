"""Table Schemas are the single source of truth: pandas dtypes, Arrow schemas and DuckDB DDL
are derived here from `schemas/<table>.json`."""

from __future__ import annotations

import json
from functools import lru_cache

import pyarrow as pa

from . import SCHEMA_DIR

# Parents before children: the order tables are written, loaded and checked in.
TABLES = ("sources", "actors", "systems", "deals", "deal_events", "statements", "mentions")

_PANDAS = {"string": "str", "integer": "Int64", "number": "Float64", "boolean": "boolean"}
_ARROW = {"string": pa.string(), "integer": pa.int64(), "number": pa.float64(), "boolean": pa.bool_()}
_DUCKDB = {"string": "VARCHAR", "integer": "BIGINT", "number": "DOUBLE", "boolean": "BOOLEAN"}


@lru_cache(maxsize=None)
def load(table: str) -> dict:
    """The Table Schema descriptor of one table, as stored in `schemas/`."""
    with open(SCHEMA_DIR / f"{table}.json", encoding="utf-8") as fh:
        return json.load(fh)


def fields(table: str) -> list[dict]:
    return load(table)["fields"]


def columns(table: str) -> list[str]:
    return [f["name"] for f in fields(table)]


def primary_key(table: str) -> list[str]:
    return list(load(table)["primaryKey"])


def foreign_keys(table: str) -> list[tuple[str, str, str]]:
    """(column, parent table, parent column) for each single-column foreign key."""
    out = []
    for fk in load(table).get("foreignKeys", []):
        parent = fk["reference"]["resource"] or table
        out.append((fk["fields"][0], parent, fk["reference"]["fields"][0]))
    return out


def required(field: dict) -> bool:
    return bool(field.get("constraints", {}).get("required"))


def enum(field: dict) -> list | None:
    return field.get("constraints", {}).get("enum")


def pandas_dtypes(table: str) -> dict[str, str]:
    return {f["name"]: _PANDAS[f["type"]] for f in fields(table)}


def arrow_schema(table: str) -> pa.Schema:
    return pa.schema(
        [pa.field(f["name"], _ARROW[f["type"]], nullable=not required(f)) for f in fields(table)]
    )


def duckdb_ddl(table: str) -> str:
    """CREATE TABLE with types, NOT NULL, CHECK for enums, primary and foreign keys."""
    lines = []
    for f in fields(table):
        col = f'    "{f["name"]}" {_DUCKDB[f["type"]]}'
        if required(f):
            col += " NOT NULL"
        values = enum(f)
        if values:
            quoted = ", ".join("'" + v.replace("'", "''") + "'" for v in values)
            col += f' CHECK ("{f["name"]}" IN ({quoted}))'
        lines.append(col)
    lines.append("    PRIMARY KEY (" + ", ".join(f'"{c}"' for c in primary_key(table)) + ")")
    for col, parent, parent_col in foreign_keys(table):
        lines.append(f'    FOREIGN KEY ("{col}") REFERENCES "{parent}" ("{parent_col}")')
    return f'CREATE TABLE "{table}" (\n' + ",\n".join(lines) + "\n);"
