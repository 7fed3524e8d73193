"""Discovery of names the registries do not know: people, organisations, media, anonymous
sources and system designations. They come out as entities marked `extracted` (for a curator to
review), with a stable id derived from the name, and as mentions with method `discovered`.

Rules, in order: an organisation is a capitalised phrase with an organisation word ("Ministry",
"Presidency of Defense Industries", "Air Force"), with any acronym in brackets after it as an
alias; a person is two to four capitalised words that a title precedes ("Defense Minister Hulusi
Akar") or a reporting verb follows or precedes ("Geng Shuang said", "said Li Shangfu"), and their
surname (or given name) alone later; media are names that "reported" or that someone "told"; an anonymous source is
"a/an ... official|source|spokesperson|officer|diplomat ..." that speaks or is cited ("citing a source
in ...", "according to a Western diplomat"), unnamed groups ("a group of lawmakers", "rights groups",
"Venezuelan officials": unnamed.py), and unattributed "(media) reports / suggestions that";
"the Trump administration" and a place that speaks ("Downing Street said") are government bodies, as is
a ministry known by its portfolio ("the defence ministry", "foreign ministry spokesman ...", "the ministry"
of a minister named before) when no ministry was named before; a person known only by a role ("the Turkish
president", "the Egyptian military spokesman") when the article names no one with that
title; a system is a designation such as "Su-57", "TOS-1A" or "AK-103", or a name before class words
("Harbah anti-ship cruise missiles": named_systems.py); reporters and editors are the people of bylines
(bylines.py).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache

from anyascii import anyascii

from .. import lexicons
from ..corpus import Source
from ..registry import Registry
from ..resolve import MEDIA_NOUNS, SpeakerResolver
from . import titles
from .bylines import bylines
from .cues import ABBREVIATED_TITLES, CUES, QUESTION_LABEL
from .mentions import Mention
from .named_systems import systems_before_classes
from .prefilter import Prefiltered
from .unnamed import unnamed_groups

_UP = "A-ZÀ-ÖØ-ÞĀ-ŽȘȚ"  # capital letters, Latin-1, Latin Extended-A (Işık, Şahin, Ğ) and Romanian Ș, Ț
_WORD = rf"[{_UP}][\w’'\-]*"
_TITLE_MODIFIERS = (r"Deputy |Vice |Prime |Foreign |Defen[cs]e |Trade |Finance |Interior |Chief |Senior |Acting |Former |"
                    r"Cabinet |National |Naval |Air |Army |Navy |Security |State |U\.?S\.? |Wing |Squadron |Group |"
                    r"Lieutenant |Major |Brigadier |Rear |")
_DEMONYMS_SEEN = r"Turkish |Russian |Indian |Chinese |Egyptian |Saudi |American |Iranian |Greek |French |German |British "
_TITLE_HEADS = (r"(?:President|Minister|Marshal|Air Chief Marshal|Secretary(?: of State| of Defen[cs]e)?|Senator|Representative|Ambassador|"
           r"Envoy|General|Admiral|Colonel|Captain|Leader|Spokes(?:man|woman|person)|Chairman|Chairwoman|Chair|"
           r"Director|Head|Chief|CEO|Commander|Governor|Premier|Chancellor|King|Crown Prince|Prince|Emir|Sheikh|"
           + "|".join(re.escape(h) + r"(?=\s)" for h in sorted(lexicons.column("honorifics"), key=len, reverse=True))
           + "|" + ABBREVIATED_TITLES
           + ")")
_TITLES = rf"(?:{_TITLE_MODIFIERS}{_DEMONYMS_SEEN})*{_TITLE_HEADS}"
_ORG_WORDS = ("Ministry", "Agency", "Department", "Office", "Corporation", "Company", "Industries", "Industry",
              "Council", "Forces", "Force", "Army", "Navy", "Command", "Presidency", "Institute", "University",
              "Center", "Centre", "Service", "Bank", "Group", "Committee", "Commission", "Administration", "Embassy",
              "Parliament", "Assembly", "Senate", "Congress", "Foundation", "Association", "Authority", "Bureau",
              "Directorate", "Organization", "Organisation", "Holding", "Holdings", "Kremlin", "Duma", "Cabinet",
              "Guard", "Staff", "Party", "Court", "House", "Pentagon", "Forum", "Systems", "Works", "Shipyard",
              "Shipyards", "Dynamics", "Aerospace", "Electronics", "Technologies", "Laboratory", "Services", "Project",
              "Circle", "Initiative", "Programme", "Network", "Fund", "Trust", "Society", "Union", "Alliance")
_ORG_STRIP = {"The", "A", "An", "In", "On", "At", "But", "And", "However", "Then", "Next", "Finally", "According",
              "Since", "After", "Before", "During", "This", "That", "Its", "Their", "State-owned", "Both"}
_MEDIA_WORDS = ("News", "Times", "Post", "Daily", "Journal", "Gazette", "Television", "TV", "Radio", "Channel",
                "Herald", "Telegraph", "Tribune", "Novosti", "Press", "Wire", "Monitor", "Sabah", "Arabiya", "Jazeera")
_CUE = r"(?:said|says|told|added|noted|stressed|warned|explained|argued|announced|confirmed|insisted|wrote|declared)"
_NOT_NAMES = {"The", "A", "An", "In", "On", "At", "But", "And", "However", "Then", "Next", "Finally", "According",
              "Since", "After", "Before", "During", "This", "That", "These", "Those", "It", "He", "She", "They", "We",
              "Our", "His", "Her", "Their", "As", "If", "When", "While", "Meanwhile", "Also", "Currently", "Last",
              "Earlier", "Later", "Today", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
              "Sunday", "January", "February", "March", "April", "May", "June", "July", "August", "September",
              "October", "November", "December", "Western", "Eastern", "Northern", "Southern", "State", "Top",
              "Both", "Some", "All", "Such", "Many", "Most", "Other", "Its", "Under", "With", "From", "For", "By",
              "To", "Of", "Russian", "Turkish", "American", "Chinese", "Indian", "Soviet", "NATO", "Moscow"}
_PLACE_WORDS = {"Square", "Street", "Sea", "Ocean", "River", "Mountains", "Gulf", "Island", "Islands", "City",
                "Province", "Region", "Day", "Week", "Year", "Parade", "Exhibition", "Show", "Summit", "Forum",
                "Act", "Law", "Programme", "Program", "Treaty", "Agreement", "Model", "Strait", "Peninsula",
                "Airport", "Base", "Border", "War", "Games", "Expo", "Section", "Nation", "Model"}
_DESIGNATION = re.compile(rf"(?<![\w-])(?:[{_UP}][A-Za-z]{{0,5}}|[{_UP}]/[{_UP}])-\d{{1,4}}[A-Za-z0-9]*(?:-[A-Z0-9]+)?(?![\w-])")
_NOT_DESIGNATIONS = {"COVID", "SARS", "MERS", "G", "ISO", "ARMY", "MAKS", "IDEF", "DSEI", "IDEX", "EXPO", "NATO", "UN"}
_DESIGNATION_CATEGORY = [(re.compile(r"^(?:Su|MiG|F|J|JF|Yak|Tu|Il|FA|F/A|Rafale)-"), "aircraft", "IV"),
                         (re.compile(r"^(?:Mi|Ka|AH|UH)-"), "aircraft", None),
                         (re.compile(r"^(?:S|HQ|Tor|Buk|Pantsir)-"), "air_defence_systems", None),
                         (re.compile(r"^(?:T|BMP|BTR|BMD)-"), "armoured_vehicles", None),
                         (re.compile(r"^(?:TOS|BM)-"), "artillery", None)]
# Prefiltered: a paragraph is scanned only if it holds one of the words the pattern needs (see prefilter.py)
_ANON = Prefiltered(re.compile(
    r"\b(?:an?|one|(?:its|their)(?!\s+(?:[\w-]+\s+){0,3}?(?:executive|engineer|aide|manager)\b))\s+"
    r"(?P<core>(?:(?!with\b|and\b)(?:U\.S\.|U\.K\.|U\.N\.|[\w\-’']+)\s+){0,4}?"
    r"(?:source|official|spokes(?:man|woman|person)|diplomat|officer|representative|insider|"
    r"news\s+(?:site|website|outlet|agency)|" + "|".join(MEDIA_NOUNS) + "|"
    r"executive|engineer|aide|manager))"  # 'An EDGE executive said', 'a Saab engineer told'
    r"(?P<tail>\s+(?:in|at|of|for|from|close to|familiar with)\s+(?:the\s+)?"
    r"(?:(?!(?:said|told|says|added|speaking)\b)[\w\-’']+\s?){1,4})?"
    # the verb that reports them, after a clause set off by commas ('A diplomat in Cairo, speaking to Interfax, said')
    r"(?=,?\s+(?:[^,.;\"“”]{1,80},\s+)?(?:also\s+)?(?:" + "|".join(map(re.escape, (*CUES, "rejected", "dismissed")))
    + r")\b)",
    re.IGNORECASE))
# a source that an outlet cites: 'Kommersant reported, citing a source in the defence industry'
_CITED_ANON = Prefiltered(re.compile(
    r"\b(?:citing|quoting|according\s+to)\s+(?:an?|one)\s+(?P<core>(?:[\w\-’']+\s+){0,3}?(?:source|official|diplomat|officer|insider)"
    r"(?:\s+(?:in|at|of|from|close\s+to|familiar\s+with)\s+(?:the\s+)?"
    r"(?:(?!(?:on|in|as|and|who|that|last|this|said|told)\b)[\w\-’']+\s?){1,3})?)"))
# unnamed groups that speak: 'people familiar with the matter', 'a group of U.S. lawmakers', 'Human rights groups'
_GROUP_ANON = Prefiltered(re.compile(r"(?:\bpeople (?:familiar with|close to|briefed on|involved in|with knowledge of) "
                                     r"the (?:[\w-]+ )??[\w-]+"
                                     r"|\b(?:[Aa]n?|[Oo]ne)\s+group\s+of\s+(?:[\w.’'-]+\s+){0,2}?(?:lawmakers|senators|legislators|"
                                     r"congressmen|officials|experts|analysts|diplomats|activists|MPs)"
                                     r"|\b(?:(?i:human)\s+)?(?i:rights)\s+(?:groups|organi[sz]ations|activists|campaigners|watchdogs))\b"
                                     r"(?=,?\s+(?:have\s+|has\s+)?(?:long\s+|also\s+|repeatedly\s+)?"
                                     r"(?:said|told|say|says|warned|urged|argued|accused|demanded|called)\b"
                                     r"|[,.])"))  # or cited: '..., according to people familiar with the terms.

# unattributed reports as a source: 'reacted to reports that ...', 'declined to comment on media reports that ...'
_REPORTS_ANON = Prefiltered(re.compile(r"\b(?:to|on|of|about|amid|despite|denying|denied|dismiss(?:ed|ing|es)|reject(?:ed|ing|s))\s+"
                                       r"(?P<core>(?:(?:recent|earlier|unconfirmed|media|press|news)\s+){0,2}"
                                       r"(?:reports|suggestions|claims|rumou?rs|speculation))(?=\s+that\b)"))
# 'Downing Street said': the office in a building or street that speaks (a place name as a speaker)
_SEAT = Prefiltered(re.compile(rf"\b{_WORD}\s+(?:Street|Palace|Hill)(?=,?\s+(?:has\s+|had\s+|also\s+)?{_CUE}\b)"))
# 'the Trump administration': a government known by its leader's name
_ADMINISTRATION = Prefiltered(re.compile(rf"\b{_WORD}\s+administration\b"))


@dataclass(frozen=True)
class NewEntity:
    """An entity found in an article and not in the registries (review_status 'extracted')."""

    entity_type: str  # actor | system
    id: str
    name: str
    kind: str | None = None  # actors: person, government_body, company, armed_forces, media, ...
    role: str | None = None
    country: str | None = None
    parent_id: str | None = None
    category: str | None = None  # systems
    unroca_category: str | None = None


def slug(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")


def discover(source: Source, registry: Registry, known: list[Mention]) -> tuple[list[NewEntity], list[Mention]]:
    """New entities of one article and their mentions; spans already named by the registry are left alone."""
    text = source.text
    taken = [(m.start, m.end) for m in known]
    entities: dict[str, NewEntity] = {}
    mentions: list[Mention] = []
    surfaces: dict[str, str] = {}  # surface -> entity id, for later occurrences (surnames, acronyms)
    given: dict[str, str] = {}  # given name -> person id, used after the surnames (they win a tie)
    anon_spans: list[tuple[int, int]] = []

    speaker_spans = [(m.start, m.end) for m in known if m.entity_type == "actor" and
                     (m.method == "role_phrase" or registry.actors[m.entity_id].kind in ("person", "anonymous_source"))]

    def free(s, e, spans=None):
        return not any(a < e and s < b for a, b in (taken if spans is None else spans))

    state_spans = {(m.start, m.end) for m in known if m.entity_type == "actor" and registry.actors[m.entity_id].kind == "state"}

    def add(entity: NewEntity, s: int, e: int, over_states: bool = False, registered: bool = False) -> bool:
        """Record a mention of `entity` at s:e unless the span is taken (`over_states`: but for the
        names of states inside it; `registered`: an entity the registry has, so nothing new); True if recorded."""
        nested_ok = entity.kind == "anonymous_source"  # 'A State Department spokesperson' holds an organisation
        spans = speaker_spans + anon_spans if nested_ok else \
            [t for t in taken if not (t in state_spans and s <= t[0] and t[1] <= e and t != (s, e))] if over_states else None
        if not free(s, e, spans) or not slug(entity.name):
            return False
        if nested_ok:
            anon_spans.append((s, e))
        mentions.append(Mention(s, e, entity.entity_type, entity.id, "discovered", text[s:e]))
        taken.append((s, e))
        if not registered:
            entities.setdefault(entity.id, entity)
            surfaces.setdefault(text[s:e], entity.id)
        return True

    zones = [(z.start, z.end) for z in source.zones if z.kind == "body"]
    known_ids = set(registry.actors) | set(registry.systems)
    for zs, ze in zones:
        for s, e, entity in _organisations(text, zs, ze, registry, known):
            if entity.id in registry.actors and entity.id != entity.parent_id:
                add(entity, s, e, over_states=True, registered=True)
            elif entity.id not in known_ids:
                add(entity, s, e, over_states=True)  # 'Bangladesh Air Force' holds the state's name
                acronym = re.match(r"\s*\(([A-Z][A-Z0-9]{1,7})\)", text[e:ze])
                if acronym:
                    a_s = e + acronym.start(1)
                    add(entity, a_s, a_s + len(acronym.group(1)))
        for m in _ADMINISTRATION.finditer(text, zs, ze):
            if m.group(0).split()[0] not in _NOT_NAMES:
                add(NewEntity("actor", slug(m.group(0)), m.group(0), kind="government_body"), m.start(), m.end())
        for m in _SEAT.finditer(text, zs, ze):
            if m.group(0).split()[0] not in _NOT_NAMES:
                add(NewEntity("actor", slug(m.group(0)), m.group(0), kind="government_body"), m.start(), m.end())
        for s, e, entity in _media(text, zs, ze):
            if entity.id not in known_ids:
                add(entity, s, e)
        for s, e, entity in _people(text, zs, ze, registry, known):
            if entity.id not in known_ids and add(entity, s, e):
                for surname in _surnames(entity.name):
                    surfaces.setdefault(surname, entity.id)
                    surfaces.setdefault(anyascii(surname), entity.id)  # 'Barić' ... 'Baric', 'Yıldız' ... 'Yildiz'
                first = entity.name.split()[0]
                if len(entity.name.split()) == 2 and "." not in first and first not in _NOT_NAMES:
                    given.setdefault(first, entity.id)  # 'Defence Minister Mohamad Hasan' ... 'Mohamad dismissed'
                for head in _role_heads(entity.role):  # 'Defense Minister Hulusi Akar' ... 'the minister'
                    for article in ("the", "The"):
                        surfaces.setdefault(f"{article} {head}", entity.id)
        for s, e, entity in _anonymous(text, zs, ze, registry, known + mentions, source.source_id, entities):
            if not _apposition_of_person(text, s, known + mentions, registry, entities):
                add(entity, s, e)
        for m in _DESIGNATION.finditer(text, zs, ze):
            name = m.group(0)
            prefix, _, number = name.partition("-")
            if prefix.upper() in _NOT_DESIGNATIONS or re.match(r"(?:19|20)\d\d$", number):
                continue  # 'COVID-19', 'Army-2020', 'MAKS-2021' are not weapons
            base = _registered_base(name, registry)
            if base is not None:  # 'FA-50PH', 'Su-30MKM': a variant of a registered model is that model
                if free(m.start(), m.end()):
                    mentions.append(Mention(m.start(), m.end(), "system", base, "alias", name))
                    taken.append((m.start(), m.end()))
                continue
            category, unroca = next(((c, u) for p, c, u in _DESIGNATION_CATEGORY if p.match(name)), ("other", None))
            add(NewEntity("system", slug(name), name, category=category, unroca_category=unroca), m.start(), m.end())
    credit_zones = [(z.start, z.end) for z in source.zones if z.kind in ("body", "credit")]
    for s, e, name, role in bylines(text, credit_zones):  # 'By Ana Lee', 'Editing by Tom Park'
        if slug(name) not in known_ids:
            add(NewEntity("actor", slug(name), name, kind="person", role=role), s, e)
    for s, e, name, category in systems_before_classes(text, zones, registry, known, _all_demonyms(registry)):
        registered = _system_surfaces(registry).get(name.lower())
        if registered:  # 'Korkut systems', 'Piranha armoured personnel carriers': a registered designation
            add(NewEntity("system", registered, name), s, e, registered=True)
        elif slug(name) not in known_ids:  # 'Harbah anti-ship cruise missiles': a name before class words
            add(NewEntity("system", slug(name), name, category=category), s, e)
    # later occurrences of surnames, given names (Malay, Arab and Indonesian usage) and acronyms found above
    for name, ident in given.items():
        if sum(1 for v in given.values() if v != ident and entities[v].name.split()[0] == name) == 0:
            surfaces.setdefault(name, ident)
    for zs, ze in zones:
        for s, e, surface in _occurrences(text, surfaces, zs, ze):
            if free(s, e):
                eid = surfaces[surface]
                mentions.append(Mention(s, e, entities[eid].entity_type, eid, "discovered", surface))
                taken.append((s, e))
    for m in _misspelt_names(text, zones, surfaces, known + mentions, entities, registry):
        if free(m.start, m.end):  # 'Vorontsov' ... 'Vorontsev said': a typo of a name the article gave
            mentions.append(m)
            taken.append((m.start, m.end))
    # 'the Turkish president' in an article that never names a president: a person known by the role
    view = None
    for zs, ze in zones:
        for m in _ROLE_HOLDER.finditer(text, zs, ze):
            s, e = m.start("phrase"), m.end()
            state = _state_in(text, s, e, registry, known) if free(s, e) else None
            if state is None:
                continue
            if view is None:
                view = SpeakerResolver(known + mentions, registry.extended(list(entities.values())), text)
            if view.described_person(s, e, text[s:e]) is None:
                role = " ".join(m.group("role").lower().split())
                name = f"{m.group('dem')} {role}"
                add(NewEntity("actor", f"role-{source.source_id.replace('_', '-')}-{slug(name)}", name, kind="person",
                              role=role, country=_iso(registry, state), parent_id=state), s, e)
    for zs, ze in zones:  # "China's embassy in Abuja", 'the Greek navy': a state's body named by its noun
        for s, e, entity in _owned_bodies(text, zs, ze, registry, known):
            if entity.id in registry.actors and add(entity, s, e, over_states=True, registered=True):
                continue  # 'the Russian defence ministry': the registry's Russian Ministry of Defence
            if entity.id not in known_ids:
                add(entity, s, e, over_states=True)
    # 'the defence ministry said', 'foreign ministry spokesman ...': a ministry known by its portfolio
    for zs, ze in zones:
        for m in _MINISTRY.finditer(text, zs, ze):
            s, e = m.start(), m.end()
            if m.group("dem") and _state_in(text, s, m.start("role"), registry, known) is None:
                s = m.start("role")  # 'The defence ministry': no demonym
            if not free(s, e):
                continue
            if view is None:
                view = SpeakerResolver(known + mentions, registry.extended(list(entities.values())), text)
            if view.described_other(s, e, m.group("role")) is not None:
                continue  # 'the Russian Defence Ministry ... the defence ministry': the one named before
            state = _state_in(text, s, e, registry, known)
            ident = f"{state}-{slug(m.group('role'))}" if state else f"role-{source.source_id.replace('_', '-')}-{slug(m.group('role'))}"
            add(NewEntity("actor", ident, text[s:e], kind="government_body", country=_iso(registry, state),
                          parent_id=state), s, e)
    # 'according to the ministry' with no ministry named: the ministry of the minister named before
    view = None
    for zs, ze in zones:
        for m in _BARE_MINISTRY.finditer(text, zs, ze):
            s, e = m.start("role"), m.end()
            portfolio = None
            for portfolio in _MINISTER.finditer(text, 0, s):
                pass
            if portfolio is None or not free(s, e):
                continue
            if view is None:
                view = SpeakerResolver(known + mentions, registry.extended(list(entities.values())), text)
            if view.described_other(s, e, "ministry") is not None:
                continue
            role = f"{portfolio.group('portfolio').lower().replace('defense', 'defence')} ministry"
            add(NewEntity("actor", f"role-{source.source_id.replace('_', '-')}-{slug(role)}", role,
                          kind="government_body"), s, e)
    return sorted(entities.values(), key=lambda x: x.id), sorted(mentions, key=lambda m: (m.start, m.end))


_MINISTRY = Prefiltered(re.compile(r"(?:\b(?P<dem>[A-Z][a-z]+)\s+)?(?P<role>\b(?:defen[cs]e|foreign|interior|finance|trade)\s+ministry)\b"))
_BARE_MINISTRY = Prefiltered(re.compile(r"\b[Tt]he\s+(?P<role>ministry)\b(?!\s+of\b)"))
_MINISTER = re.compile(r"\b(?P<portfolio>Defen[cs]e|Foreign|Interior|Finance|Trade)\s+Minister\b")


_ROLE_HOLDER = re.compile(
    r"\b(?P<phrase>[Tt]he\s+(?P<dem>[A-Z][a-z]+)\s+(?P<role>(?:(?:prime|foreign|defen[cs]e|trade|finance|interior)\s+)?"
    r"minister|(?:vice\s+)?president|king|emir|crown\s+prince|ambassador|envoy|leader"
    r"|(?:(?:military|army|government|presidential|foreign\s+ministry|defen[cs]e\s+ministry)\s+)?spokes(?:man|woman|person)))\b")


@cache
def _owned_body_pattern() -> tuple[re.Pattern, dict[str, str]]:
    """'<State>'s <noun>', '<Demonym> <noun>' with an optional 'in <City>': nouns and kinds from the lexicon
    `organisation_nouns`."""
    kinds = {row["noun"]: row["kind"] for row in lexicons.load("organisation_nouns")}
    nouns = "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in sorted(kinds, key=len, reverse=True))
    owner = rf"(?P<its>[Ii]ts|[Tt]heir)|[{_UP}](?:\.[{_UP}])+\.?|[{_UP}][\w-]+(?:\s+[{_UP}][\w-]+)?"
    return re.compile(rf"\b(?P<owner>{owner})(?:['’]s)?\s+"
                      rf"(?P<noun>(?i:{nouns}))\b(?:\s+in\s+[{_UP}][\w-]+(?:\s+[{_UP}][\w-]+)?)?"), kinds


_FUNCTION_WORDS = {"of", "the", "and", "for"}


def _content_words(name: str, drop: frozenset[str] = frozenset()) -> frozenset[str]:
    words = {w.replace("defense", "defence") for w in re.findall(r"[\w-]+", name.lower())}
    return frozenset(words - _FUNCTION_WORDS - drop)


@lru_cache(maxsize=8)
def _registered_bodies(registry: Registry) -> dict[tuple[str, frozenset[str]], str]:
    """(state, the words of a body's name beside the state's own) -> the registry's body: ('russia', {defence,
    ministry}) -> russian-defense-ministry, from 'Russian Ministry of Defence'."""
    index: dict[tuple[str, frozenset[str]], str] = {}
    for entry in registry.actors.values():
        state = entry.row.get("parent_id")
        owner = registry.actors.get(state) if state else None
        if owner is None or owner.kind != "state" or entry.kind in ("person", "anonymous_source", "state"):
            continue
        for surface in (entry.name, *entry.aliases):
            index.setdefault((state, _content_words(surface, _state_words(registry, state))), entry.id)
    return index


@lru_cache(maxsize=1024)
def _state_words(registry: Registry, state: str) -> frozenset[str]:
    """The lower-cased words of a state's names and demonyms ('russia', 'russian', 'federation')."""
    owner = registry.actors[state]
    return frozenset(w.lower() for n in (owner.name, *owner.aliases, *owner.demonyms) for w in n.split())


