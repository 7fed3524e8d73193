"""Read-only SQL over a built package: `arms-data query "SELECT ..." [--package DIR] [--csv]`.
The tables are views over the package's Parquet files (data/views.sql), so any package folder
works, with or without its DuckDB file; only SELECT statements are accepted."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import duckdb

from .errors import InputError
from .publish import VIEWS_FILE
from .readme_queries import render


def connect(package: Path) -> duckdb.DuckDBPyConnection:
    """An in-memory database with one view per table over the package's Parquet files."""
    package = Path(package).resolve()
    views = package / VIEWS_FILE
    if not views.exists():
        raise InputError(package, f"no {VIEWS_FILE}: not a built package")
    con = duckdb.connect()
    con.execute("SET file_search_path = ?", [str(package)])
    con.execute(views.read_text(encoding="utf-8"))
    return con


def run(package: Path, sql: str, as_csv: bool = False) -> str:
    """The result of one SELECT statement, as a text table or CSV."""
    try:
        statements = duckdb.extract_statements(sql)
    except duckdb.Error as exc:
        raise InputError("query", f"SQL does not parse: {exc}") from exc
    if len(statements) != 1 or statements[0].type != duckdb.StatementType.SELECT:
        raise InputError("query", "exactly one SELECT statement is allowed (the package is read-only)")
    con = connect(package)
    try:
        rel = con.sql(sql)
        columns, rows = list(rel.columns), rel.fetchall()
    except duckdb.Error as exc:
        raise InputError("query", str(exc).splitlines()[0]) from exc
    finally:
        con.close()
    if not as_csv:
        return render(columns, rows)
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(["" if v is None else v for v in row] for row in rows)
    return buf.getvalue()


STATS = {
    "rows per table": "SELECT 'sources' AS tbl, count(*) AS n FROM sources UNION ALL SELECT 'actors', count(*) FROM actors "
                      "UNION ALL SELECT 'systems', count(*) FROM systems UNION ALL SELECT 'deals', count(*) FROM deals "
                      "UNION ALL SELECT 'deal_events', count(*) FROM deal_events UNION ALL SELECT 'statements', "
                      "count(*) FROM statements UNION ALL SELECT 'mentions', count(*) FROM mentions",
    "deals by status": "SELECT status, count(*) AS deals FROM deals GROUP BY status ORDER BY deals DESC, status",
    "events by type and mode": "SELECT event_type, mode, count(*) AS events FROM deal_events GROUP BY ALL "
                               "ORDER BY events DESC, event_type, mode",
    "statements by kind": "SELECT kind, count(*) AS statements, count(speaker_id) AS with_speaker FROM statements "
                          "GROUP BY kind ORDER BY kind",
    "most mentioned actors": "SELECT a.actor_id, a.name, count(*) AS mentions FROM mentions m JOIN actors a "
                             "USING (actor_id) GROUP BY ALL ORDER BY mentions DESC, a.actor_id LIMIT 10",
    "publication dates": "SELECT s.published_basis, count(DISTINCT s.source_id) AS sources, "
                         "count(e.event_id) AS events, count(e.event_id) - count(e.event_date) AS undated_events "
                         "FROM sources s LEFT JOIN deal_events e USING (source_id) GROUP BY ALL "
                         "ORDER BY sources DESC, s.published_basis",
    "awaiting review": "SELECT 'actors' AS tbl, count(*) AS extracted FROM actors WHERE review_status = 'extracted' "
                       "UNION ALL SELECT 'systems', count(*) FROM systems WHERE review_status = 'extracted'",
}


def stats(package: Path) -> str:
    """A short summary of a package, section by section."""
    return "\n".join(f"{title}:\n{run(package, sql)}" for title, sql in STATS.items())
