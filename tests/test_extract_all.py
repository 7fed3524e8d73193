"""Corpus extraction: cached per article, parallel equal to serial, synthetic corpora deterministic."""

import dataclasses
import filecmp
import shutil
import subprocess
import sys

import pyarrow as pa
import pyarrow.feather as feather

from pipeline import DEFAULT_SOURCES, REPO_ROOT
from pipeline.build import build
from pipeline.corpus import read_corpus
from pipeline.extract_all import Extraction, article_key, extract_corpus, extractor_files
from pipeline.synth import write_corpus


def test_unchanged_articles_come_from_the_cache(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(DEFAULT_SOURCES, corpus)
    out = tmp_path / "out"
    first, second, third = {}, {}, {}
    build(corpus, out, timings=first)
    snapshot = tmp_path / "snapshot"
    shutil.copytree(out / "data/csv", snapshot)
    build(corpus, out, timings=second)
    assert (first["articles_extracted"], second["articles_extracted"], second["articles_cached"]) == (5, 0, 5)
    assert not filecmp.dircmp(snapshot, out / "data/csv").diff_files
    article = corpus / "003_dcf083e96e20465f.txt"
    article.write_text(article.read_text(encoding="utf-8") + "\nRussia delivered Su-35 fighters to Turkey in 2021.\n",
                       encoding="utf-8")
    build(corpus, out, timings=third)
    assert (third["articles_extracted"], third["articles_cached"]) == (1, 4)


def test_key_depends_on_text_metadata_and_registry(registry, corpus):
    source = corpus["001_1696e651a10f4c03"]
    key = article_key(source, registry)
    assert key == article_key(source, registry)
    source_copy = dataclasses.replace(source, published="2019-07")
    assert article_key(source_copy, registry) != key
    other = type(registry)(registry.actors, registry.systems, registry.folder, "another-registry")
    assert article_key(source, other) != key


def _same(a, b) -> bool:
    """Two extractions hold the same rows (in any order) and the same discoveries."""
    def rows(e, t):
        return sorted(e.tables[t].to_pylist(), key=repr)
    return all(rows(a, t) == rows(b, t) for t in a.tables) and a.entities == b.entities


def test_parallel_extraction_equals_serial(tmp_path, registry):
    folder = write_corpus(220, tmp_path / "syn", seed=3)
    sources = read_corpus(folder)
    parallel = extract_corpus(sources, registry, workers=2)
    halves = [extract_corpus(sources[:110], registry, workers=1), extract_corpus(sources[110:], registry, workers=1)]
    assert parallel.extracted == 220 and parallel.tables["mentions"].num_rows > 1000
    assert _same(parallel, Extraction({t: pa.concat_tables([h.tables[t] for h in halves]) for t in parallel.tables},
                                      {**halves[0].entities, **halves[1].entities}))


def test_cache_holds_the_corpus_and_mixed_runs_equal_a_fresh_one(tmp_path, registry):
    """A run that reads most articles from the cache and extracts a changed and a new one gives what
    a run without cache gives; the cache then holds exactly the current articles; a cache whose files
    come from different runs is not used."""
    folder = write_corpus(40, tmp_path / "syn", seed=8)
    cache = tmp_path / "cache"
    sources = read_corpus(folder)
    first = extract_corpus(sources[:30], registry, cache_dir=cache)
    assert (first.extracted, first.cached) == (30, 0)
    changed = dataclasses.replace(sources[0], text=sources[0].text.replace("Russia", "Belarus"))
    mixed_input = [changed] + sources[1:31]
    mixed = extract_corpus(mixed_input, registry, cache_dir=cache)
    assert (mixed.extracted, mixed.cached) == (2, 29)
    assert _same(mixed, extract_corpus(mixed_input, registry))
    again = extract_corpus(mixed_input, registry, cache_dir=cache)
    assert (again.extracted, again.cached) == (0, 31) and _same(again, mixed)
    stale = feather.read_table(cache / "mentions.arrow").replace_schema_metadata({"generation": "other-run"})
    feather.write_feather(stale, cache / "mentions.arrow")
    assert extract_corpus(mixed_input, registry, cache_dir=cache).extracted == 31


def test_synthetic_corpus_is_deterministic(tmp_path):
    a, b = write_corpus(30, tmp_path / "a", seed=11), write_corpus(30, tmp_path / "b", seed=11)
    names = sorted(p.name for p in a.iterdir())
    assert len(names) == 31 and names == sorted(p.name for p in b.iterdir())
    assert all((a / n).read_bytes() == (b / n).read_bytes() for n in names)
    assert (tmp_path / "a" / "syn-11-000000.txt").read_text(encoding="utf-8") != \
        write_corpus(1, tmp_path / "c", seed=12).joinpath("syn-12-000000.txt").read_text(encoding="utf-8")


def test_dask_cluster_extracts_what_the_local_pool_does(tmp_path, registry):
    """The same batches run on a real Dask LocalCluster (two worker processes) through the
    Executor interface, and give exactly the local pool's rows; a build with it publishes the
    same bytes."""
    from pipeline.cluster import dask_executor

    folder = write_corpus(60, tmp_path / "syn", seed=5)
    sources = read_corpus(folder)
    with dask_executor("local", workers=2) as executor:
        on_dask = extract_corpus(sources, registry, executor=executor)
        build(DEFAULT_SOURCES, tmp_path / "dask-out", executor=executor, cache=False)
    assert on_dask.extracted == 60 and _same(on_dask, extract_corpus(sources, registry, workers=1))
    build(DEFAULT_SOURCES, tmp_path / "local-out", cache=False)
    assert not filecmp.dircmp(tmp_path / "dask-out/data/csv", tmp_path / "local-out/data/csv").diff_files


def test_the_cache_key_covers_every_module_and_lexicon_extraction_reads():
    probe = ("import sys, pipeline.extract.article as a; "
             "print('\\n'.join(m.__file__ for n, m in sys.modules.items() if n.startswith('pipeline')))")
    loaded = set(subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True,
                                cwd=REPO_ROOT).stdout.split())
    hashed = {str(f) for _, f in extractor_files()}
    ingest_or_glue = {"__init__.py", "errors.py", "extract_all.py", "html_in.py", "pubdate.py"}
    assert {f for f in loaded - hashed if f.rsplit("/", 1)[-1] not in ingest_or_glue} == set()
    assert {str(f) for f in (REPO_ROOT / "data" / "lexicons").glob("*.csv")} <= hashed
    assert {str(f) for f in (REPO_ROOT / "schemas").glob("*.json")} <= hashed
