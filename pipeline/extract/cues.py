"""The reporting-verb lexicon and the speaker slot, shared by quotes (statements.py) and reported
speech (reported.py).

A speaker slot is the text before or after a cue verb that names who spoke ('Chemezov', 'the head
of the FSTMC', 'A senior Turkish official, speaking on condition of anonymity'); `speaker()` trims
datelines, fillers and relative clauses off it and resolves it to an actor id.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .. import lexicons

if TYPE_CHECKING:
    from ..resolve import SpeakerResolver
    from .mentions import Mention

CUES = (
    "said", "says", "say", "told", "tells", "added", "adds", "explained", "noted", "stressed", "underlined",
    "emphasized", "emphasised", "recalled", "confirmed", "confirms", "argued", "argues", "announced", "announces",
    "revealed", "reported", "commented", "warned", "claimed", "specified", "stated",
    "insisted", "declared", "considers", "believes", "praised", "wrote", "pointed out", "disclosed", "fear",
    "fears", "warns", "insists", "demanded", "demands", "urged", "urges", "accused", "accuses", "condemned",
    "condemns", "denied", "denies", "acknowledged", "admitted", "predicted", "maintained", "maintains",
    "reiterated", "expressed", "threatened", "threatens", "floated", "floats", "proposed", "suggested",
    "welcomed", "welcomes", "vowed", "vows", "promised", "pledged", "asserted", "contended", "assured",
    "complained", "complains", "made clear", "makes clear", "made it clear", "makes it clear",
    "replied", "replies", "responded", "responds", "answered", "countered", "retorted", "conceded",
)
# verbs that report a question only with an indirect question after them ('have questioned whether the
# army can absorb ...'); 'questioned the suspect' is no speech
QUESTION_CUES = ("questioned", "questions", "wondered", "asked")
CUE = (r"(?:" + "|".join(c.replace(" ", r"\s+") for c in CUES) + "|"
       + r"(?:" + "|".join(QUESTION_CUES) + r")(?=\s+(?:whether|if|why|how)\b)" + r")")
# 'Sen.', 'Lt. Gen.', 'Dr.' (lexicon `abbreviated_titles`): a title whose period ends no speaker's name
ABBREVIATED_TITLES = lexicons.alternation(re.escape(a) + r"(?=\s)" for a in sorted(
    lexicons.column("abbreviated_titles"), key=len, reverse=True))
# a character of a speaker slot: any but the punctuation that ends one, or a whole abbreviated title
SLOT_CHAR = rf"(?:{ABBREVIATED_TITLES}|[^.,;!?“”\"])"
# an interview transcript: its questions are paragraphs opened by 'Q:'
QUESTION_LABEL = re.compile(r"(?m)^Q:\s")
WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
FILLER = (r"(?:\s*,?\s*(?:also|further|has|have|had|previously|however|already|again|recently|repeatedly|"
          r"officially|publicly|long|,|"
          rf"on {WEEKDAY}|{WEEKDAY}|last week|this week|earlier|today|yesterday))*\s*")
# 'NEW DELHI: ', 'ISTANBUL (Reuters) - ', 'ANKARA – ', 'WASHINGTON/ANKARA (Reuters) - '
DATELINE = re.compile(r"[A-Z][A-Z .'/]{2,}(?:\s*\([^)]{1,30}\))?\s*[:–—-]\s+")
# (both used with .match)
# sentence-initial connectives that are the reporter's, not the speaker's
CONNECTIVE = re.compile(r"(?:However|Next|Meanwhile|Moreover|Besides|Still|Also|But|And|Separately|Earlier|"
                        r"Later|In addition|At the same time)\s*,?\s+")
_TRAILING_FILLER = re.compile(r"(?:[\s,]+(?:however|also|further|previously|has|have|had|officially|publicly))*[\s,]*$")
# 'A senior Trump administration official, who briefed reporters ...': the clause is not the speaker
_RELATIVE = re.compile(r",\s*(?:who|which|speaking|asking|citing|according)\b.*$", re.DOTALL)
# a name with a descriptive apposition after it ('Armenia, a member of the Russian-led CSTO alliance')
_DESCRIBED_HEAD = re.compile(r"(?P<head>[^,]+),\s*(?:a|an|the|one\s+of)\s")
_AS = re.compile(r"(?:As\s+|as\s+)?")
_WHAT = re.compile(r"(?<!,)\s(?:what)\s+", re.IGNORECASE)  # not 'which': 'the company which makes it said'
# a slot that opens with a conjunction names no speaker ('"..." if asked', '"..." when needed')
_NOT_A_SUBJECT = re.compile(r"(?i:if|when|once|unless|while|because|although|though|until|whether)\b")
_MAX_SLOT_WORDS = 8
# where and when the speaker spoke, after the name ('at the signing ceremony in Jakarta', 'during a visit')
_TRAILING_SETTING = re.compile(r"\s+(?:at|in|on|during|after|before|while|when|from)\s.*$", re.DOTALL)


def speaker(text, spk_start, spk_end, cue, resolver):
    """(actor id or None, phrase, start, end, cue) for the speaker slot text[spk_start:spk_end], or
    None when the slot is no speaker (too long and not ending in a name)."""
    person = _person_before_apposition(text, spk_start, spk_end, resolver)
    if person is not None:  # 'Ana Lee, a spokeswoman for the agency, said': Ana Lee said it
        return (person.entity_id, text[person.start:person.end], person.start, person.end, cue)
    phrase = text[spk_start:spk_end]
    dateline = DATELINE.match(phrase)
    s = spk_start + (dateline.end() if dateline else 0)
    s += len(_AS.match(text, s).group(0))  # 'As Reuters reported last month, ...'
    inside = _WHAT.search(text, s, spk_end)  # 'jets on what a former official described as "..."'
    s = inside.end() if inside else s
    if _NOT_A_SUBJECT.match(text, s):
        return None  # '"ready to support Romania" if asked': no one is named
    phrase = _RELATIVE.sub("", text[s:spk_end])
    e = s + len(_TRAILING_FILLER.sub("", phrase))
    while s < e and text[s].isspace():
        s += 1
    phrase = text[s:e]
    head = _DESCRIBED_HEAD.match(phrase)
    if head and resolver.in_span(s, s + head.end("head")) is not None:
        e = s + head.end("head")  # 'Armenia, a member of the CSTO alliance': Armenia speaks, not the alliance
        phrase = text[s:e]
    # 'Qatar's ambassador in Moscow, Fahad bin Mohammed Al-Attiyah': a long slot with a person in apposition
    named = "," in phrase and resolver.kind(resolver.in_span(s, e) or "") in ("person", "anonymous_source")
    placed = _TRAILING_SETTING.sub("", phrase)
    after_cue = bool(cue) and text[max(0, spk_start - len(cue) - 3):spk_start].rstrip().endswith(cue)
    if after_cue and len(phrase.split()) > _MAX_SLOT_WORDS and not named and placed != phrase \
            and len(placed.split()) <= _MAX_SLOT_WORDS:
        e, phrase = s + len(placed), placed  # '," said Defence Minister X at the signing ceremony in Jakarta'
    if len(phrase.split()) > _MAX_SLOT_WORDS and not named:
        first = _first_person(resolver, text, s, e)  # 'Ana Lee of the Moscow-based Centre for X': the person
        if first is not None and resolver.kind(first.entity_id) == "person" and _AFFILIATION.match(text, first.end):
            return (first.entity_id, text[first.start:first.end], first.start, first.end, cue)
        # '... in Istanbul and the Russian state arms exporter Rosoboronexport announced': the name before the cue
        last = resolver.mention_ending_at(e)
        if last is None:
            return None
        s, phrase = last.start, text[last.start:e]
    if not phrase:
        return None
    return (resolver.resolve(s, e, phrase), phrase, s, e, cue)


_AFFILIATION = re.compile(r"\s+(?:of|from|at)\s")


def _first_person(resolver: SpeakerResolver, text: str, s: int, e: int) -> Mention | None:
    """The person a slot opens with, after a title of a few words ('Col. (retd) Arvind Menon of the ...')."""
    people = [m for m in resolver.actors if s <= m.start < e and resolver.kind(m.entity_id) == "person"]
    first = min(people, key=lambda m: m.start, default=None)
    if first is None or "," in text[s:first.start] or len(text[s:first.start].split()) > 6:
        return resolver.mention_starting_at(s)
    return first


_APPOSITION_START = re.compile(r"\s*(?:an?|the|one of|[a-z][\w-]*)\s")


def _person_before_apposition(text, spk_start, spk_end, resolver):
    """The person named just before a slot that is their apposition ('Ana Lee, a spokeswoman for X, said')."""
    if not _APPOSITION_START.match(text, spk_start, spk_end) and not text[spk_start:spk_end].strip().startswith(
            ("A ", "An ", "The ")):
        return None
    before = text[max(0, spk_start - 3):spk_start]
    if not before.rstrip().endswith(","):
        return None
    if not (text[spk_start:spk_end].rstrip().endswith(",") or text[spk_end:spk_end + 3].lstrip().startswith(",")):
        return None  # '..., the RIA Novosti agency reported': no closing comma, no apposition
    end = spk_start - (len(before) - len(before.rstrip()[:-1].rstrip()))
    m = resolver.mention_ending_at(end)
    return m if m is not None and resolver.kind(m.entity_id) == "person" else None


def apposition_owner(text, pos, resolver):
    """The person whose apposition text[pos] stands in ('Senator X, chairman of the [committee], has said')."""
    comma, close = text.rfind(",", max(0, pos - 90), pos), text.find(",", pos, pos + 120)
    if comma < 0 or close < 0 or not _APPOSITION_START.match(text, comma + 1, close):
        return None
    return _person_before_apposition(text, comma + 1, close, resolver)
