"""Every lexicon row fires in its example sentence and not in its counterexample."""

import re
from functools import cache
from pathlib import Path

import pytest

from pipeline import LEXICON_DIR, lexicons, schemas, stages
from pipeline.assemble import assemble
from pipeline.boilerplate import find_zones
from pipeline.corpus import Source
from pipeline.extract.article import extract_article
from pipeline.extract.bylines import bylines
from pipeline.extract.deal_parties import demonym_regex
from pipeline.extract.discover import slug
from pipeline.pubdate import _labelled
from pipeline.registry import load_registry


_registry = cache(load_registry)


@cache
def _source(sentences: str) -> Source:
    """A one-paragraph article of `sentences`."""
    text = f"Arms trade news\n\n{sentences}\n"
    source = Source("lexicon-example", text, Path("lexicon-example.txt"))
    source.zones = find_zones(text)
    return source


@cache
def _facts(sentences: str):
    """What extraction finds in a one-paragraph article of `sentences`."""
    return extract_article(_source(sentences), _registry())


def _statuses(sentences: str) -> set[str]:
    """The statuses of the deals assembled from what extraction finds in `sentences`."""
    deals = assemble([_source(sentences)], [_facts(sentences)], _registry())["deals"]
    return set(deals["status"])


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
    # 'Users of the K9 howitzer include Poland, Norway and Estonia': a stage, and every buyer of a list
    "stage_phrases": lambda row, sentence: _stage_fires(row, sentence),
    # 'Egypt ordered 30 Rafale jets. The aircraft will be delivered ...': the class noun stands for the model
    "class_nouns": lambda row, sentence: f"the {row['noun']} " in sentence.lower() and _refers_back(sentence),
    # 'India bought the S-400 from Russia to counter China': China is named, and no party
    "bystander_cues": lambda row, sentence: _bystander_left_out(row, sentence),
    # 'Argentina signs for 24 used Danish F-16s': Denmark sells, not the F-16's maker's state
    "secondhand_markers": lambda row, sentence: _sold_on(sentence),
    # 'Kenya, a neighbour of Somalia, ordered six TB2 drones': the subject buys, not the state nearest the verb
    # '"...," said Sen. Ana Lee, a Democrat': the title's period ends neither the speaker's name nor the sentence
    "abbreviated_titles": lambda row, sentence: f" {row['abbreviation']} " in sentence
    and _last_speaker(sentence) == _named_after(sentence, row["abbreviation"]),
    # '(Reporting by Ana Lee; Editing by Tom Park)': each person of a byline is an actor of the article
    "byline_labels": lambda row, sentence: _credited(row, sentence),
    # 'Russia delivered the first S-400 systems to Turkey': an event of the type
    "event_types": lambda row, sentence: row["event_type"] in {e.event_type for e in _facts(sentence).events},
    # '... has completed the delivery of ...': a deal of that status; a status no rule derives is never reached
    "deal_stages": lambda row, sentence: (row["status"] in _statuses(sentence)) == (row["derived"] == "true"),
    "buying_verbs": lambda row, sentence: row["verb"] in sentence
    and {e.recipient_id for e in _facts(sentence).events} == set(row["buyers"].split("|")),
}


def _credited(row, sentence) -> bool:
    """The person the label names is found in the article, with the label's role."""
    named = [(name, role) for _, _, name, role in bylines(sentence, [(0, len(sentence))])
             if f"{row['label'].lower()} {name.lower()}" in sentence.lower()]
    found = {m.entity_id for m in _facts(sentence).mentions}
    return bool(named) and all(role == row["role"] and slug(name) in found for name, role in named)


def _sold_on(sentence) -> bool:
    events = _facts(sentence).events
    if not events:
        return False
    registry = _registry()
    origin = registry.state_by_country(registry.systems[events[0].system_id].row.get("origin_country"))
    return events[0].supplier_id not in (None, origin)


