"""Benchmark the full pipeline (extract, assemble, validate, publish) on synthetic corpora.

    python -m pipeline.bench [SIZE ...]      (default: 1000 10000 100000; `make bench`)

The corpora are drawn like real news (`synth.py`: 300-900 words, about 2.5 KB an article). Per size it
prints wall time, articles and MB of text per second, peak memory and the time of each stage; then the
default five-article build, the rebuild after adding one new article to the 10,000 corpus (caches and
the previous package in place), and each target of issue 16, met or missed. Figures go to
docs/performance.json, from which the README's performance section is generated. Each build runs in
its own process, so peak memory is its own.
"""

from __future__ import annotations

import json
import platform
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

from . import DEFAULT_SOURCES, REPO_ROOT

WORK = REPO_ROOT / "bench" / "out"
RESULTS = REPO_ROOT / "docs" / "performance.json"
README = REPO_ROOT / "README.md"
START, END = "<!-- performance:start -->", "<!-- performance:end -->"


def _one(sources: Path, out: Path, cache: bool) -> dict:
    """Run one build in this process and report its figures (called in a child process)."""
    from .build import build

    timings: dict = {}
    start = time.perf_counter()
    tables = build(sources, out, timings=timings, cache=cache)
    wall = time.perf_counter() - start
    from .validate.expectations import stop_worker

    stop_worker()  # so that the suites' worker process counts among the children measured below
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    text_bytes = sum(p.stat().st_size for p in Path(sources).glob("*.txt"))
    return {"wall_s": wall, "stages_s": {k: v for k, v in timings.items() if isinstance(v, float)},
            "articles_extracted": timings.get("articles_extracted"), "articles": len(tables["sources"]),
            "text_mb": text_bytes / 1e6, "peak_rss_mb": max(own, kids) / 1024,
            "rows": {name: len(df) for name, df in tables.items()}}


