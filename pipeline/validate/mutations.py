"""Proof that validation catches what it should: copy a built package, inject one corruption at a
time (written consistently to CSV, Parquet and the descriptor's hashes, so the layer meant to
catch it is the one tested), and check that validation reports it with the code of the check meant to
catch it (`problems.Problem.code`; its first part is the layer).

    python -m pipeline.validate.mutations [PACKAGE_DIR]
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pandas as pd
import pyarrow.parquet as pq

from .. import REPO_ROOT
from ..publish import PUBLISHED, to_arrow, to_csv_bytes
from ..tables import parquet_path, read_csv_table
from . import find_problems
from .problems import Problem


@dataclass(frozen=True)
class Mutation:
    name: str
    code: str  # the code of the problem expected: 'rule.supplier-is-recipient', 'schema.foreign-key'
    apply: Callable[[Path], None]

    @property
    def layer(self) -> str:  # the layer expected to report it: schema | rule | expectation | provenance
        return self.code.split(".", 1)[0]


def _table(folder: Path, table: str, change: Callable[[pd.DataFrame], pd.DataFrame]) -> None:
    """Rewrite one table (CSV and Parquet) after `change`, and refresh the descriptor's hashes."""
    df = change(read_csv_table(folder, table).copy())
    (folder / f"data/csv/{table}.csv").write_bytes(to_csv_bytes(table, df))
    try:
        arrow = to_arrow(table, df)
    except (ValueError, TypeError):  # Arrow refuses the corruption (a null in a required column)
        arrow = None
    if arrow is not None:
        pq.write_table(arrow, folder / parquet_path(table), compression="zstd")
    refresh_descriptor(folder)


def _csv_text(folder: Path, table: str, old: str, new: str) -> None:
    path = folder / f"data/csv/{table}.csv"
    text = path.read_text(encoding="utf-8")
    if old not in text:
        raise ValueError(f"{old!r} not in {path}")
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    refresh_descriptor(folder)


