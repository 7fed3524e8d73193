"""Event types and deal stages as reviewed data: data/lexicons/event_types.csv (each event type: the stage it
implies, its flags, its colour) and data/lexicons/deal_stages.csv (each deal status: its rank, the events it
needs, what a completed event reaches). The extractor, assemble, the rules and the pictures derive their
constants from here; the Table Schemas' enums must list the same values (tests/test_lexicons.py checks it)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from . import LEXICON_DIR
from . import lexicons
from .errors import InputError


@dataclass(frozen=True)
class EventType:
    name: str
    stage: str | None  # the deal status an asserted event of this type reaches; None: no stage (a threat)
    performed_by_speech: bool  # a telling makes it ('said it would impose sanctions'): it takes the telling's date
    ongoing: bool  # a state that lasts: 'now' and 'currently' date it
    tranche: bool  # 'a second batch' may be a tranche of the same order, not a further deal
    takes_list: bool  # the systems listed after its word are all its objects ('interest in A, B and C')
    object_of: frozenset[str]  # event types whose word shortly before makes this one their object, not an event
    needs_a_name: bool  # its word in a sentence naming no system, state or maker is commentary, no event
    colour: str


@dataclass(frozen=True)
class DealStage:
    status: str
    rank: int | None  # order of progress; None: outside it (cancelled, suspended, unknown)
    needs: frozenset[str]  # event types a deal of this status must have (one of them)
    only_asserted: bool  # only asserted events of those types count
    when_completed: str | None  # the status an asserted, completed event of this stage reaches instead
    derived: bool  # the build derives it from events (False: allowed for curated rows only)


def _flag(path: Path, row: dict, column: str) -> bool:
    if row[column] not in ("true", "false"):
        raise InputError(path, f"{column} must be true or false, not {row[column]!r}")
    return row[column] == "true"


def _split(cell: str | None) -> frozenset[str]:
    return frozenset(cell.split("|")) if cell else frozenset()


@cache
def event_types(folder: Path = LEXICON_DIR) -> dict[str, EventType]:
    """Every event type, in the table's order (the schema enum's)."""
    path = Path(folder) / "event_types.csv"
    out = {}
    for r in lexicons.load("event_types", folder):
        out[r["event_type"]] = EventType(
            r["event_type"], r["stage"], _flag(path, r, "performed_by_speech"), _flag(path, r, "ongoing"),
            _flag(path, r, "tranche"), _flag(path, r, "takes_list"), _split(r["object_of"]),
            _flag(path, r, "needs_a_name"), r["colour"] or "")
    stages = deal_stages(folder)
    for e in out.values():
        if (e.stage is not None and e.stage not in stages) or not e.object_of <= set(out):
            raise InputError(path, f"{e.name}: unknown stage {e.stage!r} or event types in {sorted(e.object_of)}")
    return out


@cache
def deal_stages(folder: Path = LEXICON_DIR) -> dict[str, DealStage]:
    """Every deal status, in the table's order (the schema enum's)."""
    path = Path(folder) / "deal_stages.csv"
    out = {}
    for r in lexicons.load("deal_stages", folder):
        out[r["status"]] = DealStage(
            r["status"], int(r["rank"]) if r["rank"] else None, _split(r["needs"]), _flag(path, r, "only_asserted"),
            r["when_completed"], _flag(path, r, "derived"))
    for s in out.values():
        if s.when_completed is not None and s.when_completed not in out:
            raise InputError(path, f"{s.status}: when_completed names no status: {s.when_completed!r}")
    return out


def flagged(flag: str) -> tuple[str, ...]:
    """The event types with `flag` set ('ongoing', 'tranche', ...), in table order."""
    return tuple(name for name, e in event_types().items() if getattr(e, flag))


def stage_of_event() -> dict[str, str | None]:
    """event type -> the status an asserted event of it reaches (None: none)."""
    return {name: e.stage for name, e in event_types().items()}


def stage_rank() -> dict[str, int]:
    """The statuses in the order of progress, with their rank."""
    ranked = [(s.rank, s.status) for s in deal_stages().values() if s.rank is not None]
    return {status: rank for rank, status in sorted(ranked)}


def reaching(status: str) -> frozenset[str]:
    """The event types whose asserted events reach `status`."""
    return frozenset(name for name, e in event_types().items() if e.stage == status)
