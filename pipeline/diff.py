"""What changed between two package versions, table by table and row by row (by primary key):
rows added, rows removed, rows changed with the fields that changed. `arms-data diff OLD NEW`
prints it; its Markdown form is a changelog entry."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from . import schemas
from .tables import read_csv_table


@dataclass
class TableDiff:
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: dict[str, list[str]] = field(default_factory=dict)  # key -> changed columns

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed)


def _keyed(folder: Path, table: str) -> pd.DataFrame:
    df = read_csv_table(folder, table)
    key = df[schemas.primary_key(table)].astype(str).agg("|".join, axis=1)
    return df.set_index(key.rename("key"))


def diff_packages(old: Path, new: Path) -> dict[str, TableDiff]:
    out = {}
    for table in schemas.TABLES:
        a, b = _keyed(Path(old), table), _keyed(Path(new), table)
        d = TableDiff(sorted(set(b.index) - set(a.index)), sorted(set(a.index) - set(b.index)))
        both = sorted(set(a.index) & set(b.index))
        if both:
            left, right = a.loc[both], b.loc[both]
            differs = ~((left == right) | (left.isna() & right.isna())).fillna(False)
            for key, row in differs.iterrows():
                cols = [c for c in schemas.columns(table) if bool(row[c])]
                if cols:
                    d.changed[key] = cols
        out[table] = d
    return out


def render(diffs: dict[str, TableDiff], markdown: bool = False, limit: int = 20) -> str:
    """One section per table that changed: counts, then the row keys (at most `limit` of each)."""
    lines = []
    for table, d in diffs.items():
        if d.empty:
            continue
        head = f"{table}: {len(d.added)} added, {len(d.changed)} changed, {len(d.removed)} removed"
        lines.append(f"### {head}" if markdown else head)
        bullet = "- " if markdown else "  "
        for label, keys in (("added", d.added), ("removed", d.removed)):
            for k in keys[:limit]:
                lines.append(f"{bullet}{label} `{k}`" if markdown else f"{bullet}{label} {k}")
            if len(keys) > limit:
                lines.append(f"{bullet}... and {len(keys) - limit} more {label}")
        for k, cols in list(d.changed.items())[:limit]:
            lines.append(f"{bullet}changed `{k}`: {', '.join(cols)}" if markdown else f"{bullet}changed {k}: {', '.join(cols)}")
        if len(d.changed) > limit:
            lines.append(f"{bullet}... and {len(d.changed) - limit} more changed")
        if markdown:
            lines.append("")
    return "\n".join(lines) + "\n" if lines else "no differences\n"


def changelog_entry(old: Path, new: Path) -> str:
    """A CHANGELOG section for the package at `new`, compared with the earlier one at `old`."""
    import json

    def version(folder):
        return json.loads((Path(folder) / "datapackage.json").read_text(encoding="utf-8"))["version"]

    return f"## {version(new)} (compared with {version(old)})\n\n" + render(diff_packages(old, new), markdown=True)


def prepend_entry(changelog: Path, entry: str) -> None:
    """Insert `entry` before the newest section of CHANGELOG.md, keeping its preamble on top."""
    text = changelog.read_text(encoding="utf-8")
    at = text.find("\n## ")
    head, rest = (text, "") if at < 0 else (text[:at + 1], text[at + 1:])
    changelog.write_text(head + entry.rstrip("\n") + "\n\n" + rest, encoding="utf-8")
