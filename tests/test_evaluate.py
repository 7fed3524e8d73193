"""The extraction holds its scores on the hand-annotated seeds (floors fail the build when they drop),
and the evaluation runs on the unseen set."""

import pytest

from pipeline import evaluate
from pipeline.registry import load_registry

# Floors at (or just under) the scores measured when they were set; raise them as extraction improves.
SEED_FLOORS = {
    "mentions (overlap, type and id)": (0.95, 0.95),
    "statements: span (overlap >= 0.5)": (1.0, 1.0),
    "statements: span and speaker": (1.0, 1.0),
    "quotes (direct+partial): span and speaker": (1.0, 1.0),
    "deal events: (supplier, recipient, system)": (0.92, 0.91),
    "deal events: + stage": (0.91, 0.92),
    "deal events: + stage and year": (0.91, 0.92),
}
# The unseen set was used for error analysis: floors sit under the measured scores (deal events
# 0.97-0.99 precision, 0.93-0.95 recall when set) and only catch a collapse.
UNSEEN_FLOORS = {
    "deal events: (supplier, recipient, system)": (0.90, 0.85),
    "deal events: + stage": (0.88, 0.85),
    "deal events: + stage and year": (0.85, 0.85),
    "statements: span (overlap >= 0.5)": (0.95, 0.95),
    "statements: span and speaker": (0.95, 0.95),
    "quotes (direct+partial): span and speaker": (0.95, 0.95),
}


@pytest.fixture(scope="module")
def seed_scores():
    return {s.name: s for s in evaluate.evaluate("seeds")}


@pytest.mark.parametrize("measure", SEED_FLOORS)
def test_seed_scores_do_not_drop(seed_scores, measure):
    precision, recall = SEED_FLOORS[measure]
    score = seed_scores[measure]
    assert score.precision >= precision and score.recall >= recall, evaluate.report("seeds", [score])


@pytest.fixture(scope="module")
def unseen_scores():
    return {s.name: s for s in evaluate.evaluate("unseen")}


@pytest.mark.parametrize("measure", UNSEEN_FLOORS)
def test_unseen_scores_do_not_drop(unseen_scores, measure):
    precision, recall = UNSEEN_FLOORS[measure]
    score = unseen_scores[measure]
    assert score.precision >= precision and score.recall >= recall, evaluate.report("unseen", [score])


def test_unseen_set_is_large_enough_and_scored(unseen_scores):
    scores = unseen_scores
    assert scores["mentions (overlap, type and id)"].n_gold >= 80
    assert scores["statements: span (overlap >= 0.5)"].n_gold >= 25
    assert scores["deal events: + stage"].n_gold >= 25
    assert scores["mentions (overlap, type and id)"].tp_gold > 0 and scores["deal events: + stage"].tp_gold > 0


def test_gold_ids_resolve_against_the_registry_as_it_is_now():
    ids = evaluate.GoldIds(load_registry())
    assert ids.resolve("") is None and ids.resolve("s-400") == ("id", "s-400")
    assert ids.resolve("?:S-400") == ("id", "s-400")  # a name the registry has come to know is its entity
    unknown = ids.resolve("?:Zyx-77 Quux launcher")
    assert unknown == ("new", "Zyx-77 Quux launcher")
    assert ids.matches(unknown, "zyx-77") and not ids.matches(unknown, "s-400") and not ids.matches(unknown, None)
    assert ids.matches(None, None) and not ids.matches(None, "s-400")
    assert ids.matches(ids.resolve("?"), "anything-new") and not ids.matches(ids.resolve("?"), "russia")


def test_matching_is_one_to_one():
    gold = [("a", (0, 5)), ("a", (0, 5))]
    pred = [("a", (0, 5))]
    score = evaluate._score("x", gold, pred, lambda g, p: g == p)
    assert (score.precision, score.recall) == (1.0, 0.5)


@pytest.mark.parametrize("set_name", ["heldout", "heldout2"])
def test_held_out_sets_extract_and_score(set_name):
    """Every held-out text goes through extraction (g01 once crashed discovery: a name whose span was
    taken left its surname behind) and every measure is scored against a non-empty gold."""
    scores = {s.name: s for s in evaluate.evaluate(set_name)}
    assert all(s.n_gold > 0 and s.n_pred > 0 for s in scores.values())


def test_a_quote_left_blank_after_an_unnamed_speakers_quote_continues_that_speaker():
    gold = [("a", (0, 10), "direct", None, True), ("a", (12, 20), "direct", None, False),
            ("b", (0, 10), "direct", "ana-lee", True), ("b", (12, 20), "direct", None, False)]
    got = evaluate._continued_anonymous(gold)
    assert [g[4] for g in got] == [True, True, True, False]  # only after an unnamed speaker; order kept
