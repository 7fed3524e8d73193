"""Rebuilds against the previous package: the same bytes as a build from scratch, and every corruption
of the catalogue still caught when only the rows that differ from the previous package are checked."""

import filecmp
import random
import shutil

from pipeline import DEFAULT_SOURCES
from pipeline.build import build
from pipeline.publish import DB_FILE, PUBLISHED
from pipeline.synth import _pieces, article
from pipeline.validate import mutations
from pipeline.validate.incremental import validate_changes

ARTICLE = "003_dcf083e96e20465f.txt"


def _published_files(folder):
    for rel in PUBLISHED:
        path = folder / rel
        if rel != DB_FILE:  # DuckDB's own file differs on every write
            yield from ([path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file()))


def test_incremental_build_publishes_the_bytes_of_a_build_from_scratch(tmp_path):
    """One article edited and one added after the previous build: the rebuild against it (texts linked,
    changed rows validated) publishes exactly what a build from scratch does."""
    corpus = tmp_path / "corpus"
    shutil.copytree(DEFAULT_SOURCES, corpus)
    out, fresh = tmp_path / "incremental", tmp_path / "fresh"
    build(corpus, out)  # the previous package, and the caches
    edited = corpus / ARTICLE
    edited.write_text(edited.read_text(encoding="utf-8") + "\nRussia delivered Su-35 fighters to Turkey in 2021.\n",
                      encoding="utf-8")
    (corpus / "new-2024-03-14.txt").write_text(article(random.Random(1), _pieces(), "2024-03-14"), encoding="utf-8")
    with open(corpus / "sources.csv", "a", encoding="utf-8") as fh:
        fh.write("new-2024-03-14,,Synthetic benchmark article,2024-03-14,\n")
    timings = {}
    build(corpus, out, timings=timings)
    build(corpus, fresh, cache=False)
    assert (timings["articles_extracted"], timings["articles_cached"]) == (2, 4)
    new, old = list(_published_files(out)), list(_published_files(fresh))
    assert [p.relative_to(out) for p in new] == [p.relative_to(fresh) for p in old] and len(new) > 20
    assert all(filecmp.cmp(a, b, shallow=False) for a, b in zip(new, old))


def test_every_corruption_is_caught_against_the_previous_package(built_package):
    results = mutations.run(built_package, previous=built_package)
    missed = [(m.name, m.layer, problems[:2]) for m, problems in results if not mutations.caught(m, problems)]
    assert not missed and len(results) == len(mutations.CATALOGUE)


def test_an_unchanged_package_passes_and_a_tampered_previous_one_vouches_for_nothing(built_package, tmp_path):
    copy = tmp_path / "copy"
    mutations.copy_package(built_package, copy)
    assert validate_changes(copy, built_package) == []
    tampered = tmp_path / "tampered"
    mutations.copy_package(built_package, tampered)
    csv = tampered / "data/csv/deals.csv"
    csv.write_bytes(csv.read_bytes().replace(b"contract", b"offer", 1))
    assert validate_changes(copy, tampered) is None
    assert validate_changes(copy, tmp_path / "nowhere") is None
