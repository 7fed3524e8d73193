"""Layer 2: cross-column and cross-table rules that Table Schemas cannot state."""

from __future__ import annotations

import pandas as pd

from .. import schemas, stages


def _rows(df, mask, key) -> str:
    ids = df.loc[mask, key].astype(str).tolist()
    return ", ".join(ids[:5]) + (f" (+{len(ids) - 5} more)" if len(ids) > 5 else "")


# A status needs an event that reaches it: (event types, asserted only?) (data/lexicons/deal_stages.csv)
_STATUS_NEEDS = {s.status: (set(s.needs), s.only_asserted) for s in stages.deal_stages().values() if s.needs}
# the statuses an asserted delivery reaches, and the event types that cancel a deal
_DELIVERING = stages.event_types()["delivery"].stage
_DELIVERY_REACHES = {_DELIVERING, stages.deal_stages()[_DELIVERING].when_completed}
_CANCELLING = stages.reaching("cancelled")


def check_rules(t: dict[str, pd.DataFrame]) -> list[str]:
    problems = []

    def rule(table, name, mask):
        if mask.fillna(False).any():
            problems.append(f"rule: {table}: {name}: {_rows(t[table], mask.fillna(False), schemas.primary_key(table)[0])}")

    for table in ("mentions", "statements", "deal_events"):
        rule(table, "char_end > char_start", t[table]["char_end"] <= t[table]["char_start"])
    st = t["statements"]
    rule("statements", "speaker_end > speaker_start", st["speaker_end"] <= st["speaker_start"])
    rule("statements", "direct quote has speaker_text unless it runs on", (st["kind"] != "indirect")
         & st["speaker_text"].isna() & st["speaker_id"].notna())
    m = t["mentions"]
    rule("mentions", "exactly one of actor_id/system_id, matching entity_type",
         ~(((m["entity_type"] == "actor") & m["actor_id"].notna() & m["system_id"].isna())
           | ((m["entity_type"] == "system") & m["system_id"].notna() & m["actor_id"].isna())))
    d = t["deals"]
    rule("deals", "delivery_first_year >= ordered_year", d["delivery_first_year"] < d["ordered_year"])
    rule("deals", "delivery_last_year >= delivery_first_year", d["delivery_last_year"] < d["delivery_first_year"])
    rule("deals", "supplier differs from recipient", d["supplier_id"] == d["recipient_id"])
    rule("deals", "last_reported >= first_reported", d["last_reported"] < d["first_reported"])
    ev = t["deal_events"]
    counts = ev.groupby("deal_id").agg(n_events=("event_id", "size"), n_sources=("source_id", "nunique"))
    joined = d.set_index("deal_id").join(counts.add_suffix("_actual"))
    bad = (joined["n_events"] != joined["n_events_actual"]) | (joined["n_sources"] != joined["n_sources_actual"])
    if bad.any():
        problems.append(f"rule: deals: n_events/n_sources match their events: {', '.join(joined.index[bad][:5])}")
    rule("deals", "every deal has events", joined["n_events_actual"].isna().set_axis(d.index))
    undated = ev.loc[ev["event_date"].isna(), "source_id"]  # few: isin over all events would be slow
    dated = set(t["sources"].loc[t["sources"]["published"].notna(), "source_id"])
    rule("deal_events", "an event of a dated source has a date (at least the publication date)",
         undated.isin(dated).reindex(ev.index, fill_value=False))
    problems += _status_consistency(d, ev)
    problems += _duplicate_rules(t)
    return problems


def _status_consistency(deals: pd.DataFrame, events: pd.DataFrame) -> list[str]:
    """A deal's status is backed by its events, and an asserted delivery shows in the status (unless
    the deal was cancelled: then the stages after the cancellation decide)."""
    kinds_of = events[["deal_id", "event_type"]].assign(asserted=events["mode"] == "asserted").drop_duplicates()
    every = set(zip(kinds_of["deal_id"], kinds_of["event_type"]))
    asserted = set(zip(kinds_of.loc[kinds_of["asserted"], "deal_id"], kinds_of.loc[kinds_of["asserted"], "event_type"]))
    bad = []
    for deal_id, status in zip(deals["deal_id"], deals["status"]):
        kinds, only_asserted = _STATUS_NEEDS.get(status, (None, False))
        have = asserted if only_asserted else every
        if kinds and not any((deal_id, k) in have for k in kinds):
            bad.append(f"{deal_id} ({status} without a{'n asserted' if only_asserted else 'n'} {'/'.join(sorted(kinds))} event)")
        elif (deal_id, "delivery") in asserted and not any((deal_id, c) in asserted for c in _CANCELLING) \
                and status not in _DELIVERY_REACHES:
            bad.append(f"{deal_id} ({status} despite an asserted delivery)")
    return [f"rule: deals: status consistent with events: {', '.join(bad[:5])}"] if bad else []


def _duplicate_rules(t: dict[str, pd.DataFrame]) -> list[str]:
    """Two stored texts are the same only where one is a marked copy; a copy points at a kept article,
    has a similarity, and yields no facts."""
    src = t["sources"]
    if "duplicate_of" not in src.columns:
        return []
    problems = []
    copy = src["duplicate_of"].notna()
    kept = src.loc[~copy]
    same = kept["sha256"].duplicated(keep=False)
    if same.any():
        problems.append("rule: sources: the same text stored twice, neither marked a duplicate: "
                        + _rows(kept, same, "source_id"))
    pointer = src["duplicate_of"].isin(src.loc[copy, "source_id"]) | (src["duplicate_of"] == src["source_id"])
    bad = (copy & (pointer | src["duplicate_similarity"].isna())) | (~copy & src["duplicate_similarity"].notna())
    if bad.any():
        problems.append("rule: sources: a duplicate points at a kept article, with its similarity: "
                        + _rows(src, bad, "source_id"))
    copies = set(src.loc[copy, "source_id"])
    for table in ("mentions", "statements", "deal_events") if copies else ():
        hit = t[table]["source_id"].isin(copies)
        if hit.any():
            key = schemas.primary_key(table)[0]
            problems.append(f"rule: {table}: a duplicate article yields no facts: {_rows(t[table], hit, key)}")
    return problems