_ITS_REACH = 300  # 'Its foreign ministry': the state named this close before


def _owned_bodies(text, zs, ze, registry, known):
    pattern, kinds = _owned_body_pattern()
    for m in pattern.finditer(text, zs, ze):
        if m.group("its"):  # 'The deal angered Azerbaijan. Its foreign ministry said ...'
            states = [k for k in known if k.entity_type == "actor" and m.start() - _ITS_REACH <= k.start < m.start()
                      and registry.actors[k.entity_id].kind == "state"]
            state = states[-1].entity_id if states else None
        else:
            state = _state_in(text, m.start("owner"), m.end("owner"), registry, known)
        if state is None:
            continue
        noun = " ".join(m.group("noun").lower().split())
        ident = _registered_bodies(registry).get((state, _content_words(noun))) \
            or f"{state}-{slug(noun.replace('defense', 'defence'))}"
        yield m.start(), m.end(), NewEntity("actor", ident, text[m.start():m.end()], kind=kinds[noun],
                                            country=_iso(registry, state), parent_id=state)


_VARIANT_SUFFIX = re.compile(r"^(?P<base>.*\d)[A-Z]{1,4}[a-z]?$")  # 'FA-50PH', 'Su-30MKM', 'J-10CE'


def _registered_base(designation: str, registry: Registry) -> str | None:
    """The registered model a designation with a variant suffix or a plural belongs to ('Su-30MKM' -> su-30,
    'M-346s' -> m-346), if any."""
    if designation.endswith("s") and designation[:-1].lower() in _system_surfaces(registry):
        return _system_surfaces(registry)[designation[:-1].lower()]  # a plural: 'M-346s'
    m = _VARIANT_SUFFIX.match(designation)
    if m is None:
        return None
    base = m.group("base")
    return _system_surfaces(registry).get(base.lower())


