"""Set site boilerplate and photo credits apart from the article body, by line, keeping offsets.

Nothing is removed from the stored text: each non-blank line gets a zone (body, credit or
boilerplate) and the extractors read only the zones they should.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A line with any of these is site furniture, not reporting. Matched against the lower-cased line:
# a case-sensitive pattern runs ~8x faster than the same one with re.IGNORECASE.
_BOILERPLATE = re.compile(
    r"newsletter|subscri(?:be|ber|bers|ption)|sign up\b|notify of|inline feedbacks|view all comments"
    r"|please comment|ad-free|disabled all ads|your support|support us\b|need your help|donat(?:e|ion)"
    r"|privacy policy|remind me later|not ready to support|contains only a portion of the news"
    r"|please contact us for|all rights reserved|cookies?\b|follow us on|share this article"
)
# Once one of these starts, the rest of the article is site furniture (appeals, comment widgets).
_TAIL_START = re.compile(
    r"^(?:A Message from |Subscribe to our newsletter|Sign up for our .*newsletter|Notify of$|Our partners$)",
    re.IGNORECASE,
)
# Photo credits and captions: "Andrei Makhonin / Vedomosti", "Photo: ...", "... May 7, 2015. Reuters".
# The first two are anchored at the line start (re.match); the last is looked for only at its end.
_CREDIT = re.compile(
    r"[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){0,3} / [A-Z][\w .'’-]{1,40}$"
    r"|(?:Photo|Image|Credit)s?:"
)
_CREDIT_TAIL = re.compile(r"\b(?:19|20)\d\d\.\s+(?:Reuters|AP|AFP|EPA|Getty Images|TASS|Sputnik|RIA Novosti)$")
_TAIL_REACH = 40  # characters: longer than any year-and-agency ending above
_SHORT = 4  # a line of at most this many words next to boilerplate is boilerplate too ("Monthly")


@dataclass(frozen=True)
class Zone:
    start: int
    end: int
    kind: str  # body | credit | boilerplate


def _lines(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for line in text.split("\n"):
        end = pos + len(line)
        stripped = line.strip()
        if stripped:
            lead = len(line) - len(line.lstrip())
            out.append((pos + lead, pos + lead + len(stripped)))
        pos = end + 1
    return out


def find_zones(text: str) -> list[Zone]:
    """Classify every non-blank line of `text`; spans exclude surrounding whitespace."""
    spans = _lines(text)
    kinds = []
    tail = False
    for start, end in spans:
        line = text[start:end]
        tail = tail or bool(_TAIL_START.search(line))
        if tail or _BOILERPLATE.search(line.lower()):
            kinds.append("boilerplate")
        elif _CREDIT.match(line) or _CREDIT_TAIL.search(line, max(0, len(line) - _TAIL_REACH)):
            kinds.append("credit")
        else:
            kinds.append("body")
    changed = True
    while changed:  # short lines stuck to boilerplate ("Support us", "Once", "×") join it
        changed = False
        for i, (start, end) in enumerate(spans):
            if kinds[i] != "body" or len(text[start:end].split()) > _SHORT or text[start:end].endswith((".", '"', "”")):
                continue
            near = [kinds[j] for j in (i - 1, i + 1) if 0 <= j < len(spans)]
            if "boilerplate" in near:
                kinds[i] = "boilerplate"
                changed = True
    return [Zone(s, e, k) for (s, e), k in zip(spans, kinds)]
