"""Parties of a deal event: the states a sentence names (directly, through a body, by demonym), who
supplies a system, who receives it, and which states only sanction or warn. Computed once per article
(Context) and once per sentence (Here)."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from .. import lexicons
from ..registry import Registry
from .mentions import Mention
from .prefilter import Prefiltered

# 'Users include Poland, Norway and Estonia': a stage phrase (lexicon `stage_phrases`) that lists its buyers
LISTING = re.compile(lexicons.alternation(lexicons.phrase_pattern(r["phrase"]) for r in lexicons.load("stage_phrases")
                                         if r["lists_buyers"] == "true"), re.IGNORECASE)
# 'to counter China', 'on its borders with Pakistan', 'worried Turkey': a state named so is no party (lexicon)
_BYSTANDER = re.compile(lexicons.alternation(lexicons.phrase_pattern(r["cue"]) for r in lexicons.load("bystander_cues")
                                            if r["side"] == "before")
                        + r"\s+(?:the\s+)?(?:[\w’'-]+\s+(?:and|or)\s+|[\w’'-]+,\s+)*$", re.IGNORECASE)
# "Greece, Turkey's rival, ...": the cue after the state's name
_BYSTANDER_AFTER = re.compile(r"['’]s\s+(?:[\w-]+\s+)?" + lexicons.alternation(
    lexicons.phrase_pattern(r["cue"]) for r in lexicons.load("bystander_cues") if r["side"] == "after"), re.IGNORECASE)
# "Serbia's defence minister said Belgrade was watching the purchase with concern", "China's embassy in Manila did
# not respond": a state (or its body) that reacts to the deal is no party to it
_BYSTANDER_VERB = re.compile(r"(?:['’]s)?(?:\s+[\w’'-]+){0,5}?\s+" + lexicons.alternation(
    lexicons.phrase_pattern(r["cue"]) for r in lexicons.load("bystander_cues") if r["side"] == "verb"), re.IGNORECASE)
# 'the pro-Russian opposition', 'anti-Western': an attitude to a state, not the state
_ATTITUDE = re.compile(lexicons.alternation(re.escape(r["cue"]) for r in lexicons.load("bystander_cues")
                                            if r["side"] == "prefix") + "$", re.IGNORECASE)
_BYSTANDER_REACH = 60  # characters between the cue and the state
_PARTY_KINDS = {"state", "government_body", "company", "armed_forces", "group", "anonymous_source"}
_SUPPLIER_VERB = ("offer", "delivery")  # 'Washington had offered Ankara ...': the subject supplies
_SIGNING = re.compile(r"(?:sign|ink)(?:s|ed|ing)?\b", re.IGNORECASE)
_AND = re.compile(r"^\s+and\s+$")
_SUBJECT_GAP = re.compile(r"^\s*(?:(?:has|had|have|will|would|was|were|is|are|also|already|now|previously)\s+){0,2}$",
                          re.IGNORECASE)
# '14 Su-57Es, 14 Su-34 bombers and 14 Su-35 fighters': a count may head each item of the list
# ', as well as K9 howitzers', 'and on the fleet of 24 Su-30MK2 fighters' (the preposition repeated)
COORDINATED = re.compile(r"^\s*(?:,\s*(?:and\s+|or\s+|as well as\s+)?|and\s+|or\s+|as well as\s+)(?:(?:on|to|for|with)\s+)?"
                         r"(?:the\s+)?(?:(?:fleet|batch|squadron|regiment)s?\s+of\s+)?"
                         r"(?:(?:\d[\d,]*|two|three|four|five|six|seven|eight|nine|ten|several)\s+)?$", re.IGNORECASE)


@dataclass(frozen=True)
class Here:
    """What one sentence names, computed once per sentence."""
    states: list  # (state, start, by demonym, end)
    sanctioning: set
    earlier: list  # states named before the sentence, in order
    systems: list  # system mentions in the sentence
    the_country: bool  # 'The country is a NATO member ...' refers to the state named last
    given: dict  # system id -> recipient already given to it in this sentence
    trigger_starts: list  # where the sentence's stage words start
    unnamed: bool = False  # 'with several countries': a party left unnamed


# 'the country', 'the Central Asian republic', 'the Gulf kingdom', 'the island nation': the state named last
THE_COUNTRY = Prefiltered(re.compile(
    r"\b(?i:the|this)\s+(?:(?:[A-Z][\w-]+|island|landlocked|oil-rich|small|tiny|(?i:former)\s+Soviet)\s+){0,2}"
    r"(?:country|republic|kingdom|emirate|sultanate|nation)\b(?!'s? (?:air force|army|navy|military|defen[cs]e))"))


@dataclass(frozen=True)
class Context:
    """What the whole article tells about its parties, computed once per article."""
    default_supplier: str | None
    third_parties: set
    buyer_counts: Counter
    article_states: list
    origin: dict  # system id -> the state it comes from (models only, not classes)
    supplier_of: dict = field(default_factory=dict)  # system id -> supplier the article named for it ('from Qatar')
    multinational: frozenset = frozenset()  # registered models of no single origin (Eurofighter, SAMP/T)
    second_hand: dict = field(default_factory=dict)  # system id -> the state selling it on ('used Danish F-16s')


def demonym_regex(registry: Registry) -> tuple[re.Pattern | None, dict[str, str]]:
    return _compiled_demonyms(registry.demonym_pairs)


@lru_cache(maxsize=8)
def _compiled_demonyms(pairs: frozenset) -> tuple[re.Pattern | None, dict[str, str]]:
    """One regex for all demonyms, compiled once per set of states (not once per article)."""
    table = dict(pairs)
    if not table:
        return None, {}
    alts = "|".join(re.escape(d) for d in sorted(table, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alts})(?!\w)"), table


_SPEAKS = re.compile(r"\s+(?:\w+\s+)?(?:said|says|told|tells|added|stated)\b")
_PLACE_PAIR = re.compile(r"-[A-Z]")
_PLACE_PAIR_BEFORE = re.compile(r"\b[A-Z][a-z]+-$")


def states_in(text, sent, mentions, registry, demonyms) -> list[tuple[str, int, bool, int]]:
    """(state id, start, by demonym, end) for every state the sentence names, directly, through a body, or by demonym."""
    start, end = sent.start, sent.end
    out = []
    for m in mentions:
        if m.entity_type == "actor" and start <= m.start < end:
            kind = registry.actors[m.entity_id].kind
            if kind == "anonymous_source" and _SPEAKS.match(text, m.end):
                continue  # 'a senior defense official told reporters': who tells is not a party
            if kind in _PARTY_KINDS:
                state = registry.state_of(m.entity_id)
                if state:
                    out.append((state, m.start, False, m.end))
    pattern, table = demonyms
    if pattern:
        for m in pattern.finditer(text, start, end):
            if _PLACE_PAIR.match(text, m.end()) or _PLACE_PAIR_BEFORE.search(text, max(0, m.start() - 20), m.start()) \
                    or _ATTITUDE.search(text, max(0, m.start() - 6), m.start()):
                continue  # 'the Turkish-Syrian border', 'Indo-Russian', 'pro-Russian': a place, a pairing, an attitude
            out.append((table[m.group(0)], m.start(), True, m.end()))
    return sorted(out, key=lambda x: x[1])


def multinational(systems: list[Mention], registry: Registry) -> frozenset[str]:
    """The registered models (not classes) the article names that have neither an origin nor a maker's state."""
    return frozenset(m.entity_id for m in systems if not registry.systems[m.entity_id].is_class
                     and registry.systems[m.entity_id].row.get("review_status") == "curated"
                     and not registry.systems[m.entity_id].row.get("origin_country")
                     and not registry.state_of(registry.systems[m.entity_id].maker_id))


