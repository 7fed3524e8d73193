"""Build: ingest -> extract -> assemble -> write to staging -> validate -> swap in."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pandas as pd

from . import DEFAULT_SOURCES, REGISTRY_DIR, REPO_ROOT
from .assemble import deal_id, extracted_rows, tables_from_rows, with_discovered
from .corpus import read_corpus
from .errors import ValidationFailed
from .extract.article import extract_article
from .overrides import apply_overrides, load_overrides
from .publish import swap_in, write_package
from .registry import load_registry
from .validate import validate_package


def build(sources: Path = DEFAULT_SOURCES, out: Path = REPO_ROOT, registry: Path = REGISTRY_DIR,
          report=None) -> dict[str, pd.DataFrame]:
    """Build the package from the articles in `sources` into `out`; nothing changes in `out` on failure.
    `report(line)` receives notices, such as overrides that no longer match anything."""
    articles = read_corpus(Path(sources))
    reg = load_registry(Path(registry))
    overrides = load_overrides(Path(sources), articles)
    facts = [extract_article(a, reg) for a in articles]
    rows = extracted_rows(articles, facts)
    for o in apply_overrides(rows, overrides, deal_id):
        if report:
            report(f"override {o.override_id} (overrides.csv line {o.line}) no longer matches anything: {o.reason}")
    tables = tables_from_rows(rows, with_discovered(reg, facts))
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=out))
    try:
        write_package(staging, tables, articles)
        problems = validate_package(staging)
        if problems:
            raise ValidationFailed(problems)
        swap_in(staging, out)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return tables