def refresh_descriptor(folder: Path) -> None:
    path = folder / "datapackage.json"
    d = json.loads(path.read_text(encoding="utf-8"))
    for res in d["resources"]:
        for item in [res, *res.get("alternates", [])]:
            data = (folder / item["path"]).read_bytes()
            item["bytes"], item["hash"] = len(data), "sha256:" + hashlib.sha256(data).hexdigest()
    path.write_text(json.dumps(d, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def _set(table, mask_fn, column, value):
    def change(df):
        mask = pd.Series(mask_fn(df), index=df.index).fillna(False).astype(bool)
        if not mask.any():
            raise ValueError(f"no row to corrupt in {table}")
        first = mask[mask].index[0]
        df.loc[first, column] = value
        return df
    return lambda folder: _table(folder, table, change)


def _first(df):
    return df.index == df.index[0]


def _drop_referenced_system(folder):
    used = read_csv_table(folder, "deals")["system_id"].dropna().iloc[0]
    _table(folder, "systems", lambda df: df[df["system_id"] != used])


def _shift(table, by=1):
    def change(df):
        df.loc[df.index[0], ["char_start", "char_end"]] = df.loc[df.index[0], ["char_start", "char_end"]] + by
        return df
    return lambda folder: _table(folder, table, change)


def _edit_one_char(table, column):
    def change(df):
        value = df.loc[df.index[0], column]
        df.loc[df.index[0], column] = value[:-1] + ("X" if value[-1] != "X" else "Y")
        return df
    return lambda folder: _table(folder, table, change)


def _edit_text_file(folder):
    path = next(iter(sorted((folder / "data/texts").glob("*.txt"))))
    path.write_bytes(path.read_bytes().replace(b"Turkey", b"Turkei", 1))


def _parquet_only(folder):
    df = read_csv_table(folder, "deals")
    df.loc[df.index[0], "status"] = "talks" if df.loc[df.index[0], "status"] != "talks" else "offer"
    pq.write_table(to_arrow("deals", df), folder / parquet_path("deals"), compression="zstd")
    refresh_descriptor(folder)


def _parquet_bytes(folder):
    df = read_csv_table(folder, "actors").iloc[:-1]
    pq.write_table(to_arrow("actors", df), folder / parquet_path("actors"), compression="zstd")


def _parquet_type(folder):
    table = pq.read_table(folder / parquet_path("sources"))
    idx = table.schema.get_field_index("n_chars")
    table = table.set_column(idx, "n_chars", table.column("n_chars").cast("string"))
    pq.write_table(table, folder / parquet_path("sources"), compression="zstd")
    refresh_descriptor(folder)


def _status_without_events(df):
    df.loc[df["status"].isin(["talks", "interest"]).idxmax(), "status"] = "delivered"
    return df


def _delivery_before_order(df):
    first = df.index != 0
    return df.assign(ordered_year=df["ordered_year"].where(first, 2015),
                     delivery_first_year=df["delivery_first_year"].where(first, 2014),
                     delivery_last_year=df["delivery_last_year"].where(first, 2014))


def _null_speakers(df):
    df["speaker_id"] = pd.NA
    df["speaker_text"] = pd.NA
    df["speaker_start"] = pd.NA
    df["speaker_end"] = pd.NA
    return df


CATALOGUE: list[Mutation] = [
    Mutation("dangling foreign key (event -> missing deal)", "schema.foreign-key",
             _set("deal_events", _first, "deal_id", "russia-mars-s-400-sale")),
    Mutation("duplicated primary key (actors)", "schema.primary-key",
             lambda f: _table(f, "actors", lambda df: pd.concat([df, df.iloc[[0]]]))),
    Mutation("enum value outside the codebook (deals.status)", "schema.constraint-error",
             _set("deals", _first, "status", "shipped")),
    Mutation("a year of 1066 (deals.ordered_year)", "schema.constraint-error",
             _set("deals", _first, "ordered_year", 1066)),
    Mutation("delivery before order", "expectation.expect_column_pair_values_a_to_be_greater_than_b",
             lambda f: _table(f, "deals", _delivery_before_order)),
    Mutation("mention offsets shifted by one", "provenance.span-mismatch",
             _shift("mentions")),
    Mutation("event evidence offsets shifted by one", "provenance.span-mismatch",
             _shift("deal_events")),
    Mutation("quote edited by one character", "provenance.span-mismatch",
             _edit_one_char("statements", "text")),
    Mutation("evidence edited by one character", "provenance.span-mismatch",
             _edit_one_char("deal_events", "evidence")),
    Mutation("mention surface edited by one character", "provenance.span-mismatch",
             _edit_one_char("mentions", "surface")),
    Mutation("stored text changed (hash mismatch)", "provenance.text-hash",
             _edit_text_file),
    Mutation("stored text missing", "provenance.text-missing",
             lambda f: next(iter(sorted((f / "data/texts").glob("*.txt")))).unlink()),
    Mutation("n_chars wrong", "provenance.n-chars",
             _set("sources", _first, "n_chars", 99999)),
    Mutation("null speaker_text on a direct quote with a speaker", "rule.quote-without-speaker-text",
             _set("statements", lambda df: (df["kind"] == "direct") & df["speaker_id"].notna(), "speaker_text", pd.NA)),
    Mutation("speaker offsets do not slice speaker_text", "provenance.span-mismatch",
             _set("statements", lambda df: df["speaker_start"].notna(), "speaker_start", 0)),
    Mutation("row dropped from a parent table (system of a deal)", "schema.foreign-key",
             _drop_referenced_system),
    Mutation("row dropped from sources", "schema.foreign-key",
             lambda f: _table(f, "sources", lambda df: df.iloc[1:])),
    Mutation("mention names both an actor and a system", "rule.mention-entity-mismatch",
             _set("mentions", lambda df: df["actor_id"].notna(), "system_id", "s-400")),
    Mutation("n_events does not match the events", "rule.event-counts",
             _set("deals", _first, "n_events", 99)),
    Mutation("status not backed by events (delivered with only talks)", "rule.status-events",
             lambda f: _table(f, "deals", _status_without_events)),
    Mutation("supplier is not a state", "expectation.expect_column_values_to_be_in_set",
             _set("deals", _first, "supplier_id", "rosoboronexport")),
    Mutation("supplier equals recipient", "rule.supplier-is-recipient",
             lambda f: _table(f, "deals", lambda df: df.assign(
                 recipient_id=df["recipient_id"].where(df.index != 0, df["supplier_id"])))),
    Mutation("id that breaks the slug pattern", "schema.constraint-error",
             _set("statements", _first, "statement_id", "Not A Slug")),
    Mutation("publication date in the wrong format", "schema.constraint-error",
             _set("sources", _first, "published", "2019/07/22")),
    Mutation("required evidence missing", "schema.constraint-error",
             _set("deal_events", _first, "evidence", pd.NA)),
    Mutation("negative deal value", "schema.constraint-error",
             _set("deals", _first, "value_usd", -5)),
    Mutation("quantity of zero", "schema.constraint-error",
             _set("deals", _first, "quantity", 0)),
    Mutation("speaker that is not an actor", "schema.foreign-key",
             _set("statements", lambda df: df["speaker_id"].notna(), "speaker_id", "nobody-at-all")),
    Mutation("boolean that is not true/false", "schema.type-error",
             lambda f: _csv_text(f, "systems", ",true,", ",maybe,")),
    Mutation("event dated 1066", "expectation.expect_column_values_to_match_regex",
             _set("deal_events", _first, "event_date", "1066")),
    Mutation("empty table (all mentions removed)", "expectation.expect_table_row_count_to_be_between",
             lambda f: _table(f, "mentions", lambda df: df.iloc[0:0])),
    Mutation("no statement has a speaker any more", "expectation.expect_column_values_to_not_be_null",
             lambda f: _table(f, "statements", _null_speakers)),
    Mutation("CSV changed after publishing (descriptor hash)", "schema.hash-count",
             lambda f: (f / "data/csv/sources.csv").write_bytes(
                 (f / "data/csv/sources.csv").read_bytes().replace(b"Fort Russ", b"Fort Rusk"))),
    Mutation("Parquet copy disagrees with its CSV", "provenance.copies-differ",
             _parquet_only),
    Mutation("Parquet file changed after publishing (alternate hash)", "provenance.alternate-hash",
             _parquet_bytes),
    Mutation("Parquet column of the wrong type", "provenance.parquet-schema",
             _parquet_type),
    Mutation("empty evidence span (char_end == char_start)", "rule.empty-span",
             lambda f: _table(f, "deal_events", lambda df: df.assign(
                 char_end=df["char_end"].where(df.index != 0, df["char_start"])))),
]


def copy_package(package: Path, dest: Path) -> None:
    """Copy the published files of a package (not the DuckDB file, which validation does not read)."""
    for rel in PUBLISHED:
        src = Path(package) / rel
        if src.is_dir():
            shutil.copytree(src, dest / rel)
        elif src.exists() and not rel.endswith(".duckdb"):
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / rel)


def run(package: Path, **validate_options) -> list[tuple[Mutation, list[Problem]]]:
    """(mutation, problems reported) for every mutation of the catalogue, each on a fresh copy
    (`validate_options` go to find_problems, e.g. to force the sampled large-package mode)."""
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        for i, mutation in enumerate(CATALOGUE):
            copy = Path(tmp) / f"m{i:02d}"
            copy_package(package, copy)
            mutation.apply(copy)
            out.append((mutation, find_problems(copy, **validate_options)))
            shutil.rmtree(copy)
    return out


def caught(mutation: Mutation, problems: list[Problem]) -> bool:
    return any(p.code == mutation.code for p in problems)


def main(argv: list[str]) -> int:
    package = Path(argv[0]) if argv else REPO_ROOT
    results = run(package)
    hits = 0
    for mutation, problems in results:
        ok = caught(mutation, problems)
        hits += ok
        first = next((p for p in problems if caught(mutation, [p])), problems[0] if problems else None)
        shown = first.message[:150] if first else "nothing reported"
        print(f"{'CAUGHT' if ok else 'MISSED'}  [{mutation.code}] {mutation.name}\n          {shown}")
    print(f"\ncaught {hits} of {len(results)} corruptions ({hits / len(results):.0%})")
    return 0 if hits == len(results) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