def origins(systems: list[Mention], registry: Registry, sentences=(), mentions=()) -> dict[str, str | None]:
    """The supplying state of each model the article names (a class has none): its registered origin, else the
    state of its registered maker, else (a model the registry lacks) the state of a company the sentence that
    first names it also names ('Hanwha Aerospace has signed ... for K239 Chunmoo launchers')."""
    out = {}
    for m in systems:
        if m.entity_id not in out:
            entry = registry.systems[m.entity_id]
            country = None if entry.is_class else entry.row.get("origin_country")
            maker = None if entry.is_class else entry.maker_id
            out[m.entity_id] = registry.state_by_country(country) if country else registry.state_of(maker)
            if out[m.entity_id] is None and not entry.is_class and entry.row.get("review_status") == "extracted":
                out[m.entity_id] = _maker_nearby(m, sentences, mentions, registry)
    return out


def _maker_nearby(system: Mention, sentences, mentions, registry: Registry) -> str | None:
    """The state of the company named nearest a system in its sentence, if the sentence names one."""
    sent = next((s for s in sentences if s.start <= system.start < s.end), None)
    if sent is None:
        return None
    makers = [(abs(m.start - system.start), _company_state(m.entity_id, registry)) for m in mentions
              if m.entity_type == "actor" and sent.start <= m.start < sent.end
              and registry.actors[m.entity_id].kind == "company" and _company_state(m.entity_id, registry)]
    return min(makers)[1] if makers else None


