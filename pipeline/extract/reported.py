"""Reported (indirect) speech: what a speaker said, without quotation marks.

Read per body sentence that holds no direct quote; several statements may come from one sentence
(overlapping finds keep the first):
- 'According to X, CONTENT' and 'CONTENT, according to X';
- 'CONTENT, X said [on Tuesday][, signalling ...]' (content first; ', it said': the body that spoke last);
- nominal cues: "Washington's warning that CONTENT", '(media) reports / suggestions that CONTENT';
- '..., saying CONTENT': the subject of the sentence speaks; '..., X said, confirming CONTENT': X does;
- 'X [has] said / told Y / warned Z [in a statement] [that] CONTENT', with the speaker at the start
  of the sentence, after a subordinator ('after Washington threatened sanctions ...') or shared by a
  coordinated verb ('confirmed the test and said Turkey would ...'). A noun phrase may be the
  content ('condemned the test'); 'praised Turkey as "..."' is the partial quote's, not a statement.
Negated reporting ('Neither Moscow nor Cairo has confirmed', 'has not said') is no statement, and
the content stops before trailing clauses that are the reporter's (', days after ...', ', in the
latest sign of ...', ', signalling ...', ' but gave no details', ', a concern the ministry dismissed').
"""

from __future__ import annotations

import re

from ..resolve import MEDIA_NOUNS, PRONOUN, PRONOUN_REACH, issuer_references
from .cues import CONNECTIVE, CUE, DATELINE, FILLER, WEEKDAY, apposition_owner, speaker

_CUE_WORD = re.compile(rf"\b{CUE}\b")
_OBJECT_VERBS = {"told", "tells", "warned", "warns", "assured"}
# whom they told: 'reporters', 'Reuters', 'the semi-official Tasnim news agency', 'state television'
_OBJECT = re.compile(r"\s+(?:reporters|journalists|lawmakers|parliament|(?:the\s+)?(?:[a-z][\w-]*\s+){0,2}?"
                     r"[A-Z][\w.\-’']*(?:\s+[A-Z][\w.\-’']*){0,3}(?:\s+(?:news\s+agency|newspaper|daily|"
                     r"television|radio|broadcaster|agency|channel))?)"
                     r"(?=\s|,|$)")
_SETTING = re.compile(
    r"\s*,?\s+(?:in\s+[A-Z]\w+(?:\s+[A-Z]\w+){1,2}(?=\s*,|\s+that\b)|"  # 'told reporters in New Delhi that'
    rf"(?:on|last|this|next|in|earlier|late|early)\s+(?:the\s+)?(?:week|month|year|{WEEKDAY}|[A-Z]\w+|\d{{4}})\b"
    rf"|(?:earlier|later)\s+(?:this|last)\s+(?:week|month|year)|{WEEKDAY}|today|yesterday|previously|also|afterwards?"
    r"|in\s+(?:a|an|the|its|his|her|their)\s+(?:[\w-]+\s+){0,3}?(?:statement|interview|letter|briefing|speech|post|"
    r"message|tweet|report|meeting|press\s+conference)\b)")
_THAT = re.compile(r"\s*,?\s*that\b\s*,?")
_NEGATION = re.compile(r"\b(?:not|never|no\s+longer)\b|n[’']t\b|^(?:Neither|No|Nobody|None)\b")
_SUBJECT = re.compile(rf"^(?P<spk>[^,]{{1,140}}?(?:,[^,]{{1,110}},)?)(?P<fill>{FILLER})$")
_COORDINATED = re.compile(rf",?\s+(?:and|but)(?P<fill>{FILLER})$")
# '... after Washington', '... and the Russian state arms exporter Rosoboronexport' (before the verb)
_SUBORDINATE = re.compile(r"(?:\b(?:after|when|as|because|since|while|and|but|until|before|once|that)|,)\s+"
                          r"(?:(?:the|its|a)\s+)?(?:[\w’'-]+\s+){0,4}$")
# ', nearly a decade after the contract was signed', ', two years after ...': the reporter's time clause
_TIME_CLAUSE = (r"(?:(?:nearly|almost|just|only|barely|some|about|roughly|more\s+than|less\s+than)\s+)?"
                r"(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|a\s+few|\d+)\s+"
                r"(?:hours?|days?|weeks?|months?|years?|decades?)\s+(?:after|before|since)\b")
