"""Ingest: a folder of articles (+ optional sources.csv) -> checked Source records."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from . import schemas
from .boilerplate import Zone, find_zones
from .csvfile import read_rows, read_utf8
from .errors import InputError
from .html_in import PageMeta, read_html
from .pubdate import PubDate, find_publication_date

METADATA_FILE = "sources.csv"
ARTICLE_SUFFIXES = (".txt", ".html")  # plain text, or a saved web page (html_in.py)
METADATA_COLUMNS = ("source_id", "title", "publisher", "published", "url")
ID_PATTERN = re.compile(
    next(f for f in schemas.fields("sources") if f["name"] == "source_id")["constraints"]["pattern"]
)
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$")


@dataclass
class Source:
    """One article: its stored text (never altered) and its metadata."""

    source_id: str
    text: str
    path: Path
    title: str | None = None
    publisher: str | None = None
    published: str | None = None
    published_precision: str = "unknown"
    published_basis: str = "none"  # metadata | text | url | none
    stated_date: PubDate | None = None  # the date the article's head or URL states, if any
    url: str | None = None
    language: str = "en"
    zones: list[Zone] = field(default_factory=list)
    page: PageMeta | None = None  # what a saved web page says about itself
    duplicate_of: str | None = None  # the kept article this one copies (duplicates.py)
    duplicate_similarity: float | None = None

    @cached_property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    @cached_property
    def body_chars(self) -> int:
        """Characters outside boilerplate (computed once: zones are set when the article is read)."""
        return sum(z.end - z.start for z in self.zones if z.kind != "boilerplate")

    def published_date(self) -> dt.date | None:
        """The publication date as a date (first day of its period), or None."""
        if not self.published:
            return None
        y, m, d = (self.published.split("-") + ["01", "01"])[:3]
        return dt.date(int(y), int(m), int(d))


def read_corpus(folder: Path, known_zones: dict[str, list[Zone]] | None = None,
                known_dates: dict[tuple[str, str | None], PubDate | None] | None = None) -> list[Source]:
    """Read every `*.txt` article in `folder` and its metadata; raise InputError on bad input.
    `known_zones` (text sha256 -> zones) and `known_dates` ((sha256, url) -> stated date), see
    `zone_cache.py`, spare finding the zones and dates of texts seen before."""
    folder = Path(folder)
    if not folder.is_dir():
        raise InputError(folder, "sources folder does not exist or is not a folder")
    root = folder.resolve()
    files = sorted(p for p in folder.iterdir() if p.suffix in ARTICLE_SUFFIXES and not p.name.startswith("."))
    if not files:
        raise InputError(folder, "no article files (*.txt or *.html) in the sources folder")
    _check_one_file_per_id(files)
    sources = [read_article(p, root, known_zones) for p in files]
    metadata = read_metadata(folder / METADATA_FILE, {s.source_id for s in sources})
    for s in sources:
        meta = metadata.get(s.source_id, {})
        s.title = meta.get("title")
        s.publisher = meta.get("publisher")
        s.url = meta.get("url")
        s.published = meta.get("published")
        s.published_precision = meta.get("published_precision", "unknown")
        fill_from_page(s)
        date_from_text(s, known_dates)
    return sources


def _check_one_file_per_id(files: list[Path]) -> None:
    """`a.txt` and `a.html` would be one source id twice."""
    seen: dict[str, Path] = {}
    for p in files:
        if p.stem in seen:
            raise InputError(p, f"source id {p.stem!r} has two article files: {seen[p.stem].name} and {p.name}")
        seen[p.stem] = p


def fill_from_page(s: Source) -> None:
    """A web page's own title, site name, date and address, where sources.csv is silent."""
    if s.page is None:
        return
    s.title = s.title or s.page.title
    s.publisher = s.publisher or s.page.site_name
    s.url = s.url or s.page.url
    if not s.published and s.page.published:
        s.published, s.published_precision = s.page.published, "day"