def _company_state(company: str, registry: Registry) -> str | None:
    """The state a company belongs to, or (a private one: Hanwha Aerospace) the state of its country."""
    return registry.state_of(company) or registry.state_by_country(registry.actors[company].row.get("country"))


def buyer_counts(sentences, states_of, systems, origin_of, third_parties) -> Counter:
    """How often each state is the one named nearest a system of another origin ('Turkey's S-400'): the
    article's usual buyer is the most frequent (plain counts of states where no system has a state near it)."""
    votes, plain = Counter(), Counter()
    starts = [m.start for m in systems]  # mentions come sorted by start
    for sent in sentences:
        states = [st for st in states_of[sent] if st[0] not in third_parties]
        plain.update(st for st, _, _, _ in states)
        for m in systems[bisect_left(starts, sent.start):bisect_left(starts, sent.end)]:
            origin = origin_of[m.entity_id]
            near = [(abs(pos - m.start), st) for st, pos, _, _ in states if st != origin]
            if near:
                votes[min(near)[1]] += 1
    return votes or plain


def article_supplier(systems: list[Mention], registry: Registry) -> str | None:
    counts = Counter(m.entity_id for m in systems
                     if not registry.systems[m.entity_id].is_class
                     and registry.systems[m.entity_id].row.get("origin_country"))
    if not counts:
        return None
    top = max(counts.items(), key=lambda kv: (kv[1], -min(m.start for m in systems if m.entity_id == kv[0])))[0]
    return registry.state_by_country(registry.systems[top].row["origin_country"])


# 'Typhoons from Qatar and Oman', 'bought by Cyprus from Russia': the state the arms come from, right after them
_FROM = re.compile(r"^(?:\s+[\w-]+){0,3}?\s+from\s+(?:the\s+)?$")
# the last of a list of arms names where they come from: "... loitering munitions and Reach-S drones from the UAE"
_LIST_FROM = re.compile(r"^(?:\s+[\w-]+){0,3}?(?:,|\s+and|\s+as well as)(?:\s+[\w-]+){1,5}?\s+from\s+(?:the\s+)?$")
# a verb of giving whose subject (or the subject of its infinitive) supplies, even arms made elsewhere:
# 'Greece will not transfer its S-300s', 'Athens had already sent Ukraine ...', 'urged London not to supply'
_PASSIVE = re.compile(r"\b(?:is|are|was|were|be|been|being)\s+$", re.IGNORECASE)
_GIVING = re.compile(r"(?:deliver|suppl|transfer|provid|ship|export|hand|sen[dt]|sell|sold|giv|gave|donat)\w*",
                     re.IGNORECASE)
_THEN_GIVING = re.compile(r"\s+(?=(?:sell|send|transferr|deliver|suppl|provid|hand)\w*ing\b)", re.IGNORECASE)
# 'Poland has also ordered ... and has sent some of its tanks to Ukraine': the subject of a second predicate
_GIVER_AND = re.compile(r"^\s+(?:has|have|had|will|would)\s+[^.;:]*?,?\s+and\s+(?:has\s+|have\s+|had\s+|also\s+){0,2}$",
                        re.IGNORECASE)
