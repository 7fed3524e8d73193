"""Statements: direct and partial quotes with their speaker; indirect (reported) speech comes from
reported.py.

Quotes are found per body paragraph with straight, curly and mixed marks; the cue is read
after the closing mark ('," he said', '”said the head of the FSTMC'; not when the quote ends its
own sentence) or before the opening one ('Shugaev said:', 'X wrote in a letter to Y:'). A quote with
no cue keeps the previous speaker, as does the second half of a split quote ('"...," he said, "..."').
Short quotes with no cue are scare quotes or titles and are skipped; a partial quote takes the
subject of a cue verb before it, else the speaker of the reported speech around it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..corpus import Source
from ..resolve import SpeakerResolver
from ..text import Sentence
from .cues import ABBREVIATED_TITLES as _ABBREVIATED_TITLES
from .cues import CUE as _CUE
from .cues import DATELINE, QUESTION_LABEL
from .cues import FILLER as _FILLER
from .cues import SLOT_CHAR as _SLOT_CHAR
from .cues import speaker as _speaker
from .prefilter import Prefiltered
from .reported import find_indirect, subject_slot

# verbs that introduce a quoted question or answer ('"Can we buy it?" Erdogan asked'); only after the
# closing mark, as 'asked' elsewhere is rarely speech ('who asked not to be named')
_QUOTE_CUE = rf"(?:{_CUE}|asked|asks|replied|replies|answered|responded)"
# After the closing mark: '," he said' / ', Isaykin said' / '”said the head of the FSTMC'
# (the speaker may carry an apposition: '," Dmitry Shugaev, head of the FSTMC, told Interfax')
_CUE_AFTER_SPEAKER_FIRST = re.compile(
    rf"^[\s,]*(?P<spk>{_SLOT_CHAR}{{1,120}}?(?:,{_SLOT_CHAR}{{1,110}},)?){_FILLER}(?P<cue>{_QUOTE_CUE})\b")
_CUE_AFTER_VERB_FIRST = re.compile(rf"^[\s,]*(?P<cue>{_QUOTE_CUE})\s+(?P<spk>{_SLOT_CHAR}{{1,120}}?)\s*(?=[.,;!?]|$)")
# Before the opening mark: 'Shugaev said:', 'X wrote in a letter to the minister:'
# (Prefiltered: a text without a cue word is not searched; a failing search is slow, 2 ms for 160 characters)
_CUE_BEFORE = Prefiltered(re.compile(rf"(?P<spk>{_SLOT_CHAR}{{1,120}}?){_FILLER}(?P<cue>{_CUE})\b(?:[^.!?:;“”\"]{{0,140}})?:\s*$"))
# what no match of _CUE_BEFORE holds before its final colon
_NOT_BEFORE_COLON = re.compile(rf"(?:{_ABBREVIATED_TITLES})|(?P<stop>[.!?:;“”\"])")  # 'Col.' is no stop
_SINGLE_CLOSE_AFTER = ",.!?"  # a single closing mark follows punctuation (see find_quotes)
_MIN_WORDS = 4  # shorter quotes without a cue are scare quotes or titles
_TITLE_CASE = re.compile(r"^(?:[A-Z0-9][\w’'-]*|of|in|the|and|for|to|a|on)(?:\s+(?:[A-Z0-9][\w’'-]*|of|in|the|and|for|to|a|on))*$")
# between the two halves of a split quote: the cue and a comma ('," he said, "')
_SPLIT_GAP = re.compile(r"[\s,]*[^“”\"]{1,80}?,\s*")
_MIN_PARTIAL_WORDS = 3  # 'S-400 "Triumph"' is a name in quotes, not a statement
# 'called the decision "unfair"', 'described the talks as being at "an advanced stage"': a verb of
# characterising makes even a one-word lowercase quote a partial quote of the subject's words
_CHARACTERISING_WORD = re.compile(r"(?:called|calls|described|describes|termed|terms|branded|brands|labell?ed|"
                                  r"dismissed|dismisses|rejected|rejects)")
# 'dismissed the concern as "unfounded"': dismissing characterises only with an 'as' after it
_CHARACTERISING = (r"(?:called|calls|described|describes|termed|terms|branded|brands|labell?ed|"
                   r"(?:dismiss(?:ed|es)|reject(?:ed|s))(?=\s+(?:[^.;:“”\"]{0,60}\s)?as\s))")
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


_QUOTE_MARK = re.compile("[“”\"‘’'„«»]")
_CLOSES = {"„": "“”", "«": "»"}  # the low-9 mark of Central European copy ('„...”', '„...“') and guillemets


def find_quotes(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(open mark, close mark) positions in one paragraph; an unclosed double quote runs to its end.

    Single marks ('...' and ‘...’, the British style) open before a word and close after a sentence's
    or a clause's punctuation ('arms race,' Lecornu told) or after a word that ends the quote ("called it
    'a grave mistake'."), so that apostrophes ("Azerbaijan's") never pair up; an unclosed single mark is
    no quote."""
    out, opened, single, closes = [], None, False, "”\""
    for mark in _QUOTE_MARK.finditer(text, start, end):  # other characters open and close nothing
        i, ch = mark.start(), mark.group(0)
        if opened is None:
            before = text[i - 1] if i > start else " "
            if ch in "“„«" or (ch == '"' and (before.isspace() or before in "([—–-:")):
                opened, single, closes = i, False, _CLOSES.get(ch, "”\"")
            elif ch in "‘'" and (before.isspace() or before in "([—–-:") and i + 1 < end and text[i + 1].isalnum():
                opened, single = i, True
        elif single:
            after_word = text[i - 1].isalpha() and (i + 1 == end or text[i + 1] in " .,;:!?)—") \
                and " " in text[opened:i] and i - opened <= 200  # "called the decision 'a grave mistake'."
            if ch in "’'" and (text[i - 1] in _SINGLE_CLOSE_AFTER or after_word) \
                    and (i + 1 == end or not text[i + 1].isalnum()):
                out.append((opened, i))
                opened = None
        elif ch in closes:
            if ch == '"' and i + 1 < end and text[i + 1].isalnum() and not text[i - 1] in ",.!?":
                continue  # a straight mark glued to a word is not a close
            out.append((opened, i))
            opened = None
    if opened is not None and not single and end - opened > 1:
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
    """The words after a closing quote mark, up to the end of their sentence or the next quote (the period of
    'Sen.' ends none)."""
    for stop in _CLAUSE_STOP.finditer(text, pos, end):
        if len(stop.group(0)) == 1:
            return text[pos:stop.start()]
    return text[pos:end]


