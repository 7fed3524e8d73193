"""Curated overrides: hand corrections applied last to extracted rows (reject, relabel, merge),
each with a reason and an evidence string checked against the source text.

The file is `overrides.csv` in the sources folder:
override_id,table,source_id,evidence,match,action,field,value,reason
- evidence: exact words of the source; a row matches when its span contains them;
- match: optional filters `column=value;column=value` on the extracted row;
- action: reject (drop), relabel (set field to value) or merge (deal_events only: move the
  events to the deal whose deal_id is `value`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from . import schemas
from .corpus import Source
from .csvfile import read_rows
from .errors import InputError

FILE = "overrides.csv"
COLUMNS = ("override_id", "table", "source_id", "evidence", "match", "action", "field", "value", "reason")
ACTIONS = ("reject", "relabel", "merge")
DEAL_KEY = ("supplier_id", "recipient_id", "system_id", "deal_type", "batch")
EDITABLE = {
    "deal_events": (*DEAL_KEY, "event_type", "mode", "completed", "event_date", "date_precision", "date_basis",
                    "quantity", "quantity_unit", "quantity_uncertain", "value_usd"),
    "statements": ("speaker_id", "kind", "cue"),
    "mentions": ("actor_id", "system_id"),
}
_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


@dataclass
class Override:
    override_id: str
    table: str
    source_id: str
    evidence: str
    match: dict[str, object]
    action: str
    field: str | None
    value: object
    reason: str
    line: int
    positions: list[int] = field(default_factory=list)


def load_overrides(folder: Path, sources: list[Source]) -> list[Override]:
    """Parse and check `overrides.csv` (optional); every problem names the file and line."""
    path = Path(folder) / FILE
    if not path.exists():
        return []
    texts = {s.source_id: s.text for s in sources}
    out, seen = [], set()
    for lineno, row in read_rows(path, COLUMNS, COLUMNS):
        o = _parse(path, lineno, row)
        if o.override_id in seen:
            raise InputError(path, f"duplicate override_id {o.override_id!r}", place=f"line {lineno}")
        seen.add(o.override_id)
        if o.source_id not in texts:
            raise InputError(path, f"source_id {o.source_id!r} is not an article of the corpus", place=f"line {lineno}")
        o.positions = [m.start() for m in re.finditer(re.escape(o.evidence), texts[o.source_id])]
        if not o.positions:
            raise InputError(path, f"evidence {o.evidence[:60]!r} is not in source {o.source_id}", place=f"line {lineno}")
        out.append(o)
    return out


def _parse(path: Path, lineno: int, row: dict) -> Override:
    place = f"line {lineno}"
    row = {k: v.strip() for k, v in row.items()}
    if not _ID.match(row["override_id"]):
        raise InputError(path, f"override_id {row['override_id']!r} is not a valid id", place=place)
    table = row["table"]
    if table not in EDITABLE:
        raise InputError(path, f"table {table!r} is not one of {', '.join(EDITABLE)}", place=place)
    if row["action"] not in ACTIONS:
        raise InputError(path, f"action {row['action']!r} is not one of {', '.join(ACTIONS)}", place=place)
    if not row["reason"] or not row["evidence"]:
        raise InputError(path, "every override needs its evidence and a reason", place=place)
    value = None
    if row["action"] == "relabel":
        if row["field"] not in EDITABLE[table]:
            raise InputError(path, f"field {row['field']!r} cannot be relabelled in {table}", place=place)
        value = _typed(path, place, table, row["field"], row["value"])
    if row["action"] == "merge":
        if table != "deal_events" or not _ID.match(row["value"]):
            raise InputError(path, "merge moves deal_events to the deal_id given as value", place=place)
        value = row["value"]
    match = {}
    for part in filter(None, row["match"].split(";")):
        key, sep, raw = part.partition("=")
        key = key.strip()
        if not sep or key not in _matchable(table):
            raise InputError(path, f"match {part!r} is not column=value for a column of {table}", place=place)
        match[key] = _typed(path, place, table, key, raw.strip())
    return Override(row["override_id"], table, row["source_id"], row["evidence"], match, row["action"],
                    row["field"] or None, value, row["reason"], lineno)


def _spec(table: str, name: str) -> dict:
    """The Table Schema field of a column; a deal's key fields live in the deals schema."""
    for t in (table, "deals"):
        for f in schemas.fields(t):
            if f["name"] == name:
                return f
    raise KeyError(name)


def _matchable(table: str) -> set[str]:
    return set(EDITABLE[table]) | set(schemas.columns(table))


def _typed(path, place, table: str, name: str, value: str):
    """A value checked against the column's Table Schema field and converted to its type."""
    spec = _spec(table, name)
    if value == "":
        if spec.get("constraints", {}).get("required"):
            raise InputError(path, f"{name} cannot be blank", place=place)
        return None
    allowed = schemas.enum(spec)
    if allowed and value not in allowed:
        raise InputError(path, f"value {value!r} for {name} is not one of {', '.join(allowed)}", place=place)
    if spec["type"] == "integer":
        if not re.fullmatch(r"-?\d+", value):
            raise InputError(path, f"value {value!r} for {name} is not an integer", place=place)
        return int(value)
    if spec["type"] == "boolean":
        if value not in ("true", "false"):
            raise InputError(path, f"value {value!r} for {name} is not true or false", place=place)
        return value == "true"
    pattern = spec.get("constraints", {}).get("pattern")
    if pattern and not re.match(pattern, value):
        raise InputError(path, f"value {value!r} for {name} does not match {pattern}", place=place)
    return value


def _matches(o: Override, row: dict) -> bool:
    if row["source_id"] != o.source_id:
        return False
    if not any(row["char_start"] <= p and p + len(o.evidence) <= row["char_end"] for p in o.positions):
        return False
    return all(row.get(k) == v for k, v in o.match.items())


def apply_overrides(rows: dict[str, list[dict]], overrides: list[Override], deal_id) -> list[Override]:
    """Apply overrides in file order to extracted rows (in place); return those matching nothing."""
    unmatched = []
    for o in overrides:
        table = rows[o.table]
        hits = [r for r in table if _matches(o, r)]
        if not hits:
            unmatched.append(o)
            continue
        if o.action == "reject":
            rows[o.table] = [r for r in table if not any(r is h for h in hits)]
        elif o.action == "relabel":
            for r in hits:
                r[o.field] = o.value
        else:
            target = next((r for r in table if deal_id(r) == o.value), None)
            if target is None:
                unmatched.append(o)
                continue
            for r in hits:
                r.update({k: target[k] for k in DEAL_KEY})
    return unmatched
