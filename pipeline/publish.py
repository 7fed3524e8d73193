"""Publish: tables -> CSV, Parquet, stored texts, datapackage.json, DuckDB file and SQL views,
written to a staging folder, validated, then swapped in. A failure leaves the old package as it was."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from . import __version__, schemas
from .corpus import Source
from .tables import parquet_path

DB_FILE = "data/arms.duckdb"
VIEWS_FILE = "data/views.sql"
# What a package consists of; these paths are replaced together on publish.
EXPLORER_FILE = "docs/explorer.html"
PICTURES_DIR = "docs/img"
PUBLISHED = ("datapackage.json", "data/csv", "data/parquet", "data/texts", DB_FILE, VIEWS_FILE, EXPLORER_FILE, PICTURES_DIR)
LISTED_SOURCES = 100  # articles named one by one in datapackage.json; a larger corpus is named by its table
DATA_LICENSE = {"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/",
                "title": "Creative Commons Attribution 4.0 International"}


def write_package(folder: Path, tables: dict[str, pd.DataFrame], sources: list[Source],
                  previous: Path | None = None) -> None:
    """Write the files that validation checks (texts, CSV, Parquet, descriptor, views) into `folder`;
    the DuckDB file is written by `write_duckdb` once they have passed. A stored text that the
    `previous` package holds with the same bytes is hard-linked from it, not written again."""
    folder = Path(folder)
    for sub in ("data/csv", "data/parquet", "data/texts"):
        (folder / sub).mkdir(parents=True, exist_ok=True)
    for s in sources:
        store_text(folder, s, previous)
    con = duckdb.connect()
    try:
        for table, df in tables.items():
            arrow = to_arrow(table, df)
            write_csv(con, arrow, folder / f"data/csv/{table}.csv")
            (folder / parquet_path(table)).parent.mkdir(parents=True, exist_ok=True)
            pq.write_table(arrow, folder / parquet_path(table), compression="zstd")
    finally:
        con.close()
    (folder / "datapackage.json").write_text(descriptor_json(folder, sources), encoding="utf-8")
    (folder / VIEWS_FILE).write_text(views_sql(), encoding="utf-8")


def store_text(folder: Path, source: Source, previous: Path | None) -> None:
    name = f"data/texts/{source.source_id}.txt"
    data = source.text.encode("utf-8")
    if previous is not None:
        try:
            with open(os.path.join(previous, name), "rb") as fh:
                same = fh.read() == data
            if same:
                os.link(os.path.join(previous, name), os.path.join(folder, name))
                return
        except OSError:  # none there, or no links across these folders: written anew
            pass
    with open(os.path.join(folder, name), "wb") as fh:
        fh.write(data)


def write_views_for_people(folder: Path) -> None:
    """The explorer page and the pictures, drawn from the package's own files."""
    from .explorer import render
    from .pictures import write_pictures

    (folder / EXPLORER_FILE).parent.mkdir(parents=True, exist_ok=True)
    (folder / EXPLORER_FILE).write_text(render(folder), encoding="utf-8")
    write_pictures(folder, folder / PICTURES_DIR)


def write_csv(con: duckdb.DuckDBPyConnection, arrow: pa.Table, path: Path) -> None:
    """UTF-8 CSV, LF, header row, quotes only where needed; blanks for nulls, true/false for
    booleans. DuckDB writes it (~20x faster than the csv module, same bytes on our data; it also
    quotes a bare CR and an empty string, which the csv module leaves ambiguous)."""
    con.register("csv_rows", arrow)
    try:
        target = str(path).replace("'", "''")
        con.execute(f"COPY csv_rows TO '{target}' (FORMAT csv, HEADER, DELIMITER ',', QUOTE '\"', ESCAPE '\"', "
                    "NULL '', NEW_LINE '\\n')")
    finally:
        con.unregister("csv_rows")


def to_csv_bytes(table: str, df: pd.DataFrame) -> bytes:
    """The CSV bytes `write_package` writes for `df`; required columns may hold nulls here, so that
    deliberately corrupted copies can be written (the mutation catalogue)."""
    loose = pa.schema([f.with_nullable(True) for f in schemas.arrow_schema(table)])
    arrow = pa.Table.from_pandas(df, schema=loose, preserve_index=False).replace_schema_metadata(None)
    with tempfile.TemporaryDirectory() as tmp:
        con = duckdb.connect()
        try:
            write_csv(con, arrow, Path(tmp) / "table.csv")
        finally:
            con.close()
        return (Path(tmp) / "table.csv").read_bytes()


def to_arrow(table: str, df: pd.DataFrame) -> pa.Table:
    arrow = pa.Table.from_pandas(df, schema=schemas.arrow_schema(table), preserve_index=False)
    return arrow.replace_schema_metadata(None)


def _file_facts(path: Path) -> dict:
    data = path.read_bytes()
    return {"bytes": len(data), "hash": "sha256:" + hashlib.sha256(data).hexdigest()}


