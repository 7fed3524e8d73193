"""Assemble: per-article facts -> the seven typed tables; deals consolidated from their events."""

from __future__ import annotations

from collections import defaultdict

import pandas as pd
import pyarrow as pa

from . import schemas, stages
from .corpus import Source
from .extract.article import ArticleFacts
from .registry import Registry
from .rows import ARTICLE_TABLES, article_rows, source_row

# Stage a deal reaches through an asserted event of each type (None: no change of status), the stages in their
# order of progress, and what each stage is (data/lexicons/event_types.csv, deal_stages.csv).
_STAGE_OF_EVENT = stages.stage_of_event()
_STAGE_RANK = stages.stage_rank()
_STAGES = stages.deal_stages()
_CANCELLED = "cancelled"
_CANCELLING = stages.reaching(_CANCELLED)
_UNKNOWN = "unknown"  # the status of a deal whose events reach no stage
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
    out = {"sources": [source_row(s) for s in sources], **{t: [] for t in ARTICLE_TABLES}}
    for f in facts:
        for table, rows in article_rows(f, by_id[f.source_id]).items():
            out[table].extend(rows)
    return out


def tables_from_rows(extracted: dict[str, list[dict] | pa.Table], registry: Registry) -> dict[str, pd.DataFrame]:
    """Deals consolidated from their events, registry rows for what is referenced, typed frames.
    Each table's rows come as a list of dicts or as an Arrow table (what the extraction cache holds)."""
    # In text order (article, then position): a deal's quantity and value come from its first event
    # that gives one, whichever articles came from the cache.
    events = sorted(_dicts(extracted["deal_events"]),
                    key=lambda r: (r["source_id"], r["char_start"], int(r["event_id"].rsplit("-", 1)[1])))
    for r in events:
        r["deal_id"] = deal_id(r)
    published = {s["source_id"]: s["published"] for s in _dicts(extracted["sources"])}
    grouped = defaultdict(list)
    for r in events:
        grouped[r["deal_id"]].append(r)
    frames = {"deal_events": to_frame("deal_events", events),
              "deals": to_frame("deals", [_deal_row(did, members, published) for did, members in grouped.items()])}
    for table in ("sources", "mentions", "statements"):
        frames[table] = to_frame(table, extracted[table])
    d, m, st = frames["deals"], frames["mentions"], frames["statements"]
    actor_ids = set(m["actor_id"].dropna().unique()) | set(st["speaker_id"].dropna().unique()) \
        | set(d["supplier_id"].unique()) | set(d["recipient_id"].unique())
    frames["actors"] = to_frame("actors", _referenced(registry.actors, actor_ids, parent=True))
    system_ids = set(m["system_id"].dropna().unique()) | set(d["system_id"].dropna().unique())
    frames["systems"] = to_frame("systems", _referenced(registry.systems, system_ids, parent=False))
    return {t: frames[t] for t in schemas.TABLES}


def _dicts(rows: list[dict] | pa.Table) -> list[dict]:
    return rows.to_pylist() if isinstance(rows, pa.Table) else [dict(r) for r in rows]


def to_frame(table: str, rows: list[dict] | pa.Table) -> pd.DataFrame:
    """Rows -> DataFrame with the schema's columns and dtypes, sorted by primary key."""
    cols = schemas.columns(table)
    if isinstance(rows, pa.Table):
        present = [c for c in cols if c in rows.column_names]
        df = rows.select(present).to_pandas().reindex(columns=cols)
    else:
        df = pd.DataFrame({c: [r.get(c) for r in rows] for c in cols}, columns=cols)
    df = df.astype(schemas.pandas_dtypes(table))
    return df.sort_values(schemas.primary_key(table), kind="stable").reset_index(drop=True)


def deal_id(event: dict) -> str:
    """supplier-recipient-system-deal_type, with -batch-N for a further batch; 'unspecified' stands for the
    system where the events name none (their deal's system_id stays blank)."""
    system = event["system_id"] or "unspecified"
    base = f"{event['supplier_id']}-{event['recipient_id']}-{system}-{event['deal_type'].replace('_', '-')}"
    return base if event["batch"] == 1 else f"{base}-batch-{event['batch']}"


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
    cancelled = [r["event_date"] for r in members if r["event_type"] in _CANCELLING and r["mode"] == "asserted"]
    if cancelled:
        last_cancel = max((d for d in cancelled if d), default=None)
        later = [r for r in members if last_cancel and _after(r["event_date"], last_cancel)]
        status = _latest_stage(later)
        return status if status != _UNKNOWN else _CANCELLED
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
        if stage not in _STAGE_RANK or row["mode"] == "denied":
            continue  # no stage (a threat), or one outside the order of progress (a cancellation)
        if row["mode"] == "asserted" and row["completed"] and _STAGES[stage].when_completed:
            stage = _STAGES[stage].when_completed  # 'fully delivered'
        if row["mode"] != "asserted" and _STAGES[stage].only_asserted:
            continue
        best = max(best, _STAGE_RANK[stage])
    return next((s for s, i in _STAGE_RANK.items() if i == best), _UNKNOWN)


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
