"""Curated overrides: applied last, checked against the source, unmatched ones reported."""

import shutil

import pandas as pd
import pytest

from pipeline import DEFAULT_SOURCES
from pipeline.build import build
from pipeline.corpus import read_corpus
from pipeline.errors import InputError
from pipeline.overrides import COLUMNS, load_overrides

HEADER = ",".join(COLUMNS) + "\n"


@pytest.fixture()
def corpus_copy(tmp_path):
    folder = tmp_path / "corpus"
    shutil.copytree(DEFAULT_SOURCES, folder)
    return folder


def test_seed_overrides_are_applied_in_the_published_package(built_package):
    events = pd.read_csv(built_package / "data/csv/deal_events.csv")
    contract = events[events["evidence"].str.startswith("The contract for Turkey to acquire")
                      & (events["event_type"] == "contract")]
    assert contract["deal_id"].tolist() == ["russia-turkey-s-400-sale"]
    assert not events["evidence"].str.startswith("Joint projects in the field of aviation").any()
    talks = events[events["evidence"].str.contains("these talks might take")]
    assert talks["deal_id"].tolist() == ["russia-turkey-s-400-sale-batch-2"]


def test_unmatched_override_is_reported(corpus_copy, tmp_path):
    with open(corpus_copy / "overrides.csv", "a", encoding="utf-8") as fh:
        fh.write("no-such-event,deal_events,001_1696e651a10f4c03,Chemezov recalled,event_type=cancellation,"
                 "reject,,,testing an override that matches nothing\n")
    notices = []
    build(sources=corpus_copy, out=tmp_path / "out", report=notices.append)
    last_line = (corpus_copy / "overrides.csv").read_text(encoding="utf-8").count("\n")
    assert len(notices) == 1 and "no-such-event" in notices[0] and f"line {last_line}" in notices[0]


@pytest.mark.parametrize("line, message", [
    ("x1,deal_events,001_1696e651a10f4c03,words that are not in the article,,reject,,,r", "is not in source"),
    ("x1,deal_events,nope,Chemezov recalled,,reject,,,r", "is not an article of the corpus"),
    ("x1,deal_events,001_1696e651a10f4c03,Chemezov recalled,,delete,,,r", "action 'delete' is not one of"),
    ("x1,deal_events,001_1696e651a10f4c03,Chemezov recalled,,relabel,evidence,x,r", "cannot be relabelled"),
    ("x1,deal_events,001_1696e651a10f4c03,Chemezov recalled,,relabel,mode,probable,r", "value 'probable' for mode"),
    ("x1,deal_events,001_1696e651a10f4c03,Chemezov recalled,,reject,,,", "needs its evidence and a reason"),
    ("x1,sources,001_1696e651a10f4c03,Chemezov recalled,,reject,,,r", "table 'sources' is not one of"),
    ("X 1,deal_events,001_1696e651a10f4c03,Chemezov recalled,,reject,,,r", "is not a valid id"),
    ("x1,deal_events,001_1696e651a10f4c03,Chemezov recalled,,relabel,batch,two,r", "is not an integer"),
    ("x1,deal_events,001_1696e651a10f4c03,Chemezov recalled,,relabel,completed,yes,r", "is not true or false"),
    ("x1,deal_events,001_1696e651a10f4c03,Chemezov recalled,evnt_type=delivery,reject,,,r", "is not column=value"),
    ("x1,deal_events,001_1696e651a10f4c03,Chemezov recalled,,relabel,supplier_id,,r", "cannot be blank"),
])
def test_bad_override_is_refused_with_its_line(tmp_path, line, message):
    src = tmp_path / "src"
    shutil.copytree(DEFAULT_SOURCES, src)
    (src / "overrides.csv").write_text(HEADER + line + "\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_overrides(src, read_corpus(src))
    assert "overrides.csv:line 2" in str(err.value) and message in str(err.value)


def test_duplicate_override_id(tmp_path):
    src = tmp_path / "src"
    shutil.copytree(DEFAULT_SOURCES, src)
    row = "x1,deal_events,001_1696e651a10f4c03,Chemezov recalled,,reject,,,r\n"
    (src / "overrides.csv").write_text(HEADER + row + row, encoding="utf-8")
    with pytest.raises(InputError, match="line 3: duplicate override_id"):
        load_overrides(src, read_corpus(src))
