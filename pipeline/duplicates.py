"""Duplicates at ingest: exact copies (the same text once a byte-order mark and line ends are normalised)
and near copies (a syndicated story under another header or footer).

Near copies are found with MinHash (datasketch) over 5-word shingles of the article's text outside site
boilerplate, lowercased: an LSH index proposes candidates, and a pair is a duplicate when the exact Jaccard
similarity of the two shingle sets is at least THRESHOLD (0.8). At 0.8, a 400-word story that gained or lost
a 20-word header or footer (about 9% of its shingles) is still a copy, while two reports of one event written
apart share far fewer 5-word runs (well under 0.5 in practice); the same paragraphs with a few names or years
changed also fall below it, since each change breaks five shingles.

Articles are taken in source_id order, so the kept article of each group is the one with the smallest id;
every other one points at it (never at another copy) with its similarity."""

from __future__ import annotations

import hashlib
import re
import zlib
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

THRESHOLD = 0.8  # Jaccard similarity of 5-word shingle sets at or above which two articles are one story
# LSH proposes pairs well below THRESHOLD (at its own threshold a pair is proposed only about half the time);
# the exact Jaccard check then decides
CANDIDATE_THRESHOLD = 0.5
SHINGLE = 5  # words per shingle
NUM_PERM = 128  # MinHash permutations
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Duplicate:
    source_id: str
    duplicate_of: str
    similarity: float


def normalised(text: str) -> str:
    """The text without a leading byte-order mark and with every line end as LF."""
    return text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def comparable_text(source) -> str:
    """What two copies of a story share: the text outside site boilerplate (all of it if no zones)."""
    if not source.zones:
        return source.text
    return "\n".join(source.text[z.start:z.end] for z in source.zones if z.kind != "boilerplate")


def shingles(text: str) -> np.ndarray:
    """The distinct lowercased 5-word shingles of a text (a shorter text is one), each as a 32-bit hash
    (crc32 of each word, combined in order): a hash collision between two shingles is 1 in 4 billion."""
    words = np.array([_word_hash(w) for w in _WORD.findall(text.lower())] or [0], dtype=np.uint64)
    n = max(1, len(words) - SHINGLE + 1)
    grams = np.zeros(n, dtype=np.uint64)
    for i in range(min(SHINGLE, len(words))):
        grams = (grams * np.uint64(1_000_003) + words[i:i + n]) & np.uint64(0xFFFFFFFF)
    return np.unique(grams)


@lru_cache(maxsize=1 << 20)
def _word_hash(word: str) -> int:
    return zlib.crc32(word.encode("utf-8"))


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """Jaccard similarity of two sets of shingle hashes (sorted, distinct)."""
    both = len(np.intersect1d(a, b, assume_unique=True))
    return both / (len(a) + len(b) - both)


@lru_cache(maxsize=1)
def _permutations():
    from datasketch import MinHash  # imported when first needed: the import costs about 0.9 s

    return MinHash(num_perm=NUM_PERM).permutations  # made once: making them is most of a MinHash's cost


def _minhash(grams: np.ndarray):
    from datasketch import MinHash

    m = MinHash(num_perm=NUM_PERM, hashfunc=int, permutations=_permutations(), scheme="affine32")
    m.update_batch(grams.tolist())  # the shingles are hashed already
    return m


def find_duplicates(sources, signatures: dict[str, np.ndarray] | None = None) -> list[Duplicate]:
    """Every article that copies an earlier one (by source_id), with the article it copies. `signatures`
    (text sha256 -> MinHash hash values) spares hashing texts seen before; new ones are added to it."""
    signatures = {} if signatures is None else signatures
    exact: dict[str, str] = {}  # sha256 of the normalised text -> kept source_id
    kept = {}  # source_id -> kept article (its shingles are made again for the rare candidate pairs)
    from datasketch import MinHashLSH

    index = MinHashLSH(threshold=CANDIDATE_THRESHOLD, num_perm=NUM_PERM)
    out = []
    for s in sorted(sources, key=lambda s: s.source_id):
        digest = hashlib.sha256(normalised(s.text).encode("utf-8")).hexdigest()
        if digest in exact:
            out.append(Duplicate(s.source_id, exact[digest], 1.0))
            continue
        m = _signature(s, signatures)
        candidates = index.query(m)
        near = _best_match(shingles(comparable_text(s)), [kept[c] for c in candidates]) if candidates else None
        if near:
            out.append(Duplicate(s.source_id, *near))
            continue
        exact[digest] = s.source_id
        kept[s.source_id] = s
        index.insert(s.source_id, m)
    return out


def _signature(source, signatures: dict[str, np.ndarray]):
    """The article's MinHash, from its known hash values or made from its shingles (and then kept)."""
    from datasketch import MinHash

    known = signatures.get(source.sha256)
    if known is not None:
        return MinHash(num_perm=NUM_PERM, hashvalues=known, permutations=_permutations(), scheme="affine32")
    m = _minhash(shingles(comparable_text(source)))
    signatures[source.sha256] = m.hashvalues
    return m


def _best_match(grams: np.ndarray, candidates: list) -> tuple[str, float] | None:
    """The most similar kept article at or above the threshold (ties: the smaller id), or None."""
    scored = [(round(jaccard(grams, shingles(comparable_text(c))), 4), c.source_id) for c in candidates]
    scored = [(sim, c) for sim, c in scored if sim >= THRESHOLD]
    if not scored:
        return None
    sim, cid = min(scored, key=lambda x: (-x[0], x[1]))
    return cid, sim


def mark_duplicates(sources, signatures: dict[str, np.ndarray] | None = None) -> list[Duplicate]:
    """Set `duplicate_of` and `duplicate_similarity` on every copy in `sources`; return the copies."""
    found = find_duplicates(sources, signatures)
    by_id = {s.source_id: s for s in sources}
    for d in found:
        by_id[d.source_id].duplicate_of = d.duplicate_of
        by_id[d.source_id].duplicate_similarity = d.similarity
    return found


def summary_lines(sources_table) -> list[str]:
    """One line per copy in a sources table: which article it duplicates and how closely."""
    if "duplicate_of" not in sources_table.columns:
        return []
    copies = sources_table[sources_table["duplicate_of"].notna()]
    return [f"duplicate {r.source_id} of {r.duplicate_of} (similarity {float(r.duplicate_similarity):.2f}): "
            "kept in sources, no facts taken from it" for r in copies.itertuples()]
