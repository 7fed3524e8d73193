"""The query, stats and diff verbs on real packages."""

import shutil
import subprocess
import sys

import pytest

from pipeline import REPO_ROOT
from pipeline.diff import diff_packages, render
from pipeline.errors import InputError
from pipeline.query import run, stats


def _cli(*args):
    return subprocess.run([sys.executable, "-m", "pipeline", *map(str, args)], cwd=REPO_ROOT,
                          capture_output=True, text=True)


def test_query_reads_the_parquet_views(built_package):
    out = run(built_package, "SELECT deal_id, status FROM deals WHERE deal_id = 'russia-china-s-400-sale'")
    assert out.splitlines()[2].split() == ["russia-china-s-400-sale", "contract"]
    as_csv = run(built_package, "SELECT count(*) AS n FROM mentions", as_csv=True)
    assert as_csv.splitlines()[0] == "n" and int(as_csv.splitlines()[1]) > 100


@pytest.mark.parametrize("sql", ["DROP TABLE deals", "SELECT 1; SELECT 2", "COPY deals TO 'x.csv'", "SELEC 1"])
def test_query_refuses_anything_but_one_select(built_package, sql):
    with pytest.raises(InputError):
        run(built_package, sql)


def test_query_cli_exit_codes(built_package):
    ok = _cli("query", "SELECT count(*) AS n FROM sources", "--package", built_package)
    assert ok.returncode == 0 and ok.stdout.split()[-1] == "5"
    bad = _cli("query", "SELECT * FROM nowhere", "--package", built_package)
    assert bad.returncode == 2 and "nowhere" in bad.stderr


def test_stats_sections(built_package):
    text = stats(built_package)
    for title in ("rows per table", "deals by status", "statements by kind", "most mentioned actors"):
        assert f"{title}:" in text
    assert "sources      5" in text


def test_diff_reports_added_changed_removed(built_package, tmp_path):
    new = tmp_path / "new"
    shutil.copytree(built_package, new, ignore=shutil.ignore_patterns("*.duckdb"))
    csv_path = new / "data/csv/deals.csv"
    lines = csv_path.read_text(encoding="utf-8").splitlines()
    header, rows = lines[0], lines[1:]
    dropped = rows[0].split(",")[0]
    changed = rows[1].replace(",talks,", ",offer,", 1) if ",talks," in rows[1] else rows[1].replace(",1,", ",2,", 1)
    csv_path.write_text("\n".join([header, changed] + rows[2:]) + "\n", encoding="utf-8")
    diffs = diff_packages(built_package, new)
    assert diffs["deals"].removed == [dropped]
    assert list(diffs["deals"].changed) == [rows[1].split(",")[0]]
    assert diffs["sources"].empty
    assert f"removed `{dropped}`" in render(diffs, markdown=True)
    assert render(diff_packages(built_package, built_package)) == "no differences\n"


def test_changelog_entry_goes_on_top(built_package, tmp_path):
    from pipeline.diff import changelog_entry, prepend_entry

    changelog = tmp_path / "CHANGELOG.md"
    changelog.write_text("# Changelog\n\npreamble\n\n## 0.1.0 — first version\n\nfirst\n", encoding="utf-8")
    prepend_entry(changelog, changelog_entry(built_package, built_package))
    text = changelog.read_text(encoding="utf-8")
    from pipeline import __version__

    heading = f"## {__version__} (compared with {__version__})"  # the built package against itself
    assert text.index("preamble") < text.index(heading) < text.index("## 0.1.0 — first version")
    assert "no differences" in text


def test_versions_agree():
    import json
    import re

    from pipeline import __version__
    descriptor = json.loads((REPO_ROOT / "datapackage.json").read_text(encoding="utf-8"))
    citation = re.search(r"^version: (\S+)$", (REPO_ROOT / "CITATION.cff").read_text(encoding="utf-8"), re.M).group(1)
    assert descriptor["version"] == citation == __version__
    assert f"## {__version__}" in (REPO_ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