_TRAILING = re.compile(
    r",\s+(?:in\s+(?:the|a)\s+(?:latest|further|new|fresh|clear)\b|amid\b|while\b|whereas\b|without\b"
    r"|as\s+(?!long\s+as|well\s+as|soon\s+as|much\s+as|many\s+as|far\s+as|part\s+of)\w"
    r"|(?:days|weeks|hours|months|a\s+day|a\s+week|a\s+month)\s+(?:after|before)\b"
    rf"|{_TIME_CLAUSE}"
    r"|signall?ing\b|denying\b|adding\b|brushing\b|defying\b|according\s+to\b|citing\b|quoting\b|speaking\b|"
    r"asking\b|saying\b)"
    r"|,\s+(?:a|an)\s+(?:[\w-]+\s+)?(?:concern|claim|charge|criticism|accusation|allegation|argument|suggestion|worry|"
    r"fear|view)\s+(?:that\s+|which\s+)?(?:the|a|an|[A-Z]\w+)\b"
    r"|\s+(?:but|and)\s+(?:gave|declined|refused|offered\s+no|provided\s+no)\b")
_CONTENT_FIRST = re.compile(
    rf"^(?P<content>.+),\s+(?P<spk>[^,]{{2,120}}?),?\s+(?:has\s+|have\s+|had\s+)?(?P<cue>{CUE})\b"
    rf"(?P<rest>[^,]*)(?:,\s+(?:\w+ing|as|while|amid|days|weeks|months|hours|in|but|and|with|after|"
    rf"{_TIME_CLAUSE})\b.*)?$")
# '..., he said, and Moscow considered the matter closed': a second reported clause after the cue
_AND_CLAUSE = re.compile(r",\s+and\s+(?:(?:added|noted|stressed|warned|said)\s+(?:that\s+)?)?"
                         r"(?!(?:added|said|says|adds|noted|warned|called|urged|declined|refused|gave|asked)\b)"
                         r"(?=\S+(?:\s+\S+){3})")
_CONTENT_FIRST_EARLY = re.compile(_CONTENT_FIRST.pattern.replace("^(?P<content>.+),", "^(?P<content>.+?),", 1))
# the speaker slot of content-first speech is a noun phrase, not a clause ('but it stalled after Washington',
# 'confirming an order first revealed by ...')
_CLAUSE_WORD = re.compile(r"^(?:and|but|or|it|they|which|who|citing|quoting|speaking|asking|confirming|dismissing|denying|responding|reacting|referring|noting|adding|saying|according)\b|\b(?:after|before|when|because|since|until|while|if)\b")
# '..., Qatar's ambassador in Moscow, Fahad Al-Attiyah, told TASS': the role in apposition is the speaker's
_APPOSED_ROLE = re.compile(
    r",\s+(?P<role>(?:the|a|an|[A-Z][\w-]*[’']s)\s+[^,]{0,80}?\b(?:head|chief|director|minister|spokes\w+|ambassador|"
    r"envoy|president|chairman|official|secretary|ceo|commander|executive)\b[^,]{0,80})$")
# a sentence-initial setting before the subject ('Speaking at the forum, the air chief said ...')
_INTRO = re.compile(r"(?:[A-Z]\w+ing|In|At|Asked|During|After|Before|On|Earlier|Later|Last|This)\b")
_ROLE_ONLY = re.compile(_APPOSED_ROLE.pattern.replace(r",\s+(?P<role>", "(?:").removesuffix("$"), re.IGNORECASE)
_ACCORDING = re.compile(r"^According to (?P<spk>[^,]{1,80}),\s+(?P<content>.+?)$")
# '..., according to SIBAT, the defence ministry's export agency', '..., according to two officials, with ...'
_ACCORDING_AFTER = re.compile(r"^(?P<content>.+?),\s+according\s+to\s+(?P<spk>[^,]{1,80})"
                              r"(?:,\s+(?:the|an?|its|with|who|which)\b[^,]{1,100})?$")
_SAYING = re.compile(r",\s+(?P<cue>saying|adding|confirming)\s+(?:that\s+)?")
_NOMINAL = re.compile(r"(?:(?P<poss>[’']s)\s+(?:warnings?|claims?|assertions?|statement|insistence|arguments?|assurances?|"
                      r"demands?|promises?|threats?|pledges?|announcement|position)|\b(?P<reports>reports?|suggestions?|claims|rumou?rs|speculation))\s+that\s+")
