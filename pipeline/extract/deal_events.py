"""Deal events: which stage of which transfer a sentence reports, between whom, in what mode,
when, and for how many or how much. One sentence may report several events."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from functools import lru_cache
from dataclasses import dataclass

from ..corpus import Source
from ..registry import Registry
from ..text import Sentence
from .dates import DateRef, find_dates
from .mentions import Mention

# Trigger patterns in priority order: an earlier pattern's match hides overlapping later ones.
TRIGGERS: list[tuple[str, re.Pattern]] = [(t, re.compile(p, re.IGNORECASE)) for t, p in [
    ("offer", r"\b(?:has |have )?offered\b|\b(?:ready|willing) to \w+|\bproposed\b|\bintentions? to (?:sell|supply|export)\b"),
    ("cancellation", r"\bcancel\w*|\bbreak its contract\b|\babandon(?:ed|s)?(?: (?:its |the )?plans?)?\b|"
                     r"\bdrops? (?:its |the )?plans?\b|\bno longer in (?:our|its|their) plans\b|\bkicked out\b|"
                     r"\bend(?:ed|s)? (?:all |its |their )?(?:military(?:-technical)? )?cooperation\b|"
                     r"\bremov(?:e|ed|es|ing)\b[\w\s]{0,30}?\bfrom the\b[\w\s-]{0,40}?\bprogram(?:me)?\b"),
    ("interest", r"\binterest(?:ed)? in\b|\btakes? interest\b|\bexpressed interest\b|\bwants? (?:to gain )?access to\b|"
                 r"\b(?:wants?|plans?|intends?|hopes?|seeks?) to (?:buy|acquire|purchase|obtain)\b|\bwants?\b|\blooking at\b|"
                 r"\bfocus(?:es|ed|ing)? on (?:acquiring|buying|purchasing)\b"),
    ("talks", r"\bin talks\b|\btalks\b|\bnegotiations?\b|\bnegotiat(?:e|es|ed|ing)\b|\bnegations\b|\bconsultations\b|\bdiscuss(?:ed|ing|ions?)?\b|\bpotential sale\b"),
    ("sanction_threat", r"\bsanction(?:s|ed)?\b(?! (?:law|act|legislation)\b)|\bpenali[sz](?:e|ed|es|ing)\b|\bmeasures under\b"),
    ("agreement", r"\breached (?:several |an? )?(?:arms )?deals?\b|\bagree(?:s|d)? to (?:buy|purchase|acquire)\b|\bagreed\b|"
                  r"\bmemorandum of understanding\b|\bagreements?\b|\bdecision to (?:buy|purchase|acquire)\b|"
                  r"\bjoint (?:ventures?|projects?)\b|\bcooperating on\b|\bconducted joint tests\b"),
    ("contract", r"\b(?:sign|ink)(?:s|ed|ing)?\b(?:\s+[\w$.,-]+){0,6}?\s+(?:deal|contract)s?\b|"
                 r"\b(?:deal|contract)s? (?:was |were |has been |had been |have been )?(?:signed|inked|sealed|concluded)\b|"
                 r"\bplac(?:ed|es|ing) (?:an |a |the )?(?:\w+ )?orders?\b|\b(?:acquired|procured)\b|\bseal(?:s|ed)?\b(?:\s+[\w$.-]+){0,5}?\s+deals?\b|"
                 r"\bfinali[sz](?:e|ed|es|ing) (?:their |the |its )?(?:purchase|deal|contract)\b|\bcontracts?\b|\bdeal worth\b|"
                 r"\bbought\b|\bbuys\b|\bpurchases?\b(?! decisions?\b| plans?\b| polic(?:y|ies)\b)|\bpurchased\b|\bordered\b|\borders? for\b|\bfirst buyer\b|\bsold\b|\bsells?\b"),
    ("training", r"\btraining\b"),
    ("servicing", r"\bservic(?:e|ing)\b|\bmaintenance\b|\bguarantee team\b"),
    ("delivery", r"\bdeliver(?:y|ies|ed|ing|s)?\b|\bsuppl(?:y|ied|ying|ies)\b|\btransfer(?:s|red|ring)?\b|\breceived?\b|"
                 r"\bprovided?\b|\bshipments?\b|\bship(?:ped|ping)\b|\bexported\b|\bhand(?:ed|s|ing)? over\b|"
                 r"\bhandover\b|\btook delivery\b|\balready operates\b|\barriv(?:e|ed|es|ing)\b"),
]]
_REFUSAL = re.compile(r"declined to comment|refused to comment|not disclose|no comment", re.IGNORECASE)
_REPORTED = re.compile(r"\b(?:reports?|claims?|rumou?rs?|speculation)\s+(?:that|of)\b", re.IGNORECASE)
_CONDITION = re.compile(r"\b(?:if|whether|unless)\b", re.IGNORECASE)
_JOINT = re.compile(r"joint (?:ventures?|projects?)|cooperating on|memorandum", re.IGNORECASE)
_CLAUSE_END = re.compile(r",\s+but\b|;|:")
_HYPOTHETICAL = re.compile(r"\b(?:may|might|could|possible|potential|possibility|pressure to|urg(?:e|es|ed|ing) \w+ to)\b",
                           re.IGNORECASE)
_EXPECTED = re.compile(r"\b(?:will|would|set to|expected|expects?|plans?|likely|no earlier than|threat\w*|trying to|"
                       r"hoped?|hopes|hoping)\b", re.IGNORECASE)
_DENIED = re.compile(r"\b(?:denied|not(?! just| only)|never|no longer|no (?:intention|plans?))\b", re.IGNORECASE)
_DISBELIEF = re.compile(r"\b(?:do not|don't|does not|doesn't) (?:think|believe|expect)\b|\bunlikely\b", re.IGNORECASE)
_EXCLUDED_SYSTEM = re.compile(r"(?:instead of|rather than|besides|in addition to|other than)\s+(?:the\s+)?$", re.IGNORECASE)
_WINDOW = 50  # characters around a trigger that set its mode
_COMPLETED = re.compile(r"\bfully met\b|\bcompleted\b|\bfully delivered\b|\bfinished\b", re.IGNORECASE)
# Arms named only in general ('other Russian weapons', 'arms deals', 'Russian-made equipment'): an event with no system.
_GENERIC = re.compile(r"\b(?:arms|weapons|weaponry|armaments|(?<!the )(?<!its )(?<!their )(?<!this )(?<!such )(?<!related )(?<!associated )equipment|hardware|(?:military|defen[cs]e) contracts?|"
                      r"all cooperation)\b(?! (?:exporters?|exports?|company|companies|makers?|manufacturers?|industry|"
                      r"trade|race|control|embargo|sector|firms?|dealers?)\b)", re.IGNORECASE)
_LISTED = re.compile(r"[^.;:]{0,40}?\b(?:including|such as|notably|among them)\s+(?:the\s+)?", re.IGNORECASE)
_GENERIC_BEFORE, _GENERIC_AFTER = 15, 40  # how close a general noun must be to the stage word
# 'the supplied weapons', 'equipment ..., previously sold to Ankara': a participle describing the arms, not an event
_MODIFIER = re.compile(r"(?:\bthe|(?<!has )(?<!had )(?<!have )\bpreviously)\s+$", re.IGNORECASE)
_DEFINITE_SANCTIONS = re.compile(r"\bthe\s+(?:so-called\s+|new\s+|US\s+|U\.S\.\s+)?$", re.IGNORECASE)  # 'the sanctions' refers back
# 'technology transfer' is a deal type; 'the contract for the supply of': the supply is the contract's content
_NOT_A_DELIVERY = re.compile(r"\btechnology\s+$|\b(?:contracts?|deals?|agreements?)\s+(?:for|on|to)\s+(?:the\s+)?$",
                             re.IGNORECASE)
_CONDITIONAL_PURCHASE = re.compile(r"\b(?:if|unless|whether)\s+(?:\S+\s+){0,5}$", re.IGNORECASE)
_SETTING = re.compile(r"\b(?:at|during|after)\s+(?:the\s+)?(?:first\s+)?(?:\S+\s+)?$", re.IGNORECASE)  # 'after talks between'
_APPOSITIVE = re.compile(r",\s+an?\s+$")  # '..., a joint venture of Indian and Russian firms': a description
_NOUN_DELIVERY = re.compile(r"deliver(?:y|ies)|transfers?\b|suppl(?:y|ies)\b|shipments?", re.IGNORECASE)
_INTRANSITIVE = re.compile(r"arriv", re.IGNORECASE)  # 'the first of which arrived': the system comes before
_SUPPLIER_VERB = ("offer", "delivery")  # 'Washington had offered Ankara ...': the subject supplies
_SUBJECT_GAP = re.compile(r"^\s*(?:(?:has|had|have|will|would|also|already|now|previously)\s+){0,2}$", re.IGNORECASE)
_COORDINATED = re.compile(r"^\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+|as well as\s+)(?:the\s+)?$", re.IGNORECASE)
# Speech verbs: a date after them dates the telling; offers, threats and cancellations made by the telling take it.
_SPEECH = re.compile(r"\b(?:said|says|told|tells|reported|reports|announced|announces|confirmed|stated|added|wrote|"
                     r"demanded|urged)\b", re.IGNORECASE)
_NOT_PERFORMATIVE = re.compile(r"demanded|urged|reported|reports", re.IGNORECASE)
_PERFORMED_BY_SPEECH = ("offer", "sanction_threat", "cancellation")
_STATIVE_DATE = re.compile(r"^(?:now|currently)$", re.IGNORECASE)  # dates an ongoing state, not an order
_ONGOING = ("interest", "talks", "offer", "delivery", "training", "servicing")
_DEAL_TYPES = [
    ("licensed_production", re.compile(r"licensed production|joint production|production of (?:the )?(?:component )?parts", re.I)),
    ("technology_transfer", re.compile(r"technolog\w+ cooperation|technology transfer|transfers? of [\w\s’']*technology|production process", re.I)),
    ("joint_development", re.compile(r"joint (?:ventures?|projects?|tests|development)|cooperating on the creation|collaborate|to develop|assistance .* creating|help .* creating", re.I)),
]
_WORD_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                 "eight": 8, "nine": 9, "ten": 10, "twelve": 12}
_ORDINALS = {"second": 2, "third": 3, "fourth": 4, "fifth": 5}
_QUANTITY = re.compile(
    r"\b(?P<hedge>about |around |approximately |up to |some |nearly )?(?<![-\w])(?P<n>\d+|" + "|".join(_WORD_NUMBERS)
    + r")\s+(?:(?P<ord>" + "|".join(_ORDINALS) + r")\s+)?(?P<unit>regimental sets?|batter(?:y|ies)|battalions?|divisions?|systems?|units?)\b",
    re.IGNORECASE)
# A further order ('second batch', 'second S-400 deal'); for deliveries it may be a tranche of the same order.
_FURTHER = re.compile(r"\b(?P<ord>second|third|fourth|fifth)\s+(?:[\w-]+\s+){0,2}?(?:batch|deal|contract|order)\b",
                      re.IGNORECASE)
_TRANCHE_STAGES = ("delivery", "training", "servicing")
_UNITS = {"regimental": "regimental_set", "batter": "battery", "battalion": "battalion", "division": "battalion",
          "system": "system", "unit": "unit"}
_VALUE = re.compile(r"(?P<hedge>about |around |approximately |nearly |some |up to |more than |over )?\$\s?(?P<n>\d+(?:\.\d+)?)\s*(?P<scale>billion|million|bn)\b", re.I)
_SCALES = {"billion": 10**9, "bn": 10**9, "million": 10**6}
_PARTY_KINDS = {"state", "government_body", "company", "armed_forces", "group", "anonymous_source"}


@dataclass(frozen=True)
class DealEvent:
    start: int
    end: int
    supplier_id: str
    recipient_id: str
    system_id: str | None  # None: the sentence names the parties and the stage but no system ('arms deals')
    deal_type: str
    batch: int
    event_type: str
    mode: str
    completed: bool
    date: DateRef | None
    quantity: int | None
    quantity_unit: str | None
    quantity_uncertain: bool | None
    value_usd: int | None


@dataclass(frozen=True)
class _Here:
    """What one sentence names, computed once per sentence."""
    states: list  # (state, start, by demonym, end)
    sanctioning: set
    earlier: list  # states named before the sentence, in order
    systems: list  # system mentions in the sentence
    the_country: bool  # 'The country is a NATO member ...' refers to the state named last
    given: dict  # system id -> recipient already given to it in this sentence
    trigger_starts: list  # where the sentence's stage words start


_THE_COUNTRY = re.compile(r"\b(?:the|this) country\b(?!'s? (?:air force|army|navy|military|defen[cs]e))", re.IGNORECASE)


@dataclass(frozen=True)
class _Context:
    """What the whole article tells about its parties, computed once per article."""
    default_supplier: str | None
    third_parties: set
    buyer_counts: Counter
    article_states: list
    origin: dict  # system id -> the state it comes from (models only, not classes)


def extract_deal_events(source: Source, sentences: list[Sentence], mentions: list[Mention],
                        registry: Registry) -> list[DealEvent]:
    text = source.text
    systems = [m for m in mentions if m.entity_type == "system"]
    demonyms = _demonym_regex(registry)
    out: list[DealEvent] = []
    body_sentences = [sent for sent in sentences if sent.kind == "body"]
    states_of = {sent: _states(text, sent, mentions, registry, demonyms) for sent in body_sentences}
    article_states = [st for sent in body_sentences for st in states_of[sent]]
    sanctioning_in = {sent: _sanctioning(text, states_of[sent]) for sent in body_sentences}
    third_parties = set().union(*sanctioning_in.values())
    origin = _origins(systems, registry)
    ctx = _Context(_article_supplier(systems, registry), third_parties,
                   _buyer_counts(body_sentences, states_of, systems, origin, third_parties), article_states, origin)
    recipient_of: dict[str | None, str] = {}  # the recipient last given to each system in this article
    for sent in body_sentences:
        triggers = _triggers(text, sent, mentions)
        if not triggers:
            continue
        body = text[sent.start:sent.end]
        in_sent = [m for m in systems if sent.start <= m.start < sent.end]
        states = states_of[sent]
        dates = find_dates(text, sent.start, sent.end, source.published_date(), source.published_precision)
        owned, speech_dates = _date_owners(text, sent, dates, triggers)
        seen: dict[tuple, int] = {}  # (stage, system, parties) -> index in out
        here = _Here(states, sanctioning_in[sent], [st for st, pos, _, _ in article_states if pos < sent.start],
                     in_sent, bool(_THE_COUNTRY.search(body)), {}, [t[1] for t in triggers])
        for event_type, t_start, t_end in triggers:
            lo, hi = _clause(text, sent, t_start)
            for system, local in _systems_for(text, in_sent, systems, t_start, t_end, sent, event_type, (lo, hi)):
                for parties in _parties(text, system, local, (event_type, t_start, t_end), here, registry, ctx,
                                        recipient_of):
                    mode = _mode(body, t_start - sent.start, t_end - sent.start, event_type)
                    if event_type == "delivery" and mode == "hypothetical" and _NOUN_DELIVERY.match(text, t_start):
                        continue  # 'the possible delivery of', 'could oppose the transfer': talk of a delivery
                    stages = [(event_type, mode)]
                    if event_type == "cancellation" and "contract" in text[t_start:t_end]:
                        stages.append(("contract", "asserted"))  # 'break its contract' says there is one
                    for stage, stage_mode in stages:
                        key = (stage, system.entity_id, parties)
                        date = None if stage != event_type else _event_date(
                            owned, speech_dates, (event_type, t_start, t_end), system, stage_mode)
                        if key in seen and (date is None or out[seen[key]].date is not None):
                            continue  # a stage said twice ('provide China with S-400s, a transfer that ...') keeps its date
                        deal_type = "support_services" if stage == "servicing" else _deal_type(
                            body if system.entity_id else text[min(t_start, system.start):max(t_end, system.end)])
                        batch, qty, unit, uncertain = _quantity(text[lo:hi])
                        further = _FURTHER.search(text, lo, hi) if batch == 1 and stage not in _TRANCHE_STAGES else None
                        if further:  # 'a second batch of S-400', 'second S-400 deal': a further order
                            batch = _ORDINALS[further.group("ord").lower()]
                        recipient_of[system.entity_id] = parties[1]
                        if system.entity_id:
                            here.given.setdefault(system.entity_id, parties[1])
                        event = DealEvent(
                            sent.start, sent.end, parties[0], parties[1], system.entity_id, deal_type, batch, stage,
                            stage_mode, bool(_COMPLETED.search(body)) and stage == "delivery", date, qty, unit,
                            uncertain, _value(text[lo:hi]))
                        if key in seen:
                            out[seen[key]] = event
                        else:
                            seen[key] = len(out)
                            out.append(event)
    return out


def _triggers(text: str, sent: Sentence, mentions: list[Mention]) -> list[tuple[str, int, int]]:
    """(event type, start, end) of each stage word; words inside a name ('Federal Security Service') do not
    count, nor participles describing the arms ('the supplied weapons'), nor sanctions already reported
    ('the sanctions would not derail ...'), nor talks that are only the setting ('after talks between ...'),
    nor a refusal to comment (but what the reports it refuses to comment on say does count)."""
    names = [(m.start, m.end) for m in mentions if m.entity_type == "actor" and sent.start <= m.start < sent.end]
    found: list[tuple[str, int, int]] = []
    for event_type, pattern in TRIGGERS:
        for m in pattern.finditer(text, sent.start, sent.end):
            head_end = m.start() + len(m.group(0).split()[0])
            if any(a < head_end and m.start() < b for a, b in names) \
                    or any(a < m.end() and m.start() < b for _, a, b in found):
                continue
            before = text[max(sent.start, m.start() - 25):m.start()]
            if event_type in ("delivery", "contract") and " " not in m.group(0) \
                    and m.group(0).lower().endswith(("ed", "old", "ied")) and _MODIFIER.search(before):
                continue
            if event_type == "sanction_threat" and _DEFINITE_SANCTIONS.search(before):
                continue
            if event_type == "delivery" and _NOT_A_DELIVERY.search(before):
                continue
            if event_type == "contract" and m.group(0).lower().startswith(("buy", "bought", "purchase")) \
                    and (before.endswith("to ") or _CONDITIONAL_PURCHASE.search(text, sent.start, m.start())):
                continue  # 'to purchase' is what talks, plans or decisions are about; 'if it bought the S-400s': a condition
            if event_type == "agreement" and m.group(0).lower().startswith("joint") and _APPOSITIVE.search(before):
                continue
            if event_type == "talks" and m.group(0).lower() == "talks" and _SETTING.search(before):
                continue
            found.append((event_type, m.start(), m.end()))
    body = text[sent.start:sent.end]
    refusal = _REFUSAL.search(body)
    if refusal:  # 'I will not disclose the details of the contract, but yes, China has ...'
        clause_end = _CLAUSE_END.search(body, refusal.end())
        cut = sent.start + (clause_end.start() if clause_end else len(body))
        reported = _REPORTED.search(body, refusal.end(), cut - sent.start)
        keep_from = sent.start + reported.end() if reported else cut
        found = [t for t in found if t[1] >= cut or t[1] >= keep_from]
    # what talks, an offer or interest are about (a supply, a purchase), or what is cancelled, is their object;
    # so are the talks an offer proposes ('ready to hold appropriate consultations')
    early = [(t, a, b) for t, a, b in found if t in ("talks", "offer", "interest", "agreement", "cancellation")]
    found = [f for f in found if not (f[0] in ("delivery", "contract", "talks") and _is_object(text, f, early))]
    return sorted(found, key=lambda f: f[1])


def _is_object(text, trigger, early) -> bool:
    event_type, start, end = trigger
    word = text[start:end].lower()
    if event_type == "contract" and not word.startswith(("purchase", "buy", "bought", "sell", "sold")):
        return False
    heads = ("offer",) if event_type == "talks" else ("talks", "offer", "interest", "agreement") if event_type == "contract" \
        else ("talks", "offer", "interest", "agreement", "cancellation")
    return any(t in heads and a < start and start - b <= 40 and not re.search(r"[;:]|,\s+but\b", text[b:start])
               for t, a, b in early)


def _systems_for(text, in_sent, all_systems, t_start, t_end, sent, event_type, clause):
    """(system, named in the sentence?) pairs a trigger is about. Arms named only in general next to the stage
    word ('other Russian weapons', 'arms deals') give one event with no system. Otherwise the list after it for
    interest/talks/offer, joint projects and sanctions, else the nearest after it and those coordinated with it
    ('10 Su-35 combat aircraft in 2017 and S-400 missile systems'), else the nearest before; with none in the
    sentence, the last system named shortly before it in the article (or, in a headline, shortly after)."""
    in_sent = [m for m in in_sent if not _EXCLUDED_SYSTEM.search(text[max(sent.start, m.start - 30):m.start])]
    generic = _generic(text, t_start, t_end, clause, in_sent)
    if generic is not None:
        return [(generic, True)]
    if in_sent:
        after = [m for m in in_sent if m.start >= t_start]
        before = [m for m in in_sent if m.end <= t_start and m.start >= clause[0]]
        if _INTRANSITIVE.match(text, t_start) and before:
            return [(before[-1], True)]
        if after and (event_type in ("interest", "talks", "offer") or _JOINT.match(text, t_start)):
            return [(m, True) for m in after if m.start < clause[1] or m is after[0]]
        if after:
            chosen = [after[0]]
            for m in after[1:]:
                if m.start >= clause[1] or not _COORDINATED.search(re.sub(r"^[^,]*?(?=,|\band\b|\bor\b|$)", "",
                                                                          text[chosen[-1].end:m.start], count=1)):
                    break
                chosen.append(m)
            return [(m, True) for m in chosen]
        return [(in_sent[-1] if in_sent[-1].start < t_start else in_sent[0], True)]
    before = [m for m in all_systems if m.end <= sent.start and sent.start - m.end < 600]
    if before:
        return [(before[-1], False)]
    ahead = [m for m in all_systems if m.start >= sent.end and m.start - sent.end < 300]
    return [(ahead[0], False)] if ahead else []


def _generic(text, t_start, t_end, clause, in_sent) -> Mention | None:
    """A general noun for arms ('weapons', 'arms', 'Russian-made equipment') in or next to the stage word,
    with no named system between them: the event is about arms in general."""
    for m in _GENERIC.finditer(text, max(clause[0], t_start - _GENERIC_BEFORE), clause[1]):
        if m.start() > t_end + _GENERIC_AFTER:
            break
        a, b = sorted((t_start, m.start()))
        listed = _LISTED.match(text, m.end())  # 'Russian weapons ..., including fighter jets, helicopters and ...'
        if listed and any(listed.end() <= s.start < listed.end() + 20 for s in in_sent):
            return None
        if not any(a <= s.start < b for s in in_sent):
            return Mention(m.start(), m.end(), "system", None, "generic", m.group(0))
    return None


def _demonym_regex(registry: Registry) -> tuple[re.Pattern | None, dict[str, str]]:
    return _compiled_demonyms(frozenset((d, e.id) for e in registry.actors.values() if e.kind == "state"
                                        for d in e.demonyms))


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


def _states(text, sent, mentions, registry, demonyms) -> list[tuple[str, int, bool, int]]:
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
            if _PLACE_PAIR.match(text, m.end()) or _PLACE_PAIR_BEFORE.search(text, max(0, m.start() - 20), m.start()):
                continue  # 'the Turkish-Syrian border', 'Indo-Russian': a place or a pairing, not a party
            out.append((table[m.group(0)], m.start(), True, m.end()))
    return sorted(out, key=lambda x: x[1])


def _origins(systems: list[Mention], registry: Registry) -> dict[str, str | None]:
    """The supplying state of each model the article names (a class has none)."""
    out = {}
    for m in systems:
        if m.entity_id not in out:
            entry = registry.systems[m.entity_id]
            country = None if entry.is_class else entry.row.get("origin_country")
            out[m.entity_id] = registry.state_by_country(country) if country else None
    return out


def _buyer_counts(sentences, states_of, systems, origin_of, third_parties) -> Counter:
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


def _article_supplier(systems: list[Mention], registry: Registry) -> str | None:
    counts = Counter(m.entity_id for m in systems
                     if not registry.systems[m.entity_id].is_class
                     and registry.systems[m.entity_id].row.get("origin_country"))
    if not counts:
        return None
    top = max(counts.items(), key=lambda kv: (kv[1], -min(m.start for m in systems if m.entity_id == kv[0])))[0]
    return registry.state_by_country(registry.systems[top].row["origin_country"])


def _supplier(text, system, t_start, event_type, states, ctx) -> str | None:
    """A model's origin supplies it; a class or arms in general the demonym next to it ('Russian combat
    modules'), or the subject of an offer or delivery ('Washington had offered Ankara ...'), or the
    article's usual supplier."""
    if ctx.origin.get(system.entity_id):
        return ctx.origin[system.entity_id]
    close = [s for s, pos, demonym, _ in states if demonym and system.start - 25 <= pos < system.end]
    if close:
        return close[-1]
    if event_type in _SUPPLIER_VERB:
        subject = [s for s, pos, demonym, end in states if end <= t_start and _SUBJECT_GAP.match(text[end:t_start])]
        if subject:
            return subject[-1]
    if ctx.default_supplier is None:  # 'Russian weapons ..., including fighter jets': a demonym earlier on
        named = {s for s, _, demonym, _ in states if not demonym}
        earlier = [s for s, pos, demonym, _ in states if demonym and pos < system.start and s not in named]
        return earlier[-1] if earlier else None
    return ctx.default_supplier


