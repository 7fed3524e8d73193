"""Everything extracted from one article: a pure function of its text, metadata and the registry."""

from __future__ import annotations

from dataclasses import dataclass

from ..corpus import Source
from ..registry import Registry
from ..resolve import SpeakerResolver
from ..text import split_sentences
from .deal_events import DealEvent, extract_deal_events
from .discover import NewEntity, discover
from .mentions import Mention, find_mentions
from .statements import Statement, extract_statements


@dataclass(frozen=True)
class ArticleFacts:
    source_id: str
    mentions: list[Mention]
    statements: list[Statement]
    events: list[DealEvent]
    entities: list[NewEntity]  # names the registries do not know, found in this article


def extract_article(source: Source, registry: Registry) -> ArticleFacts:
    sentences = split_sentences(source.text, source.zones)
    known = find_mentions(source, registry)
    entities, found = discover(source, registry, known)
    mentions = sorted(known + found, key=lambda m: (m.start, m.end, m.entity_type, m.entity_id))
    view = registry.extended(entities) if entities else registry
    statements = extract_statements(source, sentences, SpeakerResolver(mentions, view, source.text))
    events = extract_deal_events(source, sentences, mentions, view)
    return ArticleFacts(source.source_id, mentions, statements, events, entities)
