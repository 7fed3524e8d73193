"""README: the example queries are real. Each `<!-- query: name -->` block's output must equal
what the formatter renders from a package built by the current pipeline."""

from __future__ import annotations

import pytest

from pipeline import readme_queries as rq

README_TEXT = rq.README.read_text(encoding="utf-8")


def test_readme_has_at_least_six_query_blocks():
    names = [m["name"] for m in rq.find_queries(README_TEXT)]
    assert len(names) >= 6, names
    assert len(set(names)) == len(names), f"duplicate query names: {names}"


def test_every_marker_is_a_complete_block():
    """A marker whose sql/text fences are malformed would silently escape the check."""
    assert README_TEXT.count("<!-- query:") == len(rq.find_queries(README_TEXT))


@pytest.fixture(scope="module")
def fresh_outputs(built_package):
    return rq.outputs(README_TEXT, built_package / "data" / "arms.duckdb")


@pytest.mark.parametrize("name", [m["name"] for m in rq.find_queries(README_TEXT)])
def test_readme_query_output_is_current(fresh_outputs, name):
    in_readme, rendered = fresh_outputs[name]
    assert in_readme == rendered, (
        f"README output of query {name!r} is out of date; run `.venv/bin/python -m pipeline.readme_queries`")


def test_render_is_fixed_width_and_deterministic():
    text = rq.render(["a", "long_name", "c"], [(1, None, True), ("xyz", "v", False)])
    assert text == (
        "a    long_name  c\n"
        "---  ---------  -----\n"
        "1               true\n"
        "xyz  v          false\n"
    )
    assert all(line == line.rstrip() for line in text.splitlines())


def test_check_reports_mismatching_names(built_package, tmp_path, capsys):
    readme = tmp_path / "README.md"
    readme.write_text("<!-- query: one -->\n```sql\nSELECT 1 AS x;\n```\n```text\nstale\n```\n", encoding="utf-8")
    db = built_package / "data" / "arms.duckdb"
    assert rq.main(["--check", "--readme", str(readme), "--db", str(db)]) == 1
    assert "one" in capsys.readouterr().err
    assert rq.main(["--readme", str(readme), "--db", str(db)]) == 0
    assert readme.read_text(encoding="utf-8").endswith("```text\nx\n-\n1\n```\n")
    assert rq.main(["--check", "--readme", str(readme), "--db", str(db)]) == 0
