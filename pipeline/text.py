"""Segment: paragraphs (body lines) and sentences, each with exact character offsets."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .boilerplate import Zone

# Words whose trailing period does not end a sentence.
_ABBREVIATIONS = {
    "u.s", "u.k", "u.n", "mr", "mrs", "ms", "dr", "gen", "lt", "col", "sen", "rep", "gov", "st", "no",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "inc", "ltd",
    "co", "corp", "vs", "e.g", "i.e", "approx", "prof", "adm", "maj", "capt",
}
# Initials before a surname ('V.R. Chaudhari', 'George W. Bush') end no sentence.
_INITIALS = re.compile(r"(?:[A-Z]\.)*[A-Z]")
# A sentence ends at . ! ? (optionally followed by closing quotes/brackets) and white space,
# when what follows starts like a sentence (capital letter, digit or an opening quote).
_BOUNDARY = re.compile(r"[.!?…]+[\"”’»)\]]*(?=\s+[\"“‘„«(\[]?[A-Z0-9])")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    paragraph: int  # index of the zone (line) it belongs to
    kind: str  # body | credit

    def text(self, doc: str) -> str:
        return doc[self.start:self.end]


def split_sentences(text: str, zones: list[Zone], kinds: tuple[str, ...] = ("body",)) -> list[Sentence]:
    """Sentences of the zones of the given kinds, in text order."""
    out = []
    for index, zone in enumerate(zones):
        if zone.kind not in kinds:
            continue
        start = zone.start
        for m in _BOUNDARY.finditer(text, zone.start, zone.end):
            word = re.search(r"([\w.]+)$", text[start:m.start()])
            if word and m.group(0).startswith(".") and (word.group(1).lower().rstrip(".") in _ABBREVIATIONS
                                                        or _INITIALS.fullmatch(word.group(1))):
                continue
            out.append(_trimmed(text, start, m.end(), index, zone.kind))
            start = m.end()
        if text[start:zone.end].strip():
            out.append(_trimmed(text, start, zone.end, index, zone.kind))
    return [s for s in out if s.end > s.start]


def _trimmed(text: str, start: int, end: int, paragraph: int, kind: str) -> Sentence:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Sentence(start, end, paragraph, kind)
