"""Resolve a speaker phrase ('he', 'the analyst', 'Sergey Chemezov') to an actor id, from the
article's own mentions. Never guesses: an unresolved phrase gives None.

A bare role description ('the diplomat', 'envoy', "the country's air force chief") names the
person the article gives that kind of title: the nearest one before it, else (a lead or a headline
that names the person only afterwards) the first one in the next few sentences. The title is read
from the words just before a person's name and from an apposition after it ('Qatar's ambassador in
Moscow, Fahad Al-Attiyah', 'Dmitry Shugaev, director of ...'), and from the registry's role.
Other definite descriptions refer back too: 'the official' / 'the source' to the last anonymous
source with that noun, 'the (defence) ministry' and 'an air force statement' to the last body whose
name has those words, and 'report' (a headline's 'report says') to the outlet the article cites.
"""

from __future__ import annotations

import re
from functools import cache

from . import lexicons
from .extract import cues, titles
from .extract.mentions import Mention
from .registry import Registry

PRONOUN = re.compile(r"^(?:he|she|him|her)$", re.IGNORECASE)
_SPEAKING_KINDS = {"person", "anonymous_source"}
_COMPANY_NOUNS = {"company", "firm", "manufacturer", "maker", "exporter", "contractor", "group"}
_ISSUING_KINDS = {"government_body", "legislature", "company", "armed_forces", "international_organisation",
                  "research_institute", "media"}
_CLASHING_GENDER = {"he": "f", "him": "f", "she": "m", "her": "m"}
PRONOUN_REACH = 800  # about two paragraphs of news copy
CATAPHORA_REACH = 400  # a headline or lead naming its speaker only in the next sentences

# unnamed groups and unattributed reports are no 'he' or 'she' ('Venezuelan officials', 'suggestions')
_PLURAL_SOURCE = re.compile(r"\b(?:reports|suggestions|claims|rumou?rs|speculation|officials|media|politicians|lawmakers|"
                            r"legislators|diplomats|analysts|experts|sources|critics|activists|MPs|people|groups|"
                            r"organi[sz]ations|campaigners|watchdogs)$", re.IGNORECASE)
# 'the diplomat', 'envoy', "the country's air force chief", 'The Turkish president', 'the head of ...'
# (titles and their role classes: lexicon `titles`)
_ROLE_DESCRIPTION = re.compile(
    r"^(?:the\s+)?(?:[\w’'.-]+\s+){0,4}?(?P<noun>" + titles.title_alternation() + r")(?:\s+of\b.*)?$", re.IGNORECASE)
# 'the official', 'the source', 'the ministry', 'the defence ministry', 'report': see described_other
# nouns of outlets that speak unnamed ('A Greek newspaper reported'); with 'report' in a headline and 'the paper',
# the outlet the article cites
MEDIA_NOUNS = ("newspaper", "daily", "weekly", "magazine", "broadcaster", "website", "outlet")
_MEDIA_NOUNS = {"report", "paper", *MEDIA_NOUNS}
_ANONYMOUS_NOUNS = {"official", "source", "diplomat", "officer", "insider"}
_BODY_NOUNS = {"ministry", "department", "agency", "embassy", "committee", "council", "service", "office", "company",
               "corporation", "exporter", "manufacturer", "firm", "maker", "contractor"}
# and the nouns of the lexicon `organisation_nouns` ('the navy', 'the air force', 'the coast guard')
_LEXICON_BODY_NOUNS = {row["noun"].split()[-1] for row in lexicons.load("organisation_nouns")}
_DESCRIPTION = re.compile(
    r"^(?:(?:the|an?)\s+)?(?P<words>(?:[a-z][\w’'-]*\s+){0,2}?)(?P<noun>"
    + "|".join(sorted(_ANONYMOUS_NOUNS | _BODY_NOUNS | _LEXICON_BODY_NOUNS | _MEDIA_NOUNS)) + r"|statement)$",
    re.IGNORECASE)
