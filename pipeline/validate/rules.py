"""Layer 2: cross-column and cross-table rules that Table Schemas cannot state. Each rule is a small check with
a stable code and a message template (`problems.Check`); it returns the rows that break it, as printed."""

from __future__ import annotations

from typing import Callable

import pandas as pd

from .. import schemas, stages
from .problems import Check, Problem

Tables = dict[str, pd.DataFrame]


def _rows(df, mask, key) -> str:
    """The first ids of the rows `mask` marks ('' when none)."""
    ids = df.loc[mask.fillna(False), key].astype(str).tolist()
    return ", ".join(ids[:5]) + (f" (+{len(ids) - 5} more)" if len(ids) > 5 else "")


def _marked(table: str, mask_of: Callable[[Tables], pd.Series]) -> Callable[[Tables], str]:
    """A rule given as a mask over `table`'s rows, reported by their primary keys."""
    return lambda t: _rows(t[table], mask_of(t), schemas.primary_key(table)[0])


def _rule(code: str, table: str, name: str) -> Check:
    return Check(f"rule.{code}", table, f"rule: {table}: {name}: {{rows}}")


def _empty_span(table: str) -> tuple[Check, Callable[[Tables], str]]:
    return (_rule("empty-span", table, "char_end > char_start"),
            _marked(table, lambda t: t[table]["char_end"] <= t[table]["char_start"]))


def _quote_without_speaker_text(t: Tables) -> pd.Series:
    st = t["statements"]
    return (st["kind"] != "indirect") & st["speaker_text"].isna() & st["speaker_id"].notna()


def _mention_entity_mismatch(t: Tables) -> pd.Series:
    m = t["mentions"]
    return ~(((m["entity_type"] == "actor") & m["actor_id"].notna() & m["system_id"].isna())
             | ((m["entity_type"] == "system") & m["system_id"].notna() & m["actor_id"].isna()))


def _event_counts(t: Tables) -> pd.DataFrame:
    """Each deal with its published n_events/n_sources and those its events give (NaN: it has none)."""
    counts = t["deal_events"].groupby("deal_id").agg(n_events=("event_id", "size"), n_sources=("source_id", "nunique"))
    return t["deals"].set_index("deal_id").join(counts.add_suffix("_actual"))


def _counts_differ(t: Tables) -> str:
    joined = _event_counts(t)
    bad = (joined["n_events"] != joined["n_events_actual"]) | (joined["n_sources"] != joined["n_sources_actual"])
    return ", ".join(joined.index[bad][:5]) if bad.any() else ""


def _undated_event(t: Tables) -> pd.Series:
    ev = t["deal_events"]
    undated = ev.loc[ev["event_date"].isna(), "source_id"]  # few: isin over all events would be slow
    dated = set(t["sources"].loc[t["sources"]["published"].notna(), "source_id"])
    return undated.isin(dated).reindex(ev.index, fill_value=False)


def _deals(mask_of: Callable[[pd.DataFrame], pd.Series]) -> Callable[[Tables], str]:
    return _marked("deals", lambda t: mask_of(t["deals"]))


RULES: list[tuple[Check, Callable[[Tables], str]]] = [
    *(_empty_span(table) for table in ("mentions", "statements", "deal_events")),
    (_rule("empty-speaker-span", "statements", "speaker_end > speaker_start"),
     _marked("statements", lambda t: t["statements"]["speaker_end"] <= t["statements"]["speaker_start"])),
    (_rule("quote-without-speaker-text", "statements", "direct quote has speaker_text unless it runs on"),
     _marked("statements", _quote_without_speaker_text)),
    (_rule("mention-entity-mismatch", "mentions", "exactly one of actor_id/system_id, matching entity_type"),
     _marked("mentions", _mention_entity_mismatch)),
    (_rule("delivery-before-order", "deals", "delivery_first_year >= ordered_year"),
     _deals(lambda d: d["delivery_first_year"] < d["ordered_year"])),
    (_rule("delivery-years-reversed", "deals", "delivery_last_year >= delivery_first_year"),
     _deals(lambda d: d["delivery_last_year"] < d["delivery_first_year"])),
    (_rule("supplier-is-recipient", "deals", "supplier differs from recipient"),
     _deals(lambda d: d["supplier_id"] == d["recipient_id"])),
    (_rule("reported-dates-reversed", "deals", "last_reported >= first_reported"),
     _deals(lambda d: d["last_reported"] < d["first_reported"])),
    (_rule("event-counts", "deals", "n_events/n_sources match their events"), _counts_differ),
    (_rule("deal-without-events", "deals", "every deal has events"),
     _marked("deals", lambda t: _event_counts(t)["n_events_actual"].isna().set_axis(t["deals"].index))),
    (_rule("undated-event", "deal_events", "an event of a dated source has a date (at least the publication date)"),
     _marked("deal_events", _undated_event)),
]


def check_rules(t: Tables) -> list[Problem]:
    problems = [check.problem(rows) for check, broken in RULES if (rows := broken(t))]
    problems += _status_consistency(t["deals"], t["deal_events"])
    return problems + _duplicate_rules(t)


# A status needs an event that reaches it: (event types, asserted only?) (data/lexicons/deal_stages.csv)
_STATUS_NEEDS = {s.status: (set(s.needs), s.only_asserted) for s in stages.deal_stages().values() if s.needs}
# the statuses an asserted delivery reaches, and the event types that cancel a deal
_DELIVERING = stages.event_types()["delivery"].stage
_DELIVERY_REACHES = {_DELIVERING, stages.deal_stages()[_DELIVERING].when_completed}
_CANCELLING = stages.reaching("cancelled")
STATUS_BACKED = _rule("status-events", "deals", "status consistent with events")


def _status_consistency(deals: pd.DataFrame, events: pd.DataFrame) -> list[Problem]:
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
            which = "an asserted" if only_asserted else "an"
            bad.append(f"{deal_id} ({status} without {which} {'/'.join(sorted(kinds))} event)")
        elif (deal_id, "delivery") in asserted and not any((deal_id, c) in asserted for c in _CANCELLING) \
                and status not in _DELIVERY_REACHES:
            bad.append(f"{deal_id} ({status} despite an asserted delivery)")
    return [STATUS_BACKED.problem(", ".join(bad[:5]))] if bad else []


DUPLICATE_UNMARKED = _rule("duplicate-text-unmarked", "sources",
                           "the same text stored twice, neither marked a duplicate")
DUPLICATE_POINTER = _rule("duplicate-pointer", "sources", "a duplicate points at a kept article, with its similarity")
DUPLICATE_FACTS = {table: _rule("duplicate-has-facts", table, "a duplicate article yields no facts")
                   for table in ("mentions", "statements", "deal_events")}


def _duplicate_rules(t: Tables) -> list[Problem]:
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
        problems.append(DUPLICATE_UNMARKED.problem(_rows(kept, same, "source_id")))
    pointer = src["duplicate_of"].isin(src.loc[copy, "source_id"]) | (src["duplicate_of"] == src["source_id"])
    bad = (copy & (pointer | src["duplicate_similarity"].isna())) | (~copy & src["duplicate_similarity"].notna())
    if bad.any():
        problems.append(DUPLICATE_POINTER.problem(_rows(src, bad, "source_id")))
    copies = set(src.loc[copy, "source_id"])
    for table, check in DUPLICATE_FACTS.items() if copies else ():
        hit = t[table]["source_id"].isin(copies)
        if hit.any():
            problems.append(check.problem(_rows(t[table], hit, schemas.primary_key(table)[0])))
    return problems
