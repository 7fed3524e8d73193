"""Extraction over a whole corpus: cached per article by the article's content and the extractor's
and registry's fingerprints, so an unchanged article is never extracted twice; the rest runs in
parallel over all cores (serially for small corpora), with a progress bar on a terminal."""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from concurrent.futures import Executor, ProcessPoolExecutor
from functools import lru_cache
from pathlib import Path

from . import REPO_ROOT
from .corpus import Source
from .extract.article import ArticleFacts, extract_article
from .registry import Registry

# The code whose change must invalidate cached extraction results.
_EXTRACTOR_FILES = ("pipeline/boilerplate.py", "pipeline/text.py", "pipeline/resolve.py", "pipeline/registry.py",
                    "pipeline/corpus.py", "pipeline/extract")
_PARALLEL_FROM = 200  # articles; below this, starting processes costs more than it saves


@lru_cache(maxsize=1)
def extractor_version() -> str:
    """sha256 of the extraction code itself: no manual version to forget to bump."""
    digest = hashlib.sha256()
    for rel in _EXTRACTOR_FILES:
        path = REPO_ROOT / rel
        for f in sorted(path.rglob("*.py")) if path.is_dir() else [path]:
            digest.update(f.relative_to(REPO_ROOT).as_posix().encode() + b"\0" + f.read_bytes())
    return digest.hexdigest()[:16]


def article_key(source: Source, registry: Registry) -> str:
    digest = hashlib.sha256()
    for part in (extractor_version(), registry.fingerprint, source.source_id, source.published or "",
                 source.published_precision, source.text):
        digest.update(part.encode("utf-8") + b"\0")
    return digest.hexdigest()


def extract_corpus(sources: list[Source], registry: Registry, cache_dir: Path | None = None,
                   workers: int | None = None, stats: dict | None = None,
                   executor: Executor | None = None) -> list[ArticleFacts]:
    """Facts for every article, in the order given; cached ones are read back, not recomputed.

    Uncached articles are extracted in batches on `executor` when one is given (any
    concurrent.futures.Executor: a Dask cluster's `client.get_executor()`, see `cluster.py`),
    else on a local process pool over `workers` cores (all by default), or in this process
    when there are few of them."""
    keys = [article_key(s, registry) for s in sources]
    results: list[ArticleFacts | None] = [_read(cache_dir, k) if cache_dir else None for k in keys]
    todo = [i for i, r in enumerate(results) if r is None]
    workers = workers or os.cpu_count() or 1
    if executor is not None and todo:
        _run_batches(executor, sources, todo, results, registry, parts=8 * workers)
    elif len(todo) >= _PARALLEL_FROM and workers > 1:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            _run_batches(pool, sources, todo, results, registry, parts=8 * workers)
    else:
        for i in _progress(todo, len(todo)):
            results[i] = extract_article(sources[i], registry)
    if cache_dir:
        for i in todo:
            _write(cache_dir, keys[i], results[i])
    if stats is not None:
        stats.update(extracted=len(todo), cached=len(sources) - len(todo))
    return results


def extract_batch(batch: list[Source], registry: Registry) -> list[ArticleFacts]:
    """The unit of work sent to a worker: a pure function of its articles and the registry."""
    return [extract_article(s, registry) for s in batch]


def _run_batches(executor: Executor, sources: list[Source], todo: list[int], results: list,
                 registry: Registry, parts: int) -> None:
    """Split `todo` into about `parts` batches (at most 500 articles each), map them on `executor`
    and put each article's facts in its place; the registry travels once per batch."""
    size = max(1, min(500, -(-len(todo) // parts)))
    batches = [todo[i:i + size] for i in range(0, len(todo), size)]
    done = executor.map(extract_batch, [[sources[i] for i in b] for b in batches], [registry] * len(batches))
    bar = _bar(len(todo))
    for batch, facts in zip(batches, done):
        for i, f in zip(batch, facts):
            results[i] = f
        if bar is not None:
            bar.update(len(batch))
    if bar is not None:
        bar.close()


def _bar(total: int):
    """A progress bar on a terminal for long runs; None otherwise."""
    if total < _PARALLEL_FROM or not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    return tqdm(total=total, desc="extract", unit="article", file=sys.stderr)


def _progress(items, total: int):
    if total < _PARALLEL_FROM or not sys.stderr.isatty():
        return items
    from tqdm import tqdm

    return tqdm(items, total=total, desc="extract", unit="article", file=sys.stderr)


def _path(cache_dir: Path, key: str) -> Path:
    return Path(cache_dir) / key[:2] / f"{key}.pickle"


def _read(cache_dir: Path, key: str) -> ArticleFacts | None:
    try:
        with open(_path(cache_dir, key), "rb") as fh:
            return pickle.load(fh)
    except FileNotFoundError:
        return None
    except Exception:  # a damaged or outdated cache entry is recomputed, never trusted
        return None


def _write(cache_dir: Path, key: str, facts: ArticleFacts) -> None:
    path = _path(cache_dir, key)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    with open(tmp, "wb") as fh:
        pickle.dump(facts, fh, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, path)
