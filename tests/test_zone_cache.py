"""The zone cache: zones found once per text are reused, and never across a change of the rules."""

from pipeline import DEFAULT_SOURCES, zone_cache
from pipeline.boilerplate import Zone
from pipeline.corpus import read_corpus


def test_saved_zones_are_reused_for_the_same_text(tmp_path):
    fresh = read_corpus(DEFAULT_SOURCES)
    zone_cache.save_known(tmp_path / "zones.pickle", fresh, {})
    known = zone_cache.load_known(tmp_path / "zones.pickle").zones
    assert known == {s.sha256: s.zones for s in fresh}
    again = read_corpus(DEFAULT_SOURCES, known)
    assert [(s.source_id, s.zones, s.text) for s in again] == [(s.source_id, s.zones, s.text) for s in fresh]
    # what is known is taken as it is, not found again
    first = fresh[0]
    marked = {**known, first.sha256: [Zone(0, len(first.text), "body")]}
    assert read_corpus(DEFAULT_SOURCES, marked)[0].zones == [Zone(0, len(first.text), "body")]


def test_zones_saved_under_other_rules_or_damaged_are_not_used(tmp_path, monkeypatch):
    path = tmp_path / "zones.pickle"
    zone_cache.save_known(path, read_corpus(DEFAULT_SOURCES), {})
    monkeypatch.setattr(zone_cache, "_rules_version", lambda: "other rules")
    assert zone_cache.load_known(path).zones == {}
    monkeypatch.undo()
    path.write_bytes(path.read_bytes()[:100])
    assert zone_cache.load_known(path).zones == {}
    assert zone_cache.load_known(tmp_path / "missing.pickle").zones == {}


def test_dates_and_signatures_are_kept_with_the_zones(tmp_path):
    from pipeline.duplicates import mark_duplicates

    fresh = read_corpus(DEFAULT_SOURCES)
    signatures = {}
    mark_duplicates(fresh, signatures)
    zone_cache.save_known(tmp_path / "texts.pickle", fresh, signatures)
    known = zone_cache.load_known(tmp_path / "texts.pickle")
    assert known.covers(fresh) and known.dates == {(s.sha256, s.url): s.stated_date for s in fresh}
    assert sorted(known.signatures) == sorted(signatures) and len(signatures) == len(fresh)
    again = read_corpus(DEFAULT_SOURCES, known.zones, known.dates)
    assert [s.stated_date for s in again] == [s.stated_date for s in fresh]
    assert mark_duplicates(again, known.signatures) == [] and len(known.signatures) == len(fresh)
