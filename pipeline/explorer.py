"""A static, self-contained HTML explorer generated from a package (docs/explorer.html): deals
with their timelines, statements and events shown inside their source text with the evidence
highlighted, actors and systems with everything linked to them, and search. No server needed.

Every build writes it to docs/explorer.html of its output (publish.write_views_for_people).
URL parameters: ?tab=deals|statements|actors|systems|sources&q=search&open=N (open the Nth item).
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from . import schemas
from .tables import read_csv_table

TEMPLATE = Path(__file__).parent / "templates" / "explorer.html"


def _records(df: pd.DataFrame) -> list[dict]:
    return [{k: (None if pd.isna(v) else (v.item() if hasattr(v, "item") else v)) for k, v in row.items()}
            for row in df.to_dict(orient="records")]


MAX_SOURCES = 2000  # beyond this the page would be too heavy for a browser; query the package instead


def render(package: Path) -> str:
    package = Path(package)
    n_sources = len(read_csv_table(package, "sources"))
    if n_sources > MAX_SOURCES:
        return (f"<!DOCTYPE html><html lang=\"en\"><meta charset=\"utf-8\"><title>Arms cooperation explorer</title>"
                f"<p>This package has {n_sources} articles, more than the explorer shows ({MAX_SOURCES}); "
                f"query it with <code>arms-data query</code> or DuckDB.</p></html>\n")
    data = {t: _records(read_csv_table(package, t)) for t in schemas.TABLES}
    data["texts"] = {s["source_id"]: (package / s["text_path"]).read_text(encoding="utf-8") for s in data["sources"]}
    payload = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).replace("</", "<\\/")
    return TEMPLATE.read_text(encoding="utf-8").replace("__DATA__", payload)