# 'Malaysia has struggled to keep its 18 Russian-built Su-30MKM fighters': arms made abroad that a state has
POSSESSED = re.compile(r"(?:its|their)\s+(?:[\w,]+\s+){0,3}?(?-i:[A-Z])[a-z]+-(?:made|built)\b", re.IGNORECASE)
_MADE = re.compile(r"-(?:made|built)\b")
_GIVER_GAP = re.compile(r"^\s*(?:(?:has|had|have|will|would|could|can|also|already|now|previously|not|never|to)\s+){0,3}"
                        # 'Turkiye has no plans to transfer', 'Slovakia has said it would give', 'is ready to send'
                        r"(?:(?:(?:no|any)\s+)?plans?\s+to\s+|(?:said|says)\s+(?:that\s+)?it\s+(?:would|will|could)\s+|"
                        r"(?:is|was|are|were)\s+(?:ready|willing|prepared)\s+to\s+)?"
                        r"(?:(?:rules?|ruled|ruling)\s+out\s+)?"  # 'Athens rules out sending S-300 systems to Ukraine'
                        # 'Ankara had discussed selling the batteries', 'Turkey denied selling', 'considered sending'
                        r"(?:(?:discuss|consider|den(?=i|y)|weigh|explor)\w*\s+)?"
                        r"(?:(?:signed|agreed|reached|won)\s+(?:an?\s+|the\s+)?(?:[\w$£€.,-]+\s+){0,3}?(?:deal|contract|agreement)\s+to\s+)?$",
                        re.IGNORECASE)


def suppliers(text, system, trigger, states, ctx, trigger_starts=()) -> list[str]:
    """The suppliers of one event: the states the arms come 'from' (any coordinated with them), else the
    subject of a verb of giving, else _supplier. A supplier so named is kept for a system of no single
    origin (a Eurofighter) in later sentences."""
    event_type, t_start, t_end = trigger
    after = [st for st in states if st[1] >= system.end and not st[2]]
    listed = ctx.origin.get(system.entity_id) is None  # 'received Hunter 2-S munitions and Reach-S drones from X'
    for i, st in enumerate(after):
        if _FROM.match(text[system.end:st[1]]) or (i == 0 and listed and _LIST_FROM.match(text[system.end:st[1]])):
            named = [st[0]] + [b[0] for a, b in zip(after[i:], after[i + 1:]) if COORDINATED.match(text[a[3]:b[1]])]
            ctx.supplier_of[system.entity_id] = named[0]
            return list(dict.fromkeys(named))
    # a system of no single origin may take the giver of another stage word of the sentence ('signed a deal to sell')
    starts = [t_start] if ctx.origin.get(system.entity_id) else [t_start, *trigger_starts]
    then = _THEN_GIVING.match(text, t_end)  # 'Ankara had discussed selling the batteries': the seller's subject
    starts += [then.end()] if then else []
    for start in starts:
        if _GIVING.match(text, start) and not _PASSIVE.search(text, max(0, start - 10), start):
            subject = [s for s, pos, demonym, end in states if not demonym and end <= start
                       and (_GIVER_GAP.match(text[end:start]) or _GIVER_AND.match(text[end:start]))]
            if subject:
                ctx.supplier_of[system.entity_id] = subject[-1]
                return subject[-1:]
    supplier = _supplier(text, system, t_start, event_type, states, ctx)
    return [supplier] if supplier else []


_WITH = re.compile(r"\bwith\s+(?:the\s+)?$", re.IGNORECASE)


def _counterparts(text, system, trigger, states, ctx) -> list[tuple[str, str]]:
    """For a model of no single origin (a Eurofighter, SAMP/T), (supplier, buyer) for each state the buyer deals
    'with': 'Ankara is in talks with Britain and Spain on buying Eurofighter jets' -> Britain, Spain to Turkey."""
    event_type, t_start, t_end = trigger
    if system.entity_id not in ctx.multinational or event_type not in _DEALING:
        return []
    buyer = [st for st in states if not st[2] and st[3] <= t_start]
    marked = [st for st in states if not st[2] and st[1] >= t_end - 5 and _WITH.search(text, max(0, st[1] - 12), st[1])]
    if not buyer or not marked:
        return []
    first = (marked[0][0], marked[0][1], marked[0][3])
    named = [first[0], *_coordinatedstates_in(text, first, [(s, p, e) for s, p, _, e in states])]
    return [(n, buyer[-1][0]) for n in dict.fromkeys(named) if n != buyer[-1][0]]


_DEALING = ("talks", "offer", "agreement", "contract")


# '24 used Danish F-16s', 'ex-French Rafale jets': arms sold on by a state that owned them (lexicon)
_SECOND_HAND = re.compile(lexicons.alternation(re.escape(m) + ("" if m.endswith("-") else r"\s+")
                                              for m in lexicons.column("secondhand_markers")) + "$", re.IGNORECASE)


