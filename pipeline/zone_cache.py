"""What a build learns about each article text, kept between builds in the output folder's cache: its
zones (body, credit, boilerplate lines), the publication date it states (with its URL) and its MinHash
signature for near-duplicate search. Finding these is most of reading a corpus (for 10,000 news-length
articles: 23 s of a 25 s ingest), and an unchanged text has unchanged ones. Keyed by the text's sha256
(and URL for the date); the whole file is dropped when the rules that find them change."""

from __future__ import annotations

import hashlib
import os
import pickle
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from . import LEXICON_DIR, REPO_ROOT
from .boilerplate import Zone
from .corpus import Source
from .pubdate import PubDate

_RULES = [REPO_ROOT / "pipeline" / name for name in ("boilerplate.py", "pubdate.py", "duplicates.py", "lexicons.py")]


@dataclass
class KnownTexts:
    zones: dict[str, list[Zone]] = field(default_factory=dict)  # text sha256 -> zones
    dates: dict[tuple[str, str | None], PubDate | None] = field(default_factory=dict)  # (sha256, url) -> stated
    signatures: dict[str, np.ndarray] = field(default_factory=dict)  # text sha256 -> MinHash hash values

    def covers(self, sources: list[Source]) -> bool:
        """Whether the zones and dates known are exactly these articles' (else the cache is saved again)."""
        return {s.sha256 for s in sources} == self.zones.keys() \
            and {(s.sha256, s.url) for s in sources} == self.dates.keys()


def _rules_version() -> str:
    digest = hashlib.sha256()
    for path in _RULES + sorted(Path(LEXICON_DIR).glob("*.csv")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def load_known(path: Path) -> KnownTexts:
    """What `save_known` stored under the current rules; empty if nothing usable."""
    try:
        with open(path, "rb") as fh:
            version, known = pickle.load(fh)
    except Exception:  # missing, damaged or from another version of the code: found anew
        return KnownTexts()
    return known if version == _rules_version() and isinstance(known, KnownTexts) else KnownTexts()


def save_known(path: Path, sources: list[Source], signatures: dict[str, np.ndarray]) -> None:
    """Store what is known of these articles (only theirs), written whole then renamed into place."""
    known = KnownTexts({s.sha256: s.zones for s in sources}, {(s.sha256, s.url): s.stated_date for s in sources},
                       {s.sha256: signatures[s.sha256] for s in sources if s.sha256 in signatures})
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(tmp, "wb") as fh:
        pickle.dump((_rules_version(), known), fh, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, path)
