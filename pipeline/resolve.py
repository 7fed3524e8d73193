"""Resolve a speaker phrase ('he', 'the analyst', 'Sergey Chemezov') to an actor id, from the
article's own mentions. Never guesses: an unresolved phrase gives None."""

from __future__ import annotations

import re

from .extract.mentions import Mention
from .registry import Registry

PRONOUN = re.compile(r"^(?:he|she|him|her)$", re.IGNORECASE)
_SPEAKING_KINDS = {"person", "anonymous_source"}
PRONOUN_REACH = 800  # about two paragraphs of news copy


class SpeakerResolver:
    def __init__(self, mentions: list[Mention], registry: Registry):
        self.registry = registry
        self.actors = [m for m in mentions if m.entity_type == "actor"]

    def kind(self, actor_id: str) -> str | None:
        entry = self.registry.actors.get(actor_id)
        return entry.kind if entry else None

    def in_span(self, start: int, end: int) -> str | None:
        """The actor a phrase names: a role phrase or person first, then the last other actor."""
        inside = [m for m in self.actors if m.start >= start and m.end <= end]
        for preferred in (lambda m: m.method == "role_phrase",
                          lambda m: self.kind(m.entity_id) in _SPEAKING_KINDS,
                          lambda m: True):
            chosen = [m for m in inside if preferred(m)]
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

    def last_speaker_before(self, pos: int) -> str | None:
        """The person or anonymous source mentioned last before `pos` (for 'he said'), if one is
        mentioned close enough (PRONOUN_REACH characters) for the pronoun to refer to it."""
        best = None
        for m in self.actors:
            if pos - PRONOUN_REACH <= m.start and m.end <= pos and self.kind(m.entity_id) in _SPEAKING_KINDS:
                if best is None or m.end >= best.end:
                    best = m
        return best.entity_id if best else None

    def resolve(self, start: int, end: int, phrase: str) -> str | None:
        if PRONOUN.match(phrase.strip()):
            return self.last_speaker_before(start)
        return self.in_span(start, end)
