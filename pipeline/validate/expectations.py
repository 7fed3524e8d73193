"""Layer 2b: Great Expectations suites (schemas/expectations/<table>.json) for what Table Schemas
cannot say: cross-column order, row counts, null shares, suppliers and recipients that are states.
Plain membership (a speaker, a system, a deal that exists) is the Table Schemas' foreign keys, checked
on every row by DuckDB and frictionless; repeating it here cost GX seconds per build, since it
serialises each value set many times over."""

from __future__ import annotations

import atexit
import copy
import json
import logging
import multiprocessing
import os
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from functools import lru_cache
from pathlib import Path

import pandas as pd

from .. import SCHEMA_DIR, schemas
from .problems import Problem

SUITE_DIR = SCHEMA_DIR / "expectations"


@lru_cache(maxsize=1)
def _gx():
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")
    logging.getLogger("great_expectations").setLevel(logging.ERROR)
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    ctx = gx.get_context(mode="ephemeral")
    ctx.variables.progress_bars = ProgressBarsConfig(globally=False)
    return gx, ctx


def load_suite(table: str):
    """The stored suite as a GX ExpectationSuite; raises if GX silently dropped an expectation."""
    gx, _ = _gx()
    spec = json.loads((SUITE_DIR / f"{table}.json").read_text(encoding="utf-8"))
    suite = gx.ExpectationSuite(**copy.deepcopy(spec))
    if len(suite.expectations) != len(spec["expectations"]):
        raise ValueError(f"{SUITE_DIR / f'{table}.json'}: GX accepted {len(suite.expectations)} of "
                         f"{len(spec['expectations'])} expectations")
    return suite


def parameters(tables: dict[str, pd.DataFrame]) -> dict[str, list]:
    actors = tables["actors"]
    return {"state_ids": actors.loc[actors["kind"] == "state", "actor_id"].tolist()}


def suite_columns(suite) -> list[str]:
    """The columns a suite's expectations read, in the order first named."""
    names = []
    for e in suite.expectations:
        kwargs = e.configuration.kwargs
        names += [kwargs.get(k) for k in ("column", "column_A", "column_B")] + list(kwargs.get("column_list") or [])
    return list(dict.fromkeys(n for n in names if n))


# Expectations about a whole table (its size, unique values, null shares): checked on all rows even when
# only a changed slice of the other expectations' rows is checked.
_WHOLE_TABLE = {"expect_table_row_count_to_be_between", "expect_column_values_to_be_unique"}


def _whole_table(e) -> bool:
    return e.expectation_type in _WHOLE_TABLE or bool((e.meta or {}).get("min_rows"))


def _split(table: str, suite, tables: dict[str, pd.DataFrame], slices: dict[str, pd.DataFrame] | None) -> list:
    """(suite, frame) pairs to validate: the whole suite on the whole table, or, given slices, the
    whole-table expectations on the table and the row ones on its changed rows only."""
    if slices is None:
        return [(suite, tables[table])]
    gx, _ = _gx()
    parts = []
    for whole, frame in ((True, tables[table]), (False, slices[table])):
        chosen = [copy.copy(e) for e in suite.expectations if _whole_table(e) == whole]
        if chosen and (whole or len(frame)):
            parts.append((gx.ExpectationSuite(name=f"{suite.name}-{'whole' if whole else 'slice'}",
                                              expectations=chosen), frame))
    return parts


def check_expectations(tables: dict[str, pd.DataFrame],
                       slices: dict[str, pd.DataFrame] | None = None) -> list[Problem]:
    """The suites' problems; with `slices` (each table's new and changed rows), row expectations read
    only those, and whole-table ones (row counts, uniqueness, null shares) the whole tables."""
    _, ctx = _gx()
    params = parameters(tables)
    source = ctx.data_sources.add_or_update_pandas("package")
    problems = []
    for table in schemas.TABLES:
        asset = source.add_dataframe_asset(table) if table not in [a.name for a in source.assets] \
            else source.get_asset(table)
        batch_def = asset.add_batch_definition_whole_dataframe(f"{table}-all") \
            if f"{table}-all" not in [b.name for b in asset.batch_definitions] else asset.get_batch_definition(f"{table}-all")
        for suite, rows in _split(table, load_suite(table), tables, slices):
            problems += _validate(table, suite, rows, batch_def, params)
    return problems