_ITS_SECOND_HAND = re.compile(r"\b(?:its|their)\s+(?:own\s+)?" + _SECOND_HAND.pattern.removesuffix("$")
                              + r"(?:[\w-]+\s+){0,2}$", re.IGNORECASE)


def _second_hand_owner(text, system, states) -> str | None:
    """The state whose demonym stands between a second-hand marker and the model ('used Danish F-16s'), or
    the state before 'its' ('Greece is not negotiating the sale of its second-hand Mirage 2000-5 jets')."""
    for state, pos, demonym, end in states:
        if demonym and 0 <= system.start - end <= 2 and _SECOND_HAND.search(text, max(0, pos - 14), pos):
            return state
    its = _ITS_SECOND_HAND.search(text, max(0, system.start - 60), system.start)
    if its:
        owners = [state for state, pos, demonym, end in states if not demonym and end <= its.start()]
        return owners[-1] if owners else None
    return None


def _supplier(text, system, t_start, event_type, states, ctx) -> str | None:
    """A second-hand owner sells ('used Danish F-16s'); a model's origin supplies it; a class or arms in general
    the demonym next to it ('Russian combat modules'), or the subject of an offer or delivery ('Washington had
    offered Ankara ...'), or the article's usual supplier."""
    owner = _second_hand_owner(text, system, states) or ctx.second_hand.get(system.entity_id)
    if owner:  # and the same arms later in the article ('the jets will arrive in December')
        ctx.second_hand[system.entity_id] = owner
        return owner
    if ctx.origin.get(system.entity_id):
        return ctx.origin[system.entity_id]
    if system.entity_id in ctx.supplier_of:
        return ctx.supplier_of[system.entity_id]
    close = [s for s, pos, demonym, _ in states if demonym and system.start - 25 <= pos < system.end]
    if close:
        return close[-1]
    if _SIGNING.match(text, t_start):
        # 'UK and Turkey sign deal for Eurofighter jets': of two signatories, the one that is not the buyer sells
        subject = [(s, pos, end) for s, pos, demonym, end in states if not demonym and end <= t_start]
        usual = [b for b, _ in ctx.buyer_counts.most_common(1)]
        if len(subject) >= 2 and _AND.match(text[subject[-2][2]:subject[-1][1]]) \
                and _SUBJECT_GAP.match(text[subject[-1][2]:t_start]) and usual and usual[0] in (subject[-2][0], subject[-1][0]):
            return subject[-2][0] if usual[0] == subject[-1][0] else subject[-1][0]
    if event_type in _SUPPLIER_VERB:
        subject = [s for s, pos, demonym, end in states if end <= t_start and _SUBJECT_GAP.match(text[end:t_start])]
        if subject:
            return subject[-1]
    if system.entity_id in ctx.multinational:
        return None  # a Eurofighter does not come from the article's usual supplier
    if ctx.default_supplier is None:  # 'Russian weapons ..., including fighter jets': a demonym earlier on
        named = {s for s, _, demonym, _ in states if not demonym}
        earlier = [s for s, pos, demonym, _ in states if demonym and pos < system.start and s not in named]
        return earlier[-1] if earlier else None
    return ctx.default_supplier


def parties(text, system, local, trigger, here, ctx, recipient_of) -> list[tuple[str, str]]:
    """(supplier, recipient) pairs. The recipient is the state nearest the stage word that neither supplies
    another system the sentence names nor sanctions or warns in the article (the article's usual buyer when
    only such a third party is named), with any state coordinated with it ('with China and Thailand').
    With no state in the sentence: the state named last before where the sentence says 'the country',
    else the recipient this system already had in the article, else the usual buyer, else the state named
    last before. A system from an earlier sentence is not carried into a
    sentence about a third party only ('Our talks with the United States are continuing')."""
    counterparts = _counterparts(text, system, trigger, here.states, ctx)
    if counterparts:
        return counterparts
    out = []
    for supplier in suppliers(text, system, trigger, here.states, ctx, here.trigger_starts):
        out += [pair for pair in _parties_for(supplier, text, system, local, trigger, here, ctx, recipient_of)
                if pair not in out]
    return out