_TITLE_BEFORE = re.compile(r"[^.!?;:“”\"]{0,80}$")
_ONE_OF = re.compile(r"^(?:[Oo]ne|[Ss]ome|[Tt]wo|[Tt]hree|[Ss]everal|[Bb]oth)\s+of\s+the\s+(?P<noun>\w+?)s$")
_ONE_OF_THEM = re.compile(r"^(?:[Oo]ne|[Ss]ome|[Tt]wo|[Bb]oth)\s+of\s+them$")  # the unnamed group named last
_APPOSITION_AFTER = re.compile(r"^,\s*(?:[^,.;:“”\"]|(?<=\b[A-Z])\.){1,100}")  # the periods of 'U.S.' inside


@cache
def issuer_references() -> frozenset[str]:
    """Phrases that stand for the body that issued a statement ('it said', 'the statement said'): lexicon."""
    return frozenset(lexicons.column("issuer_references"))


# a statement someone issued: 'X said in a statement', 'X issued a written statement'
_ISSUED = re.compile(r"\b(?:said|says|announced|added|confirmed|wrote)\s+in\s+an?\s+(?:\w+\s+)?statement\b|"
                     r"\b(?:issued|released|published)\s+an?\s+(?:\w+\s+)?statement\b")
_WHICH_ONE = {"first", "second", "third", "other", "same", "latter", "former"}  # words that pick one of a group
_THE_OFFICIAL = re.compile(r"^[Tt]he\s+(?:senior\s+|top\s+)?official$")
_CLAUSE_BREAK = re.compile(r"[,;:\n\"“”!?]|(?<=[a-z0-9])\.\s")  # not the period of 'U.S.'
# what follows a body that speaks: 'the Defence Ministry said', 'the agency, in a statement, said', 'NATO issued'
_SPOKE = re.compile(rf"(?:\s*,[^,.;“”\"]{{1,60}},)?{cues.FILLER}(?:{cues.CUE}|issued|released|published)\b")


@cache
def byline_roles() -> frozenset[str]:
    """The roles bylines give their people (lexicon `byline_labels`): a reporter is no speaker."""
    return frozenset(lexicons.column("byline_labels", "role"))


def _norm(word: str) -> str:
    """A word for comparing descriptions with names: lowercase, 'defense' = 'defence'."""
    return word.lower().replace("defense", "defence")


