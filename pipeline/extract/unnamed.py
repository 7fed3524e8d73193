"""Unnamed plural speakers: a group the article presents only by what its members are ('Venezuelan
officials', 'Pakistani media', 'Opposition politicians', 'but officials have previously said').

A group is a plural speaker noun with at most two modifiers before it, each a demonym of a state in the
registry or a word that sorts speakers ('opposition', 'senior', 'Western'); it speaks when a reporting
verb follows it or when 'according to' precedes it; a count ('two officials with knowledge of the deal') is
a group too. A determiner before the noun ('the officials', 'their diplomats') makes it an anaphor, not a group
of its own; groups the registry already knows ('Turkish officials') are left to it by the caller.
"""

from __future__ import annotations

import re

from .prefilter import Prefiltered

_NOUNS = r"(?:(?i:officials|media|politicians|lawmakers|legislators|senators|congressmen|diplomats|analysts|experts|" \
         r"sources|critics|activists|officers)|MPs)"
# 'Analysts in Seoul said', 'officials at the ministry say': where the group is placed belongs to it
_PLACED = re.compile(r"\s+(?:in|at|from)\s+(?:the\s+)?[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,2}")
_MODIFIER = r"[\w’'-]+"
_GROUP = Prefiltered(re.compile(rf"(?P<core>(?:{_MODIFIER}\s+){{0,2}}?{_NOUNS})\b"))
# 'two officials with knowledge of the deal told', 'Two officials, who spoke on condition of anonymity, said'
_CUE_AFTER = re.compile(r"(?:\s+(?:with knowledge of|familiar with|close to|briefed on)\s+(?:the\s+)?[\w-]+)?"
                        r"(?:,[^,.;\"“”]{1,80},)?"
                        r",?\s+(?:have\s+|has\s+|had\s+)?"
                        r"(?:long\s+|also\s+|previously\s+|repeatedly\s+|recently\s+|already\s+)?"
                        r"(?:said|told|say|says|reported|report|warned|warn|urged|urge|argued|argue|questioned|claimed|claim|"
                        r"complained|insisted|insist|believe|fear|accused|demanded|denied|deny|confirmed|confirm)\b")
_ACCORDING_BEFORE = re.compile(r"\b[Aa]ccording\s+to\s+$")
_SORTING_WORDS = {"opposition", "senior", "western", "government", "military", "defence", "defense", "security",
                  "state", "local", "foreign", "independent", "state-run", "state-owned"}
_DETERMINERS = {"the", "these", "those", "its", "their", "his", "her", "our", "all", "both", "such", "no", "any"}


def unnamed_groups(text: str, start: int, end: int, demonyms: set[str]):
    """(start, end) of each unnamed group that speaks in text[start:end]."""
    for m in _GROUP.finditer(text, start, end):
        words = m.group("core").split()
        s = m.start("core")
        # drop words from the left until the modifiers left are demonyms or sorting words
        while len(words) > 1 and not all(w in demonyms or w.lower() in _SORTING_WORDS for w in words[:-1]):
            s = text.index(words[1], s + len(words[0]))
            words = words[1:]
        before = text[max(start, s - 20):s].split()
        if before and before[-1].lower() in _DETERMINERS:
            continue
        placed = _PLACED.match(text, m.end(), end)
        group_end = placed.end() if placed and _CUE_AFTER.match(text, placed.end(), end) else m.end()
        if _CUE_AFTER.match(text, group_end, end) or _ACCORDING_BEFORE.search(text, max(start, s - 20), s):
            yield s, group_end
