"""The people of an article's bylines and credit lines ('By Ana Lee and Tom Park', 'Reporting by Ana Lee in Manila;
Editing by Tom Park', 'Photo: Ana Lee / AFP'): reporters, editors and photographers, by the labels of the lexicon
`byline_labels`. They are actors of the
article but speak in none of its statements."""

from __future__ import annotations

import re
from functools import cache

from .. import lexicons

_UP = "A-ZÀ-ÖØ-ÞĀ-ŽȘȚ"
_NAME = rf"[{_UP}][\w’'.-]+(?:\s+[{_UP}][\w’'.-]+){{1,2}}"
_PLACE = rf"(?:\s+in\s+[{_UP}][\w-]+(?:\s+[{_UP}][\w-]+)?)?"


@cache
def _patterns() -> list[tuple[re.Pattern, str]]:
    one = f"{_NAME}{_PLACE}"
    names = rf"(?P<names>{one}(?:(?:,\s+{one})*\s+and\s+{one})?)"  # commas only in a list that ends in 'and'
    out = []
    for row in lexicons.load("byline_labels"):
        label = lexicons.phrase_pattern(row["label"])
        lead = r"^\s*\(?" if row["at_line_start"] == "true" else r"(?:^|[(;|.]\s*)"
        out.append((re.compile(rf"{lead}(?i:{label})\s+{names}(?=\s*(?:$|[;|)—–/]|,\s|\s+and\b))", re.MULTILINE),
                    row["role"]))
    return out


_MAX_LINE = 300


@cache
def _label_words() -> frozenset[str]:
    """The last word of each label, lowercased ('by', 'photo:'): a line without one is no credit line."""
    return frozenset(row["label"].split()[-1].lower() for row in lexicons.load("byline_labels"))
_SPLIT = re.compile(rf"(?:^|,\s+|\s+and\s+)(?P<name>{_NAME}){_PLACE}")


def bylines(text: str, zones) -> list[tuple[int, int, str, str]]:
    """(start, end, name, role) of each person a byline or credit line names, in the given (start, end) zones."""
    out = []
    for zs, ze in zones:
        if ze - zs > _MAX_LINE or not any(label in text[zs:ze].lower() for label in _label_words()):
            continue  # a byline or credit line is a short paragraph of its own
        for pattern, role in _patterns():
            for m in pattern.finditer(text, zs, ze):
                base = m.start("names")
                for n in _SPLIT.finditer(m.group("names")):
                    name = " ".join(n.group("name").split())
                    out.append((base + n.start("name"), base + n.end("name"), name, role))
    return sorted(set(out))
