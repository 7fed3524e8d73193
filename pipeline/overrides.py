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

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

from . import schemas
from .corpus import Source
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
    match: dict[str, str]
    action: str
    field: str | None
    value: str | None
    reason: str
    line: int
    positions: list[int] = field(default_factory=list)


def load_overrides(folder: Path, sources: list[Source]) -> list[Override]:
    """Parse and check `overrides.csv` (optional); every problem names the file and line."""
    path = Path(folder) / FILE
    if not path.exists():
        return []
    texts = {s.source_id: s.text for s in sources}
    reader = csv.DictReader(path.read_text(encoding="utf-8").splitlines())
    if tuple(reader.fieldnames or ()) != COLUMNS:
        raise InputError(path, f"header must be {','.join(COLUMNS)}", place="line 1")
    out, seen = [], set()
    for lineno, row in enumerate(reader, start=2):
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
    if None in row or any(v is None for v in row.values()):
        raise InputError(path, f"row does not have exactly {len(COLUMNS)} fields", place=place)
    row = {k: v.strip() for k, v in row.items()}
    if not _ID.match(row["override_id"]):
        raise InputError(path, f"override_id {row['override_id']!r} is not a valid id", place=place)
    if row["table"] not in EDITABLE:
        raise InputError(path, f"table {row['table']!r} is not one of {', '.join(EDITABLE)}", place=place)
    if row["action"] not in ACTIONS:
        raise InputError(path, f"action {row['action']!r} is not one of {', '.join(ACTIONS)}", place=place)
    if not row["reason"] or not row["evidence"]:
        raise InputError(path, "every override needs its evidence and a reason", place=place)
    if row["action"] == "relabel":
        if row["field"] not in EDITABLE[row["table"]]:
            raise InputError(path, f"field {row['field']!r} cannot be relabelled in {row['table']}", place=place)
        _check_value(path, place, row["table"], row["field"], row["value"])
    if row["action"] == "merge" and (row["table"] != "deal_events" or not _ID.match(row["value"])):
        raise InputError(path, "merge moves deal_events to the deal_id given as value", place=place)
    match = {}
    for part in filter(None, row["match"].split(";")):
        key, sep, value = part.partition("=")
        if not sep:
            raise InputError(path, f"match {part!r} is not column=value", place=place)
        match[key.strip()] = value.strip()
    return Override(row["override_id"], row["table"], row["source_id"], row["evidence"], match, row["action"],
                    row["field"] or None, row["value"] or None, row["reason"], lineno)


def _check_value(path, place, table, name, value):
    spec = next((f for f in schemas.fields(table) if f["name"] == name), None)
    allowed = schemas.enum(spec) if spec else None
    if allowed and value not in allowed:
        raise InputError(path, f"value {value!r} for {name} is not one of {', '.join(allowed)}", place=place)
    if spec and spec["type"] == "integer" and not value.lstrip("-").isdigit():
        raise InputError(path, f"value {value!r} for {name} is not an integer", place=place)


def _typed(table: str, name: str, value: str | None):
    if name == "batch":
        return int(value)
    spec = next((f for f in schemas.fields(table) if f["name"] == name), None)
    if value is None or spec is None:
        return value
    if spec["type"] == "integer":
        return int(value)
    if spec["type"] == "boolean":
        return value == "true"
    return value


def _matches(o: Override, row: dict) -> bool:
    if row["source_id"] != o.source_id:
        return False
    if not any(row["char_start"] <= p and p + len(o.evidence) <= row["char_end"] for p in o.positions):
        return False
    return all(str(row.get(k)) == v for k, v in o.match.items())


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
                r[o.field] = _typed(o.table, o.field, o.value)
        else:
            target = next((r for r in table if deal_id(r) == o.value), None)
            if target is None:
                unmatched.append(o)
                continue
            for r in hits:
                r.update({k: target[k] for k in DEAL_KEY})
    return unmatched