def descriptor(folder: Path, sources: list[Source]) -> dict:
    """Data Package v2 descriptor: one CSV resource per table (checked by frictionless), each
    naming its typed Parquet copy under `alternates` (checked by our provenance layer, since
    frictionless reads Parquet through pandas and can neither hash it nor keep nullable integers)."""
    resources = []
    for table in schemas.TABLES:
        schema = json.loads(json.dumps(schemas.load(table)))
        csv_path = f"data/csv/{table}.csv"
        resources.append({
            "name": table, "type": "table", "path": csv_path, "format": "csv", "mediatype": "text/csv",
            "encoding": "utf-8", **_file_facts(Path(folder) / csv_path),
            "description": schema.pop("description", ""),
            "alternates": [{"path": parquet_path(table), "format": "parquet", "mediatype": "application/vnd.apache.parquet",
                            "compression": "zstd", **_file_facts(Path(folder) / parquet_path(table))}],
            "schema": schema,
        })
    return {
        "$schema": "https://datapackage.org/profiles/2.0/datapackage.json",
        "name": "arms-cooperation-news",
        "title": "Arms cooperation extracted from news articles",
        "description": ("Deals, deal events, systems, actors, statements and mentions extracted from news articles "
                        "on arms cooperation, every fact citing its source text with exact character offsets."),
        "version": __version__,
        "licenses": [DATA_LICENSE],
        "keywords": ["arms trade", "S-400", "Russia", "Turkey", "military-technical cooperation"],
        "sources": source_refs(sources),
        "resources": resources,
    }


def source_refs(sources: list[Source]) -> list[dict]:
    """Each article, for a corpus of up to LISTED_SOURCES; beyond, one entry pointing at the sources table
    (100,000 articles made an 8.6 MB descriptor that every reader parses and frictionless validated twice)."""
    if len(sources) <= LISTED_SOURCES:
        return [_source_ref(s) for s in sources]
    return [{"title": f"{len(sources)} news articles, each with its publisher, date and URL in the sources table",
             "path": "data/csv/sources.csv"}]


def _source_ref(s: Source) -> dict:
    title = " - ".join(x for x in (s.publisher, s.title) if x) or s.source_id
    ref = {"title": f"{title} ({s.published or 'date unknown'}) [{s.source_id}]"}
    if s.url:
        ref["path"] = s.url
    return ref


def descriptor_json(folder: Path, sources: list[Source]) -> str:
    return json.dumps(descriptor(folder, sources), indent=2, ensure_ascii=False) + "\n"


def write_duckdb(path: Path, tables: dict[str, pd.DataFrame]) -> None:
    """Every table with its keys declared; parents loaded before children."""
    if path.exists():
        path.unlink()
    con = duckdb.connect(str(path))
    try:
        for table in schemas.TABLES:
            con.execute(schemas.duckdb_ddl(table))
            for batch in _parent_first_batches(table, tables[table]):
                con.register("incoming_rows", to_arrow(table, batch))
                con.execute(f'INSERT INTO "{table}" SELECT * FROM incoming_rows')
                con.unregister("incoming_rows")
    finally:
        con.close()


def _parent_first_batches(table: str, df: pd.DataFrame) -> list[pd.DataFrame]:
    """Split a self-referencing table into levels so each row's parent is loaded first."""
    self_refs = [(c, pc) for c, parent, pc in schemas.foreign_keys(table) if parent == table]
    if not self_refs or df.empty:
        return [df]
    col, key = self_refs[0]
    parent_of = dict(zip(df[key], df[col]))

    def depth(k, seen=()):
        p = parent_of.get(k)
        return 0 if p is None or pd.isna(p) or p in seen else 1 + depth(p, seen + (k,))

    levels = df[key].map(depth)
    return [df[levels == d] for d in sorted(levels.unique())]


def views_sql() -> str:
    lines = [
        "-- Views over the published Parquet files. Paths are relative to the package root:",
        "-- from the package root:   duckdb -c \".read data/views.sql\"",
        "-- from anywhere else:      SET file_search_path = '/path/to/package'; then .read /path/to/package/data/views.sql",
        "",
    ]
    for table in schemas.TABLES:
        lines.append(f"CREATE OR REPLACE VIEW \"{table}\" AS SELECT * FROM read_parquet('data/parquet/{table}/*.parquet');")
    return "\n".join(lines) + "\n"


def swap_in(staging: Path, out: Path) -> None:
    """Replace the published paths of `out` with those of `staging`; roll back on failure."""
    out = Path(out)
    backup = Path(tempfile.mkdtemp(prefix=".previous-", dir=out))
    moved_old, moved_new = [], []
    try:
        for rel in PUBLISHED:
            (backup / rel).parent.mkdir(parents=True, exist_ok=True)
            (out / rel).parent.mkdir(parents=True, exist_ok=True)
            if (out / rel).exists():
                os.replace(out / rel, backup / rel)
                moved_old.append(rel)
            os.replace(staging / rel, out / rel)
            moved_new.append(rel)
    except BaseException:
        for rel in reversed(moved_new):
            os.replace(out / rel, staging / rel)
        for rel in reversed(moved_old):
            os.replace(backup / rel, out / rel)
        shutil.rmtree(backup, ignore_errors=True)  # reached only when every old path is back in place
        raise
    shutil.rmtree(backup, ignore_errors=True)
