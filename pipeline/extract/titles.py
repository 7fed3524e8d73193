"""Titles and role nouns (lexicon `titles`) and honorifics (lexicon `honorifics`): the words that make a phrase
a person's role, the role class of each (nouns of one class describe each other: an ambassador is 'the
diplomat'), and the gender a title or honorific states. First names' genders come from `gender_guesser`'s
name dictionary (a maintained list of about 40,000 names by country), never from a hand list."""

from __future__ import annotations

import re
from functools import cache

from .. import lexicons


@cache
def role_class() -> dict[str, str]:
    """title -> role class."""
    return {row["title"]: row["role_class"] for row in lexicons.load("titles")}


@cache
def title_alternation() -> str:
    """A regular-expression alternation of every title and its plural, longest first (case-insensitive use)."""
    titles = sorted(role_class(), key=len, reverse=True)
    return lexicons.alternation(re.escape(t).replace(r"\ ", r"\s+") for t in titles) + "(?:s|es)?"


@cache
def _title_finder() -> re.Pattern:
    return re.compile(rf"\b(?P<t>{title_alternation()})\b", re.IGNORECASE)


def role_classes(words: str) -> set[str]:
    """The role classes of the titles in `words` ('the deputy defence minister' -> {'minister'})."""
    out = set()
    for m in _title_finder().finditer(words):
        title = " ".join(m.group("t").lower().split())
        out.add(role_class().get(title) or role_class().get(title.rstrip("s")) or role_class().get(title[:-2], ""))
    return out - {""}


@cache
def _gendered_titles() -> tuple[re.Pattern, dict[str, str]]:
    words = {row["title"]: row["gender"] for row in lexicons.load("titles") if row["gender"]}
    alts = lexicons.alternation(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"\b(?P<w>{alts})\b", re.IGNORECASE), words


@cache
def _honorific_before() -> tuple[re.Pattern, dict[str, str]]:
    genders = {row["honorific"].lower(): row["gender"] for row in lexicons.load("honorifics")}
    alts = lexicons.alternation(re.escape(h) for h in sorted(genders, key=len, reverse=True))
    return re.compile(rf"(?<![\w.])(?P<w>{alts})\s+$", re.IGNORECASE), genders


def stated_gender(words: str) -> str | None:
    """'m' or 'f' if the last gendered title in `words` says so ('a spokeswoman for ...')."""
    pattern, genders = _gendered_titles()
    found = [m.group("w").lower() for m in pattern.finditer(words)]
    return genders[found[-1]] if found else None


def honorific_gender(text: str, start: int) -> str | None:
    """'m' or 'f' if an honorific stands right before text[start] ('Ms. Pat Morgan')."""
    pattern, genders = _honorific_before()
    m = pattern.search(text, max(0, start - 8), start)
    return genders[m.group("w").lower()] if m else None


def first_name_gender(name: str) -> str | None:
    """'m' or 'f' by the name dictionary's verdict on the first word of a person's name, None if unsure."""
    first = name.split()[0].strip(".,") if name.split() else ""
    return _name_gender(first) if len(first) > 1 else None


@cache
def _name_gender(first: str) -> str | None:
    verdict = _detector().get_gender(first)
    return {"male": "m", "mostly_male": "m", "female": "f", "mostly_female": "f"}.get(verdict)


@cache
def _detector():
    """gender_guesser's detector, its dictionary read in one go (its own line-by-line codecs reader takes 1.3 s
    of the 1.7 s a process spends loading it; the entries are the same)."""
    import gender_guesser.detector  # once per process, when first needed

    class Detector(gender_guesser.detector.Detector):
        def _parse(self, filename):
            self.names = {}
            with open(filename, encoding="utf-8") as f:
                for line in f.read().splitlines():
                    self._eat_name_line(line.strip())

    return Detector(case_sensitive=False)
