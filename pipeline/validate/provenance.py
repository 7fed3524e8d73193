"""Layer 3: provenance. Every offset pair slices its stored text to exactly the published words,
every stored text matches its hash, and the CSV and Parquet copies of each table agree."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from .. import schemas
from ..tables import parquet_path, read_parquet_table
from .problems import Check, Problem

# (table, start column, end column, column holding the exact slice, id column)
SPANS = [
    ("mentions", "char_start", "char_end", "surface", "mention_id"),
    ("statements", "char_start", "char_end", "text", "statement_id"),
    ("statements", "speaker_start", "speaker_end", "speaker_text", "statement_id"),
    ("deal_events", "char_start", "char_end", "evidence", "event_id"),
]


TEXT_MISSING = Check("provenance.text-missing", "sources", "provenance: sources {rows}: stored text {path} is missing")
TEXT_HASH = Check("provenance.text-hash", "sources", "provenance: sources {rows}: sha256 of {path} does not match")
TEXT_LENGTH = Check("provenance.n-chars", "sources", "provenance: sources {rows}: n_chars {declared} != {actual}")
PARQUET_MISSING = Check("provenance.parquet-missing", None, "provenance: {path} is missing")
PARQUET_SCHEMA = Check("provenance.parquet-schema", None,
                       "provenance: {path}: Arrow schema differs from the Table Schema")
COPIES_DIFFER = Check("provenance.copies-differ", None, "provenance: {table}: CSV and Parquet copies differ")
SPAN_INCOMPLETE = Check("provenance.span-incomplete", None,
                        "provenance: {table} {rows}: {start}/{end}/{words} incomplete or source missing")
SPAN_MISMATCH = Check("provenance.span-mismatch", None,
                      "provenance: {table} {rows}: text[{s}:{e}] is {actual!r}, published {words} is {expected!r}")
ALTERNATE_MISSING = Check("provenance.alternate-missing", None, "provenance: {table}: {path} is missing")
ALTERNATE_HASH = Check("provenance.alternate-hash", None,
                       "provenance: {table}: {path} does not match its declared bytes/hash")


def check_provenance(folder: Path, tables: dict[str, pd.DataFrame]) -> list[Problem]:
    folder = Path(folder)
    problems, texts = check_texts(folder, tables["sources"])
    problems += span_problems(texts, tables)
    problems += check_alternates(folder)
    return problems + check_copies(folder, tables, schemas.TABLES)


def check_texts(folder: Path, sources: pd.DataFrame, keep=None) -> tuple[list[Problem], dict[str, str]]:
    """The stored text of each sources row: present, with its sha256 and length; and the texts read
    (those of the source ids in `keep`, if given)."""
    problems, texts = [], {}
    root = str(folder)
    for row in sources.itertuples(index=False):
        try:  # plain strings and open(): pathlib's overhead was a third of this loop on 100,000 texts
            with open(os.path.join(root, row.text_path), "rb") as fh:
                data = fh.read()
        except FileNotFoundError:
            problems.append(TEXT_MISSING.problem(row.source_id, path=row.text_path))
            continue
        if hashlib.sha256(data).hexdigest() != row.sha256:
            problems.append(TEXT_HASH.problem(row.source_id, path=row.text_path))
        text = data.decode("utf-8")
        if len(text) != row.n_chars:
            problems.append(TEXT_LENGTH.problem(row.source_id, declared=row.n_chars, actual=len(text)))
        if keep is None or row.source_id in keep:
            texts[row.source_id] = text
    return problems, texts


def check_copies(folder: Path, tables: dict[str, pd.DataFrame], names) -> list[Problem]:
    """The Parquet copy of each named table has the Table Schema's Arrow schema and the CSV's rows."""
    problems = []
    for table in names:
        path = parquet_path(table)
        if not (folder / path).exists():
            problems.append(PARQUET_MISSING.problem(table=table, path=path))
            continue
        actual = pq.read_schema(folder / path).remove_metadata()
        if not actual.equals(schemas.arrow_schema(table)):
            problems.append(PARQUET_SCHEMA.problem(table=table, path=path))
        elif not tables[table].equals(read_parquet_table(folder, table)):
            problems.append(COPIES_DIFFER.problem(table=table))
    return problems


def span_problems(texts: dict[str, str], tables: dict[str, pd.DataFrame]) -> list[Problem]:
    """Each SPANS triple slices its stored text to exactly the published words: one vectorised
    DuckDB query per span (substring counts Unicode code points, as Python slicing does)."""
    con = duckdb.connect()
    problems = []
    try:
        con.register("texts", pa.table({"source_id": list(texts), "stored_text": list(texts.values())}))
        for table, start, end, words, key in SPANS:
            spans = pa.Table.from_pandas(tables[table][[key, "source_id", start, end, words]], preserve_index=False)
            con.register("spans", spans)
            rows = con.execute(f"""
                SELECT s."{key}", s."{start}", s."{end}", s."{words}", t.stored_text IS NULL AS no_source,
                       substring(t.stored_text, "{start}" + 1, "{end}" - "{start}") AS actual
                FROM spans s LEFT JOIN texts t USING (source_id)
                WHERE NOT ("{start}" IS NULL AND "{end}" IS NULL AND "{words}" IS NULL)
                  AND (t.stored_text IS NULL OR "{start}" IS NULL OR "{end}" IS NULL OR "{words}" IS NULL
                       OR "{start}" < 0 OR "{end}" < "{start}" OR "{end}" > length(t.stored_text)
                       OR substring(t.stored_text, "{start}" + 1, "{end}" - "{start}") != s."{words}")
                ORDER BY s."{key}" """).fetchall()
            con.unregister("spans")
            for rid, s, e, expected, no_source, actual in rows:
                if no_source or s is None or e is None or expected is None:
                    problems.append(SPAN_INCOMPLETE.problem(rid, table, start=start, end=end, words=words))
                else:
                    problems.append(SPAN_MISMATCH.problem(rid, table, s=s, e=e, actual=(actual or "")[:60],
                                                          words=words, expected=str(expected)[:60]))
    finally:
        con.close()
    return problems


def check_alternates(folder: Path) -> list[Problem]:
    """The Parquet copies named in datapackage.json exist with the declared bytes and sha256."""
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    problems = []
    for res in descriptor.get("resources", []):
        for alt in res.get("alternates", []):
            path = folder / alt["path"]
            if not path.exists():
                problems.append(ALTERNATE_MISSING.problem(table=res["name"], path=alt["path"]))
                continue
            data = path.read_bytes()
            if len(data) != alt.get("bytes") or "sha256:" + hashlib.sha256(data).hexdigest() != alt.get("hash"):
                problems.append(ALTERNATE_HASH.problem(table=res["name"], path=alt["path"]))
    return problems
