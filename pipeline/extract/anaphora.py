"""Arms named again without their name. A class noun right after a model names the same arms ('Su-35
multirole fighters', 'F-35 stealth fighters'); a definite noun phrase ('the last ten aircraft', 'the
helicopters', "the frigate's crew", 'the U.S. jets', 'the Russian system') refers back to the latest
model of that kind (and origin, when a demonym says so) named earlier in the article."""

from __future__ import annotations

import re

from ..registry import Registry
from .mentions import Mention
from .prefilter import Prefiltered

# a class mention this close after a model, with no comma or conjunction between, describes the model
_SAME_ITEM_GAP = re.compile(r"^\s+(?:[\w-]+\s+){0,2}$")
_NOT_SAME = re.compile(r"\b(?:and|or|with|to|from|for|of|the|as)\b", re.IGNORECASE)

_NOUNS = {"aircraft": "aircraft", "jets": "aircraft", "jet": "aircraft", "fighters": "aircraft", "planes": "aircraft",
          "bombers": "aircraft", "helicopters": "aircraft", "helicopter": "aircraft",
          "frigate": "ships", "frigates": "ships", "ship": "ships", "ships": "ships", "submarine": "ships",
          "submarines": "ships", "corvettes": "ships", "tanks": "armoured_vehicles",
          "system": "air_defence_systems missiles", "systems": "air_defence_systems missiles",
          "batteries": "air_defence_systems", "missiles": "missiles air_defence_systems", "rifles": "other"}
_DEMONYMS = {"russian": "russia", "russian-made": "russia", "russian-built": "russia", "u.s.": "united-states",
             "us": "united-states", "american": "united-states", "american-made": "united-states",
             "chinese": "china", "french": "france"}
_DEFINITE = Prefiltered(re.compile(
    r"\b(?:the|its|their|these|those)\s+(?:(?:last|remaining|first|other|new)\s+)?(?:(?:\d+|two|three|four|five|six|"
    r"seven|eight|nine|ten|twelve)\s+)?(?:(?P<dem>Russian(?:-made|-built)?|U\.S\.|US|American(?:-made)?|Chinese|French)\s+)?"
    r"(?P<noun>" + "|".join(sorted(_NOUNS, key=len, reverse=True)) + r")\b(?!\s+(?:of|that|which|from)\b)", re.IGNORECASE))
_LOOKBACK = 2500  # characters: how far back a definite noun phrase may refer


def same_item_classes(text: str, systems: list[Mention], registry: Registry) -> set[int]:
    """Indexes of class mentions that only describe the model just before them ('Su-35 multirole fighters')."""
    out = set()
    for i in range(1, len(systems)):
        prev, m = systems[i - 1], systems[i]
        if registry.systems[m.entity_id].is_class and not registry.systems[prev.entity_id].is_class:
            gap = text[prev.end:m.start]
            if (gap.strip() == "" or _SAME_ITEM_GAP.match(gap)) and not _NOT_SAME.search(gap) and m.start - prev.end <= 25:
                out.add(i)
    return out


def definite_references(text: str, start: int, end: int, systems: list[Mention], registry: Registry,
                        recipient_of: dict, states: set) -> list[Mention]:
    """Mentions standing for the model a definite noun phrase in text[start:end] refers back to: the latest
    earlier model of that kind (and origin), preferring one whose recipient the sentence names."""
    if "the " not in text[start:end].lower() and " its " not in text[start:end] and " their " not in text[start:end]:
        return []
    out = []
    for m in _DEFINITE.finditer(text, start, end):
        if any(s.start < m.end() and m.start() < s.end and not registry.systems[s.entity_id].is_class for s in systems):
            continue  # 'the S-400 system' is named
        categories = _NOUNS[m.group("noun").lower()].split()
        origin = _DEMONYMS.get((m.group("dem") or "").lower())
        noun = m.group("noun").lower().rstrip("s")
        models = [s for s in systems if s.end <= m.start() and m.start() - s.end <= _LOOKBACK
                  and not registry.systems[s.entity_id].is_class
                  and registry.systems[s.entity_id].row.get("category") in categories
                  and (origin is None or registry.state_by_country(registry.systems[s.entity_id].row.get("origin_country")) == origin)]
        if noun == "helicopter":
            models = [s for s in models if "helicopter" in " ".join(registry.systems[s.entity_id].aliases).lower()]
        if not models:
            continue
        preferred = [s for s in models if recipient_of.get(s.entity_id) in states]
        model = (preferred or models)[-1]
        out.append(Mention(m.start(), m.end(), "system", model.entity_id, "anaphor", m.group(0)))
    return out


# A deal named again by a noun: 'the offer', 'the approval' (of a sale), 'any such sale', 'the purchases',
# 'the deal' as a subject ('The deal is worth ...'): the latest contract.
DEAL_NOUN = Prefiltered(re.compile(r"\b(?:the\s+(?:\w+\s+)?offer|the\s+deal(?=\s+(?:is|was|includes?|included|covers?|covered|could|would|will|may|might|has|had)\b)|the\s+approval(?!\s+of\b)|(?:any\s+)?such\s+(?:an?\s+)?(?:sale|deal|purchase)|"
                                   r"(?:the|its|their)\s+(?:(?!arms\b|weapons\b|weaponry\b)\w+\s+)?purchases)\b", re.IGNORECASE))
_NAMED_NEXT = re.compile(r"^\s+(?:of|for)\s+(?:the\s+)?(?:\S+\s+){0,2}?$")


def deal_noun_systems(text: str, noun: re.Match, systems: list[Mention], earlier: list, states: set) -> list[Mention]:
    """Mentions standing for the systems a deal noun refers back to, from the events of earlier sentences
    (`earlier`: (stage, system id, recipient) in order): an offer or approval the latest offer, a plural
    ('the purchases') every system bought or delivered to the latest recipient, else the latest system.
    None when the noun names its own system ('the offer of S-400s')."""
    if any(0 <= s.start - noun.end() <= 30 and _NAMED_NEXT.match(text[noun.end():s.start] + " ") for s in systems):
        return []
    word = noun.group(0).lower()
    stages = ("offer",) if word.endswith(("offer", "approval")) else ("contract",) if word.endswith("deal") \
        else ("contract", "delivery", "offer", "interest", "talks")
    prior = [e for e in earlier if e[0] in stages and e[1]]
    preferred = [e for e in prior if e[2] in states]
    prior = preferred or prior
    if not prior:
        return []
    if word.endswith("purchases"):
        recipient = prior[-1][2]
        ids = list(dict.fromkeys(e[1] for e in prior if e[2] == recipient and e[0] in ("contract", "delivery")))
    else:
        ids = [prior[-1][1]]
    return [Mention(noun.start(), noun.end(), "system", i, "anaphor", noun.group(0)) for i in ids]
