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


def phrase_pattern(phrase: str) -> str:
    """A lexicon phrase as a regular expression: whole words, any run of spaces between them, '*' for a few
    words ('users of * include' matches 'users of the K9 howitzer include')."""
    parts = [_WILDCARD if word == "*" else re.escape(word) + r"\s+" for word in phrase.split()]
    return r"\b" + "".join(parts).removesuffix(r"\s+") + r"\b"


def alternation(patterns) -> str:
    """Patterns joined as alternatives; a pattern that matches nothing when there are none (never an empty
    alternative, which would match everywhere)."""
    patterns = list(patterns)
    return "(?:" + "|".join(patterns) + ")" if patterns else "(?!)"
