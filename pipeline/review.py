"""Curator's list: actors and systems the build discovered (review_status 'extracted'), each with
the places it is mentioned, so they can be added to data/registry/ or corrected."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .tables import read_csv_table

_CONTEXT = 60


def _v(value) -> str:
    return "-" if pd.isna(value) else str(value)


def unreviewed(folder: Path) -> list[str]:
    """Readable lines: one header per extracted entity, one line per mention with its context."""
    folder = Path(folder)
    mentions = read_csv_table(folder, "mentions")
    texts: dict[str, str] = {}
    lines = []
    for table, key, describe in (("actors", "actor_id", lambda r: f"{r.kind}; role: {_v(r.role)}; "
                                  f"country: {_v(r.country)}; parent: {_v(r.parent_id)}"),
                                 ("systems", "system_id", lambda r: f"{r.category}; designation: {_v(r.designation)}")):
        df = read_csv_table(folder, table)
        for row in df[df["review_status"] == "extracted"].itertuples(index=False):
            ident = getattr(row, key)
            lines.append(f"{table[:-1]} {ident}: {row.name!r} ({describe(row)})")
            for m in mentions[mentions[key] == ident].itertuples(index=False):
                if m.source_id not in texts:
                    texts[m.source_id] = (folder / f"data/texts/{m.source_id}.txt").read_text(encoding="utf-8")
                text = texts[m.source_id]
                left = text[max(0, m.char_start - _CONTEXT):m.char_start].replace("\n", " ")
                right = text[m.char_end:m.char_end + _CONTEXT].replace("\n", " ")
                lines.append(f"    {m.source_id}:{m.char_start}-{m.char_end}  …{left}[{m.surface}]{right}…")
    return lines