def _validate(table: str, suite, rows: pd.DataFrame, batch_def, params: dict) -> list[Problem]:
    # only the columns the suite reads: GX hashes and converts every column it is given
    wanted = rows[suite_columns(suite) or list(rows.columns[:1])]
    frame = wanted.astype(object).where(wanted.notna(), None)
    result = batch_def.get_batch(batch_parameters={"dataframe": frame}).validate(
        suite, expectation_parameters=params, result_format="SUMMARY")
    problems = []
    for r in result.results:
        cfg = r.expectation_config
        if r.success or len(frame) < (cfg.meta or {}).get("min_rows", 0):
            continue  # distribution checks (meta.min_rows) need a sample of that many rows
        col = cfg.kwargs.get("column") or "/".join(filter(None, [cfg.kwargs.get("column_A"), cfg.kwargs.get("column_B")])) \
            or "(table)"
        detail = r.result or {}
        examples = detail.get("partial_unexpected_list") or detail.get("observed_value")
        why = (cfg.meta or {}).get("why", "")
        problems.append(Problem(f"expectation.{cfg.type}", table, col,  # the expectation's type is the code
                                f"expectation: {table}.{col}: {cfg.type} ({why}): "
                                f"{detail.get('unexpected_count', '')} unexpected, e.g. {str(examples)[:120]}"))
    return problems


_WORKER: ProcessPoolExecutor | None = None


def _worker() -> ProcessPoolExecutor:
    """One process beside this one that runs the suites, reused by every validation in this process
    (so GX is imported once, ~2 s, in parallel with the rest of the build)."""
    global _WORKER
    if _WORKER is None:
        _WORKER = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork"))
        atexit.register(stop_worker)
    return _WORKER


def warm_up() -> None:
    """Start the worker and import GX in it now (called when a build starts)."""
    _worker().submit(_gx_ready)


def _gx_ready() -> bool:
    _gx()
    return True


def submit_expectations(folder: Path, slices: dict[str, pd.DataFrame] | None = None) -> Future:
    """The suites' problems for the package at `folder` (row expectations on `slices` only, if given),
    computed in the worker process."""
    global _WORKER
    try:
        return _worker().submit(_expectations_of, Path(folder), slices)
    except BrokenProcessPool:  # the worker died (killed, out of memory): start a new one
        _WORKER = None
        return _worker().submit(_expectations_of, Path(folder), slices)


def _expectations_of(folder: Path, slices: dict[str, pd.DataFrame] | None = None) -> list[Problem]:
    from ..tables import read_csv_table

    return check_expectations({t: read_csv_table(folder, t) for t in schemas.TABLES}, slices)


def stop_worker() -> None:
    global _WORKER
    if _WORKER is not None:
        _WORKER.shutdown(wait=True, cancel_futures=True)
        _WORKER = None


def suite_dict(table: str) -> dict:
    """The loaded suite written back without GX's random ids: equals the stored JSON when canonical."""
    d = load_suite(table).to_json_dict()
    d.pop("id", None)
    for e in d["expectations"]:
        e.pop("id", None)
        for key in ("rendered_content", "description", "notes", "severity", "windows", "batch_id"):
            if e.get(key) in (None, [], {}):
                e.pop(key, None)
    for key in ("notes",):
        if d.get(key) is None:
            d.pop(key, None)
    return d


def write_suite(table: str) -> None:
    """Store a suite canonically: GX's own serialisation, minus its random ids."""
    text = json.dumps(suite_dict(table), indent=2, ensure_ascii=False) + "\n"
    (SUITE_DIR / f"{table}.json").write_text(text, encoding="utf-8")