_CLAUSE_STOP = re.compile(rf"{_ABBREVIATED_TITLES}|[.!?“\"]")


# a headline's "‘We cannot build them fast enough’: Patria's chief on Europe's rush": the speaker after the colon
_HEADLINE_COLON = re.compile(r"\s*:\s+(?P<spk>[^:;,.]{2,80}?)(?:\s+on\b|\s*$)")


def _headline_speaker(text: str, pos: int, end: int, resolver: SpeakerResolver) -> tuple | None:
    m = _HEADLINE_COLON.match(text, pos, end)
    if m is None:
        return None
    spk = _speaker(text, m.start("spk"), m.end("spk"), None, resolver)
    return spk if spk and spk[0] and resolver.kind(spk[0]) != "state" else None  # "Russia's arms-export official"


# an interview transcript's answer: the answerer's name (as the article gives it) and a colon open the paragraph
_ANSWER_LABEL = re.compile(r"(?P<label>[A-ZÀ-Þ][\w’'-]+(?:\s+[A-ZÀ-Þ][\w’'-]+){0,2}):\s+(?=\S)")


def _interview_answer(text: str, zone, resolver: SpeakerResolver) -> Statement | None:
    """The whole paragraph after 'Kozhemyakin: ' as what that person said, when the label names a person of the
    article ('Q:' and captions name none)."""
    m = _ANSWER_LABEL.match(text, zone.start, zone.end)
    if m is None:
        return None
    person = resolver.mention_starting_at(zone.start)
    if person is None or person.end != m.end("label") or resolver.kind(person.entity_id) != "person":
        return None
    s, e = m.end(), zone.end
    while e > s and text[e - 1].isspace():
        e -= 1
    return Statement(s, e, "direct", person.entity_id, m.group("label"), m.start("label"), m.end("label"), None)