@lru_cache(maxsize=8)
def _system_surfaces(registry: Registry) -> dict[str, str]:
    """Lowercase name, designation and aliases of every registered model -> its id."""
    out: dict[str, str] = {}
    for entry in registry.systems.values():
        if not entry.is_class and entry.row.get("review_status") == "curated":
            for surface in (entry.name, entry.row.get("designation"), *entry.aliases):
                if surface:
                    out.setdefault(surface.lower(), entry.id)
    return out


def _state_in(text: str, s: int, e: int, registry: Registry, known: list[Mention]) -> str | None:
    """The state a phrase belongs to: a state mention or a demonym inside it."""
    for m in known:
        if s <= m.start and m.end <= e and m.entity_type == "actor":
            state = registry.state_of(m.entity_id)
            if state:
                return state
    index = registry.first_state_by_demonym
    found = [index[w] for w in re.findall(r"[\w.]+", text[s:e]) if w in index]
    return min(found)[1] if found else None  # the first state in registry order that a word names


# (?=[{_UP}]): an organisation's name starts with a capital, so no other place is tried
_ORG = re.compile(rf"(?=[{_UP}])(?:(?:{_WORD}|U\.S\.)\s+)*?(?:{_WORD}\s+)?(?:{'|'.join(_ORG_WORDS)})\b(?:\s+(?:of|for)(?:\s+the)?\s+{_WORD}(?:\s+{_WORD}){{0,3}})?")