def _parties(text, system, local, trigger, here, registry, ctx, recipient_of) -> list[tuple[str, str]]:
    """(supplier, recipient) pairs. The recipient is the state nearest the stage word that neither supplies
    another system the sentence names nor sanctions or warns in the article (the article's usual buyer when
    only such a third party is named), with any state coordinated with it ('with China and Thailand').
    With no state in the sentence: the state named last before where the sentence says 'the country',
    else the recipient this system already had in the article, else the usual buyer, else the state named
    last before. A system from an earlier sentence is not carried into a
    sentence about a third party only ('Our talks with the United States are continuing')."""
    event_type, t_start, t_end = trigger
    supplier = _supplier(text, system, t_start, event_type, here.states, ctx)
    if supplier is None:
        return []
    origins = {ctx.origin[m.entity_id] for m in here.systems if m.entity_id != system.entity_id} - {None}
    candidates = [(s, pos, end) for s, pos, _, end in here.states if s != supplier and s not in origins]
    if event_type == "sanction_threat":  # '... imposed sanctions on Turkey over ...': the target receives
        targets = [c for c in candidates if 0 < c[1] - t_start <= 40]
        candidates = targets or candidates
    third = here.sanctioning | ctx.third_parties
    buyers = [c for c in candidates if c[0] not in third]
    if candidates and not buyers:
        if not local:
            return []
        usual = [b for b, _ in ctx.buyer_counts.most_common() if b != supplier]
        if usual:
            return [(supplier, usual[0])]
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
            recipients += _coordinated_states(text, nearest, buyers)  # 'contracts with China and Thailand'
        return [(supplier, r) for r in dict.fromkeys(recipients)]
    before = [st for st in here.earlier if st != supplier and st not in third]
    recipient = before[-1] if here.the_country and before else recipient_of.get(system.entity_id)
    if recipient is None:
        usual = [b for b, _ in ctx.buyer_counts.most_common() if b != supplier and b in set(here.earlier)]
        recipient = usual[0] if usual else (before[-1] if before else None)
    if recipient is None or recipient == supplier:
        return []
    return [(supplier, recipient)]