def extract_statements(source: Source, sentences: list[Sentence], resolver: SpeakerResolver) -> list[Statement]:
    text = source.text
    out: list[Statement] = []
    last_direct_speaker: tuple | None = None  # carried over to quotes with no cue, in the same or next paragraph
    pending_colon: tuple | None = None  # 'Shugaev said:' at the end of a paragraph
    quote_spans: list[tuple[int, int]] = []
    last_direct_zone = -1
    orphans: list[tuple[int, int]] = []  # partial quotes with no cue of their own
    previous: tuple | None = None  # (sentence start, close mark, speaker from a cue after it) of the last quote
    tails: list[Statement] = []  # '"...," he told reporters, adding that ...': reported speech after a quote
    first_zone = next((i for i, z in enumerate(source.zones) if z.kind == "body"), -1)  # the headline
    interview = QUESTION_LABEL.search(text) is not None  # a transcript: 'Q: ...' paragraphs
    for zone_index, zone in enumerate(source.zones):
        if zone.kind != "body":
            continue
        answer = _interview_answer(text, zone, resolver) if interview and zone_index != first_zone else None
        if answer is not None:  # 'Bergvall: It is a first batch. ...': an interview's answer, said by its label
            out.append(answer)
            quote_spans.append((answer.start - 1, answer.end))
            continue
        for open_pos, close_pos in find_quotes(text, zone.start, zone.end):
            s, e = _inner(text, open_pos, close_pos)
            words = len(text[s:e].split())
            if e <= s:
                continue
            sentence_start = _sentence_start(sentences, open_pos, zone.start)
            dateline = DATELINE.match(text, sentence_start, open_pos)  # 'MOSCOW — "We will ...," Peskov said'
            pre = text[dateline.end() if dateline else sentence_start:open_pos]
            # a quote that ends its own sentence ('... to Egypt." Kommersant reported') has no cue after it
            ends_sentence = text[e - 1] == "." and text[e - 2:e] != ".."
            after = None if ends_sentence else _cue_after(text, close_pos + 1, zone.end, resolver)
            speaker = after or _cue_before(text, zone.start, open_pos, resolver)
            partial = bool(pre.strip()) and not pre.rstrip().endswith(":")
            if previous and previous[0] == sentence_start and previous[2] and not after \
                    and _SPLIT_GAP.fullmatch(text, previous[1] + 1, open_pos):
                partial, speaker = False, (*previous[2][:4], None)  # '"Sanctions," he said, "will not stop us."'
            characterised = partial and text[s].islower() and bool(_CHARACTERISED.search(pre))
            if partial and not characterised and (words < _MIN_PARTIAL_WORDS or _TITLE_CASE.match(text[s:e])):
                if text[s].islower() and not _TITLE_CASE.match(text[s:e]):
                    orphans.append((s, e))  # 'was "closely watching"': a partial quote if inside reported speech
                continue
            if speaker is None and partial:
                speaker = _subject_cue(text, sentence_start, open_pos, resolver)
                if speaker is None:  # may be inside reported speech of the same sentence: decided below
                    orphans.append((s, e))
                    continue
            if speaker is None and not partial and pending_colon and pending_colon[-1] < open_pos and words >= _MIN_WORDS:
                speaker = pending_colon[:-1]
            if speaker is None and not partial and zone_index == first_zone:
                speaker = _headline_speaker(text, close_pos + 1, zone.end, resolver)
                if speaker is None:
                    continue  # a headline's quote with no speaker named is the body's, told there
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
                if after is not None:
                    tails.extend(_adding_tail(text, sentences, close_pos + 1, zone.end, after))
            if kind == "direct" and (speaker[0] or speaker[4]):  # a new cue, resolved or not, changes the speaker
                last_direct_speaker, last_direct_zone = speaker, zone_index
            previous = (sentence_start, close_pos, after)
            pending_colon = None
        tail = _search_cue_before(text, zone.start, zone.end) if text[zone.start:zone.end].rstrip().endswith(":") else None
        speaker = _speaker(text, tail.start("spk"), tail.end("spk"), tail.group("cue"), resolver) if tail else None
        if speaker:
            pending_colon = (*speaker, zone.end)
    indirect = find_indirect(text, sentences, quote_spans, resolver, lambda s, e, spk: Statement(s, e, "indirect", *spk))
    indirect.extend(tails)
    out.extend(indirect)
    for s, e in orphans:  # 'the spokesperson said ..., adding that "no determination has been made"'
        around = next((st for st in indirect if st.start <= s and e <= st.end), None)
        if around is not None:
            if text[around.start:around.end].strip("“”\"‘’") == text[s:e]:
                out.remove(around)  # 'adding that "..."': all that was said is the quote itself
            out.append(Statement(s, e, "partial", around.speaker_id, around.speaker_text, around.speaker_start,
                                 around.speaker_end, around.cue))
    return sorted(out, key=lambda x: (x.start, x.end, x.kind))