def date_from_text(s: Source, known: dict[tuple[str, str | None], PubDate | None] | None = None) -> None:
    """Where the metadata gives no publication date, the one the article states (head line, dateline, URL)."""
    key = (s.sha256, s.url)
    s.stated_date = known[key] if known and key in known else find_publication_date(s.text, s.url)
    if s.published:
        s.published_basis = "metadata"
    elif s.stated_date:
        s.published, s.published_precision = s.stated_date.date, s.stated_date.precision
        s.published_basis = s.stated_date.basis


def date_disagreement(s: Source) -> str | None:
    """A notice when the metadata's date and the one the article states differ (the metadata's is kept)."""
    stated = s.stated_date
    if s.published_basis != "metadata" or stated is None:
        return None
    common = min(len(s.published), len(stated.date))
    if s.published[:common] == stated.date[:common]:
        return None
    return (f"{s.path.name}: the metadata (sources.csv or the page's own) give published {s.published}, the "
            f"article states {stated.date} ({stated.evidence!r}); the metadata's date is used")


def read_article(path: Path, root: Path, known_zones: dict[str, list[Zone]] | None = None) -> Source:
    """Read one article file strictly as UTF-8; its text is stored exactly as read (a leading
    byte-order mark, which is not text, is the one thing left out)."""
    source_id = path.stem
    if not ID_PATTERN.match(source_id):
        raise InputError(path, f"file name {path.name!r} is not a valid source id "
                               f"(lowercase letters, digits, '_' and '-'; pattern {ID_PATTERN.pattern})")
    if path.is_symlink():  # a plain file listed in the folder is inside it; a link may point anywhere
        resolved = path.resolve()
        if root not in resolved.parents:
            raise InputError(path, f"path escapes the sources folder (resolves to {resolved})")
    text, page = read_html(path) if path.suffix == ".html" else (read_utf8(path), None)
    if not text.strip():
        raise InputError(path, "article is empty")
    source = Source(source_id=source_id, text=text, path=path, page=page)
    source.zones = (known_zones or {}).get(source.sha256) or find_zones(text)
    if source.body_chars == 0 or not any(z.kind == "body" and text[z.start:z.end].strip() for z in source.zones):
        raise InputError(path, "article has no body text once site boilerplate is set aside")
    return source


def read_metadata(path: Path, known_ids: set[str]) -> dict[str, dict]:
    """Parse sources.csv (optional); every value may be blank, every column must be there."""
    if not path.exists():
        return {}
    out: dict[str, dict] = {}
    for lineno, row in read_rows(path, METADATA_COLUMNS, METADATA_COLUMNS):
        row = {k: v.strip() for k, v in row.items()}
        sid = row["source_id"]
        if sid in out:
            raise InputError(path, f"duplicate source_id {sid!r}", place=f"line {lineno}")
        if sid not in known_ids:
            raise InputError(path, f"source_id {sid!r} has no article file {sid}.txt or {sid}.html",
                             place=f"line {lineno}")
        meta = {k: (row[k] or None) for k in ("title", "publisher", "url")}
        if meta["url"] and not _URL.match(meta["url"]):
            raise InputError(path, f"url {meta['url']!r} is not an http(s) address", place=f"line {lineno}")
        meta["published"], meta["published_precision"] = parse_published(row["published"], path, lineno)
        out[sid] = meta
    return out


def parse_published(value: str, path: Path, lineno: int) -> tuple[str | None, str]:
    """'2019-07-22' -> day, '2019-07' -> month, '2019' -> year, '' -> unknown."""
    if not value:
        return None, "unknown"
    m = _DATE.match(value)
    if not m:
        raise InputError(path, f"published {value!r} is not YYYY, YYYY-MM or YYYY-MM-DD", place=f"line {lineno}")
    y, mo, d = m.groups()
    try:
        dt.date(int(y), int(mo or 1), int(d or 1))
    except ValueError as exc:
        raise InputError(path, f"published {value!r} is not a real date", place=f"line {lineno}") from exc
    return value, "day" if d else "month" if mo else "year"
