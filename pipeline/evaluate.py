"""Evaluate the extractors against hand-made gold annotations (tests/gold/<set>/): precision and
recall of mentions, statements (span and speaker) and deal events (parties and system, stage,
year). Scores the raw extraction, before curated overrides.

Matching: a mention matches a gold mention of the same type and entity whose span it overlaps
(a gold "?" — a name missing from the registry — matches an entity the registry does not have);
a statement matches when the spans overlap by half their union; an unnamed speaker in the gold
(blank id, words given) matches an anonymous actor, and so does a direct quote left blank right after such a statement
(the annotators' way of continuing that speaker); an event matches a gold row of the same
sentence with the same (supplier, recipient, system), stage and year as measured. A blank gold
system is an event that names no system (system_id null). A gold '?:Name' is resolved when scored: the
registry's entity of that name or alias if the registry has one by now, else an entity the registry lacks
whose id shares a word with the name. "actors/systems named in the article" ask whether each entity the
gold finds in an article is found there at least once. Gold rows may carry `classes` (error-class tags):
the report says how many rows of each class pass.

Test sets are scored once, untouched, before anyone tunes on them: that first look is recorded in
tests/gold/first_look.csv (`--first-look DATE`, refused a second time) and printed above the current scores.

    python -m pipeline.evaluate [--set NAME|all] [--first-look YYYY-MM-DD]
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
# the seeds are the default corpus; every other gold set holds its own articles in texts/
SETS = {"seeds": DEFAULT_SOURCES,
        **{p.name: p / "texts" for p in (sorted(GOLD.iterdir()) if GOLD.is_dir() else []) if (p / "texts").is_dir()}}
TUNING_ONLY = {"seeds", "unseen"}  # written beside the extractor: never a test set
FIRST_LOOK = GOLD / "first_look.csv"
FIRST_LOOK_COLUMNS = ("set", "measure", "precision", "recall", "f1", "matched_predicted", "matched_gold", "recorded")


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
    return _rows(GOLD / set_name / f"{table}.csv")


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


class GoldIds:
    """Gold entity cells resolved against the registry: an id; '?' (an entity the registry lacks); or
    '?:Name' (the registry's entity of that name or alias, if it has one by now, else one it lacks)."""

    def __init__(self, registry):
        self.known = set(registry.actors) | set(registry.systems)
        self.by_name: dict[str, str] = {}
        for entry in [*registry.actors.values(), *registry.systems.values()]:
            for surface in (entry.name, *entry.aliases):
                self.by_name.setdefault(surface.lower(), entry.id)

    def resolve(self, value: str | None) -> tuple[str, str | None] | None:
        if not value:
            return None
        if value == "?":
            return ("new", None)
        if value.startswith("?:"):
            name = value[2:].strip()
            found = self.by_name.get(name.lower()) or (slug(name) if slug(name) in self.known else None)
            return ("id", found) if found else ("new", name)
        return ("id", value)

    def matches(self, gold: tuple[str, str | None] | None, pred: str | None) -> bool:
        if gold is None:
            return pred is None
        kind, value = gold
        if kind == "id":
            return pred == value
        if pred is None or pred in self.known:
            return False
        return value is None or bool(_tokens(slug(value)) & _tokens(pred))


def _tokens(ident: str) -> set[str]:
    return {t for t in ident.split("-") if len(t) > 1 and t not in ("anon", "the", "of")}


@dataclass
class Run:
    """One gold set scored: the scores, and per error class (the gold's `classes` tags) [cases, passed]."""

    scores: list[Score]
    classes: dict[str, list[int]]


def evaluate(set_name: str) -> list[Score]:
    return run(set_name).scores


def run(set_name: str) -> Run:
    sources = {s.source_id: s for s in read_corpus(SETS[set_name])}
    registry = load_registry()
    facts = {sid: extract_article(s, registry) for sid, s in sources.items()}
    ids = GoldIds(registry)
    classes: dict[str, list[int]] = {}
    scores = _mention_scores(set_name, sources, facts, ids, classes)
    scores += _statement_scores(set_name, sources, facts, ids, classes)
    scores += _event_scores(set_name, sources, facts, ids, classes)
    return Run(scores, dict(sorted(classes.items())))


def _tally(classes: dict, row: dict, passed: bool) -> None:
    for tag in filter(None, (row.get("classes") or "").split("|")):
        counts = classes.setdefault(tag.strip(), [0, 0])
        counts[0] += 1
        counts[1] += passed


def _mention_scores(set_name, sources, facts, ids, classes) -> list[Score]:
    gm, rows = [], _gold(set_name, "mentions")
    for g in rows:
        start = _nth(sources[g["source_id"]].text, g["surface"], int(g["occurrence"]))
        gm.append((g["source_id"], (start, start + len(g["surface"])), g["entity_type"], ids.resolve(g["entity_id"])))
    pm = [(sid, (m.start, m.end), m.entity_type, m.entity_id) for sid, f in facts.items() for m in f.mentions]

    def same(g, p):
        return g[0] == p[0] and g[2] == p[2] and _overlap(g[1], p[1]) > 0 and ids.matches(g[3], p[3])

    pairs = _pair(gm, pm, same)
    matched = {gi for gi, _ in pairs}
    for gi, row in enumerate(rows):
        _tally(classes, row, gi in matched)
    scores = [Score("mentions (overlap, type and id)", len(pairs), len(pm), len(pairs), len(gm))]
    for kind in ("actor", "system"):  # is each entity the article names found at least once?
        gold = _unique([(g[0], g[3]) for g in gm if g[2] == kind and g[3] is not None])
        pred = _unique([(p[0], p[3]) for p in pm if p[2] == kind])
        scores.append(_score(f"{kind}s named in the article", gold, pred,
                             lambda g, p: g[0] == p[0] and ids.matches(g[1], p[1])))
    return scores


def _statement_scores(set_name, sources, facts, ids, classes) -> list[Score]:
    gs, rows = [], _gold(set_name, "statements")
    for g in rows:
        start = _nth(sources[g["source_id"]].text, g["text"], int(g["occurrence"]))
        gs.append((g["source_id"], (start, start + len(g["text"])), g["kind"], g["speaker_id"] or None,
                   bool(g["speaker_text"])))
    gs = _continued_anonymous(gs)
    ps = [(sid, (s.start, s.end), s.kind, s.speaker_id) for sid, f in facts.items() for s in f.statements]

    def span(g, p):
        return g[0] == p[0] and _overlap(g[1], p[1]) >= 0.5

    def speaker_ok(g, p):
        if g[3] is None:  # unnamed ('an official'): an anonymous actor; no speaker at all: none
            return (p[3] is not None and p[3].startswith("anon-") and p[3] not in ids.known) if g[4] else p[3] is None
        return ids.matches(ids.resolve(g[3]), p[3])

    def with_speaker(g, p):
        return span(g, p) and speaker_ok(g, p)

    matched = {gi for gi, _ in _pair(gs, ps, with_speaker)}
    for gi, row in enumerate(rows):
        _tally(classes, row, gi in matched)
    direct_g = [g for g in gs if g[2] != "indirect"]
    direct_p = [p for p in ps if p[2] != "indirect"]
    return [_score("statements: span (overlap >= 0.5)", gs, ps, span),
            _score("statements: span and speaker", gs, ps, with_speaker),
            _score("quotes (direct+partial): span and speaker", direct_g, direct_p, with_speaker)]


def _continued_anonymous(gs: list[tuple]) -> list[tuple]:
    """A direct quote the annotators left with neither speaker id nor words, right after a statement of an
    unnamed speaker, continues that speaker (their convention: a continued quote leaves speaker_text blank).
    The list keeps its order (it is paired with the gold rows by index)."""
    out = list(gs)
    by_place = sorted(range(len(gs)), key=lambda i: (gs[i][0], gs[i][1][0]))
    for before, i in zip(by_place, by_place[1:]):
        g, b = out[i], out[before]
        if g[0] == b[0] and g[2] == "direct" and g[3] is None and not g[4] and b[3] is None and b[4]:
            out[i] = (*g[:4], True)
    return out


def _event_scores(set_name, sources, facts, ids, classes) -> list[Score]:
    ge, rows = [], _gold(set_name, "deal_events")
    for g in rows:
        start = _nth(sources[g["source_id"]].text, g["sentence_prefix"], 1)
        raw = (g["supplier_id"], g["recipient_id"], g["system_id"])
        ge.append({"sid": g["source_id"], "pos": start, "raw": raw, "triple": tuple(map(ids.resolve, raw)),
                   "type": g["event_type"], "year": g["year"] or None})
    pe = [{"sid": sid, "span": (e.start, e.end), "triple": (e.supplier_id, e.recipient_id, e.system_id),
           "type": e.event_type, "year": e.date.date[:4] if e.date is not None else None}
          for sid, f in facts.items() for e in f.events]

    def same_triple(g, p):
        return g["sid"] == p["sid"] and p["span"][0] <= g["pos"] < p["span"][1] \
            and all(ids.matches(a, b) for a, b in zip(g["triple"], p["triple"]))

    matched = {gi for gi, _ in _pair(ge, pe, same_triple)}
    for gi, row in enumerate(rows):
        _tally(classes, row, gi in matched)
    scores = []
    for label, extra in (("deal events: (supplier, recipient, system)", lambda x: ()),
                         ("deal events: + stage", lambda x: (x["type"],)),
                         ("deal events: + stage and year", lambda x: (x["type"], x["year"]))):
        g_items = _unique(ge, lambda x, e=extra: (x["sid"], x["pos"], x["raw"], e(x)))
        p_items = _unique(pe, lambda x, e=extra: (x["sid"], x["span"], x["triple"], e(x)))
        scores.append(_score(label, g_items, p_items, lambda g, p, e=extra: same_triple(g, p) and e(g) == e(p)))
    return scores


def _unique(items, key=lambda x: x):
    seen, out = set(), []
    for it in items:
        k = key(it)
        if k not in seen:
            seen.add(k)
            out.append(it)
    return out


def report(set_name: str, scores: list[Score]) -> str:
    lines = [f"{set_name}:", f"  {'measure':<46} {'precision':>9} {'recall':>7} {'F1':>6}   (matched/predicted, matched/gold)"]
    for s in scores:
        lines.append(f"  {s.name:<46} {s.precision:>9.3f} {s.recall:>7.3f} {s.f1:>6.3f}   "
                     f"({s.tp_pred}/{s.n_pred}, {s.tp_gold}/{s.n_gold})")
    return "\n".join(lines)


def report_classes(classes: dict[str, list[int]]) -> str:
    if not classes:
        return ""
    return "  error classes (gold rows tagged, passing now): " + ", ".join(
        f"{tag} {passed}/{n}" for tag, (n, passed) in classes.items())


def first_looks() -> dict[str, list[dict]]:
    """The recorded first-look scores, set by set: the figures of a test set scored once, before any tuning."""
    if not FIRST_LOOK.exists():
        return {}
    out: dict[str, list[dict]] = {}
    for row in _rows(FIRST_LOOK):
        out.setdefault(row["set"], []).append(row)
    return out


def _rows(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def record_first_look(set_name: str, scores: list[Score], when: str) -> None:
    """Append a set's first look to FIRST_LOOK; refused if the set has one (a first look happens once)."""
    if set_name in first_looks():
        raise SystemExit(f"{set_name} already has a first look in {FIRST_LOOK}: it is a tuning set now")
    new = not FIRST_LOOK.exists()
    with open(FIRST_LOOK, "a", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        if new:
            writer.writerow(FIRST_LOOK_COLUMNS)
        for s in scores:
            writer.writerow([set_name, s.name, f"{s.precision:.3f}", f"{s.recall:.3f}", f"{s.f1:.3f}",
                             f"{s.tp_pred}/{s.n_pred}", f"{s.tp_gold}/{s.n_gold}", when])


def report_first_look(set_name: str) -> str:
    rows = first_looks().get(set_name)
    if not rows:
        return f"{set_name}, first look: none recorded (score it once with --first-look before tuning on it)"
    lines = [f"{set_name}, first look ({rows[0]['recorded']}, before any tuning on this set):"]
    for r in rows:
        counts = f"   ({r['matched_predicted']}, {r['matched_gold']})" if r["matched_gold"] else ""
        lines.append(f"  {r['measure']:<46} {float(r['precision']):>9.3f} {float(r['recall']):>7.3f} "
                     f"{float(r['f1']):>6.3f}{counts}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline.evaluate", description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=[*SETS, "all"], default="all")
    parser.add_argument("--first-look", metavar="DATE",
                        help="record this run as the set's first look (once per set, before any tuning on it)")
    args = parser.parse_args(argv)
    if args.first_look and (args.set == "all" or args.set in TUNING_ONLY or args.set in first_looks()):
        parser.error("--first-look scores one test set once: name a set with no first look recorded yet")
    names = list(SETS) if args.set == "all" else [args.set]
    for name in names:
        if not (GOLD / name / "mentions.csv").exists():
            print(f"{name}: no gold annotation in {GOLD / name}", file=sys.stderr)
            continue
        result = run(name)
        if args.first_look:
            record_first_look(name, result.scores, args.first_look)
        print(report_first_look(name) if name not in TUNING_ONLY else f"{name}: a tuning set (no first look)")
        print(report(f"{name}, now", result.scores))
        if result.classes:
            print(report_classes(result.classes))
    return 0


if __name__ == "__main__":
    sys.exit(main())
