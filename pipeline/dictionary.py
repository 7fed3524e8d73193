"""The data dictionary (docs/data-dictionary.md), generated from the Table Schemas: every table and
column with its type, constraints, allowed values, meaning and an example.

    python -m pipeline.dictionary [--check]
"""

from __future__ import annotations

import sys

from . import REPO_ROOT, schemas

PATH = REPO_ROOT / "docs" / "data-dictionary.md"


def _constraints(field: dict) -> str:
    c = field.get("constraints", {})
    parts = []
    if c.get("required"):
        parts.append("required")
    if c.get("unique"):
        parts.append("unique")
    if "enum" in c:
        parts.append("one of " + ", ".join(f"`{v}`" for v in c["enum"]))
    if "pattern" in c:
        parts.append(f"pattern `{c['pattern']}`")
    if "minimum" in c:
        parts.append(f"≥ {c['minimum']}")
    if "maximum" in c:
        parts.append(f"≤ {c['maximum']}")
    if field.get("format"):
        parts.append(f"format {field['format']}")
    return "; ".join(parts)


def _cell(text) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def render() -> str:
    lines = ["# Data dictionary", "",
             "Generated from `schemas/*.json` by `python -m pipeline.dictionary`; do not edit by hand "
             "(a test fails when it is out of date).", ""]
    for table in schemas.TABLES:
        lines.append(f"- [{table}](#{table})")
    for table in schemas.TABLES:
        schema = schemas.load(table)
        lines += ["", f"## {table}", "", schema.get("description", ""), "",
                  f"Primary key: `{', '.join(schemas.primary_key(table))}`."]
        fks = schemas.foreign_keys(table)
        if fks:
            lines.append("Foreign keys: " + "; ".join(f"`{c}` → `{p}.{pc}`" for c, p, pc in fks) + ".")
        lines += ["", "| column | type | constraints | meaning | example |", "|---|---|---|---|---|"]
        for f in schemas.fields(table):
            example = f"`{f['example']}`" if "example" in f else ""
            lines.append(f"| `{f['name']}` | {f['type']} | {_cell(_constraints(f))} | "
                         f"{_cell(f.get('description', ''))} | {_cell(example)} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    text = render()
    if argv == ["--check"]:
        if not PATH.exists() or PATH.read_text(encoding="utf-8") != text:
            print(f"{PATH} is out of date: run python -m pipeline.dictionary", file=sys.stderr)
            return 1
        print(f"{PATH} is up to date")
        return 0
    PATH.parent.mkdir(parents=True, exist_ok=True)
    PATH.write_text(text, encoding="utf-8")
    print(f"wrote {PATH}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