def _coordinated_states(text, state, others) -> list[str]:
    """States joined to `state` by 'and' or commas ('military contracts with China and Thailand')."""
    out = []
    for step in (1, -1):
        chain = state
        for c in sorted(others, key=lambda c: step * c[1]):
            if step * (c[1] - chain[1]) <= 0:
                continue
            gap = text[chain[2]:c[1]] if step == 1 else text[c[2]:chain[1]]
            if not _COORDINATED.match(gap):
                break
            out.append(c[0])
            chain = c
    return out


_TO = re.compile(r"\b(?:to|for)\s+(?:the\s+)?$", re.IGNORECASE)
_OBJECT_OF = re.compile(r"\b(?:with|to|for)\s+(?:the\s+)?$", re.IGNORECASE)
_SANCTIONING = re.compile(r"^\W{0,3}(?:(?:would|will|has|have|had|also|now|could|may|might|decides to|s|on \w+)\s+){0,2}(?:imposes?|impose|imposed|imposing|would impose|warn(?:s|ed|ings?)?|"
                          r"threats|threaten(?:s|ed)?|sanction(?:s|ed)?|penali[sz]\w*|revoke|withdraw|lift)\b", re.IGNORECASE)


def _sanctioning(text: str, states) -> set[str]:
    """States that sanction or warn in this sentence ('the US would impose sanctions', 'U.S. sanctions',
    'demands U.S. revoke sanctions'): they are third parties, not the recipient."""
    out = set()
    for state, pos, demonym, end in states:
        if _SANCTIONING.match(text[end:end + 45]):
            out.add(state)
    return out


