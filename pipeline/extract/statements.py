"""Statements: direct and partial quotes with their speaker, and indirect (reported) speech.

Quotes are found per body paragraph with straight, curly and mixed marks; the cue is read
after the closing mark ('," he said', '”said the head of the FSTMC') or before the opening one
('Shugaev said:'). A quote with no cue keeps the previous speaker. Short quotes with no cue
are scare quotes or titles and are skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..corpus import Source
from ..resolve import PRONOUN, SpeakerResolver
from ..text import Sentence

CUES = (
    "said", "says", "told", "tells", "added", "adds", "explained", "noted", "stressed", "underlined",
    "emphasized", "emphasised", "recalled", "confirmed", "argued", "announced", "revealed", "reported",
    "commented", "warned", "claimed", "specified", "stated", "insisted", "declared", "considers",
    "believes", "praised", "wrote", "pointed out", "disclosed", "fear", "fears", "warns", "insists",
    "demanded", "demands", "urged", "accused", "condemned", "denied", "acknowledged", "admitted", "predicted",
)
_CUE = r"(?:" + "|".join(c.replace(" ", r"\s+") for c in CUES) + r")"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_FILLER = (r"(?:\s*,?\s*(?:also|further|has|have|had|previously|however|already|again|recently|repeatedly|,|"
           rf"on {_WEEKDAY}|{_WEEKDAY}|last week|this week|earlier|today|yesterday))*\s*")
# After the closing mark: '," he said' / ', Isaykin said' / '”said the head of the FSTMC'
_CUE_AFTER_SPEAKER_FIRST = re.compile(rf"^[\s,]*(?P<spk>[^.,;!?“”\"]{{1,120}}?){_FILLER}(?P<cue>{_CUE})\b")
_CUE_AFTER_VERB_FIRST = re.compile(rf"^[\s,]*(?P<cue>{_CUE})\s+(?P<spk>[^.,;!?“”\"]{{1,120}}?)\s*(?=[.,;!?]|$)")
# Before the opening mark: 'Shugaev said:', 'X wrote in a letter to the minister:'
_CUE_BEFORE = re.compile(rf"(?P<spk>[^.,;!?“”\"]{{1,120}}?){_FILLER}(?P<cue>{_CUE})\b(?:[^.!?:;“”\"]{{0,140}})?:\s*$")
_MIN_WORDS = 4  # shorter quotes without a cue are scare quotes or titles
_TITLE_CASE = re.compile(r"^(?:[A-Z][\w’'-]*|of|in|the|and|for|to|a|on)(?:\s+(?:[A-Z][\w’'-]*|of|in|the|and|for|to|a|on))*$")
_MIN_PARTIAL_WORDS = 3  # 'S-400 "Triumph"' is a name in quotes, not a statement
# 'called the decision "unfair"', 'described the talks as being at "an advanced stage"': a verb of
# characterising makes even a one-word lowercase quote a partial quote of the subject's words
_CHARACTERISING = r"(?:called|calls|described|describes|termed|terms|branded|brands|labell?ed)"
_CHARACTERISED = re.compile(rf"\b{_CHARACTERISING}\s+[^.;:“”\"]{{0,80}}$")


@dataclass(frozen=True)
class Statement:
    start: int
    end: int
    kind: str  # direct | partial | indirect
    speaker_id: str | None
    speaker_text: str | None
    speaker_start: int | None
    speaker_end: int | None
    cue: str | None


def find_quotes(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(open mark, close mark) positions in one paragraph; an unclosed quote runs to its end."""
    out, opened = [], None
    for i in range(start, end):
        ch = text[i]
        if opened is None:
            before = text[i - 1] if i > start else " "
            if ch == "“" or (ch == '"' and (before.isspace() or before in "([—–-:")):
                opened = i
        elif ch in "”\"":
            if ch == '"' and i + 1 < end and text[i + 1].isalnum() and not text[i - 1] in ",.!?":
                continue  # a straight mark glued to a word is not a close
            out.append((opened, i))
            opened = None
    if opened is not None and end - opened > 1:
        out.append((opened, end))
    return out


def _inner(text: str, open_pos: int, close_pos: int) -> tuple[int, int]:
    s, e = open_pos + 1, close_pos
    while s < e and text[s].isspace():
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] == ","):
        e -= 1
    return s, e


def _clause_after(text: str, pos: int, end: int) -> str:
    """The words after a closing quote mark, up to the end of their sentence or the next quote."""
    stop = re.search(r"[.!?“\"]", text[pos:end])
    return text[pos:pos + stop.start() if stop else end]


