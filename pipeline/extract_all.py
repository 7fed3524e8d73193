"""Extraction over a whole corpus, as rows of the article tables (mentions, statements, deal events)
plus the entities discovered in each article.

Results are cached per article, keyed by the article's text and metadata and by the extractor's
and registry's fingerprints, so an unchanged article is never extracted twice. The cache is one
Arrow file per table (`<cache>/<table>.arrow`) and an index of the articles it holds: reading it
back costs a fraction of a second even for 100,000 articles. The uncached articles run in
batches on an executor: a local process pool over all cores by default, or any
concurrent.futures.Executor given (a Dask cluster's, see `cluster.py`); in this process when few.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Callable

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.feather as feather

from . import LEXICON_DIR, SCHEMA_DIR
from .corpus import Source
from .extract.article import extract_article
from .extract.discover import NewEntity
from .registry import Registry
from .rows import ARTICLE_TABLES, article_rows, arrow_rows

# The code and the vocabulary whose change must invalidate cached extraction results (code in the package,
# lexicons and schemas where the checkout or the installed package keeps them).
_PACKAGE = Path(__file__).resolve().parent
_EXTRACTOR_FILES = (("pipeline", _PACKAGE, ("boilerplate.py", "text.py", "resolve.py", "registry.py", "corpus.py",
                                            "rows.py", "lexicons.py", "csvfile.py", "schemas.py", "stages.py",
                                            "extract")),
                    ("lexicons", LEXICON_DIR, (".",)), ("schemas", SCHEMA_DIR, (".",)))
_PARALLEL_FROM = 200  # articles; below this, starting processes costs more than it saves
_INDEX = "index.pickle"  # generation token; article key -> (source_id, discovered entities)


@dataclass
class Extraction:
    """Rows of the article tables for a corpus, and what was discovered in each article."""
    tables: dict[str, pa.Table]
    entities: dict[str, list[NewEntity]]  # source_id -> entities discovered there
    extracted: int = 0  # articles extracted in this run
    cached: int = 0  # articles read back from the cache
    keys: dict[str, str] = field(default_factory=dict)  # source_id -> article key

    def discovered(self) -> list[NewEntity]:
        """Every discovered entity, articles in source_id order (the first article to name one wins)."""
        return [e for sid in sorted(self.entities) for e in self.entities[sid]]


def extractor_files() -> list[tuple[str, Path]]:
    """(name, path) of the extraction code and of the lexicons and schemas it reads, in a fixed order."""
    files: list[tuple[str, Path]] = []
    for label, root, parts in _EXTRACTOR_FILES:
        for part in parts:
            path = (root / part).resolve()
            found = sorted(f for f in path.glob("*") if f.suffix in (".py", ".csv", ".json")) if path.is_dir() \
                else [path]
            files += [(f"{label}/{f.relative_to(root.resolve()).as_posix()}", f) for f in found]
    return files


@lru_cache(maxsize=1)
def extractor_version() -> str:
    """sha256 of the extraction code and its lexicons: no manual version to forget to bump."""
    digest = hashlib.sha256()
    for name, f in extractor_files():
        digest.update(name.encode() + b"\0" + f.read_bytes())
    return digest.hexdigest()[:16]


def article_key(source: Source, registry: Registry) -> str:
    digest = hashlib.sha256()
    for part in (extractor_version(), registry.fingerprint, source.source_id, source.published or "",
                 source.published_precision, source.text):
        digest.update(part.encode("utf-8") + b"\0")
    return digest.hexdigest()


def extract_corpus(sources: list[Source], registry: Registry, cache_dir: Path | None = None,
                   workers: int | None = None, executor: Executor | None = None,
                   core_free: Callable[[], None] | None = None) -> Extraction:
    """Rows and discoveries for every article; cached ones are read back, not recomputed, and the
    cache is rewritten to hold exactly this corpus's articles. `core_free()` is called as soon as
    this machine has a core to spare: at once when the work is elsewhere (a cluster), small
    (in this process) or cached, else when the local pool is done."""
    keys = {s.source_id: article_key(s, registry) for s in sources}
    cached = _read_cache(cache_dir, keys) if cache_dir else None
    todo = [s for s in sources if cached is None or s.source_id not in cached.entities]
    parts = [cached] if cached is not None else []
    workers = workers or os.cpu_count() or 1
    local_pool = executor is None and len(todo) >= _PARALLEL_FROM and workers > 1
    if core_free is not None and not local_pool:
        core_free()
    if todo and executor is not None:
        parts += _run_batches(executor, todo, registry, 8 * workers)
    elif local_pool:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            parts += _run_batches(pool, todo, registry, 8 * workers)
        if core_free is not None:
            core_free()
    elif todo:
        bar = _bar(len(todo), todo)
        parts.append(extract_batch(todo if bar is None else bar, registry))
    result = _combine(parts)
    result.extracted, result.cached, result.keys = len(todo), len(sources) - len(todo), keys
    if cache_dir and todo:
        _write_cache(cache_dir, result)
    return result


def extract_batch(batch: list[Source], registry: Registry) -> Extraction:
    """The unit of work sent to a worker: a pure function of its articles and the registry."""
    rows: dict[str, list[dict]] = {t: [] for t in ARTICLE_TABLES}
    entities = {}
    for source in batch:
        facts = extract_article(source, registry)
        for table, table_rows in article_rows(facts, source).items():
            rows[table].extend(table_rows)
        entities[source.source_id] = facts.entities
    return Extraction({t: arrow_rows(t, rows[t]) for t in ARTICLE_TABLES}, entities)


def _run_batches(executor: Executor, todo: list[Source], registry: Registry, parts: int) -> list[Extraction]:
    """Split `todo` into about `parts` batches (at most 500 articles each) and map them on `executor`;
    the registry travels once per batch."""
    size = max(1, min(500, -(-len(todo) // parts)))
    batches = [todo[i:i + size] for i in range(0, len(todo), size)]
    bar = _bar(len(todo))
    out = []
    for batch, result in zip(batches, executor.map(extract_batch, batches, [registry] * len(batches))):
        out.append(result)
        if bar is not None:
            bar.update(len(batch))
    if bar is not None:
        bar.close()
    return out


def _combine(parts: list[Extraction]) -> Extraction:
    if not parts:
        return Extraction({t: arrow_rows(t, []) for t in ARTICLE_TABLES}, {})
    tables = {t: pa.concat_tables([p.tables[t] for p in parts]) for t in ARTICLE_TABLES}
    return Extraction(tables, {sid: es for p in parts for sid, es in p.entities.items()})


def _read_cache(cache_dir: Path, keys: dict[str, str]) -> Extraction | None:
    """The cached rows of the articles whose key is unchanged; None if there is no usable cache."""
    try:
        with open(Path(cache_dir) / _INDEX, "rb") as fh:
            index = pickle.load(fh)
        tables = {t: feather.read_table(Path(cache_dir) / f"{t}.arrow", memory_map=False) for t in ARTICLE_TABLES}
    except Exception:  # a missing, damaged or outdated cache is recomputed, never trusted
        return None
    if any((tab.schema.metadata or {}).get(b"generation") != index["generation"].encode() for tab in tables.values()):
        return None  # the files were not all written by the same run
    valid = {sid: entities for key, (sid, entities) in index["articles"].items() if keys.get(sid) == key}
    wanted = pa.array(sorted(valid), pa.string())
    return Extraction({t: tab.filter(pc.is_in(tab["source_id"], value_set=wanted)) for t, tab in tables.items()}, valid)


def _write_cache(cache_dir: Path, result: Extraction) -> None:
    """Replace the cache with this run's rows, each file written whole then renamed into place; all
    carry one generation token, so files left from different runs (a crash half-way) are not used."""
    cache_dir = Path(cache_dir)
    cache_dir.mkdir(parents=True, exist_ok=True)
    generation = os.urandom(8).hex()
    for table, rows in result.tables.items():
        tmp = cache_dir / f".{table}.{os.getpid()}.tmp"
        feather.write_feather(rows.replace_schema_metadata({"generation": generation}), tmp, compression="uncompressed")
        os.replace(tmp, cache_dir / f"{table}.arrow")
    index = {"generation": generation,
             "articles": {result.keys[sid]: (sid, entities) for sid, entities in result.entities.items()}}
    tmp = cache_dir / f".{_INDEX}.{os.getpid()}.tmp"
    with open(tmp, "wb") as fh:
        pickle.dump(index, fh, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, cache_dir / _INDEX)  # the index last: it names what the table files hold


def _bar(total: int, items: list | None = None):
    """A progress bar on a terminal for long runs (over `items`, or updated by hand); None otherwise."""
    if total < _PARALLEL_FROM or not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    return tqdm(items, total=total, desc="extract", unit="article", file=sys.stderr)
