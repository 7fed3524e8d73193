"""Shared fixtures: the real seed corpus, the curated registry, and a package built from them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pipeline import DEFAULT_SOURCES, REPO_ROOT
from pipeline.build import build
from pipeline.corpus import read_corpus
from pipeline.extract.article import extract_article
from pipeline.registry import load_registry

SEEDS = REPO_ROOT.parent / "shared" / "seeds"


@pytest.fixture(scope="session")
def registry():
    return load_registry()


@pytest.fixture(scope="session")
def corpus():
    return {s.source_id: s for s in read_corpus(DEFAULT_SOURCES)}


@pytest.fixture(scope="session")
def facts(corpus, registry):
    return {sid: extract_article(s, registry) for sid, s in corpus.items()}


@pytest.fixture(scope="session")
def built_package(tmp_path_factory) -> Path:
    """The default corpus built into a fresh folder (the repository itself is not touched)."""
    out = tmp_path_factory.mktemp("package")
    build(out=out)
    return out


@pytest.fixture()
def user_corpus(tmp_path) -> Path:
    """A user's folder: two seed articles copied under new names, with a sources.csv."""
    folder = tmp_path / "articles"
    folder.mkdir()
    shutil.copy(DEFAULT_SOURCES / "001_1696e651a10f4c03.txt", folder / "aa-2019-07-22.txt")
    shutil.copy(DEFAULT_SOURCES / "003_dcf083e96e20465f.txt", folder / "dfnc-2020-06.txt")
    (folder / "sources.csv").write_text(
        "source_id,title,publisher,published,url\n"
        "aa-2019-07-22,,Anadolu Agency,2019-07-22,\n"
        "dfnc-2020-06,,dfnc.ru,2020-06,\n", encoding="utf-8")
    return folder
