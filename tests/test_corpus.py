"""Ingest: texts stored exactly as read, metadata parsed with its precision, bad input refused."""

import hashlib
import os

import pytest

from pipeline import DEFAULT_SOURCES
from pipeline.corpus import read_corpus
from pipeline.errors import InputError

from .conftest import SEEDS


def test_seed_articles_are_stored_byte_for_byte(corpus):
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not beside this checkout")
    assert sorted(corpus) == sorted(p.stem for p in SEEDS.glob("*.txt"))
    for sid, source in corpus.items():
        raw = (SEEDS / f"{sid}.txt").read_bytes()
        assert source.text.encode("utf-8") == raw
        assert source.sha256 == hashlib.sha256(raw).hexdigest()


def test_metadata_precision_follows_reference(corpus):
    assert corpus["001_1696e651a10f4c03"].published == "2019-07-22"
    assert corpus["001_1696e651a10f4c03"].published_precision == "day"
    assert corpus["000_708913dc424a46cc"].published_precision == "month"
    assert corpus["004_2e4f7278477f856a"].url is None
    assert corpus["004_2e4f7278477f856a"].publisher == "The Moscow Times"


def test_metadata_file_is_optional(tmp_path):
    (tmp_path / "x1.txt").write_text("Turkey bought S-400 systems from Russia.", encoding="utf-8")
    [source] = read_corpus(tmp_path)
    assert (source.source_id, source.published, source.published_precision) == ("x1", None, "unknown")


@pytest.mark.parametrize("name, content, message", [
    ("bad-bytes.txt", b"Turkey \xff\xfe bought", "not valid UTF-8"),
    ("empty.txt", b"  \n\n", "article is empty"),
    ("Upper Case.txt", b"Some text.", "not a valid source id"),
    ("only-boilerplate.txt", b"Subscribe to our newsletter\n", "no body text"),
])
def test_bad_article_is_refused_with_file_name(tmp_path, name, content, message):
    (tmp_path / "good.txt").write_text("Russia delivered S-400 systems to Turkey.", encoding="utf-8")
    (tmp_path / name).write_bytes(content)
    with pytest.raises(InputError) as err:
        read_corpus(tmp_path)
    assert name in str(err.value) and message in str(err.value)


def test_utf8_error_names_line(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"line one\nline two \xc3\x28 here\n")
    with pytest.raises(InputError, match=r"a\.txt:line 2: not valid UTF-8 \(byte 0xc3 at byte offset 18\)"):
        read_corpus(tmp_path)


def test_path_escaping_the_folder_is_refused(tmp_path):
    outside = tmp_path / "outside.txt"
    outside.write_text("Russia sold S-400 systems to India.", encoding="utf-8")
    folder = tmp_path / "articles"
    folder.mkdir()
    os.symlink(outside, folder / "linked.txt")
    with pytest.raises(InputError, match="escapes the sources folder"):
        read_corpus(folder)


@pytest.mark.parametrize("csv_text, message", [
    ("source_id,title,publisher,url\na,,,\n", "missing: published"),
    ("source_id,title,publisher,published,url,extra\n", "unknown: extra"),
    ("source_id,title,publisher,published,url\na,,,2019-13,\n", "not a real date"),
    ("source_id,title,publisher,published,url\na,,,July 2019,\n", "is not YYYY, YYYY-MM or YYYY-MM-DD"),
    ("source_id,title,publisher,published,url\na,,,,\na,,,,\n", "line 3: duplicate source_id 'a'"),
    ("source_id,title,publisher,published,url\nb,,,,\n", "line 2: source_id 'b' has no article file"),
    ("source_id,title,publisher,published,url\na,,,,ftp//x\n", "not an http(s) address"),
])
def test_broken_metadata_is_refused_with_line(tmp_path, csv_text, message):
    (tmp_path / "a.txt").write_text("Russia sold S-400 systems to India.", encoding="utf-8")
    (tmp_path / "sources.csv").write_text(csv_text, encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_corpus(tmp_path)
    assert "sources.csv" in str(err.value) and message in str(err.value)


def test_missing_folder_and_empty_folder(tmp_path):
    with pytest.raises(InputError, match="does not exist"):
        read_corpus(tmp_path / "nope")
    with pytest.raises(InputError, match=r"no article files"):
        read_corpus(tmp_path)


def test_default_corpus_folder_holds_only_seeds_and_metadata():
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not beside this checkout")
    names = sorted(p.name for p in DEFAULT_SOURCES.iterdir())
    assert names == sorted([p.name for p in SEEDS.glob("*.txt")] + ["overrides.csv", "sources.csv"])
