"""Everything extracted from one article: a pure function of its text, metadata and the registry."""

from __future__ import annotations

from dataclasses import dataclass

from ..corpus import Source
from ..registry import Registry
from ..resolve import SpeakerResolver
from ..text import split_sentences
from .deal_events import DealEvent, extract_deal_events
from .mentions import Mention, find_mentions
from .statements import Statement, extract_statements


@dataclass(frozen=True)
class ArticleFacts:
    source_id: str
    mentions: list[Mention]
    statements: list[Statement]
    events: list[DealEvent]


def extract_article(source: Source, registry: Registry) -> ArticleFacts:
    sentences = split_sentences(source.text, source.zones)
    mentions = find_mentions(source, registry)
    statements = extract_statements(source, sentences, SpeakerResolver(mentions, registry))
    events = extract_deal_events(source, sentences, mentions, registry)
    return ArticleFacts(source.source_id, mentions, statements, events)
