"""Evaluate the extractors against hand-made gold annotations (tests/gold/<set>/): precision and
recall of mentions, statements (span and speaker) and deal events (parties and system, stage,
year). Scores the raw extraction, before curated overrides.

Matching: a mention matches a gold mention of the same type and entity whose span it overlaps
(a gold "?" — a name missing from the registry — matches an entity the registry does not have);
a statement matches when the spans overlap by half their union; an unnamed speaker in the gold
(blank id, words given) matches an anonymous actor; an event matches a gold row of the same
sentence with the same (supplier, recipient, system), stage and year as measured. A blank gold
system is an event that names no system (system_id null); '?:name' is a system missing from the
registry, matched by the id it is discovered under (the name slugged).

    python -m pipeline.evaluate [--set seeds|unseen|all]
"""

from __future__ import annotations

import argparse
import csv
import sys
from dataclasses import dataclass
from pathlib import Path

from . import DEFAULT_SOURCES, REPO_ROOT
from .corpus import read_corpus
from .extract.article import extract_article
from .extract.discover import slug
from .registry import load_registry

GOLD = REPO_ROOT / "tests" / "gold"
SETS = {"seeds": DEFAULT_SOURCES, "unseen": GOLD / "unseen" / "texts", "heldout": GOLD / "heldout" / "texts",
        "heldout2": GOLD / "heldout2" / "texts"}


@dataclass(frozen=True)
class Score:
    name: str
    tp_pred: int
    n_pred: int
    tp_gold: int
    n_gold: int

    @property
    def precision(self) -> float:
        return self.tp_pred / self.n_pred if self.n_pred else 1.0

    @property
    def recall(self) -> float:
        return self.tp_gold / self.n_gold if self.n_gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _nth(text: str, needle: str, n: int) -> int:
    pos = -1
    for _ in range(n):
        pos = text.find(needle, pos + 1)
        if pos < 0:
            raise ValueError(f"{needle[:50]!r} occurrence {n} not found")
    return pos


