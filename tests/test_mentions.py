"""Mentions: registry names, variants, capitals for states, role phrases; exact offsets."""

from pipeline.corpus import Source
from pipeline.boilerplate import find_zones
from pipeline.extract.mentions import find_mentions


def _found(facts, sid):
    return {(m.surface, m.entity_id, m.method) for m in facts[sid].mentions}


def test_typo_and_transliterations_resolve(facts):
    assert ("Antoly Isaykin", "anatoly-isaykin", "alias") in _found(facts, "000_708913dc424a46cc")
    assert ("Aleksandr Mikheev", "aleksandr-mikheev", "alias") in _found(facts, "002_39fa8a88ebccc618")
    assert ("Fikri Işık", "fikri-isik", "name") in _found(facts, "004_2e4f7278477f856a")


def test_capitals_stand_for_states_but_places_do_not(facts, corpus):
    found = _found(facts, "001_1696e651a10f4c03")
    assert ("Moscow", "russia", "metonym") in found and ("Ankara", "turkey", "metonym") in found
    text = corpus["000_708913dc424a46cc"].text
    moscow = text.index("central Moscow") + len("central ")
    assert not [m for m in facts["000_708913dc424a46cc"].mentions if m.start == moscow]
    # "Anadolu Agency in Moscow" is the place of the interview
    text1 = corpus["001_1696e651a10f4c03"].text
    place = text1.index("Agency in Moscow") + len("Agency in ")
    assert not [m for m in facts["001_1696e651a10f4c03"].mentions if m.start == place]


def test_role_phrases_resolve_to_people_named_in_the_article(facts):
    found = _found(facts, "003_dcf083e96e20465f")
    assert ("the head of the FSTMC", "dmitry-shugaev", "role_phrase") in found
    assert ("Shugaev", "dmitry-shugaev", "surname") in found
    assert ("the analyst", "aleksei-podberezkin", "role_phrase") in _found(facts, "002_39fa8a88ebccc618")


def test_role_phrase_needs_the_person_in_the_same_article(registry):
    text = "The Turkish president said nothing."
    source = Source("x", text, None, zones=find_zones(text))
    assert not [m for m in find_mentions(source, registry) if m.entity_id == "recep-tayyip-erdogan"]


def test_systems_and_generic_classes(facts):
    found = _found(facts, "001_1696e651a10f4c03")
    assert ("S-400", "s-400", "alias") in found
    assert ("anti-tank systems", "anti-tank-systems", "alias") in found
    assert ("air defense systems of various ranges", "air-defence-systems", "alias") in found
    assert ('S-400 "Triumph" anti-aircraft missile systems', "s-400", "alias") in _found(facts, "004_2e4f7278477f856a")


def test_boilerplate_is_not_mined(facts, corpus):
    text = corpus["004_2e4f7278477f856a"].text
    appeal = text.index("A Message from The Moscow Times")
    assert all(m.start < appeal for m in facts["004_2e4f7278477f856a"].mentions)


def test_every_mention_slices_its_text(facts, corpus):
    for sid, f in facts.items():
        assert f.mentions
        for m in f.mentions:
            assert corpus[sid].text[m.start:m.end] == m.surface