def _organisations(text, zs, ze, registry, known):
    for m in _ORG.finditer(text, zs, ze):
        s, e = m.start(), m.end()
        words = text[s:e].split()
        owner = _state_in(text, s, e, registry, known)  # "Russia's Defence Research Agency": before stripping
        possessive = False
        while words and (words[0] in _ORG_STRIP or words[0].endswith(("’s", "'s"))):
            possessive = possessive or words[0].endswith(("’s", "'s"))
            s += text[s:e].find(words[0]) + len(words[0])
            while s < e and text[s].isspace():
                s += 1
            words = words[1:]
        if len(words) < 2 and text[s:e] not in ("Kremlin", "Pentagon"):
            continue
        name = text[s:e]
        head = next((w for w in words if w in _ORG_WORDS), words[-1])  # 'Presidency of Defense Industries'
        kind = ("media" if any(w in _MEDIA_WORDS for w in words) else
                "armed_forces" if head in ("Force", "Forces", "Army", "Navy", "Command", "Guard", "Staff") else
                "company" if head in ("Corporation", "Company", "Industries", "Industry", "Holding", "Holdings", "Bank", "Group") else
                "research_institute" if head in ("Institute", "University", "Center", "Centre", "Foundation") else
                "legislature" if head in ("Parliament", "Assembly", "Senate", "Congress") else
                "government_body")
        state = _state_in(text, s, e, registry, known) or owner
        # the owner's name is not part of the name left: it goes into the id, so that two countries'
        # "Defence Research Agency" stay two actors
        ident = f"{owner}-{slug(name)}" if possessive and owner else slug(name)
        if state is not None:  # "Russia's Ministry of Defence": the registry's, if it has that body
            ident = _registered_bodies(registry).get((state, _content_words(name, _state_words(registry, state)))) \
                or ident
        yield s, e, NewEntity("actor", ident, name, kind=kind, country=_iso(registry, state), parent_id=state)


