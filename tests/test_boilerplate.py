"""Site boilerplate and photo credits are set apart; the body keeps every reported sentence."""

from pipeline.boilerplate import find_zones


def _lines(source, kind):
    return [source.text[z.start:z.end] for z in source.zones if z.kind == kind]


def test_moscow_times_appeals_are_boilerplate(corpus):
    s = corpus["004_2e4f7278477f856a"]
    boiler = _lines(s, "boilerplate")
    assert "Enjoying ad-free content?" in boiler
    assert any(line.startswith("We are facing unprecedented challenges") for line in boiler)
    assert boiler[-1] == "Read more"
    body = _lines(s, "body")
    assert body[0] == "Turkey In Talks to Purchase Russia's Newest Missile System"
    assert body[-1].startswith("State weapons exporter Rosoboronexport has declined to comment")
    assert _lines(s, "credit") == ["Andrei Makhonin / Vedomosti"]


def test_comment_widget_and_agency_notice_are_boilerplate(corpus):
    assert _lines(corpus["002_39fa8a88ebccc618"], "boilerplate")[0] == "Subscribe to our newsletter"
    assert _lines(corpus["001_1696e651a10f4c03"], "boilerplate")[0].startswith("Anadolu Agency website contains")
    assert _lines(corpus["003_dcf083e96e20465f"], "boilerplate") == ["Our partners"]


def test_photo_caption_is_a_credit(corpus):
    [caption] = _lines(corpus["000_708913dc424a46cc"], "credit")
    assert caption.endswith("May 7, 2015. Reuters")


def test_zones_never_overlap_and_exclude_surrounding_space(corpus):
    for s in corpus.values():
        ends = 0
        for z in s.zones:
            assert z.start >= ends and s.text[z.start:z.end] == s.text[z.start:z.end].strip()
            ends = z.end


def test_article_without_furniture_is_all_body():
    text = "Russia and India signed a contract.\n\nDeliveries began in 2021."
    assert [z.kind for z in find_zones(text)] == ["body", "body"]