class SpeakerResolver:
    def __init__(self, mentions: list[Mention], registry: Registry, text: str | None = None):
        self.registry = registry
        roles = byline_roles()  # the reporters and editors of bylines speak in no statement
        self.actors = [m for m in mentions if m.entity_type == "actor" and not (
            m.entity_id in registry.actors and registry.actors[m.entity_id].kind == "person"
            and registry.actors[m.entity_id].row.get("role") in roles)]
        self.text = text
        self._titles: dict[tuple[int, int], set[str]] = {}
        self._genders: dict[str, str | None] = {}

    def kind(self, actor_id: str) -> str | None:
        entry = self.registry.actors.get(actor_id)
        return entry.kind if entry else None

    def in_span(self, start: int, end: int) -> str | None:
        """The actor a phrase names: a role phrase or person first, then the last other actor."""
        inside = [m for m in self.actors if m.start >= start and m.end <= end]
        for preferred in (lambda m: m.method == "role_phrase",
                          lambda m: self.kind(m.entity_id) == "person",  # 'Ana Lee, a spokeswoman for X': Ana Lee
                          lambda m: self.kind(m.entity_id) in _SPEAKING_KINDS,
                          lambda m: True):
            chosen = [m for m in inside if preferred(m)]
            comma = self.text.find(",", start, end) if self.text else -1
            head = [m for m in chosen if comma > 0 and m.end <= comma and self.kind(m.entity_id) == "person"
                    and not self.text[m.end:comma].strip()]
            if head:  # 'Hikmet Hajiyev, foreign policy adviser to President Ilham Aliyev': the name before the comma
                return max(head, key=lambda m: m.end).entity_id
            if chosen:
                # the widest role phrase, else the mention nearest the end of the phrase
                best = max(chosen, key=lambda m: (m.end - m.start, m.end)) if chosen[0].method == "role_phrase" \
                    else max(chosen, key=lambda m: m.end)
                return best.entity_id
        return None

    def mention_ending_at(self, end: int) -> Mention | None:
        """The widest actor mention that ends exactly at `end`."""
        hits = [m for m in self.actors if m.end == end]
        return max(hits, key=lambda m: m.end - m.start) if hits else None

    def mention_starting_at(self, start: int) -> Mention | None:
        """The widest actor mention that starts exactly at `start`."""
        hits = [m for m in self.actors if m.start == start]
        return max(hits, key=lambda m: m.end - m.start) if hits else None

    def last_speaker_before(self, pos: int, pronoun: str = "") -> str | None:
        """The person or (single) anonymous source mentioned last before `pos` (for 'he said'), if one is
        mentioned close enough (PRONOUN_REACH characters) for the pronoun to refer to it, and of the
        pronoun's gender where the title, an honorific or the first name tells it ('she': not Mr. Kim)."""
        clash = _CLASHING_GENDER.get(pronoun.lower())
        near = sorted((m for m in self.actors if pos - PRONOUN_REACH <= m.start and m.end <= pos
                       and self.kind(m.entity_id) in _SPEAKING_KINDS and not _PLURAL_SOURCE.search(m.surface)),
                      key=lambda m: m.end, reverse=True)
        if len({m.entity_id for m in near}) == 1:
            return near[0].entity_id  # one candidate: no gender to weigh (and no name dictionary to load)
        return next((m.entity_id for m in near if clash is None or self.gender(m) != clash), None)

    def last_body_before(self, pos: int, person_breaks: bool = False) -> str | None:
        """The organisation named last before `pos` (for 'it said', 'the statement said'), if close enough; with
        `person_breaks`, none if a person is named after it (then 'it' is not who spoke last)."""
        bodies = [m for m in self.actors if pos - 2 * PRONOUN_REACH <= m.start and m.end <= pos
                  and self.kind(m.entity_id) in _ISSUING_KINDS]
        if not bodies:
            return None
        spoke = [m for m in bodies if self.text is not None and _SPOKE.match(self.text, m.end)]
        body = max(spoke or bodies, key=lambda m: m.end)  # the body that spoke or issued, not one named since
        if person_breaks and any(body.end <= m.start and m.end <= pos and self.kind(m.entity_id) == "person"
                                 for m in self.actors):
            return None
        return body.entity_id

    def last_issuer_before(self, pos: int) -> tuple[bool, str | None]:
        """Who last spoke 'in a statement' (or issued one) before `pos`, person or body, and whether anyone did:
        'Secretary Mike Pompeo said in a statement ...' ... 'the statement said'; (True, None) when the issuer
        is unnamed ('the ministry said in a statement')."""
        if self.text is None:
            return False, None
        for found in reversed(list(_ISSUED.finditer(self.text, max(0, pos - 2 * PRONOUN_REACH), pos))):
            right_before = self.mention_ending_at(len(self.text[:found.start()].rstrip(" ,")))
            if right_before is not None and self.kind(right_before.entity_id) in _SPEAKING_KINDS | _ISSUING_KINDS:
                return True, right_before.entity_id
            lead = self.text[max(0, found.start() - 120):found.start()]
            cut = max((b.end() for b in _CLAUSE_BREAK.finditer(lead)), default=0)
            s = found.start() - len(lead) + cut
            phrase = self.text[s:found.start()].strip()
            if phrase and phrase.lower() not in issuer_references():
                s += len(self.text[s:found.start()]) - len(self.text[s:found.start()].lstrip())
                return True, self.resolve(s, s + len(phrase), phrase)
        return False, None

    def gender(self, m: Mention) -> str | None:
        """'m', 'f' or None for a person mention: an honorific just before it, a gendered title around it
        ('a spokeswoman for ...'), else the first name of the person's name."""
        if m.entity_id not in self._genders:
            found = None
            if self.kind(m.entity_id) == "person":
                entry = self.registry.actors.get(m.entity_id)
                stated = [(titles.honorific_gender(self.text, a.start) if self.text else None)
                          or titles.stated_gender(self._title_words(a))
                          for a in self.actors if a.entity_id == m.entity_id]
                found = next(filter(None, stated), None) or titles.first_name_gender(entry.name if entry else m.surface)
            self._genders[m.entity_id] = found
        return self._genders[m.entity_id]

    def title_classes(self, m: Mention) -> set[str]:
        """The role classes a person mention is given: words before the name, an apposition after it,
        the registry role."""
        key = (m.start, m.end)
        if key not in self._titles:
            self._titles[key] = titles.role_classes(self._title_words(m))
        return self._titles[key]

    def _title_words(self, m: Mention) -> str:
        """The registry role of a person and the words that title it in the text (before it, in apposition)."""
        words = (self.registry.actors[m.entity_id].row.get("role") or "") if m.entity_id in self.registry.actors else ""
        if self.text is not None:
            before = _TITLE_BEFORE.search(self.text, max(0, m.start - 80), m.start)
            after = _APPOSITION_AFTER.match(self.text[m.end:m.end + 110])
            words += " " + (before.group(0) if before else "") + " " + (after.group(0) if after else "")
        return words

    def described_person(self, start: int, end: int, phrase: str) -> str | None:
        """The person a bare role description refers to (see the module docstring), or None."""
        m = _ROLE_DESCRIPTION.match(phrase.strip())
        if m is None or self.text is None:
            return None
        wanted = next(iter(titles.role_classes(m.group("noun"))), None)
        people = [a for a in self.actors if self.kind(a.entity_id) == "person" and wanted in self.title_classes(a)]
        before = [a for a in people if start - PRONOUN_REACH <= a.start and a.end <= start]
        if before:
            return max(before, key=lambda a: a.end).entity_id
        after = [a for a in people if end <= a.start <= end + CATAPHORA_REACH]
        return min(after, key=lambda a: a.start).entity_id if after else None

    def resolve(self, start: int, end: int, phrase: str) -> str | None:
        if PRONOUN.match(phrase.strip()):
            return self.last_speaker_before(start, phrase.strip())
        if " ".join(phrase.lower().split()) in issuer_references():
            issued, issuer = self.last_issuer_before(start) if phrase.strip().lower() != "it" else (False, None)
            if issued:
                return issuer
            return self.last_body_before(start, person_breaks=phrase.strip().lower() == "it")
        inside = self.in_span(start, end)
        if inside is not None and (self.kind(inside) in _SPEAKING_KINDS or self._is_role_phrase(start, end)):
            return inside
        return self.described_person(start, end, phrase) or self.described_other(start, end, phrase) \
            or self.described_anonymous(start, phrase) or self._not_its_holder(inside, phrase) \
            or self.official_before(start, phrase) or self.group_before(start, phrase)

    def _not_its_holder(self, inside: str | None, phrase: str) -> str | None:
        """The actor a phrase names, unless the phrase names a person by a role in it: "Saab's aeronautics
        chief", 'the US ambassador to Turkey' are no company and no state (a blank beats a wrong speaker)."""
        if inside is None or self.kind(inside) in _SPEAKING_KINDS:
            return inside
        return None if _ROLE_DESCRIPTION.match(phrase.strip()) else inside

    def group_before(self, start: int, phrase: str) -> str | None:
        """'one of them': the unnamed group (plural source) named last before ('two officials said ... one of
        them added')."""
        if not _ONE_OF_THEM.match(phrase.strip()):
            return None
        return self._latest_before(start, lambda a: self.kind(a.entity_id) in ("anonymous_source", "group")
                                   and bool(_PLURAL_SOURCE.search(a.surface)))

    def official_before(self, start: int, phrase: str) -> str | None:
        """'the official' with no unnamed official before it: the titled person who spoke last ('Dmitry Shugaev,
        director of the FSVTS, said ...' ... 'the official said')."""
        if not _THE_OFFICIAL.match(phrase.strip()):
            return None
        return self._latest_before(start, lambda m: self.kind(m.entity_id) == "person" and bool(self.title_classes(m)))

    def described_anonymous(self, start: int, phrase: str) -> str | None:
        """The unnamed source a role noun that titles no person refers back to: 'the spokesman' after 'a
        ministry spokesman said', 'the analyst' after 'an analyst in Seoul'."""
        m = _ROLE_DESCRIPTION.match(phrase.strip())
        if m is None:
            return None
        classes = titles.role_classes(m.group("noun"))
        return self._latest_before(start, lambda a: self.kind(a.entity_id) == "anonymous_source"
                                   and not _PLURAL_SOURCE.search(a.surface)
                                   and bool(classes & titles.role_classes(a.surface)))

    def _latest_before(self, start: int, keep) -> str | None:
        """The actor of the last mention within PRONOUN_REACH before `start` that `keep` accepts."""
        found = [a for a in self.actors if start - PRONOUN_REACH <= a.start and a.end <= start and keep(a)]
        return max(found, key=lambda a: a.end).entity_id if found else None

    def described_other(self, start: int, end: int, phrase: str) -> str | None:
        """What a definite description that is no person's title refers to: 'the official', 'the source'
        (the last anonymous source with that head noun), 'the ministry', 'the defence ministry' (the last
        body whose name has those words), 'report' in a headline (the outlet the article cites)."""
        one_of = _ONE_OF.match(phrase.strip())  # 'one of the officials': the group of officials named before
        m = _DESCRIPTION.match(f"the {one_of.group('noun')}" if one_of else phrase.strip())
        if m is None:
            return None
        noun = m.group("noun").lower()
        if noun in _MEDIA_NOUNS:
            named = self.in_span(start, end)
            if named is not None and self.kind(named) == "media":
                return named  # 'the Kommersant newspaper'

            media = [a for a in self.actors if self.kind(a.entity_id) == "media"]
            before = [a for a in media if start - PRONOUN_REACH <= a.start and a.end <= start]
            after = [a for a in media if end <= a.start <= end + CATAPHORA_REACH]
            if before:
                return max(before, key=lambda a: a.end).entity_id
            return min(after, key=lambda a: a.start).entity_id if after else None
        # 'the second official': the words that pick one of a group name no one
        words = {_norm(w) for w in re.findall(r"[\w’'-]+", m.group("words") or "")} - _WHICH_ONE
        if noun != "statement":
            words.add(_norm(noun))
        elif not words:
            return None  # 'a joint statement' names no one; 'an air force statement' names the air force
        wanted = "anonymous_source" if noun in _ANONYMOUS_NOUNS else None
        best = None
        for a in self.actors:
            if not (start - PRONOUN_REACH <= a.start and a.end <= start) or (best is not None and a.end < best.end):
                continue
            kind = self.kind(a.entity_id)
            unnamed = kind == "anonymous_source" or (kind == "group" and wanted is not None)  # 'two US officials'
            if unnamed != (wanted == "anonymous_source") or kind in ("person", "state"):
                continue
            entry = self.registry.actors.get(a.entity_id)
            names = (self.text[a.start:a.end] if self.text else "") + " " + ((entry.row.get("name") or "") if entry else "")
            named = {_norm(w) for w in re.findall(r"[\w’'-]+", names)}
            if unnamed:  # 'the official' after 'two officials with knowledge of the deal'
                named |= {w[:-1] for w in named if w.endswith("s")}
            if kind == "company" and words & _COMPANY_NOUNS:  # 'the company': a company whatever its name
                named |= words & _COMPANY_NOUNS
            if entry is not None and kind != "state":  # 'the Israeli company': of Israel
                state = self.registry.state_by_country(entry.row.get("country"))
                named |= {_norm(d) for d in self.registry.actors[state].demonyms} if state else set()
            if words <= named:
                best = a
        return best.entity_id if best else None

    def _is_role_phrase(self, start: int, end: int) -> bool:
        return any(m.method == "role_phrase" and m.start >= start and m.end <= end for m in self.actors)