def _iso(registry: Registry, state: str | None) -> str | None:
    return registry.actors[state].row.get("country") if state else None


_LOWER_TITLE = re.compile(r"\b(?:chairman|chairwoman|minister|president|secretary|spokes(?:man|woman|person)|ambassador|"
                          r"envoy|chief|head|director|general|senator|lawmaker|analyst|expert|commander|premier|"
                          r"leader|king|emir|official)\s*,?\s*$")
# initials before a surname ('V.R. Chaudhari', 'A. K. Antony'), not a country's ('U.S.')
_INITIALS = rf"(?!(?:U\.[SKN]|E\.U)\.)(?:[{_UP}]\.\s?){{1,3}}\s*{_WORD}"
# (?=[{_UP}]): titles and names start with a capital, so no other place is tried (5x faster)
@lru_cache(maxsize=8)
def _person_pattern(demonyms: frozenset[str]) -> re.Pattern:
    """A titled or bare name; the title may open with any state's demonym ('Armenian Defence Minister')."""
    dems = "|".join(re.escape(d) + " " for d in sorted(demonyms, key=len, reverse=True) if d[:1].isupper())
    # 'Ambassador to Turkey Douglas Reiner', 'Minister of Defence Ana Lee': a title's complement before the name
    complement = rf"(?:\s+(?:to|of|for)\s+(?:the\s+)?[{_UP}][\w.-]+(?:\s+[{_UP}][\w.-]+)?)?"
    titles = rf"(?:{_TITLE_MODIFIERS}{dems})*{_TITLE_HEADS}{complement}"
    retired = r"(?:\((?:retd|ret\.|retired)\)\s+)?"  # 'Col. (retd) Arvind Menon'
    return re.compile(rf"(?=[{_UP}])(?:{_WORD}['’]s\s+(?={titles}))?(?P<title>{titles}\s+{retired})?"
                      rf"(?P<name>{_INITIALS}|{_WORD}(?:\s+(?:bin|ibn|al|van|von|de|da)?\s*(?:al-|el-)?{_WORD}){{1,3}})")