_PREPOSITION = re.compile(r"(?:of|on|about|upon)\b")  # 'commented on the situation', 'warns Egypt of ...'
# a name the article gives no more of ('Lavrov said ...'): the speaker is kept as written, unresolved
_PROPER_NAME = re.compile(r"[A-Z][a-z][\w’'-]*(?:\s+[A-Z][a-z][\w’'-]*){0,2}")
_NOT_A_NAME = {"It", "This", "That", "These", "Those", "They", "We", "There", "Here", "The", "Some", "Many", "Most", "Others",
               "Critics", "Observers", "Experts", "Analysts"}
_ATTRIBUTION = re.compile(r",\s+(?:according to|quoting|citing)\b")
_CHARACTERISED = re.compile(r"[^“\"]{0,60}\bas\s+[“\"‘]")  # 'Turkey as "one of ..."'
_LEADING_QUOTE = re.compile(r"[“\"‘](?:in|with|at|on|for|by|as)\s[^”\"’]{1,60}[”\"’]\s+(?=\S)")  # 'condemned "in the strongest terms" Turkey's ...'
# An unnamed speaker the text still presents as one ('a company spokesman'): kept, speaker_id null.
_SPEAKER_NOUN = re.compile(r"\b(?:spokes(?:man|woman|person)|officials?|source|minister|analyst|expert|diplomat|"
                           r"representative|ambassador|envoy|lawmaker|senator|general|commander|chief|head|director|"
                           r"administration|government|ministry|embassy|department|office|presidency|kremlin|"
                           r"pentagon|white house|statement|report|navy|army|force|guard|agency|"
                           + "|".join(MEDIA_NOUNS) + r")s?\b",
                           re.IGNORECASE)


def find_indirect(text, sentences, quote_spans, resolver, make) -> list:
    """Indirect statements of the body sentences that hold no direct quote; `make(start, end, speaker)`
    builds one statement from a content span and a speaker tuple."""
    out, last = [], None  # last: the speaker of the previous statement, for 'it said'
    for sent in sentences:
        if sent.kind != "body" or any(a < sent.end and b > sent.start for a, b in quote_spans):
            continue
        if text[sent.start:sent.end].rstrip().endswith(":"):
            continue  # 'Shugaev said:' introduces a direct quote
        start = sent.start
        for prefix in (DATELINE, CONNECTIVE):
            m = prefix.match(text, start, sent.end)  # (patterns without '^': match anchors at `start`)
            start = m.end() if m else start
        end = sent.end
        while end > start and text[end - 1] in ".!? \u00a0":
            end -= 1
        found: list[tuple[int, int, tuple]] = []
        for finder in (_according, _content_first, _nominal, _verb_clauses, _saying):
            if finder is _verb_clauses and any(f[3] for f in found):
                continue  # the sentence's cue is after its content: no other verb there reports speech
            for s, e, spk, *flag in finder(text, start, end, resolver, found):
                s, e = _content(text, s, e)
                spk = _it(spk, last, resolver)
                inside = spk is not None and s <= spk[2] < e  # 'Senator X, the top Democrat ..., said': X is no content
                if e > s and not inside and not any(a < e and s < b for a, b, *_ in found) and _is_speaker(spk):
                    found.append((s, e, spk, bool(flag and flag[0])))
        out.extend(make(s, e, spk) for s, e, spk, _ in found)
        last = found[-1][2] if found else last
    return out


def _it(spk, last, resolver):
    """'The remaining ten will be handed over by mid-2016, it said': 'it' is the body (or state) that
    spoke last, if it spoke close enough before (PRONOUN_REACH); people are 'he' and 'she'. 'The statement
    said' (lexicon `issuer_references`) is who spoke last too, even if that body was not named ('the ministry
    said in a statement')."""
    if spk is None or last is None or spk[2] - (last[2] or 0) > PRONOUN_REACH:
        return spk
    phrase = " ".join(spk[1].lower().split())
    if phrase != "it" and phrase in issuer_references() and resolver.last_issuer_before(spk[2])[0]:
        return spk  # 'the Israeli company said in a statement ...' ... 'the statement said': that company
    if phrase == "it" and last[0] is not None and resolver.kind(last[0]) != "person":
        return (last[0], *spk[1:])
    if phrase != "it" and phrase in issuer_references() and (last[0] is None or resolver.kind(last[0]) != "person"):
        return (last[0], *spk[1:])
    return spk


