"""The prefilter that skips regex scans: it must never reject a text its pattern matches."""

import importlib
import pkgutil
import re

import pytest

import pipeline.extract
from pipeline.corpus import read_corpus
from pipeline.evaluate import SETS
from pipeline.extract.deal_events import TRIGGERS
from pipeline.extract.prefilter import Prefiltered, WordFinder, fold, required_words
from pipeline.text import split_sentences


def _guarded() -> list[re.Pattern]:
    """Every pattern the extractors guard with a prefilter: the trigger patterns and the Prefiltered
    patterns of pipeline/extract/ (module-level, or in module-level lists of tuples)."""
    out = [pattern for _, pattern in TRIGGERS]
    for info in pkgutil.iter_modules(pipeline.extract.__path__):
        module = importlib.import_module(f"pipeline.extract.{info.name}")
        for value in vars(module).values():
            items = [x for row in value if isinstance(row, tuple) for x in row] if isinstance(value, list) else [value]
            out += [x.pattern for x in items if isinstance(x, Prefiltered)]
    return out


GUARDED = _guarded()


def _texts() -> list[str]:
    """Sentences and paragraphs of every gold set, as written, upper-cased and title-cased."""
    out = []
    for folder in dict.fromkeys(SETS.values()):
        for source in read_corpus(folder):
            pieces = [source.text[s.start:s.end] for s in split_sentences(source.text, source.zones)]
            pieces += [source.text[z.start:z.end] for z in source.zones if z.kind == "body"]
            out += [variant for piece in pieces for variant in (piece, piece.upper(), piece.title())]
    return out


@pytest.fixture(scope="module")
def texts():
    return _texts()


@pytest.mark.parametrize("pattern", GUARDED, ids=lambda p: p.pattern[:40])
def test_prefilter_admits_every_text_the_pattern_matches(pattern, texts):
    words = Prefiltered(pattern)
    assert words.words, "the pattern should need some words"
    missed = [t for t in texts if pattern.search(t) and not words.admits(fold(t))]
    assert missed == []


def test_required_words_spell_out_short_alternatives():
    assert required_words(re.compile(r"\bsen(?:d|t)\b", re.I)) == ("send", "sent")
    assert required_words(re.compile(r"(?<=jets )land(?:s|ed)?\s+(?:in|at)\b")) == ("land",)
    assert required_words(re.compile(r"\b(?:its|their)\s+\w+ (?-i:[A-Z])[a-z]+-(?:made|built)\b", re.I)) == \
        ("-built", "-made")
    assert required_words(re.compile(r"\btrain(?:s|ed)?\b|\bTraining")) == ("train",)


def test_no_words_when_an_alternative_needs_none():
    assert required_words(re.compile(r"offer|\w+\d")) is None
    assert required_words(re.compile(r"(?:the )?")) is None
    assert Prefiltered(re.compile(r"\d+|offer")).admits("nothing here")


def test_fold_matches_what_ignorecase_takes_for_ascii_letters():
    """Every character that IGNORECASE matches to an ASCII letter folds to that letter ('K' Kelvin
    sign, 'ſ' long s, 'İ' and 'ı')."""
    chars = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    for letter in "abcdefghijklmnopqrstuvwxyz":
        for m in re.finditer(letter, chars, re.IGNORECASE):
            assert fold(m.group(0)) == letter, (letter, m.group(0))


@pytest.mark.parametrize("index", range(len(TRIGGERS)), ids=[f"{t}-{i}" for i, (t, _) in enumerate(TRIGGERS)])
def test_narrowed_trigger_pattern_finds_the_same_matches(index, texts):
    from pipeline.extract.deal_events import _TRIGGER_WORDS

    full = TRIGGERS[index][1]
    scan = _TRIGGER_WORDS[index][1]
    top_level = [op for op, _ in re._parser.parse(full.pattern, full.flags)]
    assert scan._alternatives or re._constants.BRANCH not in top_level, "trigger patterns are split into alternatives"
    finder = WordFinder(scan.all_words)
    for text in texts:
        present = finder.present(fold(text))
        narrowed = scan.narrowed(present)
        got = [] if narrowed is None else [m.span() for m in narrowed.finditer(text)]
        assert got == [m.span() for m in full.finditer(text)], text
        assert [m.span() for m in scan.finditer_narrowed(present, text, 0, len(text))] == got, text


def test_alternatives_split_at_top_level_bars_only():
    from pipeline.extract.prefilter import _alternatives

    assert _alternatives(re.compile(r"\ba(?:b|c)|[|\]]d|e\|f|(?-i:G)h", re.I)) == [r"\ba(?:b|c)", r"[|\]]d", r"e\|f", "(?-i:G)h"]
    assert _alternatives(re.compile(r"(a)|b")) is None  # group numbers would shift
    assert _alternatives(re.compile(r"x(?:a|b)")) is None
    scan = Prefiltered(re.compile(r"\bdeliver\w*|\bship(?:ped|ping)\b|\bsen[dt]\b", re.I))
    narrowed = scan.narrowed(WordFinder(scan.all_words).present(fold("They SENT it")))
    assert narrowed.pattern == r"\bsen[dt]\b" and narrowed.flags & re.IGNORECASE


def test_word_finder_finds_every_word_that_occurs(texts):
    """Overlapping words and words that extend others ('deliver', 'delivery', 'fully delivered') too."""
    from pipeline.extract.deal_events import _TRIGGER_WORD_FINDER as finder

    assert finder.present("the fully delivered shipment") >= {"deliver", "shipment"}
    small = WordFinder(["ship", "shipment", "shipped", "hip", "men"])
    assert small.present("shipment") == {"ship", "shipment", "hip", "men"}
    assert small.present("") == set() and WordFinder([]).present("ship") == set()
    for text in texts:
        folded = fold(text)
        assert finder.present(folded) == {w for w in finder.words if w in folded}
