"""Assemble: per-article facts -> the seven typed tables; deals consolidated from their events."""

from __future__ import annotations

from collections import defaultdict

import pandas as pd

from . import schemas
from .corpus import Source
from .extract.article import ArticleFacts
from .extract.deal_events import DealEvent
from .registry import Registry

# Stage a deal reaches through an asserted event of each type (None: no change of status).
_STAGE_OF_EVENT = {"interest": "interest", "talks": "talks", "offer": "offer", "agreement": "agreement",
                   "contract": "contract", "delivery": "delivering", "training": "delivering",
                   "servicing": "delivering", "sanction_threat": None, "cancellation": "cancelled"}
_STAGE_RANK = {s: i for i, s in enumerate(["interest", "talks", "offer", "agreement", "contract", "delivering", "delivered"])}
_DATED = ("explicit", "relative")


def assemble(sources: list[Source], facts: list[ArticleFacts], registry: Registry) -> dict[str, pd.DataFrame]:
    """Tables straight from the extracted facts (no overrides)."""
    return tables_from_rows(extracted_rows(sources, facts), with_discovered(registry, facts))


def with_discovered(registry: Registry, facts: list[ArticleFacts]) -> Registry:
    """The registry plus every entity discovered in the corpus (the first article to name one wins)."""
    return registry.extended([e for f in sorted(facts, key=lambda f: f.source_id) for e in f.entities])


def extracted_rows(sources: list[Source], facts: list[ArticleFacts]) -> dict[str, list[dict]]:
    """Rows of the tables that come from articles; event rows carry their deal's key fields."""
    by_id = {s.source_id: s for s in sources}
    return {
        "sources": [_source_row(s) for s in sources],
        "mentions": [r for f in facts for r in _mention_rows(f, by_id[f.source_id])],
        "statements": [r for f in facts for r in _statement_rows(f, by_id[f.source_id])],
        "deal_events": [r for f in facts for r in _event_rows(f, by_id[f.source_id])],
    }


def tables_from_rows(extracted: dict[str, list[dict]], registry: Registry) -> dict[str, pd.DataFrame]:
    """Deals consolidated from their events, registry rows for what is referenced, typed frames."""
    rows = dict(extracted)
    rows["deal_events"] = [{**r, "deal_id": deal_id(r)} for r in extracted["deal_events"]]
    published = {s["source_id"]: s["published"] for s in rows["sources"]}
    grouped = defaultdict(list)
    for r in rows["deal_events"]:
        grouped[r["deal_id"]].append(r)
    rows["deals"] = [_deal_row(did, members, published) for did, members in grouped.items()]
    rows["actors"] = _referenced(registry.actors, _actor_ids(rows), parent=True)
    rows["systems"] = _referenced(registry.systems, {r["system_id"] for t in ("mentions", "deals")
                                                     for r in rows[t] if r.get("system_id")}, parent=False)
    return {t: to_frame(t, rows[t]) for t in schemas.TABLES}


def to_frame(table: str, rows: list[dict]) -> pd.DataFrame:
    """Rows -> DataFrame with the schema's columns and dtypes, sorted by primary key."""
    cols = schemas.columns(table)
    df = pd.DataFrame({c: [r.get(c) for r in rows] for c in cols}, columns=cols)
    df = df.astype(schemas.pandas_dtypes(table))
    return df.sort_values(schemas.primary_key(table), kind="stable").reset_index(drop=True)


def _source_row(s: Source) -> dict:
    return {"source_id": s.source_id, "title": s.title, "publisher": s.publisher, "published": s.published,
            "published_precision": s.published_precision, "url": s.url, "language": s.language,
            "text_path": f"data/texts/{s.source_id}.txt", "sha256": s.sha256, "n_chars": len(s.text),
            "body_chars": s.body_chars}


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


def deal_id(event: dict) -> str:
    """supplier-recipient-system-deal_type, with -batch-N for a further batch; 'unspecified' stands for the
    system where the events name none (their deal's system_id stays blank)."""
    system = event["system_id"] or "unspecified"
    base = f"{event['supplier_id']}-{event['recipient_id']}-{system}-{event['deal_type'].replace('_', '-')}"
    return base if event["batch"] == 1 else f"{base}-batch-{event['batch']}"


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


