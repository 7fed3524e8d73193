"""Arms named again without their name. A class noun right after a model names the same arms ('Su-35
multirole fighters', 'F-35 stealth fighters'); a definite noun phrase ('the last ten aircraft', 'the
helicopters', "the frigate's crew", 'the U.S. jets', 'the Russian system') refers back to the latest
model of that kind (and origin, when a demonym says so) named earlier in the article."""

from __future__ import annotations

import re

from .. import lexicons
from ..registry import Registry
from .mentions import Mention
from .prefilter import Prefiltered

# a class mention this close after a model, with no comma or conjunction between, describes the model
_SAME_ITEM_GAP = re.compile(r"^\s+(?:[\w-]+\s+){0,2}$")
_NOT_SAME = re.compile(r"\b(?:and|or|with|to|from|for|of|the|as)\b", re.IGNORECASE)

# class noun -> the categories of the models it can stand for (lexicon `class_nouns`), and its kind within them
_NOUNS = {row["noun"]: row["categories"] for row in lexicons.load("class_nouns")}
_KINDS = {row["noun"]: row["kind"] for row in lexicons.load("class_nouns") if row["kind"]}


def kind_fits(noun: str, model) -> bool:
    """Whether a class noun can name a model: 'the jets' not a helicopter, 'the helicopters' not a jet. A
    model's kinds are those of the class nouns in its names ('AW139 helicopters', 'M-346 jets'); a noun of no
    kind ('aircraft') or a model of none fits."""
    kind = _KINDS.get(noun.lower())
    if kind is None:
        return True
    words = {w for name in (model.row.get("name") or "", *model.aliases) for w in name.lower().split()}
    kinds = {_KINDS[w] for w in words if w in _KINDS}
    return not kinds or kind in kinds
def _origin_of(registry: Registry, word: str | None) -> str | None:
    """The state a demonym or name before a class noun gives ('Swedish radars', 'U.S. jets', 'Russian-made
    systems'): any exporting state of the registry, by its demonyms, name or aliases."""
    if not word:
        return None
    return registry.exporter_by_word.get(re.sub(r"-(?:made|built|designed)$", "", word).lower())


_DEFINITE = Prefiltered(re.compile(
    r"\b(?:the|its|their|these|those)\s+(?:(?:last|remaining|first|other|new)\s+)?(?:(?:\d+|two|three|four|five|six|"
    r"seven|eight|nine|ten|twelve)\s+)?(?:(?P<dem>(?-i:[A-Z])[\w.]*(?:-made|-built)?)\s+)?"
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
        origin = _origin_of(registry, m.group("dem"))
        models = [s for s in systems if s.end <= m.start() and m.start() - s.end <= _LOOKBACK
                  and not registry.systems[s.entity_id].is_class
                  and registry.systems[s.entity_id].row.get("category") in categories
                  and (origin is None or registry.state_by_country(registry.systems[s.entity_id].row.get("origin_country")) == origin)]
        models = [s for s in models if kind_fits(m.group("noun"), registry.systems[s.entity_id])]
        if not models:
            continue
        preferred = [s for s in models if recipient_of.get(s.entity_id) in states]
        model = (preferred or models)[-1]
        out.append(Mention(m.start(), m.end(), "system", model.entity_id, "anaphor", m.group(0)))
    return out


_ORIGIN_BEFORE = re.compile(r"(?P<dem>[A-Z][\w.]*?)(?:-made|-built|-designed)?\s+$")


_DESCRIBED = re.compile(r"^[^,;:()]{0,40}$")  # 'the Barak MX air and missile defence system': the model just before


def class_as_model(text: str, m: Mention, systems: list[Mention], registry: Registry,
                   sentence: tuple[int, int] = (0, 0)) -> Mention:
    """A bare class noun ('tanks', 'drones': lexicon `class_nouns`) standing for the model of its category named
    last before it in the article (of the origin a demonym before it gives), else for the one model of its
    category named later in the sentence ('its first submarines, offering two Type 214 boats'); a qualified
    class for the model of its category just before it ('the Barak MX air and missile defence system');
    else the class itself."""
    sentence_start, sentence_end = sentence
    entry = registry.systems[m.entity_id]
    if not entry.is_class or m.method == "anaphor":
        return m
    bare = m.surface.lower() in _NOUNS  # a qualified class ('short-range air defence systems') is a class of
    category = entry.row.get("category")  # its own, unless its sentence names one model of its category
    demonym = _ORIGIN_BEFORE.search(text, max(0, m.start - 25), m.start)
    origin = _origin_of(registry, demonym.group("dem")) if demonym else None

    def fits(s: Mention) -> bool:
        model = registry.systems[s.entity_id]
        return not model.is_class and model.row.get("category") == category \
            and kind_fits(m.surface.split()[-1], model) \
            and (origin is None or registry.state_by_country(model.row.get("origin_country")) == origin)

    models = [s for s in systems if s.end <= m.start and m.start - s.end <= _LOOKBACK and fits(s)] if bare else []
    if not models:
        later = {s.entity_id for s in systems if fits(s) and (
            m.end <= s.start < sentence_end if bare else sentence_start <= s.start < s.end <= m.start
            and _DESCRIBED.match(text[s.end:m.start]))}
        models = [Mention(m.start, m.end, "system", later.pop(), "anaphor", m.surface)] if len(later) == 1 else []
    return Mention(m.start, m.end, "system", models[-1].entity_id, "anaphor", m.surface) if models else m


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