def extract_statements(source: Source, sentences: list[Sentence], resolver: SpeakerResolver) -> list[Statement]:
    text = source.text
    out: list[Statement] = []
    last_direct_speaker: tuple | None = None  # carried over to quotes with no cue, in the same or next paragraph
    pending_colon: tuple | None = None  # 'Shugaev said:' at the end of a paragraph
    quote_spans: list[tuple[int, int]] = []
    last_direct_zone = -1
    for zone_index, zone in enumerate(source.zones):
        if zone.kind != "body":
            continue
        for open_pos, close_pos in find_quotes(text, zone.start, zone.end):
            s, e = _inner(text, open_pos, close_pos)
            words = len(text[s:e].split())
            if e <= s:
                continue
            sentence_start = _sentence_start(sentences, open_pos, zone.start)
            pre = text[sentence_start:open_pos]
            # a quote that ends its own sentence ('... to Egypt." Kommersant reported') has no cue after it
            ends_sentence = text[e - 1] == "." and text[e - 2:e] != ".."
            speaker = (None if ends_sentence else _cue_after(text, close_pos + 1, zone.end, resolver)) \
                or _cue_before(text, zone.start, open_pos, resolver)
            partial = bool(pre.strip()) and not pre.rstrip().endswith(":")
            characterised = partial and text[s].islower() and bool(_CHARACTERISED.search(pre))
            if partial and not characterised and (words < _MIN_PARTIAL_WORDS or _TITLE_CASE.match(text[s:e])):
                continue
            if speaker is None and partial:
                speaker = _subject_cue(text, sentence_start, open_pos, resolver)
            if speaker is None and not partial and pending_colon and pending_colon[-1] < open_pos and words >= _MIN_WORDS:
                speaker = pending_colon[:-1]
            if speaker is None:
                if words < _MIN_WORDS or partial:
                    continue  # scare quote, title or stray mark
                carried = last_direct_speaker is not None and zone_index - last_direct_zone <= 1
                speaker = (last_direct_speaker[0], last_direct_speaker[1], last_direct_speaker[2],
                           last_direct_speaker[3], None) if carried else (None, None, None, None, None)
            kind = "partial" if partial else "direct"
            out.append(Statement(s, e, kind, *speaker))
            if kind == "direct":  # a partial quote leaves the reporter's sentence reported speech
                quote_spans.append((open_pos, close_pos))
            if kind == "direct" and speaker[0]:
                last_direct_speaker, last_direct_zone = speaker, zone_index
            pending_colon = None
        tail = _CUE_BEFORE.search(text, zone.start, zone.end) if text[zone.start:zone.end].rstrip().endswith(":") else None
        speaker = _speaker(text, tail.start("spk"), tail.end("spk"), tail.group("cue"), resolver) if tail else None
        if speaker:
            pending_colon = (*speaker, zone.end)
    out.extend(_indirect(text, sentences, quote_spans, resolver))
    return sorted(out, key=lambda x: (x.start, x.end, x.kind))


def _sentence_start(sentences: list[Sentence], pos: int, default: int) -> int:
    for s in sentences:
        if s.start <= pos < s.end:
            return s.start
    return default


_DATELINE = re.compile(r"^[A-Z][A-Z ]{2,}\s*[–—-]\s*")
_TRAILING_FILLER = re.compile(r"(?:[\s,]+(?:however|also|further|previously|has|have|had))*[\s,]*$")


def _speaker(text, spk_start, spk_end, cue, resolver):
    """(actor id or None, phrase, start, end, cue) for the speaker slot text[spk_start:spk_end]."""
    phrase = text[spk_start:spk_end]
    dateline = _DATELINE.match(phrase)
    s = spk_start + (dateline.end() if dateline else 0)
    e = spk_start + len(_TRAILING_FILLER.sub("", phrase))
    while s < e and text[s].isspace():
        s += 1
    phrase = text[s:e]
    if len(phrase.split()) > 8:  # '... in Istanbul and the Russian state arms exporter Rosoboronexport announced'
        last = resolver.mention_ending_at(e)
        if last is None:
            return None
        s, phrase = last.start, text[last.start:e]
    if not phrase:
        return None
    return (resolver.resolve(s, e, phrase), phrase, s, e, cue)


_CONJUNCTION = re.compile(r"^(?:and|but|or|while|as)\b")


def _cue_after(text, pos, end, resolver):
    clause = _clause_after(text, pos, end)
    for pattern in (_CUE_AFTER_VERB_FIRST, _CUE_AFTER_SPEAKER_FIRST):
        m = pattern.match(clause)
        if m and not _CONJUNCTION.match(m.group("spk")):  # '"unfair" and warned': a second verb, not a cue
            return _speaker(text, pos + m.start("spk"), pos + m.end("spk"), m.group("cue"), resolver)
    return None


