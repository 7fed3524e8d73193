"""Validation catches corruption of a built package, in each layer."""

import json
import shutil

import pytest

from pipeline.validate import validate_package


@pytest.fixture()
def package(built_package, tmp_path):
    copy = tmp_path / "pkg"
    shutil.copytree(built_package, copy)
    return copy


def _edit_csv(folder, table, old, new, count=1):
    path = folder / f"data/csv/{table}.csv"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, count), encoding="utf-8")
    _refresh_hash(folder, table)


def _refresh_hash(folder, table):
    """Keep the descriptor's bytes/hash in step so the corruption itself is what is caught."""
    import hashlib
    d = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    for res in d["resources"]:
        if res["name"] == table:
            data = (folder / res["path"]).read_bytes()
            res["bytes"], res["hash"] = len(data), "sha256:" + hashlib.sha256(data).hexdigest()
    (folder / "datapackage.json").write_text(json.dumps(d, indent=2), encoding="utf-8")


def test_published_package_is_valid(built_package):
    assert validate_package(built_package) == []


def test_edited_quote_is_caught(package):
    _edit_csv(package, "statements", "We have been cooperating", "We have been co-operating")
    problems = validate_package(package)
    assert any("provenance: statements" in p and "text[" in p for p in problems)


def test_dangling_foreign_key_is_caught(package):
    _edit_csv(package, "deal_events", ",russia-china-s-400-sale,", ",russia-china-s-500-sale,")
    assert any("foreign-key" in p for p in validate_package(package))


def test_unknown_enum_value_is_caught(package):
    _edit_csv(package, "deals", ",delivered,", ",shipped,")
    assert any("constraint-error" in p and "status" in p for p in validate_package(package))


def test_text_hash_mismatch_is_caught(package):
    path = package / "data/texts/001_1696e651a10f4c03.txt"
    path.write_bytes(path.read_bytes().replace(b"MOSCOW", b"MOSKVA"))
    assert any("sha256" in p for p in validate_package(package))


def test_parquet_that_disagrees_with_csv_is_caught(package):
    shutil.copy(package / "data/parquet/actors/part-0.parquet", package / "data/parquet/systems/part-0.parquet")
    problems = validate_package(package)
    assert any("systems-" in p or "data/parquet/systems/part-0.parquet" in p for p in problems)


def test_stale_descriptor_hash_is_caught(package):
    path = package / "data/csv/sources.csv"
    path.write_bytes(path.read_bytes() + b"\n")
    assert any("hash-count" in p or "byte-count" in p for p in validate_package(package))


def test_rule_problems_carry_a_code_and_the_message_users_read(built_package):
    from pipeline import schemas
    from pipeline.tables import read_csv_table
    from pipeline.validate.rules import check_rules

    tables = {t: read_csv_table(built_package, t) for t in schemas.TABLES}
    assert check_rules(tables) == []
    deals = tables["deals"].copy()
    deals.loc[0, "recipient_id"] = deals.loc[0, "supplier_id"]
    deal_id = deals.loc[0, "deal_id"]
    problems = check_rules({**tables, "deals": deals})
    assert [(p.code, p.layer, p.table, p.row) for p in problems] == [
        ("rule.supplier-is-recipient", "rule", "deals", deal_id)]
    assert str(problems[0]) == problems[0].message == f"rule: deals: supplier differs from recipient: {deal_id}"
