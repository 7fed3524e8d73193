"""The zones (body, credit, boilerplate lines) of every article text seen before, kept between builds
in the output folder's cache: finding them is most of reading a large corpus, and an unchanged
text has unchanged zones. Keyed by the text's sha256; the whole file is dropped when the
boilerplate rules change."""

from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path

from . import REPO_ROOT
from .boilerplate import Zone
from .corpus import Source

_RULES = REPO_ROOT / "pipeline" / "boilerplate.py"


def _rules_version() -> str:
    return hashlib.sha256(_RULES.read_bytes()).hexdigest()


def load_zones(path: Path) -> dict[str, list[Zone]]:
    """text sha256 -> zones, as stored by `save_zones` under the current rules; empty if none usable."""
    try:
        with open(path, "rb") as fh:
            version, zones = pickle.load(fh)
    except Exception:  # missing, damaged or from another version of the code: found anew
        return {}
    return zones if version == _rules_version() else {}


def save_zones(path: Path, sources: list[Source]) -> None:
    """Store the zones of these articles (only theirs), written whole then renamed into place."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(tmp, "wb") as fh:
        pickle.dump((_rules_version(), {s.sha256: s.zones for s in sources}), fh, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, path)