def _run(sources: Path, out: Path, cache: bool) -> dict:
    cmd = [sys.executable, "-m", "pipeline.bench", "--one", str(sources), str(out), "cache" if cache else "nocache"]
    done = subprocess.run(cmd, cwd=REPO_ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"benchmark build failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _describe(label: str, r: dict) -> str:
    stages = ", ".join(f"{k} {v:.1f}s" for k, v in r["stages_s"].items())
    return (f"{label:<28} {r['wall_s']:8.1f} s  {r['articles'] / r['wall_s']:8.0f} articles/s  "
            f"{r['text_mb'] / r['wall_s']:6.2f} MB/s  peak {r['peak_rss_mb']:7.0f} MB   ({stages})")


def run(sizes: list[int]) -> dict:
    from .synth import write_corpus

    WORK.mkdir(parents=True, exist_ok=True)
    results = {"machine": {"cores": __import__("os").cpu_count(), "python": platform.python_version()}, "sizes": {}}
    r = _run(DEFAULT_SOURCES, WORK / "pkg-default", cache=False)
    results["default_corpus"] = r
    print(_describe("default corpus (5 articles)", r), flush=True)
    for n in sizes:
        corpus = WORK / f"corpus-{n}"
        if not (corpus / "sources.csv").exists():
            write_corpus(n, corpus)
        shutil.rmtree(WORK / f"pkg-{n}", ignore_errors=True)  # from scratch; its caches serve the rebuild
        r = _run(corpus, WORK / f"pkg-{n}", cache=True)
        r["extract_mb_per_s_per_core"] = r["text_mb"] / r["stages_s"]["extract"] / results["machine"]["cores"]
        results["sizes"][str(n)] = r
        print(_describe(f"{n} articles", r), flush=True)
        if n == 10000:
            results["incremental_10000"] = _incremental(corpus, WORK / f"pkg-{n}")
            print(_describe("10000 + 1 article (rebuild)", results["incremental_10000"]), flush=True)
    results["targets"] = targets(results)
    for line in target_lines(results["targets"]):
        print(line, flush=True)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    write_readme_section(results)
    return results


def _incremental(corpus: Path, out: Path) -> dict:
    """Add one new article (drawn like the others, with its row in sources.csv) to a corpus whose package
    and caches are in `out`, and time the rebuild; the corpus is left as it was."""
    import random

    from .synth import _pieces, article

    extra, listing = corpus / "syn-extra-000001.txt", corpus / "sources.csv"
    before = listing.read_bytes()
    try:
        extra.write_text(article(random.Random(2024), _pieces(), "2024-03-14"), encoding="utf-8")
        listing.write_bytes(before + b"syn-extra-000001,,Synthetic benchmark article,2024-03-14,\n")
        return _run(corpus, out, cache=True)
    finally:
        extra.unlink(missing_ok=True)
        listing.write_bytes(before)


# Issue 16's targets: (name, figure, limit, unit)
def targets(results: dict) -> list[dict]:
    sizes, out = results["sizes"], []

    def add(name, value, limit, unit):
        out.append({"target": name, "value": value, "limit": limit, "unit": unit, "met": value <= limit})

    add("default five-article build", results["default_corpus"]["wall_s"], 5, "s")
    if "10000" in sizes:
        add(f"10,000 articles ({sizes['10000']['text_mb']:.0f} MB)", sizes["10000"]["wall_s"], 30, "s")
    if "incremental_10000" in results:
        add("+1 article, share of the full 10,000 build",
            100 * results["incremental_10000"]["wall_s"] / sizes["10000"]["wall_s"], 10, "%")
    if "100000" in sizes:
        add(f"100,000 articles ({sizes['100000']['text_mb']:.0f} MB)", sizes["100000"]["wall_s"], 300, "s")
        add("100,000 articles, peak memory", sizes["100000"]["peak_rss_mb"], 2048, "MB")
    for small, big in (("1000", "10000"), ("10000", "100000")):
        if small in sizes and big in sizes:
            add(f"linear: time of {big} / time of {small} articles", sizes[big]["wall_s"] / sizes[small]["wall_s"],
                11, "x")
    return out


def target_lines(found: list[dict]) -> list[str]:
    return [f"target {t['target']:<48} {t['value']:8.1f} {t['unit']:<2} (limit {t['limit']} {t['unit']}): "
            f"{'met' if t['met'] else 'MISSED'}" for t in found]


def write_readme_section(results: dict) -> None:
    lines = [START, "", "Measured by `make bench` on this project's machine "
             f"({results['machine']['cores']} cores, Python {results['machine']['python']}); "
             "figures from `docs/performance.json`.", "",
             "| build | articles | wall (s) | articles/s | MB/s | extraction MB/s per core | peak memory (MB) |",
             "|---|---|---|---|---|---|---|"]
    rows = [("default corpus", results["default_corpus"])] + \
        [(f"{n} news-length synthetic", r) for n, r in results["sizes"].items()]
    if "incremental_10000" in results:
        rows.append(("10000 + 1 new article (rebuild)", results["incremental_10000"]))
    for label, r in rows:
        per_core = r.get("extract_mb_per_s_per_core")
        lines.append(f"| {label} | {r['articles']} | {r['wall_s']:.1f} | {r['articles'] / r['wall_s']:.0f} | "
                     f"{r['text_mb'] / r['wall_s']:.2f} | {f'{per_core:.2f}' if per_core else '-'} | {r['peak_rss_mb']:.0f} |")
    lines += ["", "Time per stage (s):", "", "| build | " + " | ".join(results["default_corpus"]["stages_s"]) + " |",
              "|---|" + "---|" * len(results["default_corpus"]["stages_s"])]
    for label, r in rows:
        lines.append(f"| {label} | " + " | ".join(f"{v:.1f}" for v in r["stages_s"].values()) + " |")
    lines += ["", "Targets (issue 16):", "", "| target | measured | limit | |", "|---|---|---|---|"]
    for t in results.get("targets", []):
        lines.append(f"| {t['target']} | {t['value']:.1f} {t['unit']} | {t['limit']} {t['unit']} | "
                     f"{'met' if t['met'] else 'missed'} |")
    lines += ["", END]
    text = README.read_text(encoding="utf-8")
    if START in text and END in text:
        text = text[:text.index(START)] + "\n".join(lines) + text[text.index(END) + len(END):]
        README.write_text(text, encoding="utf-8")


def main(argv: list[str]) -> int:
    if argv and argv[0] == "--one":
        print(json.dumps(_one(Path(argv[1]), Path(argv[2]), argv[3] == "cache")))
        return 0
    run([int(a) for a in argv] or [1000, 10000, 100000])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
