"""Synthetic corpora for benchmarks, shaped like real news: a headline, often a "Published" line and a
byline, a dateline opening the first paragraph, then body paragraphs until the article reaches its drawn
length (300-900 words, most near the short end, as wire and web news run), here and there a photo
caption or a "Read more" line. Paragraphs are real ones (the seed articles and the gold sets' texts),
varied (names, countries, systems, years and quote styles changed) and sometimes two joined, so that
every extractor does real work on every article. Deterministic from a seed.

    python -m pipeline.synth N OUT_DIR [--seed S]
"""

from __future__ import annotations

import argparse
import csv
import math
import random
import re
import sys
from functools import lru_cache
from pathlib import Path

from . import DEFAULT_SOURCES, REPO_ROOT
from .corpus import read_corpus

# Swaps that keep sentences grammatical: (pattern, replacement choices).
_STATES = ["India", "China", "Egypt", "Algeria", "Belarus", "Indonesia", "Qatar", "Saudi Arabia", "Vietnam", "Turkey"]
_CAPITALS = {"India": "New Delhi", "China": "Beijing", "Egypt": "Cairo", "Algeria": "Algiers", "Belarus": "Minsk",
             "Indonesia": "Jakarta", "Qatar": "Doha", "Saudi Arabia": "Riyadh", "Vietnam": "Hanoi", "Turkey": "Ankara"}
_SYSTEMS = ["S-400", "S-300", "Su-35", "Su-57", "MiG-29", "Pantsir-S1", "Tor-M2", "T-90", "Su-30", "Ka-52"]
_PEOPLE = ["Dmitry Shugaev", "Sergey Chemezov", "Alexander Mikheyev", "Hulusi Akar", "Rajnath Singh",
           "Mike Pompeo", "Ismail Demir", "Yuri Borisov", "Anatoly Punchuk", "Viktor Kladov"]
_YEARS = [str(y) for y in range(2005, 2026)]
_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"]
_AGENCIES = ["Reuters", "AFP", "AP", "TASS", "Anadolu"]
_REPORTERS = ["Olga Petrova", "Murat Yilmaz", "Ananya Rao", "James Holloway", "Leila Haddad", "Tran Minh"]
_CITIES = ["MOSCOW", "ANKARA", "NEW DELHI", "CAIRO", "BEIJING", "WASHINGTON", "PARIS", "DUBAI", "JAKARTA"]
# Words per article: log-normal (median 300), kept within 300-900: most run 300-450 words.
_WORDS_MEDIAN, _WORDS_SIGMA, _WORDS_MIN, _WORDS_MAX = 300, 0.3, 300, 900
_DATELINE = re.compile(r"^[A-Z][A-Z .'-]+(?:,[^—–\n]{0,40})? [—–-]+ ")
_GOLD_TEXTS = REPO_ROOT / "tests" / "gold"
_CAPTION = re.compile(r"^\[?Photo(?: caption)?: ")
_MORE = re.compile(r"^(?:Read more|Related|Also read): ")


@lru_cache(maxsize=1)
def _pieces() -> dict[str, tuple[str, ...]]:
    """Real lines to draw from, in the seed articles and (in a checkout) the gold sets' texts: headlines
    (first lines), body paragraphs (over 80 characters, datelines left out), photo captions and
    "Read more" lines."""
    folders = [DEFAULT_SOURCES] + sorted(p.parent for p in _GOLD_TEXTS.glob("*/texts/sources.csv"))
    out: dict[str, list[str]] = {"headline": [], "paragraph": [], "caption": [], "more": []}
    for folder in folders:
        for source in read_corpus(folder):
            lines = [source.text[z.start:z.end] for z in source.zones]
            out["headline"] += [line.strip() for line in lines[:1] if 20 <= len(line) <= 160]
            for zone, line in zip(source.zones, lines):
                if _CAPTION.match(line):
                    out["caption"].append(line.strip())
                elif _MORE.match(line) and len(line.split()) > 3:
                    out["more"].append(line.strip())
                elif zone.kind == "body" and len(line) > 80 and "\n" not in line:
                    out["paragraph"].append(_DATELINE.sub("", line))
    return {kind: tuple(lines) for kind, lines in out.items()}


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


def _words(rng: random.Random) -> int:
    drawn = _WORDS_MEDIAN * math.exp(rng.gauss(0.0, _WORDS_SIGMA))
    return int(min(_WORDS_MAX, max(_WORDS_MIN, drawn)))


def _dateline(date: str, rng: random.Random) -> str:
    y, m, d = (int(p) for p in date.split("-"))
    city = rng.choice(_CITIES)
    if rng.random() < 0.5:
        return f"{city}, {_MONTHS[m - 1]} {d} ({rng.choice(_AGENCIES)}) - "
    return f"{city} — "


def article(rng: random.Random, pieces: dict[str, tuple[str, ...]], date: str) -> str:
    """One article: head lines, a datelined first paragraph, body paragraphs up to the drawn length."""
    y, m, d = (int(p) for p in date.split("-"))
    head = [_vary(rng.choice(pieces["headline"]), rng)]
    if rng.random() < 0.6:
        head.append(f"Published {d} {_MONTHS[m - 1]} {y}")
    if rng.random() < 0.5:
        head.append(f"By {rng.choice(_REPORTERS)}")
    first = _vary(rng.choice(pieces["paragraph"]), rng)
    body, words, target = [_dateline(date, rng) + first], len(first.split()), _words(rng)
    while words < target:  # the article ends with the paragraph that reaches its length
        para = _vary(rng.choice(pieces["paragraph"]), rng)
        if rng.random() < 0.15:  # real paragraphs run longer than most of ours
            para += " " + _vary(rng.choice(pieces["paragraph"]), rng)
        if rng.random() < 0.06:
            body.append(_vary(rng.choice(pieces["caption"]), rng))
        body.append(para)
        words += len(para.split())
    if rng.random() < 0.3:
        body.append(_vary(rng.choice(pieces["more"]), rng))
    return "\n\n".join(head + body) + "\n"


def write_corpus(n: int, out: Path, seed: int = 7) -> Path:
    """Write `n` synthetic articles and their sources.csv into `out`. Every article is distinct: a draw
    that repeats an earlier article's text is drawn again (the package's expectations reject the same
    text stored twice)."""
    rng = random.Random(seed)
    pieces = _pieces()
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    rows, seen = [], set()
    for i in range(n):
        date = f"{rng.choice(_YEARS)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        text = None
        while text is None or text in seen:
            text = article(rng, pieces, date)
        seen.add(text)
        sid = f"syn-{seed}-{i:06d}"
        (out / f"{sid}.txt").write_text(text, encoding="utf-8")
        rows.append([sid, "", "Synthetic benchmark article", date, ""])
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
