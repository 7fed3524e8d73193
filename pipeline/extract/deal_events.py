"""Deal events: which stage of which transfer a sentence reports, between whom (deal_parties.py), in
what mode, when, and for how many or how much. One sentence may report several events; an event
whose sentence names only arms in general ('arms deals', 'other Russian weapons') has no system.

Only sentences with a stage word go through the full analysis; dates are found per such sentence
and each belongs to one stage word or speech verb of its clause."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from .. import lexicons, stages
from ..corpus import Source
from ..registry import Registry
from ..text import Sentence
from .anaphora import DEAL_NOUN, class_as_model, deal_noun_systems, definite_references, same_item_classes
from .dates import DateRef, find_dates
from .deal_parties import (COORDINATED, LISTING, POSSESSED, THE_COUNTRY, Context, Here, article_supplier,
                           buyer_counts, demonym_regex, multinational, origins,
                           parties, sanctioning, states_in)
from .mentions import Mention
from .prefilter import Prefiltered, WordFinder, fold

# Trigger patterns in priority order: an earlier pattern's match hides overlapping later ones.
# The phrases of the lexicon `stage_phrases` come first: a phrase hides the stage words inside it ('in service
# with' is a delivery, not servicing).
def _stage_phrases() -> list[tuple[str, re.Pattern]]:
    """One pattern per event type of the phrases the lexicon `stage_phrases` gives it."""
    by_stage: dict[str, list[str]] = {}
    for row in lexicons.load("stage_phrases"):
        by_stage.setdefault(row["event_type"], []).append(lexicons.phrase_pattern(row["phrase"], row["not_after"]))
    return [(t, re.compile("|".join(p), re.IGNORECASE)) for t, p in by_stage.items()]


_STAGE_PHRASES = _stage_phrases()
TRIGGERS: list[tuple[str, re.Pattern]] = _STAGE_PHRASES + [(t, re.compile(p, re.IGNORECASE)) for t, p in [
    ("offer", r"\b(?:has |have )?offered\b|\b(?:ready|willing) to \w+|\bproposed\b|\bintentions? to (?:sell|supply|export)\b|"
              r"\bprepared to (?:move forward|sell|supply|deliver|provide|offer)\b|\bthe (?:\w+ )?offer\b|"
              r"\bthe approval\b(?! of\b)|"
              # a government clearing a possible sale ('US clears $3.5 billion Patriot sale', 'approved the possible sale of')
              r"\b(?:clear(?:s|ed|ing)?|approv(?:e|es|ed|ing))\s+(?:the\s+|a\s+)?(?:(?:possible|potential|proposed)\s+)?(?:[$\w.,-]+\s+){0,5}?sales?\b"),
    ("cancellation", r"\bcancel\w*|\bbreak its contract\b|\babandon(?:ed|s)?(?: (?:its |the )?plans?)?\b|"
                     r"\bdrops? (?:its |the )?plans?\b|\bno longer in (?:our|its|their) plans\b|\bkicked out\b|"
                     r"\bend(?:ed|s)? (?:all |its |their )?(?:military(?:-technical)? )?cooperation\b|"
                     r"\b(?:remov(?:e|ed|es|ing)|expell?ed|excluded)\b[\w\s]{0,30}?\bfrom the\b[\w\s-]{0,40}?\bprogram(?:me)?\b|"
                     r"\bexclusion\b|\bsuspend(?:s|ed|ing)?\s+(?:the\s+|its\s+|their\s+)?(?:talks|negotiations)\b|"
                     r"\b(?:give|gives|giving|gave) up (?:on )?(?:the |its |their |our )?(?=(?-i:[A-Z])|(?:plans?|deals?|contracts?|purchases?|orders?)\b)|\blos(?:e|es|ing|t) access to\b|"
                     r"\b(?:ban(?:s|ned|ning)?|froze|freezes|frozen)\s+(?:the\s+)?(?:deliver\w*|sales?|exports?|transfers?|suppl\w+)\b"),
    ("interest", r"\binterest(?:ed)? in\b|\btakes? interest\b|\bexpressed interest\b|\bwants? (?:to gain )?access to\b|"
                 r"\b(?:wants?|wanted|plans?|planned|intends?|intended|hopes?|hoped|seeks?|sought) to (?:buy|acquire|purchase|obtain)\b|"
                 r"\bwants?\b|\blooking at\b|\beye[sd]?\b(?=\s+(?:(?-i:[A-Z])|new\b|more\b|additional\b))|"
                 r"\brequest(?:s|ed)\b(?=\s+(?:the\s+|\d+\s+|more\s+|additional\s+|new\s+)?(?:[A-Z]|jets|fighters|aircraft|tanks|"
                 r"helicopters|missiles|frigates|submarines|drones)\b)|"
                 r"\bfocus(?:es|ed|ing)? on (?:acquiring|buying|purchasing)\b"),
    ("talks", r"\bin talks\b|\btalks\b|\btalk(?:ing|ed)? (?:to|with)\b|\bnegotiations?\b|\bnegotiat(?:e|es|ed|ing)\b|\bnegations\b|\bconsultations\b|\bdiscuss(?:ed|ing|ions?)?\b|\bpotential sale\b"),
    ("sanction_threat", r"(?<!UN )(?<!U\.N\. )(?<!United Nations )\bsanction(?:s|ed)?\b(?! (?:law|act|legislation)\b)|\bpenali[sz](?:e|ed|es|ing)\b|\bmeasures under\b"),
    ("agreement", r"\breached (?:several |an? )?(?:arms )?deals?\b|\bagree(?:s|d)? to (?:buy|purchase|acquire|supply|sell|deliver|provide)\b|\bagreed\b|"
                  r"\bmemorandum of understanding\b|\bletters? of intent\b|(?<!end-user )\bagreements?\b|\bdecision to (?:buy|purchase|acquire)\b|"
                  r"\bjoint (?:ventures?|projects?)\b|\bcooperating on\b|\bconducted joint tests\b"),
    ("contract", r"\b(?:sign|ink)(?:s|ed|ing)?\b(?:\s+[\w$£€.,-]+){0,6}?\s+(?:deal|contract)s?\b|"
                 # 'the deal' as the subject of a clause ('The deal is worth ...', 'the deal could expose'): it exists
                 r"\bthe deal\b(?=\s+(?:is|was|includes?|included|covers?|covered|could|would|will|may|might|has|had)\b)|"
                 r"\b(?:deal|contract)s? (?:was |were |has been |had been |have been )?(?:signed|inked|sealed|concluded)\b|"
                 r"\bplac(?:ed|es|ing) (?:an |a |the )?(?:\w+ )?orders?\b|\b(?:acquired|procured)\b|\bseal(?:s|ed)?\b(?:\s+[\w$.-]+){0,5}?\s+deals?\b|"
                 r"\bfinali[sz](?:e|ed|es|ing) (?:their |the |its )?(?:purchase|deal|contract)\b|(?<!\bany )\bcontracts?\b|\bdeal worth\b|"
                 r"\bbought\b|\bbuys\b|\b(?:would|will) (?:buy|purchase)\b(?=\s+(?:the|an?|\d|[A-Z]|more|new|additional)\b)|\borders\b(?=\s+(?:\d|more\b|new\b|additional\b))|\bpurchases?\b(?! decisions?\b| plans?\b| polic(?:y|ies)\b)|\bpurchased\b|\bordered\b|\borders? for\b|\bfirst buyer\b|\bsuch (?:an? )?(?:sale|deal|purchase)\b|\bsold\b|\bsells?\b|"
                 r"\b(?:paid|paying) for\b|\blicen[cs]e deals?\b"),
    ("training", r"\btraining\b|(?<!the )(?<!a )(?<!by )\btrain(?:s|ed)?\b(?=\s+(?:on|in|with|the|their|its|our|\w+\s+(?:officers|pilots|crews|personnel|troops|marines|counterparts))\b)"),
    ("servicing", r"\bservic(?:e|ing)\b|\bmaintenance\b|\bguarantee team\b|"
                  r"(?<=specialists )(?:are|were) working on\b|(?<=team )(?:is|was) working on\b|(?<=technicians )(?:are|were) working on\b"),
    ("delivery", r"\bdeliver(?:y|ies|ed|ing|s)?\b|\bsuppl(?:y|ied|ying|ies)\b|\btransfer(?:s|red|ring)?\b|\breceiv(?:e|es|ed)\b|\binduct(?:s|ed|ing)?\b|\binduction\b|"
                 r"\bprovided?\b|\bshipments?\b|"
                 r"(?<!letter )(?<!message )\bsen(?:d|ds|ding|t)\b(?!\s+(?:(?:a|an|the|its|their)\s+)?(?:\w+\s+)?(?:letters?|messages?|signals?|delegations?|"
                 r"troops|warnings?|notes?|requests?|teams?|invitations?|envoys?)\b)|\bship(?:ped|ping)\b|\bexported\b|\bhand(?:ed|s|ing)? over\b|"
                 r"\bhandover\b|\b(?:took|tak(?:e|es|en|ing)) delivery\b|\balready (?:operates|flies|fields|uses)\b|\barriv(?:e|ed|es|ing)\b|"
                 r"\bflown in\b|\bairlifted\b|"
                 # aircraft that land in the buyer's capital arrive there ('First Yak-130 trainers land in Dhaka')
                 r"(?:(?<=jets )|(?<=trainers )|(?<=fighters )|(?<=aircraft )|(?<=helicopters )|(?<=planes )|(?<=bombers ))"
                 r"land(?:s|ed)?\s+(?:in|at)\b|(?<![\w-])(?=(?:its|their)\s)" + POSSESSED.pattern + "|"
                 # navies commission ships built abroad ('commissioned INS Tushil', 'commissions Russian-built frigate')
                 r"\bcommission(?:s|ed|ing)?\b(?=\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:INS|HMS|frigates?|ships?|submarines?|"
                 r"corvettes?|destroyers?|vessels?)\b)"),
]]
# the words each trigger pattern (and each of its alternatives) needs: a sentence is scanned only with
# the alternatives whose words it holds
_TRIGGER_WORDS = [(event_type, Prefiltered(pattern)) for event_type, pattern in TRIGGERS]
_TRIGGER_WORD_FINDER = WordFinder(w for _, scan in _TRIGGER_WORDS for w in scan.all_words)
# 'in negotiations with several countries': the other party is not named
_UNNAMED = Prefiltered(re.compile(r"\b(?:several|many|other|various|a number of|some|foreign)\s+(?:countries|customers|buyers|partners|"
                                  r"states|nations|clients)\b", re.IGNORECASE))
_REFUSAL = Prefiltered(re.compile(r"declined to comment|refused to comment|not disclose|no comment", re.IGNORECASE))
_REPORTED = re.compile(r"\b(?:reports?|claims?|rumou?rs?|speculation)\s+(?:that|of)\b", re.IGNORECASE)
_CONDITION = re.compile(r"\b(?:if|whether|unless)\b", re.IGNORECASE)
_JOINT = re.compile(r"joint (?:ventures?|projects?)|cooperating on|memorandum", re.IGNORECASE)
_CLAUSE_END = re.compile(r",\s+but\b|;|:")
_HYPOTHETICAL = re.compile(r"\b(?:may|might|could|possible|potential|possibility|pressure to|urg(?:e|es|ed|ing) \w+ to)\b",
                           re.IGNORECASE)
_EXPECTED = re.compile(r"\b(?:will|would|set to|(?:is|are) due to|expected|expects?|plans?|likely|no earlier than|threat\w*|trying to|"
                       r"hoped?|hopes|hoping)\b", re.IGNORECASE)
_DENIED = re.compile(r"\b(?:denied|not(?! just| only)|never|no longer|no (?:intention|plans?)|fail(?:s|ed)? to|rules? out|ruled out)\b",
                     re.IGNORECASE)
# 'urged London not to supply', 'asked Athens to hand them over': a supply someone asks for (or against) is only possible
_URGED = re.compile(r"\b(?:urg|ask|press|call)(?:e|es|ed|ing|s)?\s+(?:on\s+)?(?:[\w.-]+\s+){1,2}(?:not\s+)?to\s+$", re.IGNORECASE)
_NO = re.compile(r"\bno\s+(?:further\s+|new\s+|more\s+)?$", re.IGNORECASE)  # 'but no talks are taking place'
_ANY = re.compile(r"\bany\s+(?:\w+\s+)?$", re.IGNORECASE)  # 'any transfer of Russian-made weapons': none in particular
_ITS_BEFORE = re.compile(r"\b(?:[Ii]ts|[Tt]heir)\s+$")
_HEADLINE_BUY = re.compile(r"[A-Z][\w.-]*(?:\s+[\w.-]+)?\s+to\s+(?P<verb>buy|acquire|order|purchase|get|receive)\b")
_HEADLINE_TO = re.compile(r"^[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)?\s+to\s+$")  # headline 'France to supply Armenia with ...'

_DISBELIEF = Prefiltered(re.compile(r"\b(?:do not|don't|does not|doesn't) (?:think|believe|expect)\b|\bunlikely\b", re.IGNORECASE))
_EXCLUDED_SYSTEM = re.compile(r"(?:instead of|rather than|besides|in addition to|other than|in exchange for|in return for)\s+(?:(?:the|its|their)\s+(?:[\w-]+\s+)?)?$",
                              re.IGNORECASE)
_WINDOW = 50  # characters around a trigger that set its mode
_COMPLETED = Prefiltered(re.compile(r"\bfully met\b|\bcompleted\b|\bfully delivered\b|\bfinished\b", re.IGNORECASE))
# Arms named only in general ('other Russian weapons', 'arms deals', 'Russian-made equipment'): an event with no system.
_GENERIC = Prefiltered(re.compile(r"\b(?:arms|weapons|weaponry|armaments|(?<!the )(?<!its )(?<!their )(?<!this )(?<!such )(?<!related )(?<!associated )equipment|hardware|(?:military|defen[cs]e) contracts?|"
                                  r"all cooperation|(?<=on )(?-i:(?:military(?:-technical)?|defen[cs]e) cooperation))\b(?! (?:exporters?|exports?|company|companies|makers?|manufacturers?|industry|"
                                  r"trade|race|control|embargo|sector|firms?|dealers?)\b)", re.IGNORECASE))
_LISTED = re.compile(r"[^.;:]{0,40}?\b(?:including|such as|notably|among them)\s+(?:the\s+)?", re.IGNORECASE)
_GENERIC_BEFORE, _GENERIC_AFTER = 15, 40  # how close a general noun must be to the stage word
# 'the supplied weapons', 'equipment ..., previously sold to Ankara': a participle describing the arms, not an event
_MODIFIER = re.compile(r"(?:\bthe|(?<!has )(?<!had )(?<!have )\bpreviously)\s+$", re.IGNORECASE)
# 'technology transfer' is a deal type; 'the contract for the supply of': the supply is the contract's content
_NOT_A_DELIVERY = re.compile(r"\btechnology\s+$|\b(?:contracts?|deals?|agreements?)\s+(?:for|on|to)\s+(?:the\s+)?$",
                             re.IGNORECASE)
_CONDITIONAL_PURCHASE = re.compile(r"\b(?:if|unless|whether)\s+(?:\S+\s+){0,5}$", re.IGNORECASE)
_SETTING = re.compile(r"\b(?:at|during|after)\s+(?:the\s+)?(?:first\s+)?(?:\S+\s+)?$", re.IGNORECASE)  # 'after talks between'
_APPOSITIVE = re.compile(r",\s+an?\s+(?:[\w-]+\s+){0,2}$")  # '..., a joint venture of Indian and Russian firms': a description
_NOUN_DELIVERY = re.compile(r"deliver(?:y|ies)|transfers?\b|suppl(?:y|ies)\b|shipments?", re.IGNORECASE)
# 'helicopters it has ordered', 'systems which it bought': a relative clause describing the arms
_RELATIVE_ORDER = re.compile(r"[a-z]\s+(?:that\s+|which\s+)?(?:it|they)\s+(?:has|have|had)\s+$")
_SALE_NOUN = re.compile(r"\bsales?$")  # 'cleared the sale of X': one sale, not a list of what is offered
# followed by its own adjunct ('delivered in 2013', 'bought from Russia', 'ordered under the 2018 deal')
_PARTICIPLE = re.compile(r"[a-z]+ed\s+(?:in|by|to|from|under|last|earlier|this)\b")
_REDUCED_GAP = re.compile(r"^(?:\s+(?!(?:and|or|to|from|with|by|for|of|is|are|was|were|has|have|had|that|which|it|they)\b)[\w-]+){0,3}\s+$",
                          re.IGNORECASE)
_INTRANSITIVE = re.compile(r"arriv|land", re.IGNORECASE)  # 'the first of which arrived': the system comes before
# Speech verbs: a date after them dates the telling; offers, threats and cancellations made by the telling take it.
_SPEECH = Prefiltered(re.compile(r"\b(?:said|says|told|tells|reported|reports|announced|announces|confirmed|stated|added|wrote|"
                                 r"acknowledged|admitted|explained|noted|insisted|"
                                 r"demanded|urged)\b", re.IGNORECASE))
_NOT_PERFORMATIVE = re.compile(r"demanded|urged|reported|reports", re.IGNORECASE)
_PERFORMED_BY_SPEECH = stages.flagged("performed_by_speech")  # event_types.csv
_STATIVE_DATE = re.compile(r"^(?:now|currently)$", re.IGNORECASE)  # dates an ongoing state, not an order
_ONGOING = stages.flagged("ongoing")
_NEEDS_A_NAME = stages.flagged("needs_a_name")
_DEAL_TYPES = [(deal_type, Prefiltered(pattern)) for deal_type, pattern in [
    ("licensed_production", re.compile(r"licensed production|licen[cs]e (?:deal|agreement|contract)|joint production|production of (?:the )?(?:component )?parts", re.I)),
    ("technology_transfer", re.compile(r"technolog\w+ cooperation|technology transfer|transfers? of [\w\s’']*technology|production process", re.I)),
    ("joint_development", re.compile(r"joint (?:ventures?|projects?|tests|development)|cooperating on the creation|collaborate|to develop|assistance .* creating|help .* creating", re.I)),
]]
_WORD_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                 "eight": 8, "nine": 9, "ten": 10, "twelve": 12}
_ORDINALS = {"second": 2, "third": 3, "fourth": 4, "fifth": 5}
_QUANTITY = Prefiltered(re.compile(
    r"\b(?P<hedge>about |around |approximately |up to |some |nearly )?(?<![-\w])(?P<n>\d+|" + "|".join(_WORD_NUMBERS)
    + r")\s+(?:(?P<ord>" + "|".join(_ORDINALS) + r")\s+)?(?P<unit>regimental sets?|batter(?:y|ies)|battalions?|divisions?|systems?|units?)\b",
    re.IGNORECASE))
# A further order ('second batch', 'second S-400 deal'); for deliveries it may be a tranche of the same order.
_FURTHER = Prefiltered(re.compile(r"\b(?P<ord>second|third|fourth|fifth)\s+(?:[\w-]+\s+){0,2}?(?:batch|deal|contract|order)\b",
                                  re.IGNORECASE))
_TRANCHE_STAGES = stages.flagged("tranche")
_UNITS = {"regimental": "regimental_set", "batter": "battery", "battalion": "battalion", "division": "battalion",
          "system": "system", "unit": "unit"}
_VALUE = Prefiltered(re.compile(r"(?P<hedge>about |around |approximately |nearly |some |up to |more than |over )?\$\s?(?P<n>\d+(?:\.\d+)?)\s*(?P<scale>billion|million|bn)\b", re.I))
_SCALES = {"billion": 10**9, "bn": 10**9, "million": 10**6}


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


def extract_deal_events(source: Source, sentences: list[Sentence], mentions: list[Mention],
                        registry: Registry) -> list[DealEvent]:
    text = source.text
    systems = [m for m in mentions if m.entity_type == "system"]
    described = same_item_classes(text, systems, registry)  # 'Su-35 multirole fighters': one item
    systems = [m for i, m in enumerate(systems) if i not in described]
    demonyms = demonym_regex(registry)
    out: list[DealEvent] = []
    body_sentences = [sent for sent in sentences if sent.kind == "body"]
    states_of = {sent: states_in(text, sent, mentions, registry, demonyms) for sent in body_sentences}
    article_states = [st for sent in body_sentences for st in states_of[sent]]
    sanctioning_in = {sent: sanctioning(text, states_of[sent]) for sent in body_sentences}
    third_parties = set().union(*sanctioning_in.values())
    origin = origins(systems, registry, body_sentences, mentions)
    models = [m for m in systems if not registry.systems[m.entity_id].is_class]
    salient = _salient_model(models)
    ctx = Context(article_supplier(systems, registry), third_parties,
                  buyer_counts(body_sentences, states_of, systems, origin, third_parties), article_states, origin,
                  multinational=multinational(systems, registry))
    recipient_of: dict[str | None, str] = {}  # the recipient last given to each system in this article
    made_by = _made_by(systems, registry)
    for sent in body_sentences:
        triggers = _triggers(text, sent, mentions)
        if not triggers:
            continue
        body = text[sent.start:sent.end]
        in_sent = [m for m in systems if sent.start <= m.start < sent.end]
        states = states_of[sent]
        refs = definite_references(text, sent.start, sent.end, systems, registry, recipient_of, {st[0] for st in states})
        if refs:  # 'the last ten aircraft', 'the helicopters': the model named before
            in_sent = sorted([m for m in in_sent if not any(r.start < m.end and m.start < r.end for r in refs)] + refs,
                             key=lambda m: m.start)
        in_sent = [class_as_model(text, m, systems, registry, (sent.start, sent.end)) for m in in_sent]  # '672 of the self-propelled guns
        dates = find_dates(text, sent.start, sent.end, source.published_date(), source.published_precision)
        owned, speech_dates = _date_owners(text, sent, dates, triggers)
        seen: dict[tuple, int] = {}  # (stage, system, (supplier, recipient)) -> index in out
        here = Here(states, sanctioning_in[sent], [st for st, pos, _, _ in article_states if pos < sent.start],
                     in_sent, bool(THE_COUNTRY.search(body)), {}, [t[1] for t in triggers], bool(_UNNAMED.search(body)))
        earlier = [(e.event_type, e.system_id, e.recipient_id) for e in out]
        state_ids = {st[0] for st in states}
        nouns = [(n, deal_noun_systems(text, n, in_sent, earlier, state_ids))
                 for n in DEAL_NOUN.finditer(text, sent.start, sent.end)] if earlier else []
        unnamed = not in_sent and not states and not _makers_systems(mentions, sent, made_by)
        for event_type, t_start, t_end in triggers:
            if unnamed and event_type in _NEEDS_A_NAME:
                continue  # '"The council will follow the schedule closely"': commentary, not a new event
            lo, hi = _clause(text, sent, t_start)
            own = [refs for n, refs in nouns if n.start() <= t_start < n.end() and refs]
            sentence_wide = [r for n, refs in nouns for r in refs] if not in_sent else []
            chosen = [(r, True) for r in own[0]] if own else [(r, True) for r in sentence_wide] if sentence_wide \
                else _its_list(text, sent, t_start, in_sent, models) \
                or _systems_for(text, in_sent, systems, t_start, t_end, sent, event_type, (lo, hi), salient,
                                _makers_systems(mentions, sent, made_by))
            for system, local in chosen:
                for pair in parties(text, system, local, (event_type, t_start, t_end), here, ctx,
                                        recipient_of):
                    mode = _mode(body, t_start - sent.start, t_end - sent.start, event_type)
                    if event_type == "delivery" and mode == "hypothetical" and _NOUN_DELIVERY.match(text, t_start) \
                        and not text[max(0, t_start - 3):t_start].lower() == "to ":
                        continue  # 'the possible delivery of', 'could oppose the transfer': talk of a delivery
                    stage_modes = [(event_type, mode)]
                    if event_type == "cancellation" and "contract" in text[t_start:t_end]:
                        stage_modes.append(("contract", "asserted"))  # 'break its contract' says there is one
                    for stage, stage_mode in stage_modes:
                        key = (stage, system.entity_id, pair)
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
                        recipient_of[system.entity_id] = pair[1]
                        if system.entity_id:
                            here.given.setdefault(system.entity_id, pair[1])
                        event = DealEvent(
                            sent.start, sent.end, pair[0], pair[1], system.entity_id, deal_type, batch, stage,
                            stage_mode, bool(_COMPLETED.search(body)) and stage == "delivery", date, qty, unit,
                            uncertain, _value(text[lo:hi]))
                        if key in seen:
                            out[seen[key]] = event
                        else:
                            seen[key] = len(out)
                            out.append(event)
    return out


def _leftmost(found: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """Of overlapping stage words the one that begins first wins, then the longer, then the first listed:
    'abandoned plans to buy' is a cancellation, not an interest."""
    kept: list[tuple[int, tuple[str, int, int]]] = []
    for order, (event_type, start, end) in sorted(enumerate(found), key=lambda x: (x[1][1], x[1][1] - x[1][2], x[0])):
        if not any(a < end and start < b for _, (_, a, b) in kept):
            kept.append((order, (event_type, start, end)))
    return [trigger for _, trigger in sorted(kept)]


def _triggers(text: str, sent: Sentence, mentions: list[Mention]) -> list[tuple[str, int, int]]:
    """(event type, start, end) of each stage word; words inside a name ('Federal Security Service') do not
    count, nor participles describing the arms ('the supplied weapons'), nor talks that are only the setting
    ('after talks between ...'),
    nor a refusal to comment (but what the reports it refuses to comment on say does count)."""
    names = [(m.start, m.end) for m in mentions if m.entity_type == "actor" and sent.start <= m.start < sent.end]
    found: list[tuple[str, int, int]] = []
    present = _TRIGGER_WORD_FINDER.present(fold(text[sent.start:sent.end]))
    for event_type, scan in _TRIGGER_WORDS:
        for m in scan.finditer_narrowed(present, text, sent.start, sent.end):  # only alternatives that may match
            head_end = m.start() + len(m.group(0).split()[0])
            if any(a < head_end and m.start() < b for a, b in names):
                continue
            before = text[max(sent.start, m.start() - 25):m.start()]
            if event_type in ("delivery", "contract") and " " not in m.group(0) \
                    and m.group(0).lower().endswith(("ed", "old", "ied")) and _MODIFIER.search(before):
                continue
            if event_type == "contract" and _RELATIVE_ORDER.search(before) and any(
                    0 <= m.start() - s.end <= 40 and s.start >= sent.start for s in _system_mentions(mentions, sent)):
                continue  # 'the remaining three Mi-35M helicopters it has ordered': describes the arms
            if event_type == "delivery" and _NOT_A_DELIVERY.search(before):
                continue
            if event_type == "contract" and m.group(0).lower().startswith(("buy", "bought", "purchase")) \
                    and ((before.endswith("to ") and not _HEADLINE_TO.match(text, sent.start, m.start()))
                         or _CONDITIONAL_PURCHASE.search(text, sent.start, m.start())):
                continue  # 'to purchase' is what talks, plans or decisions are about (but a headline's 'Chile to buy'
                # is the purchase); 'if it bought the S-400s': a condition
            if event_type == "agreement" and m.group(0).lower().startswith("joint") and _APPOSITIVE.search(before):
                continue
            if event_type == "talks" and m.group(0).lower() == "talks" and _SETTING.search(before):
                continue
            found.append((event_type, m.start(), m.end()))
    found = _leftmost(found)
    for extra in _named_deal_words(text, sent, mentions):
        if not any(a < extra[2] and extra[1] < b for _, a, b in found):
            found.append(extra)
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
    early = [(t, a, b) for t, a, b in found if t in _HEADS]
    found = [f for f in found if not (_OBJECT_OF[f[0]] and _is_object(text, f, early))]
    return sorted(found, key=lambda f: f[1])


# event type -> the event types whose word shortly before makes it their object (event_types.csv)
_OBJECT_OF = {name: e.object_of for name, e in stages.event_types().items()}
_HEADS = frozenset().union(*_OBJECT_OF.values())
# a new clause is no object, nor the reason for a cancellation ('expelled from the F-35 programme over its purchase of')
_NOT_OBJECT_GAP = re.compile(r"[;:]|,\s+but\b|\b(?:if|unless)\b")  # a condition is no object either
_REASON = re.compile(r"\b(?:over|because|due to|after|since)\b", re.IGNORECASE)


def _named_deal_words(text, sent, mentions) -> list[tuple[str, int, int]]:
    """Stage words a headline gives by its shape: 'Uzbekistan to buy Turkish Anka drones' (or 'to get');
    'IRIS-T for Estonia, Cobras for Mongolia'. (A system heading a deal noun, 'the F-16 deal', was measured as
    a trigger too and left out: it found as many wrong deals as right ones.)"""
    out = []
    bought = _HEADLINE_BUY.match(text, sent.start, sent.end)
    if bought:
        verb = bought.group("verb").lower()
        out.append(("delivery" if verb in ("get", "receive") else "contract", bought.start("verb"), bought.end("verb")))
    states = [m for m in mentions if m.entity_type == "actor" and sent.start <= m.start < sent.end]
    for m in _system_mentions(mentions, sent) if sent.paragraph == 0 else ():
        to = _FOR_AFTER.match(text, m.end, sent.end)
        if to and any(a.start == to.end() for a in states):
            out.append(("contract", to.start("for"), to.end("for")))
    return out


_FOR_AFTER = re.compile(r"\s+(?P<for>for)\s+")


def _system_mentions(mentions, sent):
    return [m for m in mentions if m.entity_type == "system" and sent.start <= m.start < sent.end]


def _is_object(text, trigger, early) -> bool:
    event_type, start, end = trigger
    word = text[start:end].lower()
    if event_type == "contract" and not word.startswith(("purchase", "buy", "bought", "sell", "sold", "deal worth",
                                                        "acquisition", "procurement")):
        return False
    heads = _OBJECT_OF[event_type]
    # 'approved the sale of 40 F-16 jets ... in a deal worth $23 billion': the deal is what is offered
    reach = 200 if word.startswith("deal") else 40
    return any(t in heads and a < start and start - b <= reach and not _NOT_OBJECT_GAP.search(text[b:start])
               and not (t == "cancellation" and _REASON.search(text[b:start]))
               and (reach == 40 or t == "offer") for t, a, b in early)


_LIST_TAKERS = stages.flagged("takes_list")
_COMPOUND = re.compile(r"\s+(?:deliver(?:y|ies)|sales?|purchases?|deals?|contracts?|orders?|for(?=\s))\b",
                       re.IGNORECASE)


def _systems_for(text, in_sent, all_systems, t_start, t_end, sent, event_type, clause, salient=None, by_maker=()):
    """(system, named in the sentence?) pairs a trigger is about. Arms named only in general next to the stage
    word ('other Russian weapons', 'arms deals') give one event with no system. Otherwise the list after it for
    interest/talks/offer, joint projects and sanctions, else the nearest after it and those coordinated with it
    ('10 Su-35 combat aircraft in 2017 and S-400 missile systems'), else the nearest before; with none in the
    sentence, the models of the makers it names (`by_maker`), else the last system named shortly before it in
    the article (or, in a headline, shortly after), else `salient`, the model the article is about."""
    in_sent = [m for m in in_sent if not _EXCLUDED_SYSTEM.search(text[max(sent.start, m.start - 30):m.start])]
    generic = _generic(text, t_start, t_end, clause, in_sent)
    if generic is not None:
        return [(generic, True)]
    if in_sent:
        after = [m for m in in_sent if m.start >= t_start]
        before = [m for m in in_sent if m.end <= t_start and m.start >= clause[0]]
        if _INTRANSITIVE.match(text, t_start) and before:
            return [(before[-1], True)]
        if before and _PARTICIPLE.match(text, t_start) and _REDUCED_GAP.match(text[before[-1].end:t_start]):
            return [(before[-1], True)]  # 'the S-300VM systems delivered in 2013': a participle describing them
        if before and _COMPOUND.match(text, before[-1].end) and before[-1].end + 1 >= t_start - 1 \
                and text[before[-1].end:t_start].strip() == "":
            return [(before[-1], True)]  # 'S-300 deliveries complete', 'Patriot sale': the system heads the noun
        list_taker = event_type in _LIST_TAKERS and not _SALE_NOUN.search(text, t_start, t_end) \
            and after[:1] != [m for m in after[:1] if m.method == "anaphor"]
        if after and (list_taker or _JOINT.match(text, t_start)):
            return [(m, True) for m in after if m.start < clause[1] or m is after[0]]
        if after:
            chosen = [after[0]]
            for m in after[1:]:
                if m.start >= clause[1] or not COORDINATED.search(re.sub(r"^[^,]*?(?=,|\band\b|\bor\b|$)", "",
                                                                          text[chosen[-1].end:m.start], count=1)):
                    break
                chosen.append(m)
            return [(m, True) for m in chosen]
        return [(in_sent[-1] if in_sent[-1].start < t_start else in_sent[0], True)]
    if by_maker:  # no system named, but its maker is: 'the company was ready to transfer know-how'
        return [(m, False) for m in by_maker]
    before = [m for m in all_systems if m.end <= sent.start and sent.start - m.end < 600]
    if before:
        return [(before[-1], False)]
    ahead = [m for m in all_systems if m.start >= sent.end and m.start - sent.end < 300]
    if ahead:
        return [(ahead[0], False)]
    return [(salient, False)] if salient is not None else []  # far from any name: the model the article is about


def _its_list(text, sent, t_start, in_sent, models) -> list[tuple[Mention, bool]]:
    """'Its operators include Poland, India and Egypt, while Turkey builds a version as the T-155': a list of
    buyers opened by 'its' is of the model named last before the sentence."""
    if not (_ITS_BEFORE.search(text, sent.start, t_start) and LISTING.match(text, t_start)) \
            or any(m.start < t_start for m in in_sent):
        return []
    before = [m for m in models if m.end <= sent.start]
    return [(before[-1], False)] if before else []


def _made_by(systems: list[Mention], registry: Registry) -> dict[str, list[Mention]]:
    """Each maker's systems among the article's mentions, in text order (maker ids: the registry's)."""
    out: dict[str, list[Mention]] = {}
    for m in systems:
        maker = registry.systems[m.entity_id].maker_id if m.entity_id in registry.systems else None
        if maker:
            out.setdefault(maker, []).append(m)
    return out


def _makers_systems(mentions: list[Mention], sent: Sentence, made_by: dict[str, list[Mention]]) -> list[Mention]:
    """The systems of the makers a sentence names ('TKMS's head of sales said the company was ready to ...'):
    for each maker, its model named last before the sentence, else first after."""
    out = []
    for m in mentions:
        if m.entity_type == "actor" and sent.start <= m.start < sent.end and m.entity_id in made_by:
            own = made_by[m.entity_id]
            before = [s for s in own if s.end <= sent.start]
            pick = before[-1] if before else next((s for s in own if s.start >= sent.end), None)
            if pick is not None and pick.entity_id not in {o.entity_id for o in out}:
                out.append(pick)
    return out


def _salient_model(systems: list[Mention]) -> Mention | None:
    """The first mention of the model the article names most often (at least three times), if one leads."""
    counts = Counter(m.entity_id for m in systems if m.method != "anaphor")
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < 3 or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return None
    return next(m for m in systems if m.entity_id == ranked[0][0])


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


@lru_cache(maxsize=256)  # pure; asked again for each system and pair of a trigger
def _deal_type(body: str) -> str:
    for deal_type, pattern in _DEAL_TYPES:
        if pattern.search(body):
            return deal_type
    return "sale"


@lru_cache(maxsize=256)  # pure; asked again for each system and pair of a trigger
def _mode(body: str, t_start: int, t_end: int, event_type: str = "") -> str:
    """denied, hypothetical, expected or asserted from the words around the stage word. A threat of
    sanctions is a fact once made, whatever it threatens: asserted unless denied."""
    before = body[max(0, t_start - _WINDOW):t_start]
    around = before + " " + body[t_end:t_end + _WINDOW // 2]
    if _URGED.search(before) or _ANY.search(before):
        return "hypothetical"
    if _DENIED.search(before[-30:]) or _NO.search(before) or _DISBELIEF.search(body[:t_start]):
        return "denied"
    if event_type == "sanction_threat":
        return "asserted"
    if _CONDITION.search(body) or _HYPOTHETICAL.search(before):
        return "hypothetical"
    if _EXPECTED.search(around) or _HEADLINE_TO.match(before):
        return "expected"
    return "asserted"


def _clause(text: str, sent: Sentence, pos: int) -> tuple[int, int]:
    """The clause of the sentence around `pos`: dates, quantities and values belong to their clause."""
    cuts = _clause_ends(text, sent.start, sent.end)
    return max([c for c in cuts if c <= pos], default=sent.start), min([c for c in cuts if c > pos], default=sent.end)


_CLAUSE_BREAK = re.compile(r";|:\s|\s[–—]\s|,\s+(?:while|whereas|but)\b|,?\s+and that\b")


@lru_cache(maxsize=64)
def _clause_ends(text: str, start: int, end: int) -> tuple[int, ...]:
    """Where the clause breaks of text[start:end] end (found once per sentence, not per date and trigger)."""
    return tuple(m.end() for m in _CLAUSE_BREAK.finditer(text, start, end))


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
        attributive = [a for a in anchors if 0 <= a[0] - d.end <= 1]  # 'a 2021 contract': the noun it dates
        if attributive:
            owner = attributive[0]
        elif preceding:
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


@lru_cache(maxsize=256)  # pure; asked again for each system and pair of a trigger
def _quantity(body: str) -> tuple[int, int | None, str | None, bool | None]:
    m = _QUANTITY.search(body)
    if not m:
        return 1, None, None, None
    n = m.group("n").lower()
    qty = int(n) if n.isdigit() else _WORD_NUMBERS[n]
    unit = next(v for k, v in _UNITS.items() if m.group("unit").lower().startswith(k))
    batch = _ORDINALS.get((m.group("ord") or "").lower(), 1)
    return batch, qty, unit, bool(m.group("hedge"))


@lru_cache(maxsize=256)  # pure; asked again for each system and pair of a trigger
def _value(body: str) -> int | None:
    m = _VALUE.search(body)
    if not m:
        return None
    return int(round(float(m.group("n")) * _SCALES[m.group("scale").lower()]))
