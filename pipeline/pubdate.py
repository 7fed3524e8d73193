"""An article's own publication date, for articles whose metadata gives none: a labelled date line at its head
("Published 12 March 2021", lexicon `publication_labels`), a bare date line, a dateline that carries a year
("SEOUL, March 3, 2021 -"), else a date path in its URL (`/2021/05/24/`). Dates are parsed by `dateparser`
(absolute dates only: a dateline without a year gives nothing, never a guessed year) and URLs by `htmldate`'s
offline URL reader (never its page fetcher)."""

from __future__ import annotations

import datetime as dt
import re
import warnings
from dataclasses import dataclass
from functools import cache

from . import lexicons

_HEAD_LINES = 8  # a publication line or dateline stands in the first lines of a stored article
_MAX_DATE_CHARS = 48  # longer candidates are prose, not a date
_CUTS = (" | ", " · ", " by ", " By ", " (", " /", " – ", " — ", " - ")  # what follows a date on its line
_DASHES = ("–", "—", " - ", " -- ", ":")  # end a dateline
_YEAR = re.compile(r"(?<!\d)(?:19[5-9]\d|20\d\d)(?!\d)")  # every date it accepts states its year
_DATE_FLOOR, _DATE_CEILING = dt.datetime(1950, 1, 1), dt.datetime(2100, 1, 1)


@dataclass(frozen=True)
class PubDate:
    date: str  # ISO 8601 cut to its precision
    precision: str  # day | month
    basis: str  # text | url
    evidence: str  # the words it was read from


def find_publication_date(text: str, url: str | None) -> PubDate | None:
    """The publication date an article states at its head or in its URL; None when neither states one."""
    for line in _head_lines(text):
        if not _YEAR.search(line):
            continue
        for part in (line, *line.split(" | ")[1:]):  # 'By Jane Doe | 5 June 2020'
            found = _labelled(part) or _bare(part) or _dateline(part)
            if found:
                return found
    return _from_url(url) if url else None


def _head_lines(text: str) -> list[str]:
    lines = [ln.strip().replace("\u00a0", " ") for ln in text.splitlines()]
    return [ln for ln in lines if ln][:_HEAD_LINES]


def _labelled(line: str) -> PubDate | None:
    lower = line.lower()
    for label in _labels():
        if lower.startswith(label.lower()) and not line[len(label):len(label) + 1].isalnum():
            return _parsed(line[len(label):].lstrip(" :"), line)
    return None


@cache
def _labels() -> list[str]:
    return sorted(lexicons.column("publication_labels"), key=len, reverse=True)


def _bare(line: str) -> PubDate | None:
    return _parsed(line, line) if len(line) <= _MAX_DATE_CHARS else None


def _dateline(line: str) -> PubDate | None:
    """'MOSCOW, July 22, 2019 (Reuters) - ...': the words between the place in capitals and the dash."""
    place, comma, rest = line.partition(",")
    if not comma or not place.replace(" ", "").replace(".", "").isalpha() or not place.isupper():
        return None
    ends = [i for i in (rest.find(d) for d in (*_DASHES, "(")) if i > 0]
    if not ends:
        return None
    words = rest[:min(ends)].split(",")
    for i in range(len(words)):  # 'ANKARA, Turkey, June 4, 2020 -': the place may run on
        found = _parsed(",".join(words[i:]), line[:len(place) + 1 + min(ends)].strip())
        if found:
            return found
    return None


def _parsed(candidate: str, evidence: str) -> PubDate | None:
    """A candidate string as a date of day or month precision, if it is nothing but an absolute date."""
    for cut in _CUTS:
        candidate = candidate.split(cut)[0]
    candidate = candidate.strip(" ,.;")
    if not candidate or len(candidate) > _MAX_DATE_CHARS or not any(c.isdigit() for c in candidate):
        return None
    for precision, parts in (("day", ("day", "month", "year")), ("month", ("month", "year"))):
        when = _parse(candidate, parts)
        if when is not None and _DATE_FLOOR <= when.replace(tzinfo=None) < _DATE_CEILING:
            iso = when.date().isoformat()[: 10 if precision == "day" else 7]
            return PubDate(iso, precision, "text", evidence)
    return None


@cache
def _parse(candidate: str, parts: tuple[str, ...]) -> dt.datetime | None:
    import dateparser  # imported on first use: most corpora give dates in their metadata

    # strict parsing requires a day: for a month ('Published March 2019') the required parts say enough
    settings = {"REQUIRE_PARTS": list(parts), "STRICT_PARSING": "day" in parts,
                "PARSERS": ["custom-formats", "absolute-time"], "RETURN_AS_TIMEZONE_AWARE": False,
                "PREFER_DAY_OF_MONTH": "first"}
    if _ambiguous_numeric(candidate):
        return None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return dateparser.parse(candidate, languages=["en"], settings=settings)


def _ambiguous_numeric(candidate: str) -> bool:
    """'04/06/2020' may be April or June: a blank is better than a guess (ISO '2020-06-04' is not ambiguous)."""
    for sep in ("/", "."):
        fields = candidate.split(" ")[0].split(sep)
        if len(fields) == 3 and all(f.isdigit() for f in fields) and len(fields[0]) <= 2:
            return int(fields[0]) <= 12 and int(fields[1]) <= 12 and fields[0] != fields[1]
    return False


def _from_url(url: str) -> PubDate | None:
    from htmldate.extractors import extract_url_date
    from htmldate.utils import Extractor

    options = Extractor(False, _DATE_CEILING, _DATE_FLOOR, False, "%Y-%m-%d")
    found = extract_url_date(url, options)
    return PubDate(found, "day", "url", url) if found else None
