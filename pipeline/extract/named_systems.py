"""Systems the registry lacks, found by the class noun that follows their name: 'Harbah anti-ship cruise
missiles', 'Hangor-class submarines', 'Hermes 900 drones', 'Reach-S surveillance drones'. The class words are a
registered class's surface ('drones', 'frigates', 'air defence system'), so the vocabulary is the registry's;
the name is one to three capitalised or numbered words right before them that nothing else names (not a state,
body or company, not a demonym, not a word that opens sentences)."""

from __future__ import annotations

import re
from functools import lru_cache

from ..registry import Registry
from .mentions import Mention

# one to three words of a name, the last right before the class words: 'Harbah', 'Hermes 900', 'Hangor-class'
_WORD = r"(?:[A-ZÀ-Þ][\w-]*|\d[\w/-]*)"
# up to two plain words may qualify the class between them: 'Reach-S surveillance drones', 'Tulpar light tank'
_QUALIFIER = r"(?!(?:and|or|of|the|an?|with|to|for|from|in|on|at|by|as|its|their|new|more|other|such|some|any|is|are|" \
             r"was|were|has|have|had|will|would|which|that)\b)[a-z][a-z-]*"
# ... or one coordinated with the class's own first word: 'Barak MX air and missile defence system'
_NAME_BEFORE = re.compile(rf"(?:(?<=\s)|^)(?P<name>{_WORD}(?:\s+{_WORD}){{0,2}})\s+"
                          rf"(?:(?:{_QUALIFIER}\s+){{0,2}}|{_QUALIFIER}\s+(?:and|or)\s+)$")
_DESIGNATION = re.compile(r"[A-ZÀ-Þ]|\d+[A-Z]")  # 'Harbah', 'Hermes', '92N6': capitalised, or a number and letter
_MADE = re.compile(r"-(?:made|built|designed|developed|produced|supplied|owned|led|based)$", re.IGNORECASE)
# words that open a sentence or qualify a class without naming a model
_NOT_A_NAME = {"The", "A", "An", "It", "He", "She", "They", "We", "You", "I", "Its", "Their", "His", "Her", "Our",
               "These", "Those", "This", "That", "New", "More",
               "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten", "Twelve", "Some", "All", "Both",
               "Several", "Many", "Other", "Such", "Any", "No", "Additional", "Further", "Modern", "Advanced", "Used",
               "Older", "Old", "Second-hand", "Surplus", "Light", "Heavy", "Medium", "Armed", "Unarmed", "Combat",
               "Military", "Naval", "Air", "Army", "Navy", "Royal", "National", "Local", "Foreign", "Western",
               "Eastern", "Soviet-era", "Cold", "First", "Last", "Next", "Fifth-generation", "Fourth-generation",
               "Multirole", "Attack", "Transport", "Trainer", "Main", "Battle", "Mobile", "Long-range", "Short-range",
               "Medium-range", "And", "Or", "But", "With", "For", "From", "Of", "In", "On", "At", "By", "To", "As",
               "If", "When", "While", "After", "Before", "Since", "Under", "Photo", "Caption", "Related", "Read"}


def systems_before_classes(text: str, zones, registry: Registry, known: list[Mention], demonyms: frozenset[str]):
    """(start, end, name, category) of each unregistered name a class noun follows, in the body zones."""
    taken = [(m.start, m.end) for m in known]
    out = []
    for m in known:
        if m.entity_type != "system" or not registry.systems[m.entity_id].is_class:
            continue
        zone = next(((zs, ze) for zs, ze in zones if zs <= m.start < ze), None)
        if zone is None:
            continue
        line_start = max(zone[0], text.rfind("\n", 0, m.start) + 1)
        found = _NAME_BEFORE.search(text, max(line_start, m.start - 60), m.start)
        if not found:
            continue
        words = [(w.group(0), found.start("name") + w.start()) for w in re.finditer(r"\S+", found.group("name"))]
        while words and (_not_a_name(words[0][0], demonyms) or _named(words[0], known)):
            words = words[1:]  # 'The Harbah ...', 'Pakistani Harbah ...', 'Otokar Tulpar': the name begins after them
        if len(words) >= 2 and f"{words[0][0]} {words[1][0]}" in demonyms:
            words = words[2:]  # 'a South Korean howitzer'
        if not words or not any(_DESIGNATION.match(w) for w, _ in words) or any(w in demonyms for w, _ in words):
            continue
        s, e = words[0][1], words[-1][1] + len(words[-1][0])
        if any(a < e and s < b for a, b in taken):
            continue
        name = " ".join(w for w, _ in words)
        if name.lower() in _families(registry):
            continue  # 'Leopard tanks': a family of registered models (Leopard 1, Leopard 2), no model of its own
        out.append((s, e, name, registry.systems[m.entity_id].row.get("category")))
    return out


@lru_cache(maxsize=8)
def _families(registry: Registry) -> frozenset[str]:
    """The first words of registered models named in two or more words ('leopard' of 'Leopard 2')."""
    return frozenset(e.name.split()[0].lower() for e in registry.systems.values()
                     if not e.is_class and len(e.name.split()) > 1)


def _named(word: tuple[str, int], known: list[Mention]) -> bool:
    """The word is (part of) a name already found: a maker before its model ('Otokar Tulpar')."""
    start, end = word[1], word[1] + len(word[0])
    return any(m.entity_type == "actor" and m.start < end and start < m.end for m in known)


def _not_a_name(word: str, demonyms: frozenset[str]) -> bool:
    return word in _NOT_A_NAME or word.isdigit() or word in demonyms or bool(_MADE.search(word)) \
        or "'" in word or "’" in word
