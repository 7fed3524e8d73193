"""Every corruption of the catalogue is caught, by the layer meant to catch it."""

import pytest

from pipeline.validate import mutations


@pytest.fixture(scope="module")
def results(built_package):
    return mutations.run(built_package)


def test_catalogue_is_large_and_distinct():
    names = [m.name for m in mutations.CATALOGUE]
    assert len(names) >= 25 and len(set(names)) == len(names)
    assert {m.layer for m in mutations.CATALOGUE} == {"schema", "rule", "expectation", "provenance"}


def test_every_corruption_is_caught_by_its_layer(results):
    missed = [(m.name, m.layer, problems[:2]) for m, problems in results if not mutations.caught(m, problems)]
    assert not missed
    assert len(results) == len(mutations.CATALOGUE)


def test_large_package_mode_catches_every_corruption_too(built_package):
    """Frictionless reading one row per table, DuckDB checking every row: nothing slips through."""
    results = mutations.run(built_package, full_frictionless_rows=0, sample_rows=1)
    missed = [(m.name, m.layer, problems[:2]) for m, problems in results if not mutations.caught(m, problems)]
    assert not missed


def test_each_mutation_is_caught_by_the_code_it_names(results):
    """The catalogue asserts codes, not wording: the problem with the mutation's code is reported."""
    for mutation, problems in results:
        hits = [p for p in problems if p.code == mutation.code]
        assert hits and all(p.layer == mutation.layer for p in hits), (mutation.name, [p.code for p in problems])
