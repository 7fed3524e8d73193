"""Sentences: exact offsets, no split after abbreviations."""

from pipeline.boilerplate import find_zones
from pipeline.text import split_sentences


def _split(text):
    return [s.text(text) for s in split_sentences(text, find_zones(text))]


def test_abbreviations_do_not_end_sentences():
    text = "Then, on Nov. 24, 2015, Turkey shot down a jet. Turkey and the U.S. have been at odds. U.S. officials argued."
    assert _split(text) == ["Then, on Nov. 24, 2015, Turkey shot down a jet.",
                            "Turkey and the U.S. have been at odds.", "U.S. officials argued."]


def test_initials_do_not_end_sentences():
    text = "Air Force chief V.R. Chaudhari told reporters. George W. Bush agreed."
    assert _split(text) == ["Air Force chief V.R. Chaudhari told reporters.", "George W. Bush agreed."]


def test_sentences_end_after_closing_quotes():
    text = '"Such a practice is rare. But we go by the schedule," he said. Chemezov recalled it.'
    assert _split(text) == ['"Such a practice is rare.', 'But we go by the schedule," he said.', "Chemezov recalled it."]


def test_seed_sentences_slice_their_text(corpus):
    for s in corpus.values():
        sentences = split_sentences(s.text, s.zones)
        assert sentences, s.source_id
        for sent in sentences:
            piece = s.text[sent.start:sent.end]
            assert piece == piece.strip() and piece


def test_non_breaking_spaces_are_kept_in_offsets(corpus):
    s = corpus["003_dcf083e96e20465f"]
    texts = [x.text(s.text) for x in split_sentences(s.text, s.zones)]
    assert "Currently, Turkey's portfolio of orders for Russian-made equipment\u00a0is\u00a0about $1 billion." in texts