def _is_speaker(spk) -> bool:
    """An actor, a pronoun or a speaker noun ('a company spokesman'); otherwise not reported speech."""
    return spk is not None and (spk[0] is not None or bool(PRONOUN.match(spk[1])) or bool(_SPEAKER_NOUN.search(spk[1]))
                                or (bool(_PROPER_NAME.fullmatch(spk[1])) and spk[1].split()[0] not in _NOT_A_NAME))


def _content(text, s, e):
    """The content span without the reporter's trailing clauses, attributions and a leading quoted adverbial."""
    lead = _LEADING_QUOTE.match(text, s, e)
    if lead and _CHARACTERISED.match(text, s, e) is None:
        s = lead.end()
    for pattern in (_TRAILING, _ATTRIBUTION):
        m = pattern.search(text, s, e)
        if m:
            e = m.start()
    while e > s and text[e - 1] in " ,\u00a0":
        e -= 1
    if _CHARACTERISED.match(text, s, e) or _PREPOSITION.match(text, s, e):
        return s, s  # 'praised Turkey as "..."' is the partial quote; 'warns Egypt of ...' says nothing
    return s, e


def _according(text, start, end, resolver, found):
    for pattern in (_ACCORDING, _ACCORDING_AFTER):
        m = pattern.match(text[start:end])
        if m:
            spk = speaker(text, start + m.start("spk"), start + m.end("spk"), "according to", resolver)
            yield start + m.start("content"), start + m.end("content"), spk, True
            return


def _content_first_match(sentence):
    """The content-first reading of a sentence: with the last cue, else the first one ('..., the
    spokesman said, confirming an order first revealed by ...'); None if neither has a noun-phrase speaker."""
    for pattern in (_CONTENT_FIRST, _CONTENT_FIRST_EARLY):
        m = pattern.match(sentence)
        if not (not m or len(m.group("spk").split()) > 12 or (_CLAUSE_WORD.search(m.group("spk")) and m.group("spk") != "it")
                or len(m.group("rest").split()) > 10 or len(m.group("content").split()) < 3 or _NEGATION.search(m.group("spk"))):
            return m
    return None  # 'Meanwhile, X argued ...': the words before the comma are not what was said


def _content_first(text, start, end, resolver, found):
    m = _content_first_match(text[start:end])
    if m is None:
        return
    spk_start, content_end = start + m.start("spk"), start + m.end("content")
    own = text[_content_start(text, start + m.end("cue"), start + m.end("rest"), m.group("cue")):start + m.end("rest")]
    if _INTRO.match(m.group("content")) and len(own.split()) >= 3:
        return  # 'In an interview with X, the analyst Y said the deal ...': the content follows the verb
    if _ROLE_ONLY.fullmatch(m.group("content")):
        return  # 'A spokeswoman for the State Department, Morgan Ortagus, said ...': the role, not what was said
    role = _APPOSED_ROLE.search(text, start, content_end)
    if role:  # '..., the head of the Presidency of Defense Industries (SSB), Ismail Demir, said'
        spk_start, content_end = role.start("role"), role.start()
    spk = speaker(text, spk_start, start + m.end("spk"), m.group("cue"), resolver)
    yield start + m.start("content"), content_end, spk, True
    second = _AND_CLAUSE.match(text, start + m.end("rest"), end)
    if second and spk is not None:
        yield second.end(), end, spk, True


def _nominal(text, start, end, resolver, found):
    for m in _NOMINAL.finditer(text, start, end):
        at = m.start() if m.group("poss") else m.end("reports")
        named = resolver.mention_ending_at(at)
        if named is None:
            continue
        spk = speaker(text, named.start, named.end, "reports" if m.group("reports") else "warning", resolver)
        yield m.end(), end, spk


def _saying(text, start, end, resolver, found):
    """'Rosoboronexport has previously reacted ..., saying ...': the subject speaks; '..., a spokesperson
    said, adding that ...': the speaker of the sentence's statement goes on."""
    m = _SAYING.search(text, start, end)
    if m is None:
        return
    # content first ('Serbia has received ..., Vucic said, adding that ...'): the name the sentence
    # starts with is part of what was said, and the speaker of that statement goes on
    subject = None if any(f[3] for f in found) else resolver.mention_starting_at(start)
    if subject is not None and m.group("cue") != "confirming":  # 'The jets arrived, confirming reports' says nothing
        yield m.end(), end, speaker(text, subject.start, subject.end, m.group("cue"), resolver)
    elif found:
        yield m.end(), end, (*found[-1][2][:4], m.group("cue"))