def _parties_for(supplier, text, system, local, trigger, here, ctx, recipient_of) -> list[tuple[str, str]]:
    event_type, t_start, t_end = trigger
    origins = {ctx.origin[m.entity_id] for m in here.systems if m.entity_id != system.entity_id} - {None}
    # nor the maker named in the system's description ('its German-made Leopard 2 tanks')
    candidates = [(s, pos, end) for s, pos, demonym, end in here.states if s != supplier and s not in origins
                  and not (demonym and 0 <= system.start - end <= 25 and (_MADE.match(text, end) or _MADE.search(
                      text, max(pos, end - 6), end)))
                  and not _BYSTANDER.search(text, max(0, pos - _BYSTANDER_REACH), pos)
                  and not _BYSTANDER_AFTER.match(text, end) and not _BYSTANDER_VERB.match(text, end)]
    if event_type == "sanction_threat":  # '... imposed sanctions on Turkey over ...': the target receives
        targets = [c for c in candidates if 0 < c[1] - t_start <= 40]
        candidates = targets or candidates
    third = here.sanctioning | ctx.third_parties
    buyers = [c for c in candidates if c[0] not in third]
    if candidates and not buyers and here.states and here.states[0][3] <= t_start \
            and _SUBJECT_GAP.match(text[here.states[0][3]:t_start]):
        # the subject right before the stage word buys, though it warned elsewhere ('Saudi Arabia has no plans to buy')
        buyers = [c for c in candidates if c[1] == here.states[0][1] and c[0] not in here.sanctioning]
    if candidates and not buyers:
        if not local:
            return []
        usual = [b for b, _ in ctx.buyer_counts.most_common() if b != supplier]
        if usual:
            return [(supplier, usual[0])]
    if POSSESSED.match(text, t_start):  # the possessor is the state before 'its'
        buyers = [c for c in buyers if c[1] < t_start][-1:]
    listed = [c for c in buyers if c[1] >= t_end] if LISTING.fullmatch(text, t_start, t_end) else []
    if listed:  # 'users include Poland, Norway and Estonia': every state of the list after the phrase
        first = min(listed, key=lambda c: c[1])
        return [(supplier, r) for r in dict.fromkeys([first[0], *_coordinatedstates_in(text, first, buyers)])]
    subject = _buyer_subject(text, t_start, buyers, ctx, supplier)
    if subject:  # 'Kenya, a neighbour of Somalia, ordered ...': the buyer is the subject, not the nearest state
        return [(supplier, r) for r in subject]
    if buyers:
        nearest = min(buyers, key=lambda c: abs(c[1] - t_start))
        ahead = [c for c in buyers if c[1] > t_end and _TO.search(text, max(0, c[1] - 12), c[1])
                 and not any(t_end <= s < c[1] for s in here.trigger_starts)]
        if ahead:  # 'sold S-400s to China in 2014 and delivered S-400s to India': the 'to' after its own stage word
            nearest = ahead[0]
        marked = _OBJECT_OF.search(text, max(0, nearest[1] - 12), nearest[1])  # 'to India', 'with China'
        if not marked and here.given.get(system.entity_id) in {c[0] for c in buyers}:
            return [(supplier, here.given[system.entity_id])]  # '... but Cairo came under US pressure to cancel it'
        recipients = [nearest[0]]
        if marked:
            recipients += _coordinatedstates_in(text, nearest, buyers)  # 'contracts with China and Thailand'
        return [(supplier, r) for r in dict.fromkeys(recipients)]
    if here.unnamed:
        return []
    before = [st for st in here.earlier if st != supplier and st not in third]
    recipient = before[-1] if here.the_country and before else recipient_of.get(system.entity_id)
    if recipient is None:
        # in the headline (no state named yet) the article's usual buyer ('First Yak-130 trainers land in Dhaka')
        usual = [b for b, _ in ctx.buyer_counts.most_common() if b != supplier and (b in set(here.earlier) or not here.earlier)]
        recipient = usual[0] if usual else (before[-1] if before else None)
    if recipient is None or recipient == supplier:
        return []
    return [(supplier, recipient)]


# a verb of buying (lexicon `buying_verbs`) and what may stand between its subject and it
_BUYING = re.compile(lexicons.alternation(lexicons.phrase_pattern(v) for v in lexicons.column("buying_verbs")),
                     re.IGNORECASE)
_BUYER_GAP = re.compile(r"^\s*(?:,[^,.;]{1,40},\s*|,\s*which\s+)?"
                        r"(?:(?:has|had|have|will|would|is|are|was|were|also|already|now|"
                        r"recently|previously|then|finally|formally|officially|last\s+\w+|on\s+\w+|"
                        r"all|both|each|jointly|together)\s+){0,3}$",  # 'Egypt and Qatar have all bought'
                        re.IGNORECASE)
