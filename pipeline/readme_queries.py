"""README example queries: run every `<!-- query: name -->` block of README.md against a DuckDB
database and render its result as a fixed-width text table, so the examples in the README are
real output that a test can check.

A block is the marker line, a ```sql fence with the query, then a ```text fence with its output.

    python -m pipeline.readme_queries           rewrite the output blocks in README.md
    python -m pipeline.readme_queries --check   exit 1 and name the queries whose output differs
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import duckdb

from . import REPO_ROOT

README = REPO_ROOT / "README.md"
DEFAULT_DB = REPO_ROOT / "data" / "arms.duckdb"
BLOCK = re.compile(
    r"<!-- query: (?P<name>[A-Za-z0-9_.-]+) -->[ \t]*\n```sql\n(?P<sql>.*?)\n```[ \t]*\n"
    r"(?:[ \t]*\n)*```text\n(?P<out>.*?)```",
    re.DOTALL,
)


def find_queries(readme_text: str) -> list[re.Match]:
    """Every query block of the README, in order."""
    return list(BLOCK.finditer(readme_text))


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value).replace("\r", " ").replace("\n", " ")


def render(columns: list[str], rows: list[tuple]) -> str:
    """Header, dashed separator, one line per row; left-aligned, no trailing spaces, ends with \\n."""
    cells = [list(columns)] + [[_cell(v) for v in row] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(columns))]

    def line(values: list[str]) -> str:
        return "  ".join(v.ljust(w) for v, w in zip(values, widths)).rstrip()

    lines = [line(cells[0]), line(["-" * w for w in widths])] + [line(r) for r in cells[1:]]
    return "\n".join(lines) + "\n"


def connect(db: Path) -> duckdb.DuckDBPyConnection:
    """Open `db` read-only; relative paths in queries resolve against its package root."""
    db = Path(db).resolve()
    con = duckdb.connect(str(db), read_only=True)
    root = db.parent.parent if db.parent.name == "data" else db.parent
    con.execute("SET file_search_path = ?", [str(root)])
    return con


def run_query(con: duckdb.DuckDBPyConnection, sql: str) -> str:
    """The rendered result of one query."""
    rel = con.sql(sql)
    return render(list(rel.columns), rel.fetchall())


def outputs(readme_text: str, db: Path) -> dict[str, tuple[str, str]]:
    """name -> (output in the README, output rendered now)."""
    con = connect(db)
    try:
        return {m["name"]: (m["out"], run_query(con, m["sql"])) for m in find_queries(readme_text)}
    finally:
        con.close()


def rewrite(readme_text: str, db: Path) -> str:
    """The README with every output block replaced by freshly rendered output."""
    fresh = outputs(readme_text, db)
    parts, last = [], 0
    for m in find_queries(readme_text):
        parts += [readme_text[last:m.start("out")], fresh[m["name"]][1]]
        last = m.end("out")
    return "".join(parts) + readme_text[last:]


def mismatches(readme_text: str, db: Path) -> list[str]:
    """Names of the queries whose README output differs from what the database gives."""
    return [name for name, (old, new) in outputs(readme_text, db).items() if old != new]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline.readme_queries", description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only compare; exit 1 on any difference")
    parser.add_argument("--readme", type=Path, default=README, help="README file (default: README.md)")
    parser.add_argument("--db", type=Path, default=DEFAULT_DB, help="DuckDB file (default: data/arms.duckdb)")
    args = parser.parse_args(argv)
    text = args.readme.read_text(encoding="utf-8")
    names = [m["name"] for m in find_queries(text)]
    if len(set(names)) != len(names):
        sys.exit("error: duplicate query names in the README")
    if args.check:
        bad = mismatches(text, args.db)
        if bad:
            print("README query output out of date: " + ", ".join(bad), file=sys.stderr)
            return 1
        print(f"{len(names)} README queries match")
        return 0
    args.readme.write_text(rewrite(text, args.db), encoding="utf-8")
    print(f"rewrote the output of {len(names)} README queries")
    return 0


if __name__ == "__main__":
    sys.exit(main())
