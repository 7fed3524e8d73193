"""HTML in: a saved web page -> its article text and the page's metadata, with trafilatura.

The stored text is what trafilatura extracts from the page (navigation, cookie banners, related links and
comments left out), the headline first, one paragraph per block separated by a blank line; every offset in
the package indexes that text. The page's title, date and site name fill `sources` where sources.csv is silent.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError

MIN_SENTENCE_WORDS = 8  # a page whose longest extracted line is shorter holds menus or a title, not an article
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$")


@dataclass(frozen=True)
class PageMeta:
    """What the page says about itself (each None when it says nothing)."""
    title: str | None = None
    site_name: str | None = None
    published: str | None = None  # YYYY-MM-DD
    url: str | None = None


def read_html(path: Path) -> tuple[str, PageMeta]:
    """The article text of a saved web page and its metadata; InputError when the page holds no article."""
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise InputError(path, f"cannot read file: {exc.strerror or exc}") from exc
    doc = _extract(raw, path)
    lines = [line.strip() for line in (doc.text or "").splitlines() if line.strip()] if doc else []
    if not lines or max(len(line.split()) for line in lines) < MIN_SENTENCE_WORDS:
        raise InputError(path, "HTML page yields no article text (trafilatura found no paragraph of "
                               f"{MIN_SENTENCE_WORDS} words or more: a menu, an error page or not a news page)")
    meta = _meta(doc)
    if meta.title and lines[0] != meta.title:
        lines.insert(0, meta.title)
    return "\n\n".join(lines) + "\n", meta


def _extract(raw: bytes, path: Path):
    import trafilatura  # imported only when a folder holds HTML: it costs about 0.3 s

    try:
        return trafilatura.bare_extraction(raw, with_metadata=True)
    except Exception as exc:  # a page trafilatura cannot parse is bad input, not a crash
        raise InputError(path, f"HTML page cannot be read: {exc}") from exc


def _meta(doc) -> PageMeta:
    title = _clean(doc.title)
    date = doc.date if doc.date and _DAY.match(doc.date) else None
    url = doc.url if doc.url and _URL.match(doc.url) else None
    return PageMeta(title=title, site_name=_clean(doc.sitename), published=date, url=url)


def _clean(value: str | None) -> str | None:
    value = " ".join((value or "").split())
    return value or None