# 'It ordered', 'The country has bought', 'The Central Asian republic, which also buys': the state named before
_SUBJECT_GAP = re.compile(r"^(?![^,;:]*\b(?:said|says|announced|told|added|warned|stated)\b)[^,;:]{0,40}$")
_IT_SUBJECT = re.compile(r"(?:^|[.!?][\"”’]?\s+|\n\s*)(?:It|The\s+(?:[A-Z][\w-]+\s+){0,2}"
                         r"(?:country|republic|kingdom|emirate|sultanate|nation))(?:,\s+which)?\s+"
                         r"(?:(?:has|had|have|also|already|recently|previously|then)\s+){0,2}$")
_GAPPED_BEFORE = re.compile(r"(?:,|\band)\s+$")
_GAPPED_COUNT = re.compile(r"\s+(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a dozen)\b"
                           r"(?!\s*(?:%|per\s*cent|percent|million|billion|years?|months?|days?)\b)", re.IGNORECASE)


def _buyer_subject(text, t_start, buyers, ctx, supplier) -> list[str]:
    """The buyers a verb of buying has for subject: the states right before it (with those coordinated with them:
    'with Uruguay and Panama receiving'), or, for 'It ordered ...', the article's usual buyer if named before,
    else the state named last before. None for a passive ('were ordered by')."""
    if not _BUYING.match(text, t_start):
        return []
    progressive = text[t_start:t_start + 20].split()[0].endswith("ing")  # 'were receiving' is no passive
    if _PASSIVE.search(text, max(0, t_start - 10), t_start) and not progressive:
        return []
    subject = [c for c in buyers if c[2] <= t_start and _BUYER_GAP.match(text[c[2]:t_start])]
    if subject:
        gapped = [c[0] for c in buyers if c[1] > t_start and _GAPPED_BEFORE.search(text, max(0, c[1] - 6), c[1])
                  and _GAPPED_COUNT.match(text, c[2])]  # 'Paraguay ordered six aircraft, Uruguay four and Panama two'
        return list(dict.fromkeys([subject[-1][0], *_coordinatedstates_in(text, subject[-1], buyers), *gapped]))
    it = _IT_SUBJECT.search(text, max(0, t_start - 70), t_start)
    if not it:
        return []
    before = [st for st, pos, demonym, _ in ctx.article_states if pos < it.start() and not demonym
              and st != supplier and st not in ctx.third_parties]
    usual = [b for b, _ in ctx.buyer_counts.most_common(1) if b in before]
    return (usual or before[-1:])[:1]


def _coordinatedstates_in(text, state, others) -> list[str]:
    """States joined to `state` by 'and' or commas ('military contracts with China and Thailand')."""
    out = []
    for step in (1, -1):
        chain = state
        for c in sorted(others, key=lambda c: step * c[1]):
            if step * (c[1] - chain[1]) <= 0:
                continue
            gap = text[chain[2]:c[1]] if step == 1 else text[c[2]:chain[1]]
            if not COORDINATED.match(gap):
                break
            out.append(c[0])
            chain = c
    return out


_TO = re.compile(r"\b(?:to|for)\s+(?:the\s+)?$", re.IGNORECASE)
_OBJECT_OF = re.compile(r"\b(?:with|to|for)\s+(?:the\s+)?$", re.IGNORECASE)
_SANCTIONING = re.compile(r"^\W{0,3}(?:(?:would|will|has|have|had|also|now|could|may|might|decides to|s|on \w+)\s+){0,2}(?:imposes?|impose|imposed|imposing|would impose|warn(?:s|ed|ings?)?|"
                          r"threats|threaten(?:s|ed)?|sanction(?:s|ed)?|penali[sz]\w*|revoke|withdraw|lift)\b", re.IGNORECASE)


def sanctioning(text: str, states) -> set[str]:
    """States that sanction or warn in this sentence ('the US would impose sanctions', 'U.S. sanctions',
    'demands U.S. revoke sanctions'): they are third parties, not the recipient."""
    out = set()
    for state, pos, demonym, end in states:
        if _SANCTIONING.match(text[end:end + 45]):
            out.add(state)
    return out
