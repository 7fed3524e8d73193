"""One article's facts as rows of the published tables: what the extraction cache stores and what
assembling consolidates. Rows are plain dicts keyed by the Table Schema's column names."""

from __future__ import annotations

from collections import defaultdict

import pyarrow as pa

from . import schemas
from .corpus import Source
from .extract.article import ArticleFacts
from .extract.deal_events import DealEvent

# The tables whose rows come from a single article (the others are consolidated or referenced).
ARTICLE_TABLES = ("mentions", "statements", "deal_events")


def article_rows(f: ArticleFacts, source: Source) -> dict[str, list[dict]]:
    """The mention, statement and deal-event rows of one article (events without their deal_id)."""
    return {"mentions": _mention_rows(f, source), "statements": _statement_rows(f, source),
            "deal_events": _event_rows(f, source)}


def arrow_rows(table: str, rows: list[dict]) -> pa.Table:
    """Rows of an article table as Arrow, typed by the Table Schema (deal_id left out: it is derived)."""
    return pa.Table.from_pylist(rows, schema=row_schema(table))


# Deal-event rows also carry their deal's key fields (typed as in the deals table) until assembled.
_DEAL_KEY = ("supplier_id", "recipient_id", "system_id", "deal_type", "batch")


def row_schema(table: str) -> pa.Schema:
    fields = [f.with_nullable(True) for f in schemas.arrow_schema(table) if f.name != "deal_id"]
    if table == "deal_events":
        fields += [schemas.arrow_schema("deals").field(k).with_nullable(True) for k in _DEAL_KEY]
    return pa.schema(fields)


def source_row(s: Source) -> dict:
    return {"source_id": s.source_id, "title": s.title, "publisher": s.publisher, "published": s.published,
            "published_precision": s.published_precision, "published_basis": s.published_basis, "url": s.url,
            "language": s.language,
            "text_path": f"data/texts/{s.source_id}.txt", "sha256": s.sha256, "n_chars": len(s.text),
            "body_chars": s.body_chars, "duplicate_of": s.duplicate_of, "duplicate_similarity": s.duplicate_similarity}


def _mention_rows(f: ArticleFacts, source: Source) -> list[dict]:
    return [{"mention_id": f"{f.source_id}-m{m.start:05d}-{m.end:05d}", "source_id": f.source_id,
             "entity_type": m.entity_type,
             "actor_id": m.entity_id if m.entity_type == "actor" else None,
             "system_id": m.entity_id if m.entity_type == "system" else None,
             "method": m.method, "char_start": m.start, "char_end": m.end,
             "surface": source.text[m.start:m.end]} for m in f.mentions]


def _statement_rows(f: ArticleFacts, source: Source) -> list[dict]:
    out, used = [], set()
    for st in f.statements:
        sid = f"{f.source_id}-st{st.start:05d}"
        if sid in used:
            sid = f"{sid}-{st.kind}"
        used.add(sid)
        out.append({"statement_id": sid, "source_id": f.source_id, "speaker_id": st.speaker_id,
                    "speaker_text": st.speaker_text, "speaker_start": st.speaker_start, "speaker_end": st.speaker_end,
                    "text": source.text[st.start:st.end], "kind": st.kind, "cue": st.cue,
                    "char_start": st.start, "char_end": st.end})
    return out


def _event_rows(f: ArticleFacts, source: Source) -> list[dict]:
    out, per_sentence = [], defaultdict(int)
    for e in f.events:
        per_sentence[e.start] += 1
        out.append(_event_row(e, f.source_id, source, per_sentence[e.start]))
    return out


def _event_row(e: DealEvent, source_id: str, source: Source, n: int) -> dict:
    if e.date is not None:
        date, precision, basis, date_text = e.date.date, e.date.precision, e.date.basis, e.date.text
    elif source.published:
        date, precision, basis, date_text = source.published, source.published_precision, "publication", None
    else:
        date, precision, basis, date_text = None, "unknown", "none", None
    return {"event_id": f"{source_id}-ev{e.start:05d}-{n}", "source_id": source_id,
            "supplier_id": e.supplier_id, "recipient_id": e.recipient_id, "system_id": e.system_id,
            "deal_type": e.deal_type, "batch": e.batch,
            "event_type": e.event_type, "mode": e.mode, "completed": e.completed, "event_date": date,
            "date_precision": precision, "date_basis": basis, "date_text": date_text,
            "quantity": e.quantity, "quantity_unit": e.quantity_unit, "quantity_uncertain": e.quantity_uncertain,
            "value_usd": e.value_usd, "char_start": e.start, "char_end": e.end, "evidence": source.text[e.start:e.end]}
