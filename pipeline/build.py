"""Build: ingest -> extract -> assemble -> write to staging -> validate -> swap in."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pandas as pd

from . import DEFAULT_SOURCES, REGISTRY_DIR, REPO_ROOT
from .assemble import assemble
from .corpus import read_corpus
from .errors import ValidationFailed
from .extract.article import extract_article
from .publish import swap_in, write_package
from .registry import load_registry
from .validate import validate_package


def build(sources: Path = DEFAULT_SOURCES, out: Path = REPO_ROOT, registry: Path = REGISTRY_DIR) -> dict[str, pd.DataFrame]:
    """Build the package from the articles in `sources` into `out`; nothing changes in `out` on failure."""
    articles = read_corpus(Path(sources))
    reg = load_registry(Path(registry))
    facts = [extract_article(a, reg) for a in articles]
    tables = assemble(articles, facts, reg)
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