def _gold(set_name: str, table: str) -> list[dict]:
    with open(GOLD / set_name / f"{table}.csv", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _id(value: str | None) -> str | None:
    return value or None


def _gold_id(value: str) -> str | None:
    """Blank -> None; '?:AK-103' -> '?:ak-103' (the id a discovered system gets)."""
    return f"?:{slug(value[2:])}" if value.startswith("?:") else _id(value)


def _gold_system(system_id: str | None, known: set[str]) -> str | None:
    """A discovered system (not in the registry) as the gold writes it: '?:' and its id."""
    return f"?:{system_id}" if system_id is not None and system_id not in known else system_id


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    inter = min(a[1], b[1]) - max(a[0], b[0])
    return max(inter, 0) / (max(a[1], b[1]) - min(a[0], b[0]))


def _pair(gold: list, pred: list, same) -> list[tuple[int, int]]:
    """Greedy one-to-one matching of gold and predicted items under `same(g, p)`."""
    used, pairs = set(), []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            if pi not in used and same(g, p):
                used.add(pi)
                pairs.append((gi, pi))
                break
    return pairs


def _score(name, gold, pred, same) -> Score:
    pairs = _pair(gold, pred, same)
    return Score(name, len(pairs), len(pred), len(pairs), len(gold))


def evaluate(set_name: str) -> list[Score]:
    sources = {s.source_id: s for s in read_corpus(SETS[set_name])}
    registry = load_registry()
    facts = {sid: extract_article(s, registry) for sid, s in sources.items()}
    known = set(registry.actors) | set(registry.systems)

    def entity_ok(gold_id, pred_id):
        if gold_id == "?":
            return pred_id not in known  # a name missing from the registry must come out as a new entity
        return gold_id == pred_id

    gm = []
    for g in _gold(set_name, "mentions"):
        start = _nth(sources[g["source_id"]].text, g["surface"], int(g["occurrence"]))
        gm.append((g["source_id"], (start, start + len(g["surface"])), g["entity_type"], g["entity_id"]))
    pm = [(sid, (m.start, m.end), m.entity_type, m.entity_id) for sid, f in facts.items() for m in f.mentions]
    scores = [_score("mentions (overlap, type and id)", gm, pm,
                     lambda g, p: g[0] == p[0] and g[2] == p[2] and _overlap(g[1], p[1]) > 0 and entity_ok(g[3], p[3]))]

    gs = []
    for g in _gold(set_name, "statements"):
        start = _nth(sources[g["source_id"]].text, g["text"], int(g["occurrence"]))
        gs.append((g["source_id"], (start, start + len(g["text"])), g["kind"], _id(g["speaker_id"]), bool(g["speaker_text"])))
    ps = [(sid, (s.start, s.end), s.kind, s.speaker_id) for sid, f in facts.items() for s in f.statements]

    def span(g, p):
        return g[0] == p[0] and _overlap(g[1], p[1]) >= 0.5

    def speaker_ok(g, p):
        unnamed = g[3] is None and g[4] and p[3] is not None and p[3].startswith("anon-") and p[3] not in known
        return unnamed or (g[3] is None and p[3] is None) or (g[3] is not None and g[3] != "?" and g[3] == p[3]) \
            or (g[3] == "?" and p[3] is not None and p[3] not in known)

    scores.append(_score("statements: span (overlap >= 0.5)", gs, ps, span))
    scores.append(_score("statements: span and speaker", gs, ps, lambda g, p: span(g, p) and speaker_ok(g, p)))
    direct_g = [g for g in gs if g[2] != "indirect"]
    direct_p = [p for p in ps if p[2] != "indirect"]
    scores.append(_score("quotes (direct+partial): span and speaker", direct_g, direct_p,
                         lambda g, p: span(g, p) and speaker_ok(g, p)))

    ge = []
    for g in _gold(set_name, "deal_events"):
        start = _nth(sources[g["source_id"]].text, g["sentence_prefix"], 1)
        ge.append({"sid": g["source_id"], "pos": start, "triple": (g["supplier_id"], g["recipient_id"], _gold_id(g["system_id"])),
                   "type": g["event_type"], "year": g["year"] or None})
    pe = [{"sid": sid, "span": (e.start, e.end), "triple": (e.supplier_id, e.recipient_id, _gold_system(e.system_id, known)),
           "type": e.event_type,
           "year": e.date.date[:4] if e.date is not None else None}
          for sid, f in facts.items() for e in f.events]

    def same_sentence(g, p):
        return g["sid"] == p["sid"] and p["span"][0] <= g["pos"] < p["span"][1]

    def unique(items, key):
        seen, out = set(), []
        for it in items:
            k = key(it)
            if k not in seen:
                seen.add(k)
                out.append(it)
        return out

    for label, key in (("deal events: (supplier, recipient, system)", lambda x: x["triple"]),
                       ("deal events: + stage", lambda x: (x["triple"], x["type"])),
                       ("deal events: + stage and year", lambda x: (x["triple"], x["type"], x["year"]))):
        g_items = unique(ge, lambda x: (x["sid"], x["pos"], key(x)))
        p_items = unique(pe, lambda x: (x["sid"], x["span"], key(x)))
        scores.append(_score(label, g_items, p_items, lambda g, p, k=key: same_sentence(g, p) and k(g) == k(p)))
    return scores


def report(set_name: str, scores: list[Score]) -> str:
    lines = [f"{set_name}:", f"  {'measure':<46} {'precision':>9} {'recall':>7} {'F1':>6}   (matched/predicted, matched/gold)"]
    for s in scores:
        lines.append(f"  {s.name:<46} {s.precision:>9.3f} {s.recall:>7.3f} {s.f1:>6.3f}   "
                     f"({s.tp_pred}/{s.n_pred}, {s.tp_gold}/{s.n_gold})")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline.evaluate", description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=[*SETS, "all"], default="all")
    args = parser.parse_args(argv)
    names = list(SETS) if args.set == "all" else [args.set]
    for name in names:
        if not (GOLD / name / "mentions.csv").exists():
            print(f"{name}: no gold annotation in {GOLD / name}", file=sys.stderr)
            continue
        print(report(name, evaluate(name)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