# '," a senior official told Defense News, adding that the offer "will not stay on the table."'
_ADDING = re.compile(r",\s+(?P<cue>adding|saying)\s+(?:that\s+)?(?=\S)")


def _adding_tail(text, sentences, pos, zone_end, after):
    """The reported speech that follows a quote's own cue with ', adding (that) ...' up to the end of
    the sentence, spoken by the quote's speaker (none or one statement)."""
    clause = _clause_after(text, pos, zone_end)
    m = _ADDING.search(clause)
    if m is None:
        return
    start = pos + m.end()
    end = next((x.end for x in sentences if x.start <= start < x.end), zone_end)
    while end > start and (text[end - 1].isspace() or (text[end - 1] in ".!?" and text[end - 2] not in ".!?")):
        end -= 1
    if len(text[start:end].split()) >= 3:
        yield Statement(start, end, "indirect", *after[:4], m.group("cue"))


def _sentence_start(sentences: list[Sentence], pos: int, default: int) -> int:
    for s in sentences:
        if s.start <= pos < s.end:
            return s.start
    return default


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
    m = _search_cue_before(text[start:open_pos])
    if not m:
        return None
    return _speaker(text, start + m.start("spk"), start + m.end("spk"), m.group("cue"), resolver)


def _search_cue_before(text: str, start: int = 0, end: int | None = None) -> re.Match | None:
    """_CUE_BEFORE.search(text, start, end) for a span ending in a colon. A match holds no full stop,
    colon or double quote mark before that colon, so it starts after the last one: the search starts
    there instead of trying (slowly) every earlier place."""
    end = len(text) if end is None else end
    colon = text.rindex(":", start, end)
    start = max((m.end() for m in _NOT_BEFORE_COLON.finditer(text, start, colon) if m.group("stop")), default=start)
    return _CUE_BEFORE.search(text, start, end)


# a relative clause whose verb is the cue: the name before ', who' speaks
_WHO_BEFORE = re.compile(r",\s+who\s+(?:also\s+|has\s+|had\s+|later\s+)?$")
_DESCRIBED_BEFORE = re.compile(r"\b[Tt]he\s+(?:[a-z][\w’'-]*\s+){0,2}?[a-z][\w-]*\s$")
_SUBJECT_CUE = re.compile(rf"\b(?:{_CUE}|{_CHARACTERISING})\b")


def _subject_cue(text, sentence_start, open_pos, resolver):
    """'Chemezov praised Turkey as "..."': the speaker is the subject of a cue verb before the quote;
    the words right before a characterising verb nearest the quote come first ('a move Beijing called
    "..."', '..., a concern the ministry dismissed as "..."')."""
    cues = list(_SUBJECT_CUE.finditer(text, sentence_start, open_pos))
    for cue in reversed([c for c in cues if _CHARACTERISING_WORD.fullmatch(c.group(0))]):
        slot = subject_slot(text, sentence_start, cue.start())
        spk = _speaker(text, slot[0], slot[1], cue.group(0), resolver) if slot \
            else _named_before(text, sentence_start, cue, resolver)
        if spk is not None:
            return spk
    for cue in cues:
        slot = subject_slot(text, sentence_start, cue.start())
        if slot:
            return _speaker(text, slot[0], slot[1], cue.group(0), resolver)
    return None


def _named_before(text, sentence_start, cue, resolver):
    """The speaker named right before a characterising verb: a name ('what Ankara describes as'), a
    name before ', who' ('Suren Papikyan, who called it'), or a description that refers back ('the ministry')."""
    named = resolver.mention_ending_at(cue.start() - 1) if text[cue.start() - 1] == " " else None
    who = _WHO_BEFORE.search(text, sentence_start, cue.start())
    if named is None and who is not None:
        named = resolver.mention_ending_at(who.start())
    if named is not None:
        return _speaker(text, named.start, named.end, cue.group(0), resolver)
    described = _DESCRIBED_BEFORE.search(text, sentence_start, cue.start())
    if described is not None:
        spk = _speaker(text, described.start(), described.end() - 1, cue.group(0), resolver)
        if spk is not None and spk[0] is not None:
            return spk
    return None