_TITLE_WORD = re.compile(_TITLES)
_TITLE_BEFORE = re.compile(rf"{_TITLES}\s*,?\s*$")
# 'Ana Lee, a spokeswoman ..., said', 'Ana Lee of the Berlin-based Centre for X said': the cue after the name
_CUE_AFTER_NAME = re.compile(rf"(?:,[^,]{{1,90}},|\s+(?:of|from|at)\s+the\s+[{_UP}][^,.;:“”\"]{{1,70}}?)?,?\s+"
                             rf"(?:also\s+|has\s+|had\s+)?{_CUE}\b")
_CUE_BEFORE_NAME = re.compile(rf"\b{_CUE}\s+$")
# 'said Steel Dome did not mean ...': a name after the cue with a verb after it opens the reported clause
_CLAUSE_VERB = re.compile(r"\s+(?:did|does|do|was|were|is|are|would|will|had|has|have|could|can|should|may|might|"
                          r"must|remains?|remained|needs?|needed)\b")


_LONE_NAME = re.compile(rf"(?<![\w’'-])(?<!\w )(?<!\w, ){_WORD}(?=,)")  # a name alone before a comma
_THE_BEFORE = re.compile(r"\b[Tt]he\s+$")
# 'Vorontsov said', 'Vorontsov, 61, confirmed': one capitalised word that speaks
_LONE_SPEAKER = re.compile(rf"(?<![\w’'-])(?P<name>{_WORD})(?:,\s*\d{{2}},)?\s+{_CUE}\b")


@lru_cache(maxsize=4)
def _speaking_surnames(text: str) -> frozenset[str]:
    """Single names the article makes speak ('Vorontsov said') or titles ('Vorontsov, first deputy director of'):
    a full name ending in one is a person even untitled ('MOSCOW - Gennady Vorontsov keeps a model of ...')."""
    after, _ = _apposition_titles()
    speaking = {m.group("name") for m in _LONE_SPEAKER.finditer(text)}
    titled = {m.group(0) for m in _LONE_NAME.finditer(text) if after.match(text, m.end())}  # 'Lee, chief executive'
    # an interview's answers ('Q: ...' then 'Bergvall: ...'): the label of each answer
    answering = {m.group("name") for m in _ANSWER_LABEL.finditer(text)} if QUESTION_LABEL.search(text) else set()
    return frozenset((speaking | titled | answering) - _NOT_NAMES)


_ANSWER_LABEL = re.compile(rf"(?m)^(?P<name>{_WORD}):\s")


