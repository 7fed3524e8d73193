"""Build: ingest -> extract -> assemble -> write to staging -> validate (the DuckDB file loading beside it) -> swap in."""

from __future__ import annotations

import gc
import shutil
import tempfile
import time
from concurrent.futures import Executor, ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import pandas as pd
import pyarrow as pa

from . import DEFAULT_SOURCES, REGISTRY_DIR, REPO_ROOT
from .assemble import deal_id, tables_from_rows
from .corpus import date_disagreement, read_corpus
from .duplicates import mark_duplicates
from .errors import ValidationFailed
from .extract_all import extract_corpus
from .lock import clear_leftovers, output_lock
from .overrides import apply_overrides, load_overrides
from .publish import DB_FILE, PUBLISHED, swap_in, write_duckdb, write_package, write_views_for_people
from .registry import load_registry
from .rows import source_row
from .validate import validate_package
from .validate.expectations import warm_up
from .zone_cache import KnownTexts, load_known, save_known


CACHE_DIR = ".cache/extract"  # inside the output folder; never published
ZONES_FILE = ".cache/texts.pickle"  # zones, stated dates and MinHash signatures of the texts seen


def build(sources: Path = DEFAULT_SOURCES, out: Path = REPO_ROOT, registry: Path = REGISTRY_DIR,
          report=None, timings: dict | None = None, workers: int | None = None, cache: bool = True,
          executor: Executor | None = None, wait: bool = True,
          full_validation: bool = False) -> dict[str, pd.DataFrame]:
    """`_build` holding the output folder's lock (waiting for another build, or BuildLocked if not `wait`),
    after clearing what killed builds left there (lock.py)."""
    Path(out).mkdir(parents=True, exist_ok=True)
    with output_lock(Path(out), wait, report):
        clear_leftovers(Path(out), PUBLISHED, report)
        return _build(sources, out, registry, report, timings, workers, cache, executor, full_validation)


def _build(sources: Path, out: Path, registry: Path, report, timings: dict | None, workers: int | None,
           cache: bool, executor: Executor | None, full_validation: bool = False) -> dict[str, pd.DataFrame]:
    """Build the package from the articles in `sources` into `out`; nothing changes in `out` on failure.
    `report(line)` receives notices (overrides that no longer match anything); `timings` receives the
    seconds each stage took; extraction results are cached under `out/.cache/` unless `cache` is False.
    Extraction runs on `executor` if given (e.g. a Dask cluster's), else on a local pool of `workers`.
    With the cache on, a package already in `out` serves as the previous one: unchanged stored texts are
    linked from it, and only rows that differ from it are validated row by row (whole-table checks run
    on all rows), unless `full_validation`."""
    clock = _Stages(timings)
    out = Path(out)
    with clock("ingest"), _collector_paused():
        known = load_known(out / ZONES_FILE) if cache else KnownTexts()
        articles = read_corpus(Path(sources), known.zones, known.dates)
        for notice in filter(None, map(date_disagreement, articles)):
            (report or print)(notice)
        signed = len(known.signatures)
        mark_duplicates(articles, known.signatures)  # a copy is kept in sources (its text stored) but adds no facts
        if cache and (not known.covers(articles) or len(known.signatures) != signed):
            save_known(out / ZONES_FILE, articles, known.signatures)
        originals = [s for s in articles if s.duplicate_of is None]
        reg = load_registry(Path(registry))
        overrides = load_overrides(Path(sources), articles)
    with clock("extract"):  # GX loads in its worker process as soon as a core is free
        extraction = extract_corpus(originals, reg, out / CACHE_DIR if cache else None, workers, executor,
                                    core_free=warm_up)
    with clock("assemble"), _collector_paused():
        rows = {"sources": [source_row(s) for s in articles], **extraction.tables}
        for table in {o.table for o in overrides}:  # overrides edit rows as dicts
            rows[table] = rows[table].to_pylist() if isinstance(rows[table], pa.Table) else rows[table]
        for o in apply_overrides(rows, overrides, deal_id):
            if report:
                report(f"override {o.override_id} (overrides.csv line {o.line}) no longer matches anything: {o.reason}")
        tables = tables_from_rows(rows, reg.extended(extraction.discovered()))
    out.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=out))
    previous = out if cache and (out / "datapackage.json").is_file() else None
    try:
        with clock("write"):
            write_package(staging, tables, articles, previous)
        with clock("validate"), ThreadPoolExecutor(max_workers=1) as beside:
            # the DuckDB file is loaded meanwhile (DuckDB works outside the GIL); unused if validation fails
            database = beside.submit(write_duckdb, staging / DB_FILE, tables)
            problems = validate_package(staging, previous=None if full_validation else previous)
            if problems:  # they say why, better than the database's own error on the same rows would
                raise ValidationFailed(problems)
            database.result()
        with clock("publish"):
            write_views_for_people(staging)
            swap_in(staging, out)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    if timings is not None:
        timings.update(articles_extracted=extraction.extracted, articles_cached=extraction.cached)
    return tables


def date_summary(tables: dict[str, pd.DataFrame]) -> list[str]:
    """Where the publication dates came from, and how many events are undated and why."""
    src, ev = tables["sources"], tables["deal_events"]
    bases = src["published_basis"].value_counts()
    lines = ["publication dates: " + ", ".join(f"{bases.get(b, 0)} from {b}" for b in ("metadata", "text", "url"))
             + f", {bases.get('none', 0)} sources undated"]
    undated = int(ev["event_date"].isna().sum())
    if undated:  # the rules make sure a dated article's events are dated
        lines.append(f"{undated} of {len(ev)} deal events undated: their articles state no publication date "
                     "(sources.csv, head of the text or URL) and their sentences no date")
    return lines


@contextmanager
def _collector_paused():
    """Python's cycle collector off for a stage that makes millions of long-lived objects and no cycles:
    otherwise it walks them all again and again (reading 100,000 articles: 15 s, of it 4 s collecting)."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


class _Stages:
    """Context manager factory that adds each stage's wall time to a dict."""

    def __init__(self, timings: dict | None):
        self.timings = timings

    @contextmanager
    def __call__(self, stage: str):
        start = time.perf_counter()
        try:
            yield
        finally:
            if self.timings is not None:
                self.timings[stage] = self.timings.get(stage, 0.0) + time.perf_counter() - start
