"""Publication dates read from an article's head or URL when sources.csv gives none."""

import pytest

from pipeline import DEFAULT_SOURCES
from pipeline.build import build, date_summary
from pipeline.corpus import read_corpus
from pipeline.pubdate import find_publication_date

HEADLINE = "Turkey weighs second S-400 batch as US pressure mounts\n\n"


@pytest.mark.parametrize(("head", "date", "precision"), [
    ("ANKARA, March 3, 2021 (Reuters) - Turkey said on Wednesday", "2021-03-03", "day"),
    ("By Ayse Demir | Published 12 March 2021\n\nTurkey said on Wednesday", "2021-03-12", "day"),
    ("Updated: 2021-05-24 10:32 GMT\n\nThe ministry said", "2021-05-24", "day"),
    ("NEW DELHI, Turkey, June 4, 2020 — India said", "2020-06-04", "day"),
    ("Tuesday, 3 March 2020\n\nThe ministry said", "2020-03-03", "day"),
    ("Published March 2019\n\nThe ministry said", "2019-03", "month"),
])
def test_date_stated_at_the_head(head, date, precision):
    found = find_publication_date(HEADLINE + head + " it would buy more.\n", None)
    assert (found.date, found.precision, found.basis) == (date, precision, "text")


@pytest.mark.parametrize("head", [
    "MOSCOW, July 22 (Reuters) - Russia said",  # a dateline without a year: never a guessed year
    "Posted 04/06/2020\n\nThe ministry said",  # April or June: a blank is better than a guess
    "Published reports in 2019 said the deal was signed",
    "The deal, signed in December 2017, is worth $2.5 billion",  # a date in prose is an event's, not the article's
])
def test_no_date_where_the_head_states_none(head):
    assert find_publication_date(HEADLINE + head + "\n", None) is None


def test_date_path_in_the_url_and_text_before_url():
    url = "https://news.example.org/world/2021/05/24/turkey-s400-talks/"
    assert find_publication_date(HEADLINE + "The ministry said.\n", url).basis == "url"
    assert find_publication_date(HEADLINE + "The ministry said.\n", url).date == "2021-05-24"
    assert find_publication_date(HEADLINE + "Published 12 March 2021\n", url).basis == "text"
    assert find_publication_date(HEADLINE, "https://news.example.org/world/2021/05/turkey/") is None


def _folder(tmp_path, files: dict[str, str], metadata: str | None = None):
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    if metadata is not None:
        (folder / "sources.csv").write_text(metadata, encoding="utf-8")
    return folder


def test_undated_seed_folder_builds_and_says_what_is_undated(tmp_path):
    folder = _folder(tmp_path, {p.name: p.read_text(encoding="utf-8") for p in DEFAULT_SOURCES.glob("*.txt")})
    tables = build(folder, tmp_path / "out", cache=False)
    ev = tables["deal_events"]
    assert len(ev) > 20 and ev["event_date"].isna().any()
    assert set(ev.loc[ev["event_date"].isna(), "date_basis"]) == {"none"}
    assert set(tables["sources"]["published_basis"]) == {"none"}
    summary = date_summary(tables)
    assert summary[0] == "publication dates: 0 from metadata, 0 from text, 0 from url, 5 sources undated"
    assert summary[1].startswith(f"{ev['event_date'].isna().sum()} of {len(ev)} deal events undated")


def test_metadata_wins_over_the_text_and_the_build_says_so(tmp_path):
    text = HEADLINE + "ANKARA, March 3, 2021 (Reuters) - Turkey will buy a second batch of S-400 systems from " \
                      "Russia, Defence Minister Hulusi Akar said on Wednesday.\n"
    meta = "source_id,title,publisher,published,url\nakar,,,2021-04-01,\n"
    notices = []
    tables = build(_folder(tmp_path, {"akar.txt": text}, meta), tmp_path / "out", report=notices.append, cache=False)
    assert tables["sources"].loc[0, "published"] == "2021-04-01"
    assert tables["sources"].loc[0, "published_basis"] == "metadata"
    assert any("akar.txt" in n and "2021-03-03" in n and "2021-04-01" in n for n in notices)


def test_text_date_dates_the_events(tmp_path):
    text = HEADLINE + "ANKARA, March 3, 2021 (Reuters) - Turkey will buy a second batch of S-400 systems from " \
                      "Russia this year, Defence Minister Hulusi Akar said on Wednesday.\n"
    sources = read_corpus(_folder(tmp_path, {"akar.txt": text}))
    assert (sources[0].published, sources[0].published_basis) == ("2021-03-03", "text")
    tables = build(sources[0].path.parent, tmp_path / "out", cache=False)
    assert tables["deal_events"]["event_date"].notna().all()