def _deal_row(did: str, members: list[dict], published: dict[str, str | None]) -> dict:
    first = members[0]
    asserted = [r for r in members if r["mode"] == "asserted"]
    status = _status(members)

    def years(event_type):
        return [int(r["event_date"][:4]) for r in asserted
                if r["event_type"] == event_type and r["date_basis"] in _DATED and r["date_precision"] != "decade"]

    ordered, delivered = years("contract"), years("delivery")
    if ordered:  # a delivery reported before the earliest order conflicts with it: the order year stands
        delivered = [y for y in delivered if y >= min(ordered)]
    with_qty = [r for r in members if r["quantity"] is not None]
    with_value = [r for r in members if r["value_usd"] is not None]
    dates = sorted(published[r["source_id"]] for r in members if published[r["source_id"]])
    return {"deal_id": did, "supplier_id": first["supplier_id"], "recipient_id": first["recipient_id"],
            "system_id": first["system_id"], "deal_type": first["deal_type"], "batch": first["batch"], "status": status,
            "quantity": with_qty[0]["quantity"] if with_qty else None,
            "quantity_unit": with_qty[0]["quantity_unit"] if with_qty else None,
            "quantity_uncertain": with_qty[0]["quantity_uncertain"] if with_qty else None,
            "value_usd": with_value[0]["value_usd"] if with_value else None,
            "ordered_year": min(ordered) if ordered else None,
            "delivery_first_year": min(delivered) if delivered else None,
            "delivery_last_year": max(delivered) if delivered else None,
            "first_reported": dates[0] if dates else None,
            "last_reported": dates[-1] if dates else None,
            "n_sources": len({r["source_id"] for r in members}), "n_events": len(members)}


def _status(members) -> str:
    """Latest stage reached. Asserted events count fully; an expected or hypothetical offer or talks
    count as such, other expected or hypothetical stages not at all; denied events never. An
    asserted cancellation wins, unless the deal is revived: then the stages reported after the
    latest cancellation decide (dates compared at their common precision; a tie keeps the
    cancellation). With no event that reaches a stage (only threats, denials or expectations) the
    status is 'unknown': never a stage nobody reported."""
    cancelled = [r["event_date"] for r in members if r["event_type"] == "cancellation" and r["mode"] == "asserted"]
    if cancelled:
        last_cancel = max((d for d in cancelled if d), default=None)
        later = [r for r in members if last_cancel and _after(r["event_date"], last_cancel)]
        status = _latest_stage(later)
        return status if status != "unknown" else "cancelled"
    return _latest_stage(members)


def _after(date: str | None, other: str) -> bool:
    """`date` falls after `other` at the precision both have ('2019-04' after '2015-11-24')."""
    if not date:
        return False
    n = min(len(date), len(other))
    return date[:n] > other[:n]


def _latest_stage(members) -> str:
    best = -1
    for row in members:
        stage = _STAGE_OF_EVENT[row["event_type"]]
        if stage is None or stage == "cancelled" or row["mode"] == "denied":
            continue
        if row["mode"] == "asserted" and stage == "delivering" and row["completed"]:
            stage = "delivered"
        if row["mode"] != "asserted" and stage not in ("offer", "talks"):
            continue
        best = max(best, _STAGE_RANK[stage])
    return next((s for s, i in _STAGE_RANK.items() if i == best), "unknown")


def _actor_ids(rows: dict[str, list[dict]]) -> set[str]:
    ids = {r["actor_id"] for r in rows["mentions"] if r.get("actor_id")}
    ids |= {r["speaker_id"] for r in rows["statements"] if r.get("speaker_id")}
    ids |= {r[c] for r in rows["deals"] for c in ("supplier_id", "recipient_id")}
    return ids


def _referenced(entries, ids: set[str], parent: bool) -> list[dict]:
    """Registry rows that the tables reference, with their parents (so every parent_id resolves)."""
    wanted, todo = set(), list(ids)
    while todo:
        eid = todo.pop()
        if eid in wanted or eid not in entries:
            continue
        wanted.add(eid)
        if parent and entries[eid].row.get("parent_id"):
            todo.append(entries[eid].row["parent_id"])
    return [dict(entries[e].row) for e in sorted(wanted)]