def _people(text, zs, ze, registry, known):
    for m in _person_pattern(_all_demonyms(registry)).finditer(text, zs, ze):
        s, e = m.start("name"), m.end("name")
        while e > s and text[e - 1] in "’'":  # "CBS News'" -> "CBS News"
            e -= 1
        if text[e - 2:e] in ("'s", "’s"):  # "Ville-Pekka Hämäläinen's windowsill"
            e -= 2
        words = text[s:e].split()
        while words and (words[0] in _NOT_NAMES or _TITLE_WORD.fullmatch(words[0])):
            s = text.index(words[1], s + len(words[0])) if len(words) > 1 else e
            words = words[1:]
        inner = _inner_title(text, s, words, registry)
        if inner is not None:  # 'Chief of the Naval Staff Admiral Tariq Mehmood': the name after the inner title
            m, (s, e) = inner, inner.span("name")
            words = text[s:e].split()
        bare = [w.rstrip("’'s").rstrip("’'") if w.endswith(("’s", "'s", "’", "'")) else w for w in words]
        if len(words) < 2 or any(w in _PLACE_WORDS or w in _ORG_WORDS or w in _MEDIA_WORDS for w in bare):
            continue
        after = text[e:min(ze, e + 110)]  # room for an apposition: 'Ellen Lord, the Pentagon's top ..., told'
        before = text[max(zs, s - 25):s]
        if not m.group("title") and _THE_BEFORE.search(before):
            continue  # 'a fellow at the Capitol Security Project, said': no person has 'the' before the name
        titled = bool(m.group("title")) or bool(_TITLE_BEFORE.search(before)) \
            or bool(_LOWER_TITLE.search(before)) or _titled_in_apposition(text, zs, s, e)
        cued = bool(_CUE_AFTER_NAME.match(after)) \
            or (bool(_CUE_BEFORE_NAME.search(before)) and not _CLAUSE_VERB.match(after))
        if not (titled or cued or words[-1] in _speaking_surnames(text)):
            continue
        name = " ".join(words)
        if name.lower() in _registry_surfaces(registry):
            continue  # 'deputy chief of mission in New Delhi, said': a place the registry knows is no person
        title = (m.group("title") or "").strip() or None
        state = _state_in(text, m.start(), e, registry, known) if title else None
        yield s, e, NewEntity("actor", slug(name), name, kind="person", role=title,
                              country=_iso(registry, state), parent_id=state)


_NAME_PARTICLES = {"bin", "ibn", "bint", "al", "el", "abu", "van", "von", "de", "da", "del", "della", "di", "la", "le",
                   "du", "dos", "das", "mac", "ben"}


def _occurrences(text: str, surfaces, zs: int, ze: int) -> list[tuple[int, int, str]]:
    """Whole-word occurrences of the surfaces in text[zs:ze], left to right, the longest at a place, none
    overlapping (what one alternation of them finds, without compiling one per article)."""
    found = []
    for surface in surfaces:
        at = text.find(surface, zs, ze)
        while at != -1:
            end = at + len(surface)
            if not _wordlike(text[at - 1:at]) and (end >= ze or not _wordlike(text[end:end + 1])):
                found.append((at, -len(surface), surface))
            at = text.find(surface, at + 1, ze)
    out, reach = [], zs
    for at, neg, surface in sorted(found):
        if at >= reach:
            out.append((at, at - neg, surface))
            reach = at - neg
    return out


def _wordlike(ch: str) -> bool:
    return bool(ch) and (ch.isalnum() or ch in "_-")


_ACCORDING_TO = re.compile(rf"\b[Aa]ccording to (?P<name>{_WORD})(?=[,.])")


def _misspelt_names(text, zones, surfaces, mentions, entities, registry):
    """Mentions of a lone speaking name one typo away from a name the article gave ('Vorontsev said' after
    'Gennady Vorontsov', 'Al-Uqaili' after 'al-Ugaili', 'Hanwah said' after 'Hanwha')."""
    names = {k: v for k, v in surfaces.items() if " " not in k and len(k) >= 5}
    for m in mentions:
        kind = entities[m.entity_id].kind if m.entity_id in entities else registry.actors[m.entity_id].kind \
            if m.entity_id in registry.actors else None
        if m.entity_type != "actor" or kind == "state":
            continue
        entry = registry.actors.get(m.entity_id)
        for surface in (m.surface, *(entry.aliases if entry is not None else ())):
            if " " not in surface and len(surface) >= 5:
                names.setdefault(surface, m.entity_id)
    for zs, ze in zones:
        for found in [*_LONE_SPEAKER.finditer(text, zs, ze), *_ACCORDING_TO.finditer(text, zs, ze)]:
            word = found.group("name")
            if word in names or word in _NOT_NAMES or len(word) < 5:
                continue
            near = {ident for name, ident in names.items() if _one_typo(word.lower(), name.lower())}
            if len(near) == 1:
                ident = near.pop()
                etype = entities[ident].entity_type if ident in entities else "actor"
                yield Mention(found.start("name"), found.end("name"), etype, ident, "discovered", word)


def _one_typo(a: str, b: str) -> bool:
    """a and b differ by one letter changed, added, dropped, or two neighbours swapped (same first letter)."""
    if a == b or a[0] != b[0] or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]]
                                  and a[diff[1]] == b[diff[0]])
    short, long_ = sorted((a, b), key=len)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


def _surnames(name: str) -> list[str]:
    """The words a person is later called by alone: the last, and in a name of three words or more with no
    particle the second ('Inés Garrido Olmedo' ... 'According to Garrido')."""
    words = name.split()
    if len(words) >= 3 and words[1][:1].isupper() and "." not in words[0] + words[1] and "-" not in words[1] \
            and words[1].lower() not in _NAME_PARTICLES:
        return [words[-1], words[1]]
    return [words[-1]]


