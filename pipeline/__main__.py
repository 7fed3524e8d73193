"""Command line (`arms-data` or `python -m pipeline`): build, validate, review, query, stats, diff, release. Exit 0 on success, 1 when validation
fails, 2 on bad input or usage."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import DEFAULT_PACKAGE, DEFAULT_SOURCES, IN_CHECKOUT, REGISTRY_DIR, REPO_ROOT
from .errors import InputError, ValidationFailed


_PACKAGE_HELP = "package folder (default: the repository, or the working directory when installed)"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="arms-data", description=__doc__.splitlines()[0])
    verbs = parser.add_subparsers(dest="verb", required=True)
    b = verbs.add_parser("build", help="build and publish a data package from a folder of articles")
    b.add_argument("--sources", type=Path, default=DEFAULT_SOURCES,
                   help="folder of <source_id>.txt articles and an optional sources.csv (default: the embedded corpus)")
    b.add_argument("--out", type=Path, default=None,
                   help="package folder to publish into (required with --sources; default: the repository)")
    b.add_argument("--registry", type=Path, default=REGISTRY_DIR, help="folder with actors.csv and systems.csv")
    b.add_argument("--workers", type=int, default=None, help="extraction processes (default: every core)")
    b.add_argument("--dask", metavar="ADDRESS", default=None,
                   help="extract on a Dask cluster: a scheduler address (tcp://host:8786) or 'local' for a LocalCluster")
    b.add_argument("--full-validation", action="store_true",
                   help="validate every row of the new package (default: rows that differ from the package in --out, "
                        "and whole-table checks over all rows)")
    b.add_argument("--no-wait", action="store_true",
                   help="exit 2 at once if another build is writing the same --out (default: wait for it)")
    v = verbs.add_parser("validate", help="run every validation layer on a built package")
    v.add_argument("folder", nargs="?", type=Path, default=DEFAULT_PACKAGE, help=_PACKAGE_HELP)
    r = verbs.add_parser("review", help="list discovered actors and systems that no curator has reviewed, with evidence")
    r.add_argument("folder", nargs="?", type=Path, default=DEFAULT_PACKAGE, help=_PACKAGE_HELP)
    q = verbs.add_parser("query", help="run one read-only SELECT over a package's tables")
    q.add_argument("sql", help="a SELECT statement over sources, actors, systems, deals, deal_events, statements, mentions")
    q.add_argument("--package", type=Path, default=DEFAULT_PACKAGE, help=_PACKAGE_HELP)
    q.add_argument("--csv", action="store_true", help="print CSV instead of a text table")
    st = verbs.add_parser("stats", help="summarise a package: rows, deals by status, events, statements, actors")
    st.add_argument("folder", nargs="?", type=Path, default=DEFAULT_PACKAGE, help=_PACKAGE_HELP)
    d = verbs.add_parser("diff", help="rows added, changed (which fields) and removed between two package versions")
    d.add_argument("old", type=Path, help="the earlier package folder")
    d.add_argument("new", type=Path, help="the later package folder")
    d.add_argument("--markdown", action="store_true", help="print a changelog entry in Markdown")
    d.add_argument("--changelog", type=Path, help="also add the entry to this CHANGELOG.md (newest first)")
    rl = verbs.add_parser("release", help="pack a package into a .tar.gz with a checksum, then unpack and validate it")
    rl.add_argument("--package", type=Path, default=DEFAULT_PACKAGE, help=_PACKAGE_HELP)
    rl.add_argument("--out", type=Path, default=DEFAULT_PACKAGE / "dist",
                    help="where to write the archive (default: dist/)")
    args = parser.parse_args(argv)
    try:
        if args.verb not in ("build", "validate"):  # validate reports a missing package as a problem
            for name in ("folder", "package", "old", "new"):
                if getattr(args, name, None) is not None:
                    _require_package(getattr(args, name))
        if args.verb == "build":
            from .build import build

            if args.out is None:
                if args.sources.resolve() != DEFAULT_SOURCES.resolve():
                    parser.error("--out is required with --sources (the repository's package is built from its own corpus)")
                if not IN_CHECKOUT:
                    parser.error("--out is required outside the repository (where to publish the package)")
                args.out = REPO_ROOT

            def run(executor=None):
                return build(args.sources, args.out, args.registry, workers=args.workers, executor=executor,
                             wait=not args.no_wait, full_validation=args.full_validation,
                             report=lambda line: print(f"warning: {line}", file=sys.stderr))

            if args.dask:
                from .cluster import dask_executor

                with dask_executor(args.dask, args.workers) as executor:
                    tables = run(executor)
            else:
                tables = run()
            print(f"published {args.out.resolve()}")
            for name, df in tables.items():
                print(f"  {name:<12} {len(df):>7} rows")
            from .build import date_summary

            print("\n".join(date_summary(tables)))
            from .duplicates import summary_lines

            print("\n".join(summary_lines(tables["sources"]) or ["no duplicate articles"]))
            return 0
        if args.verb in ("query", "stats"):
            from . import query

            print(query.run(args.package, args.sql, args.csv) if args.verb == "query" else query.stats(args.folder), end="")
            return 0
        if args.verb == "release":
            from .release import build_archive, verify_archive

            archive = build_archive(args.package, args.out)
            verify_archive(archive)
            print(f"wrote {archive} and {archive.name}.sha256; unpacked and validated")
            return 0
        if args.verb == "diff":
            from .diff import diff_packages, render

            print(render(diff_packages(args.old, args.new), args.markdown), end="")
            if args.changelog:
                from .diff import changelog_entry, prepend_entry

                prepend_entry(args.changelog, changelog_entry(args.old, args.new))
            return 0
        if args.verb == "review":
            from .review import unreviewed

            lines = unreviewed(args.folder)
            print("\n".join(lines) if lines else "nothing to review: every actor and system is curated")
            return 0
        from .validate import validate_package

        problems = validate_package(args.folder)
        if problems:
            print(f"{args.folder}: INVALID ({len(problems)} problems)", file=sys.stderr)
            for p in problems:
                print(f"  - {p}", file=sys.stderr)
            return 1
        print(f"{args.folder}: valid (Table Schemas, rules, expectations, provenance)")
        return 0
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except ValidationFailed as exc:
        print(f"error: the built package is not valid, nothing was published\n{exc}", file=sys.stderr)
        return 1


def _require_package(folder: Path) -> None:
    if not (Path(folder) / "datapackage.json").is_file():
        raise InputError(folder, "no datapackage.json: not a built package")


if __name__ == "__main__":
    sys.exit(main())