def _bystander_left_out(row, sentence) -> bool:
    """The sentence has events, and the state the cue marks is named but neither supplies nor receives."""
    facts = _facts(sentence)
    if row["side"] == "prefix":  # 'the pro-Russian opposition': the state of the demonym after the cue is no party
        pattern, table = demonym_regex(_registry())
        marked = {table[m.group(0)] for m in pattern.finditer(sentence) if sentence[:m.start()].endswith(row["cue"])}
        return bool(facts.events) and bool(marked) and all(
            not marked & {e.supplier_id, e.recipient_id} for e in facts.events)
    at = f"Arms trade news\n\n{sentence}".lower().find(row["cue"].lower())
    states = [m for m in facts.mentions if m.entity_type == "actor"
              and getattr(_registry().actors.get(m.entity_id), "kind", None) == "state"]
    marked = [m for m in states if m.start > at] if row["side"] == "before" else [m for m in states if m.end < at]
    if not facts.events or not marked:
        return False
    state = marked[0].entity_id if row["side"] == "before" else marked[-1].entity_id
    return all(state not in (e.supplier_id, e.recipient_id) for e in facts.events)


def _stage_fires(row, sentence) -> bool:
    events = [e for e in _facts(sentence).events if e.event_type == row["event_type"]]
    buyers = {e.recipient_id for e in events}
    return bool(events) and (len(buyers) >= 2 if row["lists_buyers"] == "true" else True)


def _refers_back(sentences: str) -> bool:
    """The last event's system is the model the first sentence names."""
    facts = _facts(sentences)
    first = next((m for m in facts.mentions if m.entity_type == "system"), None)
    return first is not None and bool(facts.events) and facts.events[-1].system_id == first.entity_id \
        and facts.events[-1].start > first.end


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
        key = re.sub(r"\(.*?\)", "", next(iter(row.values()))).replace(" * ", " ").split()[0].lower()
        assert key in row["counterexample"].lower(), f"{name}: the counterexample must hold the entry it tests"
        assert not FIRES[name](row, row["counterexample"]), f"{name}: {row} fires in its counterexample"


def test_a_lexicon_row_without_example_is_refused(tmp_path):
    (tmp_path / "words.csv").write_text("word,example,counterexample\nsaid,,\n", encoding="utf-8")
    from pipeline.errors import InputError

    with pytest.raises(InputError, match="line 2"):
        lexicons.load("words", tmp_path)


@pytest.mark.parametrize(("table", "column", "lexicon"), [("deal_events", "event_type", "event_types"),
                                                          ("deals", "status", "deal_stages")])
def test_schema_enum_equals_its_table(table, column, lexicon):
    """The Table Schema stays the source of truth for columns and types; the stage tables must agree with it."""
    field = next(f for f in schemas.fields(table) if f["name"] == column)
    assert schemas.enum(field) == list(lexicons.column(lexicon))


def test_stage_tables_agree_with_each_other():
    events, statuses = stages.event_types(), stages.deal_stages()
    assert sorted(stages.stage_rank().values()) == list(range(len(stages.stage_rank())))
    for status in statuses.values():
        assert status.needs <= set(events), status
        # the events a status needs reach it, or reach the stage a completed event turns into it
        assert all(events[e].stage == status.status or statuses[events[e].stage].when_completed == status.status
                   for e in status.needs), status
    for e in events.values():  # an asserted event of each type that reaches a stage is what that stage needs
        assert e.stage is None or e.name in statuses[e.stage].needs, e


def test_a_stage_table_with_a_bad_flag_is_refused(tmp_path):
    from pipeline.errors import InputError

    for name in ("event_types", "deal_stages"):
        (tmp_path / f"{name}.csv").write_text((LEXICON_DIR / f"{name}.csv").read_text(encoding="utf-8"),
                                              encoding="utf-8")
    text = (tmp_path / "event_types.csv").read_text(encoding="utf-8").replace(",true,", ",yes,", 1)
    (tmp_path / "event_types.csv").write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match="must be true or false"):
        stages.event_types(tmp_path)
