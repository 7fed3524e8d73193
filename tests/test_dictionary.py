"""The data dictionary is generated from the Table Schemas and kept up to date."""

from pipeline import dictionary, schemas


def test_dictionary_is_up_to_date():
    assert dictionary.PATH.read_text(encoding="utf-8") == dictionary.render(), \
        "docs/data-dictionary.md is stale: run python -m pipeline.dictionary"


def test_every_column_is_documented():
    text = dictionary.render()
    for table in schemas.TABLES:
        assert f"## {table}" in text
        for field in schemas.fields(table):
            assert f"| `{field['name']}` | {field['type']} |" in text
            assert field.get("description"), f"{table}.{field['name']} has no description"
