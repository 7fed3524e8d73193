"""Reading input files strictly: article texts and the small CSV files (sources.csv, registries, overrides) strictly:
UTF-8 (a byte-order mark allowed), the expected header, every row with the header's number of
fields, and line numbers that point at the physical line, for error messages."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from .errors import InputError


def read_utf8(path: Path) -> str:
    """A file's text, strictly UTF-8 (a leading byte-order mark dropped); InputError names the bad byte."""
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise InputError(path, f"cannot read file: {exc.strerror or exc}") from exc
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError(path, f"not valid UTF-8 (byte 0x{raw[exc.start]:02x} at byte offset {exc.start})",
                         place=f"line {line}") from exc


def read_rows(path: Path, required: tuple[str, ...], allowed: tuple[str, ...] | None = None) -> list[tuple[int, dict]]:
    """(line number, row) for every data row; InputError naming the file and line on any problem."""
    text = read_utf8(path)
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None) or []
    missing = [c for c in required if c not in header]
    extra = [c for c in header if allowed is not None and c not in allowed]
    if missing or extra or len(set(header)) != len(header):
        raise InputError(path, f"header must have the columns {','.join(allowed or required)}"
                               + (f"; missing: {', '.join(missing)}" if missing else "")
                               + (f"; unknown: {', '.join(extra)}" if extra else ""), place="line 1")
    out = []
    start = reader.line_num + 1
    for values in reader:
        if not values:  # a blank line
            start = reader.line_num + 1
            continue
        if len(values) != len(header):
            raise InputError(path, f"row has {len(values)} fields, the header {len(header)}", place=f"line {start}")
        out.append((start, dict(zip(header, values))))
        start = reader.line_num + 1
    return out