def _cue_before(text, start, open_pos, resolver):
    if not text[start:open_pos].rstrip().endswith(":"):
        return None
    m = _CUE_BEFORE.search(text[start:open_pos])
    if not m:
        return None
    return _speaker(text, start + m.start("spk"), start + m.end("spk"), m.group("cue"), resolver)


_SUBJECT_CUE = re.compile(rf"^(?P<spk>[^,]{{1,120}}?){_FILLER}(?P<cue>{_CUE}|{_CHARACTERISING})\b")


def _subject_cue(text, sentence_start, open_pos, resolver):
    """'Chemezov praised Turkey as "..."': the speaker is the subject of a cue verb before the quote."""
    head = text[sentence_start:open_pos]
    m = _SUBJECT_CUE.search(head)
    if not m:
        return None
    return _speaker(text, sentence_start + m.start("spk"), sentence_start + m.end("spk"), m.group("cue"), resolver)


_CONTENT_FIRST = re.compile(
    rf"^(?P<content>.+),\s+(?P<spk>[^,]{{2,120}}?),?\s+(?:has\s+|have\s+|had\s+)?(?P<cue>{_CUE})\b"
    r"(?P<rest>[^,]*)(?:,\s+\w+ing\b.*)?$"
)
_SAYING = re.compile(r"^(?P<head>.+?),\s+(?P<cue>saying)\s+(?:that\s+)?(?P<content>.+)$")
_ATTRIBUTION = re.compile(r",\s+(?:according to|quoting|citing)\b")
_CUE_FIRST = re.compile(
    rf"^(?P<spk>[^,]{{1,140}}?(?:,[^,]{{1,60}},)?){_FILLER}(?P<cue>{_CUE})\s+"
    r"(?:(?:(?<=told )|(?<=tells )|(?<=warned )|(?<=urged )|(?<=accused )|(?<=assured ))"
    r"(?:reporters|journalists|lawmakers|parliament|(?:the\s+)?[A-Z][\w.\-]*(?:\s+[A-Z][\w.\-]*){0,2})\s+)?"
    rf"(?:(?:(?:on|last|this|in|earlier|late)\s+\w+|{_WEEKDAY}|today|yesterday)\s+)*(?:that\s*,?\s*)?(?P<content>.+?)$"
)
# An unnamed speaker the text still presents as one ('a company spokesman'): kept, speaker_id null.
_SPEAKER_NOUN = re.compile(r"\b(?:spokes(?:man|woman|person)|officials?|source|minister|analyst|expert|diplomat|"
                           r"representative|ambassador|envoy|lawmaker|senator|general|commander|chief|head|director|"
                           r"administration|government|ministry|embassy|department|office|presidency|kremlin|"
                           r"pentagon|white house|statement|report)s?\b",
                           re.IGNORECASE)
_ACCORDING = re.compile(r"^According to (?P<spk>[^,]{1,80}),\s+(?P<content>.+?)$")


def _indirect(text, sentences, quote_spans, resolver) -> list[Statement]:
    out = []
    for sent in sentences:
        if sent.kind != "body" or any(a < sent.end and b > sent.start for a, b in quote_spans):
            continue
        body = text[sent.start:sent.end]
        if body.rstrip().endswith(":"):
            continue  # 'Shugaev said:' introduces a direct quote
        trimmed = body.rstrip(".!? \u00a0")
        found = None
        for pattern in (_ACCORDING, _CONTENT_FIRST, _SAYING, _CUE_FIRST):
            m = pattern.match(trimmed)
            if not m:
                continue
            if pattern is _CONTENT_FIRST and (len(m.group("spk").split()) > 12 or len(m.group("rest").split()) > 10
                                              or len(m.group("content").split()) < 3):
                continue  # 'Meanwhile, X argued ...': the words before the comma are not what was said
            if pattern is _SAYING:  # 'Rosoboronexport has previously reacted ..., saying ...': the subject speaks
                subject = resolver.mention_starting_at(sent.start)
                if subject is None:
                    continue
                spk = _speaker(text, subject.start, subject.end, "saying", resolver)
            else:
                spk = _speaker(text, sent.start + m.start("spk"), sent.start + m.end("spk"),
                               m.groupdict().get("cue") or "according to", resolver)
            if spk is None or (spk[0] is None and not PRONOUN.match(spk[1]) and not _SPEAKER_NOUN.search(spk[1])):
                continue  # no actor and no speaker noun in the speaker slot: not reported speech
            cs, ce = sent.start + m.start("content"), sent.start + m.end("content")
            attribution = _ATTRIBUTION.search(text, cs, ce)
            if attribution:
                ce = attribution.start()
            while ce > cs and text[ce - 1] in " ,\u00a0":
                ce -= 1
            found = Statement(cs, ce, "indirect", *spk)
            break
        if found and found.end > found.start:
            out.append(found)
    return out
