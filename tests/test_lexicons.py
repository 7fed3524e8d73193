"""Every lexicon row fires in its example sentence and not in its counterexample."""

from functools import cache
from pathlib import Path

import pytest

from pipeline import LEXICON_DIR, lexicons
from pipeline.boilerplate import find_zones
from pipeline.corpus import Source
from pipeline.extract.article import extract_article
from pipeline.extract.discover import slug
from pipeline.pubdate import _labelled
from pipeline.registry import load_registry


@cache
def _facts(sentences: str):
    """What extraction finds in a one-paragraph article of `sentences`."""
    text = f"Arms trade news\n\n{sentences}\n"
    source = Source("lexicon-example", text, Path("lexicon-example.txt"))
    source.zones = find_zones(text)
    return extract_article(source, load_registry())


def _last_speaker(sentences: str) -> str | None:
    statements = _facts(sentences).statements
    return statements[-1].speaker_id if statements else None


def _first_actor(sentences: str) -> str | None:
    """The actor the sentences name first (the widest name starting there: 'The U.S. Embassy', not 'U.S.')."""
    actors = [m for m in _facts(sentences).mentions if m.entity_type == "actor"]
    return min(actors, key=lambda m: (m.start, -m.end)).entity_id if actors else None


def _named_after(sentence: str, word: str) -> str:
    """The two words after `word` in the sentence ('Mr. Kim Lee met ...', 'Mr.' -> 'kim-lee')."""
    return slug(" ".join(sentence.split(f"{word} ", 1)[1].split()[:2]))

# How a row of each lexicon is seen to fire in a sentence: the entry itself must be what finds it.
FIRES = {
    "publication_labels": lambda row, sentence: (found := _labelled(sentence)) is not None
    and sentence.lower().startswith(row["label"].lower()) and bool(found.date),
    # 'Ana Lee, a spokeswoman for X, spoke. The spokeswoman said ...': the role noun names Ana Lee
    "titles": lambda row, sentence: f"the {row['title']} said" in sentence.lower()
    and _last_speaker(sentence) == slug(sentence.split(",")[0]),
    # 'Mr. Kim Lee met Ms. Pat Morgan ... She said ...': the honorific gives the pronoun its person
    "honorifics": lambda row, sentence: f" {row['honorific']} " in f" {sentence}"
    and _last_speaker(sentence) == _named_after(sentence, row["honorific"]),
    # 'The embassy issued a statement. "...," the statement said': the body that issued it speaks
    "issuer_references": lambda row, sentence: f"{row['phrase']} said" in sentence.lower()
    and _last_speaker(sentence) is not None and _last_speaker(sentence) == _first_actor(sentence),
    # "China's embassy in Abuja said ... The embassy said ...": the body is found and named again by its noun
    "organisation_nouns": lambda row, sentence: _same_speaker_throughout(sentence)
    and _last_speaker(sentence).endswith(slug(row["noun"].replace("defense", "defence"))),
}


def _same_speaker_throughout(sentences: str) -> bool:
    speakers = [s.speaker_id for s in _facts(sentences).statements]
    return len(speakers) >= 2 and speakers[0] is not None and len(set(speakers)) == 1

CASES = [(name, row) for name in sorted(p.stem for p in LEXICON_DIR.glob("*.csv")) for row in lexicons.load(name)]


def test_every_lexicon_has_a_firing_rule():
    assert {name for name, _ in CASES} == set(FIRES)


@pytest.mark.parametrize(("name", "row"), CASES, ids=[f"{n}:{next(iter(r.values()))}" for n, r in CASES])
def test_row_fires_in_its_example(name, row):
    assert FIRES[name](row, row["example"]), f"{name}: {row} does not fire in its example"
    if row["counterexample"]:
        assert not FIRES[name](row, row["counterexample"]), f"{name}: {row} fires in its counterexample"


def test_a_lexicon_row_without_example_is_refused(tmp_path):
    (tmp_path / "words.csv").write_text("word,example,counterexample\nsaid,,\n", encoding="utf-8")
    from pipeline.errors import InputError

    with pytest.raises(InputError, match="line 2"):
        lexicons.load("words", tmp_path)