def _deal_type(body: str) -> str:
    for deal_type, pattern in _DEAL_TYPES:
        if pattern.search(body):
            return deal_type
    return "sale"


def _mode(body: str, t_start: int, t_end: int, event_type: str = "") -> str:
    """denied, hypothetical, expected or asserted from the words around the stage word. A threat of
    sanctions is a fact once made, whatever it threatens: asserted unless denied."""
    before = body[max(0, t_start - _WINDOW):t_start]
    around = before + " " + body[t_end:t_end + _WINDOW // 2]
    if _DENIED.search(before[-30:]) or _DISBELIEF.search(body[:t_start]):
        return "denied"
    if event_type == "sanction_threat":
        return "asserted"
    if _CONDITION.search(body) or _HYPOTHETICAL.search(before):
        return "hypothetical"
    if _EXPECTED.search(around):
        return "expected"
    return "asserted"


def _clause(text: str, sent: Sentence, pos: int) -> tuple[int, int]:
    """The clause of the sentence around `pos`: dates, quantities and values belong to their clause."""
    cuts = [m.end() for m in _CLAUSE_BREAK.finditer(text, sent.start, sent.end)]
    return max([c for c in cuts if c <= pos], default=sent.start), min([c for c in cuts if c > pos], default=sent.end)


_CLAUSE_BREAK = re.compile(r";|:\s|\s[–—]\s|,\s+(?:while|whereas|but)\b")


def _date_owners(text, sent, dates, triggers):
    """Each date belongs to one word of its clause: the nearest stage word or speech verb before it
    ('signed a contract ... last year, is expected to receive ... in 2020'), else the nearest after it
    ('Since 2017, ... Turkey's decision to buy'). Returns the dates of each trigger and, for each speech verb
    (start, performative?), the dates of the telling ('said last week', 'told reporters ... on Sunday')."""
    anchors = [(start, end, ("trigger", start)) for _, start, end in triggers]
    anchors += [(m.start(), m.end(), ("speech", m.start(), not _NOT_PERFORMATIVE.match(m.group(0))))
                for m in _SPEECH.finditer(text, sent.start, sent.end)]
    owned: dict[int, list[DateRef]] = {}
    speech: list[tuple[int, bool, DateRef]] = []
    for d in dates:
        lo, hi = _clause(text, sent, d.start)
        preceding = [a for a in anchors if lo <= a[0] and a[1] <= d.start]
        following = [a for a in anchors if d.end <= a[0] < hi]
        if preceding:
            owner = max(preceding, key=lambda a: a[1])
        elif following:
            owner = min(following, key=lambda a: a[0])
        else:
            continue
        if owner[2][0] == "trigger":
            owned.setdefault(owner[2][1], []).append(d)
        else:
            speech.append((owner[2][1], owner[2][2], d))
    return owned, speech


def _event_date(owned, speech, trigger, system, mode) -> DateRef | None:
    """The trigger's own date nearest its system ('delivery of 10 Su-35 ... in 2017 and S-400 ... earlier this
    year'); 'now'/'currently' date only ongoing stages. An asserted offer, threat or cancellation made by a
    telling takes the telling's date ('Menendez said last week that the US would impose sanctions')."""
    event_type, t_start, _ = trigger
    mine = [d for d in owned.get(t_start, []) if event_type in _ONGOING or not _STATIVE_DATE.match(d.text)]
    if mine:
        if system.start > t_start:
            after = [d for d in mine if d.start >= system.end]
            if after:
                return after[0]
        return min(mine, key=lambda d: abs(d.start - t_start))
    if event_type in _PERFORMED_BY_SPEECH and mode == "asserted":
        told = [d for s_start, performative, d in speech if performative and s_start < t_start]
        if told:
            return told[-1]
    return None


def _quantity(body: str) -> tuple[int, int | None, str | None, bool | None]:
    m = _QUANTITY.search(body)
    if not m:
        return 1, None, None, None
    n = m.group("n").lower()
    qty = int(n) if n.isdigit() else _WORD_NUMBERS[n]
    unit = next(v for k, v in _UNITS.items() if m.group("unit").lower().startswith(k))
    batch = _ORDINALS.get((m.group("ord") or "").lower(), 1)
    return batch, qty, unit, bool(m.group("hedge"))


def _value(body: str) -> int | None:
    m = _VALUE.search(body)
    if not m:
        return None
    return int(round(float(m.group("n")) * _SCALES[m.group("scale").lower()]))