def _role_heads(role: str | None) -> list[str]:
    """The nouns a person's title is later referred by: 'commander Gen.' -> gen, general (lexicon
    `abbreviated_titles`)."""
    if not role:
        return []
    head = role.split()[-1].lower().rstrip(".")
    spelled = {a.lower(): t for a, t in zip(lexicons.column("abbreviated_titles"),
                                            lexicons.column("abbreviated_titles", "title")) if t}
    last = " ".join(role.split()[-2:]).lower()
    full = spelled.get(last) or spelled.get(role.split()[-1].lower())
    return [head, full] if full and full != head else [head]


def _inner_title(text: str, s: int, words: list[str], registry: Registry) -> re.Match | None:
    """A titled name that begins at a title word inside a run of capitalised words."""
    pos = s
    for i, w in enumerate(words[:-1]):
        pos = text.index(w, pos)
        if i and _TITLE_WORD.fullmatch(w):
            found = _person_pattern(_all_demonyms(registry)).match(text, pos)
            if found and found.group("title"):
                return found
        pos += len(w)
    return None


@cache
def _apposition_titles() -> tuple[re.Pattern, re.Pattern]:
    """'Ana Lee, a spokeswoman for ...' and 'The French minister of defence, Ana Lee, ...': a title (lexicon
    `titles`) in an apposition after the name, or in the phrase the name stands in apposition to."""
    alts = titles.title_alternation()
    word = r"(?:[\w’'-]|(?<=\b[A-Z])\.)+"  # the periods of 'U.S.', not a sentence's
    after = re.compile(rf",\s+(?:(?:an?|the|{word}['’]s)\s+)?(?:{word}\s+){{0,5}}?{alts}\b", re.IGNORECASE)
    before = re.compile(rf"\b{alts}\b[^.;:!?“”\"]{{0,60}},\s*$", re.IGNORECASE)
    return after, before


def _titled_in_apposition(text: str, zs: int, s: int, e: int) -> bool:
    after, before = _apposition_titles()
    if after.match(text, e):
        return True
    return bool(before.search(text, max(zs, s - 100), s)) and text[e:e + 1] == ","


def _apposition_of_person(text: str, s: int, mentions: list[Mention], registry: Registry, found: dict) -> bool:
    """'Ana Lee, a spokeswoman for the agency': the phrase after a person's name and a comma is that person's
    role, not an anonymous source of its own."""
    head = text[max(0, s - 3):s]
    if not head.rstrip().endswith(","):
        return False
    end = s - len(head) + len(head.rstrip()) - 1
    while end > 0 and text[end - 1].isspace():
        end -= 1
    for m in mentions:
        if m.end == end and m.entity_type == "actor":
            entity = found.get(m.entity_id) or registry.actors.get(m.entity_id)
            kind = entity.kind if entity is not None else None
            if kind == "person":
                return True
    return False


_MEDIA_CONTEXT = Prefiltered(re.compile(rf"(?:\btold\s+|\baccording to\s+)(?P<a>{_WORD}(?:\s+{_WORD}){{0,2}})"
                                        rf"|(?P<b>{_WORD}(?:\s+{_WORD}){{0,2}})\s+(?:\w+\s+)?(?:reported|news agency|newspaper|daily)\b"))


def _media(text, zs, ze):
    for m in _MEDIA_CONTEXT.finditer(text, zs, ze):
        group = "a" if m.group("a") else "b"
        s, e = m.start(group), m.end(group)
        while e > s and text[e - 1] in "’'":
            e -= 1
        words = text[s:e].split()
        if words and words[0] in _NOT_NAMES:
            continue
        if any(w in _PLACE_WORDS or w in _ORG_WORDS for w in words):
            continue
        name = text[s:e]
        if group == "a" and not any(w in _MEDIA_WORDS for w in words) and len(words) > 1:
            continue  # 'told Hulusi Akar' is a person; one-word names after 'told' are outlets
        yield s, e, NewEntity("actor", slug(name), name, kind="media")


@lru_cache(maxsize=8)
def _registry_surfaces(registry: Registry) -> frozenset[str]:
    """Every name, alias and metonym of the registry's actors, lower-cased."""
    return frozenset(x.lower() for a in registry.actors.values() for x in (a.name, *a.aliases, *a.metonyms))


@lru_cache(maxsize=8)
def _all_demonyms(registry: Registry) -> frozenset[str]:
    """The demonyms of every state of the registry (made once per registry's set of states)."""
    return _demonyms_of(registry.demonym_pairs)


@lru_cache(maxsize=8)
def _demonyms_of(pairs: frozenset[tuple[str, str]]) -> frozenset[str]:
    return frozenset(d for d, _ in pairs)


def _anonymous(text, zs, ze, registry, known, source_id, found):
    demonyms = _all_demonyms(registry)
    spans = [(m.start("core") if "core" in m.groupdict() and m.group("core") else m.start(), m.end())
             for m in [*_ANON.finditer(text, zs, ze), *_CITED_ANON.finditer(text, zs, ze),
                       *_GROUP_ANON.finditer(text, zs, ze), *_REPORTS_ANON.finditer(text, zs, ze)]]
    groups = [(s, e) for s, e in unnamed_groups(text, zs, ze, demonyms)
              if not any(k.entity_type == "actor" and k.start < e <= k.end for k in known)]  # 'U.S. officials' is known
    for s, e in [*spans, *groups]:
        phrase = text[s:e].rstrip(" ,.")
        e = s + len(phrase)
        state = _state_in(text, s, e, registry, known)
        org = next((k.entity_id for k in known if s <= k.start and k.end <= e and k.entity_type == "actor"
                    and (k.entity_id in found or registry.actors[k.entity_id].kind != "state")), None)
        ident = f"anon-{source_id.replace('_', '-')}-{slug(phrase)}"[:80].rstrip("-")
        yield s, e, NewEntity("actor", ident, phrase, kind="anonymous_source", country=_iso(registry, state),
                              parent_id=org or state)
