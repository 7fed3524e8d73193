"""Duplicates at ingest: exact and near copies are found, kept in sources, and add no facts."""

import random
import re
import shutil

import pandas as pd

from pipeline import DEFAULT_SOURCES
from pipeline.boilerplate import find_zones
from pipeline.build import build
from pipeline.corpus import Source, read_corpus
from pipeline.duplicates import THRESHOLD, find_duplicates, jaccard, shingles

SEED = "001_1696e651a10f4c03"


def _source(sid, text):
    return Source(sid, text, None, zones=find_zones(text))


def _seed_text(sid=SEED):
    return (DEFAULT_SOURCES / f"{sid}.txt").read_text(encoding="utf-8")


def test_the_seed_articles_are_distinct(corpus):
    assert find_duplicates(corpus.values()) == []


def test_exact_copy_after_bom_and_line_end_normalisation():
    text = _seed_text()
    crlf = "\ufeff" + text.replace("\n", "\r\n")
    [d] = find_duplicates([_source("b-copy", crlf), _source("a-orig", text)])
    assert (d.source_id, d.duplicate_of, d.similarity) == ("b-copy", "a-orig", 1.0)


def test_syndicated_copy_with_another_header_and_footer_is_a_near_copy():
    text = _seed_text()
    syndicated = ("MOSCOW (Partner Newswire) - Distributed by the Partner Newswire syndication service.\n\n" + text
                  + "\n\nCopyright Partner Newswire. Republished with permission; all rights reserved.\n")
    [d] = find_duplicates([_source("x", text), _source("y", syndicated)])
    assert d.duplicate_of == "x" and THRESHOLD <= d.similarity < 1.0


def test_rewritten_paragraphs_and_other_stories_are_not_copies():
    text = _seed_text()
    rng = random.Random(3)
    swaps = ["India", "China", "Su-35", "2021"]
    varied = re.sub(r"\b(Turkey|Russia|S-400|2019|Chemezov)\b", lambda m: rng.choice(swaps), text)
    others = [_source(sid, _seed_text(sid)) for sid in ("002_39fa8a88ebccc618", "004_2e4f7278477f856a")]
    assert jaccard(shingles(text), shingles(varied)) < THRESHOLD
    assert find_duplicates([_source("a", text), _source("b", varied), *others]) == []


def test_kept_article_is_the_smallest_id_and_copies_point_at_it():
    text = _seed_text()
    found = find_duplicates([_source("c", text), _source("a", text + "\nOne more line.\n"), _source("b", text)])
    assert {(d.source_id, d.duplicate_of) for d in found} == {("b", "a"), ("c", "a")}


def _folder(tmp_path, name, files):
    folder = tmp_path / name
    folder.mkdir()
    for target, sid in files.items():
        shutil.copy(DEFAULT_SOURCES / f"{sid}.txt", folder / target)
    return folder


def test_copies_add_no_facts_and_n_sources_counts_stories(tmp_path):
    single = _folder(tmp_path, "one", {"a.txt": SEED, "c.txt": "003_dcf083e96e20465f"})
    doubled = _folder(tmp_path, "two", {"a.txt": SEED, "b.txt": SEED, "c.txt": "003_dcf083e96e20465f"})
    (doubled / "d.txt").write_text("SYNDICATED\n\n" + _seed_text("003_dcf083e96e20465f") + "\nEnd of story.\n",
                                   encoding="utf-8")
    alone, copied = build(single, tmp_path / "out1"), build(doubled, tmp_path / "out2")
    src = copied["sources"].set_index("source_id")
    assert src.loc["b", "duplicate_of"] == "a" and src.loc["b", "duplicate_similarity"] == 1.0
    assert src.loc["d", "duplicate_of"] == "c" and src.loc["d", "duplicate_similarity"] >= THRESHOLD
    assert pd.isna(src.loc["a", "duplicate_of"]) and pd.isna(src.loc["c", "duplicate_similarity"])
    assert (tmp_path / "out2/data/texts/b.txt").is_file()  # a copy's text is stored
    for table in ("deals", "deal_events", "statements", "mentions"):
        pd.testing.assert_frame_equal(alone[table].reset_index(drop=True), copied[table].reset_index(drop=True))
    assert not copied["deal_events"]["source_id"].isin(["b", "d"]).any()


def test_read_corpus_leaves_duplicates_unmarked(tmp_path):
    folder = _folder(tmp_path, "src", {"a.txt": SEED, "b.txt": SEED})
    assert [s.duplicate_of for s in read_corpus(folder)] == [None, None]  # marking is the build's step
