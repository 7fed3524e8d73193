"""Great Expectations suites: stored canonically, loaded whole, and able to fail."""

import json

import pytest

from pipeline import schemas
from pipeline.tables import read_csv_table
from pipeline.validate import expectations


@pytest.mark.parametrize("table", schemas.TABLES)
def test_suite_is_stored_canonically_and_accepted_whole(table):
    stored = json.loads((expectations.SUITE_DIR / f"{table}.json").read_text(encoding="utf-8"))
    assert stored["name"] == table and stored["expectations"]
    assert expectations.suite_dict(table) == stored  # no random ids, nothing dropped


def test_an_invalid_expectation_is_not_silently_dropped(tmp_path, monkeypatch):
    spec = json.loads((expectations.SUITE_DIR / "deals.json").read_text(encoding="utf-8"))
    spec["expectations"].append({"type": "expect_column_values_to_be_purple", "kwargs": {"column": "status"}, "meta": {}})
    (tmp_path / "deals.json").write_text(json.dumps(spec), encoding="utf-8")
    monkeypatch.setattr(expectations, "SUITE_DIR", tmp_path)
    with pytest.raises(ValueError, match="GX accepted"):
        expectations.load_suite("deals")


def test_published_tables_meet_their_expectations(built_package):
    tables = {t: read_csv_table(built_package, t) for t in schemas.TABLES}
    assert expectations.check_expectations(tables) == []


def test_cross_table_parameters_are_enforced(built_package):
    tables = {t: read_csv_table(built_package, t) for t in schemas.TABLES}
    tables["deals"].loc[0, "recipient_id"] = "rostec"  # a company, not a state
    problems = expectations.check_expectations(tables)
    assert any(p.code == "expectation.expect_column_values_to_be_in_set" and "deals.recipient_id" in p.message
               and "rostec" in p.message for p in problems)
