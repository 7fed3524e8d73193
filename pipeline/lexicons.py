"""Lexicons: the rules' vocabulary as reviewed data (data/lexicons/<name>.csv, one row per entry, each with an
example sentence it must fire in and optionally a counterexample it must not)."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from . import LEXICON_DIR
from .csvfile import read_rows
from .errors import InputError

EXAMPLE_COLUMNS = ("example", "counterexample")


@cache
def load(name: str, folder: Path = LEXICON_DIR) -> tuple[dict, ...]:
    """The rows of lexicon `name`, blank cells as None; InputError naming the file and line if one lacks its
    example or repeats the key (the first column)."""
    path = Path(folder) / f"{name}.csv"
    rows = read_rows(path, EXAMPLE_COLUMNS)
    if not rows:
        raise InputError(path, "lexicon has no rows")
    key = next(iter(rows[0][1]))
    seen: set[str] = set()
    out = []
    for lineno, raw in rows:
        row = {k: (v.strip() or None) for k, v in raw.items()}
        if not row[key] or not row["example"]:
            raise InputError(path, f"every row needs a {key} and an example", place=f"line {lineno}")
        if row[key] in seen:
            raise InputError(path, f"{key} {row[key]!r} is listed twice", place=f"line {lineno}")
        seen.add(row[key])
        out.append(row)
    return tuple(out)


def column(name: str, col: str | None = None) -> tuple[str, ...]:
    """One column of a lexicon (default: its key column), in file order."""
    rows = load(name)
    col = col or next(iter(rows[0]))
    return tuple(r[col] for r in rows)


_WILDCARD = r"(?:[\w$.,’'-]+\s+){0,4}?"  # '*' in a phrase: up to four words ('users of * include')


_WORD_CHAR, _WORD_END = re.compile(r"[\w*]"), re.compile(r"[\w*)]$")
_ENDINGS = re.compile(r"^(?P<stem>.+?)\((?P<endings>[^()]+)\)$")  # 'offer(s|ed)': offer, offers, offered


def _word_pattern(word: str) -> str:
    if word == "*":
        return _WILDCARD
    endings = _ENDINGS.match(word)
    if not endings:
        return re.escape(word) + r"\s+"
    options = "|".join(re.escape(e) for e in endings.group("endings").split("|"))
    return re.escape(endings.group("stem")) + f"(?:{options})?" + r"\s+"


def phrase_pattern(phrase: str, not_after: str | None = None) -> str:
    """A lexicon phrase as a regular expression: whole words, any run of spaces between them, '*' for a few
    words ('users of * include' matches 'users of the K9 howitzer include'), endings in brackets ('bid(s)':
    bid or bids). `not_after`: words, separated by '|', that must not come right before ('in a' for 'bid')."""
    guards = "".join(f"(?<!{re.escape(w)} )" for w in not_after.split("|")) if not_after else ""
    body = "".join(_word_pattern(w) for w in phrase.split()).removesuffix(r"\s+")
    # whole words: a boundary at each end that is a word's ('Photo:' ends in none)
    return guards + (r"\b" if _WORD_CHAR.match(phrase[:1]) else "") + body + (r"\b" if _WORD_END.search(phrase) else "")


def alternation(patterns) -> str:
    """Patterns joined as alternatives; a pattern that matches nothing when there are none (never an empty
    alternative, which would match everywhere)."""
    patterns = list(patterns)
    return "(?:" + "|".join(patterns) + ")" if patterns else "(?!)"
