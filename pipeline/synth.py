"""Synthetic corpora for benchmarks: articles made by recombining and varying the real paragraphs
of the seed articles (names, countries, systems, years and quote styles changed), so that every
extractor does real work on every article. Deterministic from a seed.

    python -m pipeline.synth N OUT_DIR [--seed S]
"""

from __future__ import annotations

import argparse
import csv
import random
import re
import sys
from pathlib import Path

from . import DEFAULT_SOURCES
from .corpus import read_corpus

# Swaps that keep sentences grammatical: (pattern, replacement choices).
_STATES = ["India", "China", "Egypt", "Algeria", "Belarus", "Indonesia", "Qatar", "Saudi Arabia", "Vietnam", "Turkey"]
_CAPITALS = {"India": "New Delhi", "China": "Beijing", "Egypt": "Cairo", "Algeria": "Algiers", "Belarus": "Minsk",
             "Indonesia": "Jakarta", "Qatar": "Doha", "Saudi Arabia": "Riyadh", "Vietnam": "Hanoi", "Turkey": "Ankara"}
_SYSTEMS = ["S-400", "S-300", "Su-35", "Su-57", "MiG-29", "Pantsir-S1", "Tor-M2", "T-90", "Su-30", "Ka-52"]
_PEOPLE = ["Dmitry Shugaev", "Sergey Chemezov", "Alexander Mikheyev", "Hulusi Akar", "Rajnath Singh",
           "Mike Pompeo", "Ismail Demir", "Yuri Borisov", "Anatoly Punchuk", "Viktor Kladov"]
_YEARS = [str(y) for y in range(2005, 2026)]


def _paragraphs() -> list[str]:
    """Body paragraphs of the seed articles (boilerplate left out)."""
    out = []
    for source in read_corpus(DEFAULT_SOURCES):
        for zone in source.zones:
            if zone.kind == "body" and len(source.text[zone.start:zone.end]) > 80:
                out.append(source.text[zone.start:zone.end])
    return out


def _vary(paragraph: str, rng: random.Random) -> str:
    buyer = rng.choice(_STATES)
    text = re.sub(r"\bTurkey\b", buyer, paragraph)
    text = re.sub(r"\bAnkara\b", _CAPITALS[buyer], text)
    text = re.sub(r"\bTurkish\b", rng.choice(["Indian", "Egyptian", "Algerian", "Turkish", "Vietnamese"]), text)
    text = re.sub(r"S-400", rng.choice(_SYSTEMS), text)
    text = re.sub(r"\b(?:Sergey Chemezov|Dmitry Shugaev|Aleksei Podberezkin|Aleksandr Mikheev)\b", rng.choice(_PEOPLE), text)
    text = re.sub(r"\b20(?:1\d|20)\b", lambda m: rng.choice(_YEARS), text)
    if rng.random() < 0.5:  # quote style: curly <-> straight
        text = text.replace("“", '"').replace("”", '"') if "“" in text else re.sub(r'"([^"]+)"', r"“\1”", text)
    return text


def write_corpus(n: int, out: Path, seed: int = 7) -> Path:
    """Write `n` synthetic articles (3-7 varied paragraphs each) and their sources.csv into `out`.
    Every article is distinct: a draw that repeats an earlier article's text is drawn again (the
    package's expectations reject the same text stored twice)."""
    rng = random.Random(seed)
    paragraphs = _paragraphs()
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    rows, seen = [], set()
    for i in range(n):
        text = None
        while text is None or text in seen:
            text = "\n\n".join(_vary(rng.choice(paragraphs), rng) for _ in range(rng.randint(3, 7))) + "\n"
        seen.add(text)
        sid = f"syn-{seed}-{i:06d}"
        (out / f"{sid}.txt").write_text(text, encoding="utf-8")
        day = rng.randint(1, 28)
        rows.append([sid, "", "Synthetic benchmark article", f"{rng.choice(_YEARS)}-{rng.randint(1, 12):02d}-{day:02d}", ""])
    with open(out / "sources.csv", "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["source_id", "title", "publisher", "published", "url"])
        writer.writerows(rows)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline.synth", description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    write_corpus(args.n, args.out, args.seed)
    print(f"wrote {args.n} articles to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
