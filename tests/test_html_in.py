"""HTML in: saved news pages are read with trafilatura; their text is stored and indexed, their
metadata fill sources where sources.csv is silent."""

import shutil
from pathlib import Path

import pytest

from pipeline.build import build
from pipeline.corpus import read_corpus
from pipeline.errors import InputError
from pipeline.html_in import read_html

FIXTURES = Path(__file__).parent / "fixtures" / "html"
PAGES = ("tass-s400-talks.html", "india-s400-deliveries.html")


@pytest.fixture()
def pages(tmp_path):
    folder = tmp_path / "pages"
    folder.mkdir()
    for name in PAGES:
        shutil.copy(FIXTURES / name, folder / name)
    return folder


def test_article_text_without_the_page_around_it():
    text, meta = read_html(FIXTURES / "tass-s400-talks.html")
    assert text.startswith("Russia and Turkey hold talks on second S-400 batch\n\n")
    assert "Dmitry Shugaev, said on Friday." in text
    assert "Shugaev said Russia was ready to discuss joint production." in text
    for chrome in ("cookies", "Accept all", "Subscribe", "Related stories", "India expects", "mark my words",
                   "All rights reserved", "newsletter", "Share on"):
        assert chrome not in text
    assert (meta.title, meta.site_name, meta.published) == (
        "Russia and Turkey hold talks on second S-400 batch", "Defence Wire", "2021-03-12")
    assert meta.url == "https://defencewire.example.com/news/2021/03/12/russia-turkey-s400-second-batch"


def test_page_metadata_fill_sources_where_sources_csv_is_silent(pages):
    (pages / "sources.csv").write_text("source_id,title,publisher,published,url\n"
                                       "india-s400-deliveries,Own headline,,2020-11,\n", encoding="utf-8")
    src = {s.source_id: s for s in read_corpus(pages)}
    tass, india = src["tass-s400-talks"], src["india-s400-deliveries"]
    assert (tass.title, tass.publisher, tass.published, tass.published_precision) == (
        "Russia and Turkey hold talks on second S-400 batch", "Defence Wire", "2021-03-12", "day")
    assert tass.url.startswith("https://defencewire.example.com/")
    assert (india.title, india.publisher, india.published, india.published_precision) == (
        "Own headline", "Asia Defence Review", "2020-11", "month")  # sources.csv wins where it speaks
    if hasattr(tass, "published_basis"):
        assert tass.published_basis == "metadata"


def test_a_folder_of_pages_builds_and_offsets_index_the_stored_text(pages, tmp_path):
    tables = build(pages, tmp_path / "out")
    stored = {sid: (tmp_path / "out/data/texts" / f"{sid}.txt").read_text(encoding="utf-8")
              for sid in tables["sources"]["source_id"]}
    assert set(stored) == {"tass-s400-talks", "india-s400-deliveries"}
    mentions = tables["mentions"]
    assert len(mentions) > 5
    for m in mentions.itertuples():
        assert stored[m.source_id][m.char_start:m.char_end] == m.surface
    assert set(tables["deal_events"]["source_id"]) == set(stored)
    assert "russia-india-s-400-sale" in set(tables["deals"]["deal_id"])


def test_page_without_article_text_is_bad_input():
    with pytest.raises(InputError, match="empty-page.html: HTML page yields no article text"):
        read_html(FIXTURES / "empty-page.html")


def test_same_id_as_txt_and_html_is_refused(pages):
    (pages / "tass-s400-talks.txt").write_text("Russia sold S-400 systems to India, officials said.\n",
                                               encoding="utf-8")
    with pytest.raises(InputError, match="two article files"):
        read_corpus(pages)