def _verb_clauses(text, start, end, resolver, found):
    """'X said ...', 'after X threatened ...', '... and said ...': each reporting verb with its speaker."""
    previous, spans = None, []
    for m in _CUE_WORD.finditer(text, start, end):
        head = text[start:m.start()]
        coordinated = _COORDINATED.search(head)
        if coordinated is not None and not _NEGATION.search(coordinated.group("fill")):
            spk = previous or _subject_at(text, start, resolver)
            spk = spk and (*spk[:4], m.group(0))  # the same speaker, with this verb as the cue
            if spans:  # the previous content stops before ' and said'
                spans[-1][1] = min(spans[-1][1], start + coordinated.start())
        elif spans and m.start() < spans[-1][1]:
            continue  # a verb inside what was said belongs to the content
        elif previous is None and (at := subject_slot(text, start, m.start())) \
                and not _NEGATION.search(_ASIDE.sub("", head)):
            spk = speaker(text, at[0], at[1], m.group(0), resolver)
        else:
            spk = _embedded_subject(text, start, m.start(), m.group(0), resolver)
        if not _is_speaker(spk) and not (spk and spk[1].lower() == "it"):  # 'It said ...': see _it
            continue
        content = _content_start(text, m.end(), end, m.group(0))
        stop = end
        if _RELATIVE_BEFORE.search(text, start, spk[2]):  # 'The system, which Russia says can hit ..., has ...'
            comma = text.find(",", content, end)
            stop = comma if comma > 0 else end
        spans.append([content, stop, spk])
        previous = spk
    for c, e, spk in spans:
        yield c, e, spk


# 'An Indian Army officer, who asked not to be named, told ET ...': a negation in an aside is not the verb's
_ASIDE = re.compile(r",\s*(?:who|which|speaking|asking)\b[^,]*,")
_RELATIVE_BEFORE = re.compile(r",\s+(?:which|who|that)\s+$")


def subject_slot(text, start, cue_start):
    """(start, end) of the subject before a cue verb at the head of a sentence ('Chemezov', 'The chief
    executive of Rostec, Sergey Chemezov'), also after an introductory clause ('Speaking at the forum,
    the air chief'); None if the words before the verb are no subject."""
    subject = _SUBJECT.match(text[start:cue_start])
    if subject is None and _INTRO.match(text, start):
        # the subject after the introductory clause's comma: 'At the show, its director, Ana Lee, told'
        for comma in (i for i in range(start, cue_start) if text[i] == ","):
            subject = _SUBJECT.match(text[comma + 1:cue_start])
            if subject is not None and subject.group("spk").strip():
                return comma + 1 + subject.start("spk"), comma + 1 + subject.end("spk")
        return None
    return (start + subject.start("spk"), start + subject.end("spk")) if subject else None


def _content_start(text, pos, end, cue):
    if cue in _OBJECT_VERBS:
        obj = _OBJECT.match(text, pos, end)
        pos = obj.end() if obj else pos
    while (m := _SETTING.match(text, pos, end)) is not None:
        pos = m.end()
    that = _THAT.match(text, pos, end)
    pos = that.end() if that else pos
    while pos < end and (text[pos].isspace() or text[pos] == ","):  # 'As Reuters reported last month, the deal ...'
        pos += 1
    return pos


def _subject_at(text, start, resolver):
    """The name the sentence starts with ('The Turkish Foreign Ministry called ... and warned ...')."""
    subject = resolver.mention_starting_at(start) or resolver.mention_starting_at(start + 4) \
        if text.startswith(("The ", "the "), start) else resolver.mention_starting_at(start)
    return speaker(text, subject.start, subject.end, None, resolver) if subject else None


def _embedded_subject(text, start, cue_start, cue, resolver):
    """'..., but it stalled after Washington threatened sanctions ...': a name just before the verb,
    itself after a subordinator or a comma."""
    fill = re.search(rf"{FILLER}$", text[start:cue_start])
    slot_end = start + fill.start() if fill else cue_start
    if fill and _NEGATION.search(fill.group(0)):
        return None
    named = resolver.mention_ending_at(slot_end)
    if named is None or named.start < start:
        return None
    if not _SUBORDINATE.search(text, start, named.start):
        return None
    owner = apposition_owner(text, named.start, resolver)  # 'but Senator X, chairman of the committee, has said'
    if owner is not None:
        named = owner
    return speaker(text, named.start, named.end, cue, resolver)
