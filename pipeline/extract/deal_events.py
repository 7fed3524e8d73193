"""Deal events: which stage of which transfer a sentence reports, between whom, in what mode,
when, and for how many or how much. One sentence may report several events."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ..corpus import Source
from ..registry import Registry
from ..text import Sentence
from .dates import DateRef, find_dates
from .mentions import Mention

# Trigger patterns in priority order: an earlier pattern's match hides overlapping later ones.
TRIGGERS: list[tuple[str, re.Pattern]] = [(t, re.compile(p, re.IGNORECASE)) for t, p in [
    ("offer", r"\b(?:has |have )?offered\b|\bready to (?:discuss|hold|study|supply|offer|consider)\b|\bproposed\b"),
    ("cancellation", r"\bcancel(?:lation|led|s)?\b|\bbreak its contract\b|\babandon(?:ed|s)?(?: (?:its |the )?plans?)?\b|"
                     r"\bdrops? (?:its |the )?plans?\b|\bno longer in (?:our|its|their) plans\b|\bkicked out\b|"
                     r"\bremov(?:e|ed|es|ing)\b[\w\s]{0,30}?\bfrom the\b[\w\s-]{0,40}?\bprogram(?:me)?\b"),
    ("interest", r"\binterest(?:ed)? in\b|\btakes? interest\b|\bexpressed interest\b|\bwants? (?:to gain )?access to\b|"
                 r"\b(?:wants?|plans?|intends?|hopes?|seeks?) to (?:buy|acquire|purchase|obtain)\b|\bwants?\b|\blooking at\b"),
    ("talks", r"\bin talks\b|\btalks\b|\bnegotiations?\b|\bnegations\b|\bconsultations\b|\bdiscuss(?:ed|ing|ions?)?\b|\bpotential sale\b"),
    ("sanction_threat", r"\bsanction(?:s|ed)?\b|\bpenali[sz](?:e|ed|es|ing)\b"),
    ("agreement", r"\breached (?:several |an? )?(?:arms )?deals?\b|\bagree(?:s|d)? to (?:buy|purchase|acquire)\b|\bagreed\b|"
                  r"\bmemorandum of understanding\b|\bagreements?\b|\bdecision to (?:buy|purchase|acquire)\b|"
                  r"\bjoint (?:ventures?|projects?)\b|\bcooperating on\b|\bconducted joint tests\b"),
    ("contract", r"\bsign(?:s|ed|ing)?\b(?:\s+[\w$.,-]+){0,6}?\s+(?:deal|contract)s?\b|\bseal(?:s|ed)?\b(?:\s+[\w$.-]+){0,5}?\s+deals?\b|"
                 r"\bfinali[sz]ed (?:their |the |its )?purchase\b|\bcontract\b|\bdeal worth\b|\bbought\b|\bpurchased\b|"
                 r"\bordered\b|\bfirst buyer\b|\bsold\b|\bsells?\b"),
    ("training", r"\btraining\b"),
    ("servicing", r"\bservic(?:e|ing)\b|\bmaintenance\b|\bguarantee team\b"),
    ("delivery", r"\bdeliver(?:y|ies|ed|ing)\b|\bsuppl(?:y|ied|ying|ies)\b|\btransfer(?:s|red|ring)?\b|\breceived?\b|"
                 r"\bprovided?\b|\bshipments?\b|\btook delivery\b|\balready operates\b"),
]]
_REFUSAL = re.compile(r"declined to comment|refused to comment|not disclose|no comment", re.IGNORECASE)
_CONDITION = re.compile(r"\b(?:if|whether|unless)\b", re.IGNORECASE)
_JOINT = re.compile(r"joint (?:ventures?|projects?)|cooperating on|memorandum", re.IGNORECASE)
_CLAUSE_END = re.compile(r",\s+but\b|;|:")
_SPEECH_DATE = re.compile(r"\b(?:said|says|told \w+|reported|announced|confirmed|stated)\s+(?:on\s+)?$", re.IGNORECASE)
_HYPOTHETICAL = re.compile(r"\b(?:may|might|could|possible|potential|possibility)\b", re.IGNORECASE)
_EXPECTED = re.compile(r"\b(?:will|would|set to|expected|expects?|plans?|likely|no earlier than|threat\w*|trying to)\b", re.IGNORECASE)
_DENIED = re.compile(r"\b(?:denied|not(?! just| only)|never|no longer)\b", re.IGNORECASE)
_DISBELIEF = re.compile(r"\b(?:do not|don't|does not|doesn't) (?:think|believe|expect)\b|\bunlikely\b", re.IGNORECASE)
_EXCLUDED_SYSTEM = re.compile(r"(?:instead of|rather than|besides|in addition to|other than)\s+(?:the\s+)?$", re.IGNORECASE)
_WINDOW = 50  # characters around a trigger that set its mode
_COMPLETED = re.compile(r"\bfully met\b|\bcompleted\b|\bfully delivered\b|\bfinished\b", re.IGNORECASE)
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
    system_id: str
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


def extract_deal_events(source: Source, sentences: list[Sentence], mentions: list[Mention],
                        registry: Registry) -> list[DealEvent]:
    text = source.text
    systems = [m for m in mentions if m.entity_type == "system"]
    default_supplier = _article_supplier(systems, registry)
    demonyms = _demonym_regex(registry)
    out: list[DealEvent] = []
    body_sentences = [sent for sent in sentences if sent.kind == "body"]
    states_of = {sent: _states(text, sent, mentions, registry, demonyms) for sent in body_sentences}
    article_states = [st for sent in body_sentences for st in states_of[sent]]
    sanctioning_in = {sent: _sanctioning(text, states_of[sent]) for sent in body_sentences}
    third_parties = set().union(*sanctioning_in.values())
    buyer_counts = Counter(st for st, _, _, _ in article_states if st not in third_parties)
    for sent in body_sentences:
        body = text[sent.start:sent.end]
        triggers = _triggers(text, sent, mentions)
        refusal = _REFUSAL.search(body)
        if refusal:  # 'I will not disclose the details of the contract, but yes, China has ...'
            clause_end = _CLAUSE_END.search(body, refusal.end())
            cut = sent.start + (clause_end.start() if clause_end else len(body))
            triggers = [t for t in triggers if t[1] >= cut]
        if not triggers:
            continue
        in_sent = [m for m in systems if sent.start <= m.start < sent.end]
        states = states_of[sent]
        dates = [d for d in find_dates(text, sent.start, sent.end, source.published_date(), source.published_precision)
                 if not _SPEECH_DATE.search(text[max(sent.start, d.start - 20):d.start])]  # 'said on Monday' dates the speech
        seen = set()
        earlier = [st for st, pos, _, _ in article_states if pos < sent.start]
        for event_type, t_start, t_end in triggers:
            for system in _systems_for(text, in_sent, systems, t_start, sent, event_type):
                parties = _parties(system, t_start, states, registry, default_supplier, earlier, event_type,
                                   sanctioning_in[sent] | third_parties, buyer_counts)
                if parties is None:
                    continue
                stages = [(event_type, _mode(body, t_start - sent.start, t_end - sent.start), _nearest_date(dates, t_start, text, sent))]
                if event_type == "cancellation" and "contract" in text[t_start:t_end]:
                    stages.append(("contract", "asserted", None))  # 'break its contract' says there is one
                for stage, mode, date in stages:
                    if (stage, system.entity_id, parties) in seen:
                        continue
                    seen.add((stage, system.entity_id, parties))
                    deal_type = "support_services" if stage == "servicing" else _deal_type(body)
                    lo, hi = _clause(text, sent, t_start)
                    batch, qty, unit, uncertain = _quantity(text[lo:hi])
                    out.append(DealEvent(
                        sent.start, sent.end, parties[0], parties[1], system.entity_id, deal_type, batch, stage,
                        mode, bool(_COMPLETED.search(body)) and stage == "delivery", date, qty, unit, uncertain,
                        _value(text[lo:hi])))
    return out


def _triggers(text: str, sent: Sentence, mentions: list[Mention]) -> list[tuple[str, int, int]]:
    """(event type, start, end) of each stage word; words inside a name ('Federal Security Service') do not count."""
    found: list[tuple[str, int, int]] = [("name", m.start, m.end) for m in mentions
                                         if m.entity_type == "actor" and sent.start <= m.start < sent.end]
    for event_type, pattern in TRIGGERS:
        for m in pattern.finditer(text, sent.start, sent.end):
            if any(a < m.end() and m.start() < b for _, a, b in found):
                continue
            found.append((event_type, m.start(), m.end()))
    # a supply or transfer that talks or an offer are about is their object, not a delivery
    early = min((a for t, a, _ in found if t in ("talks", "offer", "interest", "agreement")), default=None)
    if early is not None:
        found = [f for f in found if not (f[0] == "delivery" and f[1] > early)]
    return sorted((f for f in found if f[0] != "name"), key=lambda f: f[1])


def _systems_for(text, in_sent, all_systems, t_start, sent, event_type):
    """Systems a trigger is about: the list after it for interest/talks/offer and joint projects, else the nearest
    after it ('signed a contract ... to purchase Russian S-400 systems'), else the nearest before;
    with none in the sentence, the last system named shortly before it in the article."""
    in_sent = [m for m in in_sent if not _EXCLUDED_SYSTEM.search(text[max(sent.start, m.start - 30):m.start])]
    if in_sent:
        after = [m for m in in_sent if m.start >= t_start]
        if after and (event_type in ("interest", "talks", "offer") or _JOINT.match(text, t_start)):
            return after  # "interested in X, Y and Z", "joint ventures to develop X and Y"
        if after:
            return [after[0]]
        return [in_sent[-1] if in_sent[-1].start < t_start else in_sent[0]]
    before = [m for m in all_systems if m.end <= sent.start and sent.start - m.end < 600]
    return [before[-1]] if before else []


def _demonym_regex(registry: Registry) -> tuple[re.Pattern | None, dict[str, str]]:
    table = {d: e.id for e in registry.actors.values() if e.kind == "state" for d in e.demonyms}
    if not table:
        return None, {}
    alts = "|".join(re.escape(d) for d in sorted(table, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alts})(?!\w)"), table


def _states(text, sent, mentions, registry, demonyms) -> list[tuple[str, int, bool, int]]:
    """(state id, start, by demonym, end) for every state the sentence names, directly, through a body, or by demonym."""
    start, end = sent.start, sent.end
    out = []
    for m in mentions:
        if m.entity_type == "actor" and start <= m.start < end:
            if registry.actors[m.entity_id].kind in _PARTY_KINDS:
                state = registry.state_of(m.entity_id)
                if state:
                    out.append((state, m.start, False, m.end))
    pattern, table = demonyms
    if pattern:
        for m in pattern.finditer(text, start, end):
            out.append((table[m.group(0)], m.start(), True, m.end()))
    return sorted(out, key=lambda x: x[1])


def _article_supplier(systems: list[Mention], registry: Registry) -> str | None:
    counts = Counter(m.entity_id for m in systems
                     if not registry.systems[m.entity_id].is_class
                     and registry.systems[m.entity_id].row.get("origin_country"))
    if not counts:
        return None
    top = max(counts.items(), key=lambda kv: (kv[1], -min(m.start for m in systems if m.entity_id == kv[0])))[0]
    return registry.state_by_country(registry.systems[top].row["origin_country"])


def _parties(system: Mention, t_start, states, registry, default_supplier, earlier, event_type="", sanctioning=(),
             buyer_counts=None):
    """(supplier, recipient): a model's origin supplies it, a class its adjacent demonym ('Russian
    combat modules'); the recipient is the other state nearest the stage word that does not sanction
    or warn in the article (the article's usual buyer when only such a third party is named)."""
    entry = registry.systems[system.entity_id]
    is_class = entry.is_class
    supplier = None
    if not is_class and entry.row.get("origin_country"):
        supplier = registry.state_by_country(entry.row["origin_country"])
    if supplier is None:
        close = [s for s, pos, demonym, _ in states if demonym and system.start - 25 <= pos < system.end]
        supplier = close[-1] if close else default_supplier
    candidates = [(s, pos) for s, pos, _, _ in states if s != supplier]
    if event_type == "sanction_threat":  # '... imposed sanctions on Turkey over ...': the target receives
        targets = [(s, pos) for s, pos in candidates if 0 < pos - t_start <= 40]
        candidates = targets or candidates
    buyers = [(s, pos) for s, pos in candidates if s not in sanctioning]
    if candidates and not buyers and buyer_counts:  # only a sanctioning third party is named here
        usual = [b for b, _ in buyer_counts.most_common() if b != supplier]
        if usual:
            buyers = [(usual[0], t_start)]
    recipients = [(abs(pos - t_start), s) for s, pos in (buyers or candidates)]
    if recipients:
        recipient = min(recipients)[1]
    else:  # the state named last before the sentence ('The country ...', 'First deliveries ...')
        before = [st for st in earlier if st != supplier]
        if not before:
            return None
        recipient = before[-1]
    if supplier is None or recipient == supplier:
        return None
    return supplier, recipient


_SANCTIONING = re.compile(r"^\W{0,3}(?:(?:would|will|has|have|had|also|now|could|may|might|decides to|s|on \w+)\s+){0,2}(?:imposes?|impose|imposed|imposing|would impose|warn(?:s|ed|ings?)?|"
                          r"threats|threaten(?:s|ed)?|sanction(?:s|ed)?|penali[sz]\w*)\b", re.IGNORECASE)


def _sanctioning(text: str, states) -> set[str]:
    """States that sanction or warn in this sentence ('the US would impose sanctions', 'U.S. sanctions'):
    they are third parties, not the recipient."""
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


def _mode(body: str, t_start: int, t_end: int) -> str:
    before = body[max(0, t_start - _WINDOW):t_start]
    around = before + " " + body[t_end:t_end + _WINDOW // 2]
    if _DENIED.search(before[-30:]) or _DISBELIEF.search(body[:t_start]):
        return "denied"
    if _CONDITION.search(body) or _HYPOTHETICAL.search(before):
        return "hypothetical"
    if _EXPECTED.search(around):
        return "expected"
    return "asserted"


def _clause(text: str, sent: Sentence, pos: int) -> tuple[int, int]:
    """The clause of the sentence around `pos`: dates, quantities and values belong to their clause."""
    cuts = [m.end() for m in _CLAUSE_BREAK.finditer(text, sent.start, sent.end)]
    return max([c for c in cuts if c <= pos], default=sent.start), min([c for c in cuts if c > pos], default=sent.end)


def _nearest_date(dates: list[DateRef], pos: int, text: str, sent: Sentence) -> DateRef | None:
    """The date nearest the stage word, within its clause ('...; now, ...' dates only what follows it)."""
    lo, hi = _clause(text, sent, pos)
    dates = [d for d in dates if lo <= d.start < hi]
    return min(dates, key=lambda d: abs(d.start - pos)) if dates else None


_CLAUSE_BREAK = re.compile(r";|:\s|\s[–—]\s|,\s+(?:while|whereas|but)\b")


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
