"""Inputs the seeds do not have: the rules hold on them, or the build refuses them clearly."""

import shutil
import subprocess
import sys

import pytest

from pipeline import DEFAULT_SOURCES, REGISTRY_DIR, REPO_ROOT
from pipeline.assemble import _status
from pipeline.boilerplate import find_zones
from pipeline.build import build
from pipeline.corpus import Source, read_corpus
from pipeline.errors import InputError
from pipeline.extract.article import extract_article
from pipeline.registry import load_registry


def _facts(text, registry, published="2021-06-15", precision="day"):
    source = Source("t", text, None, published=published, published_precision=precision, zones=find_zones(text))
    return source, extract_article(source, registry)


def test_sold_is_a_contract_and_values_stay_in_their_clause(registry):
    text = "Russia sold S-400 systems to India for $5 billion, while Turkey received Su-35 fighters."
    _, facts = _facts(text, registry)
    india = [e for e in facts.events if e.recipient_id == "india"]
    turkey = [e for e in facts.events if e.system_id == "su-35"]
    assert [(e.event_type, e.value_usd) for e in india] == [("contract", 5_000_000_000)]
    assert turkey and all(e.value_usd is None for e in turkey)


def test_event_names_and_years_are_not_systems(registry):
    text = "Rosoboronexport showed the Su-57 at Army-2020 and MAKS-2021 despite COVID-19, Mikheyev said."
    _, facts = _facts(text, registry)
    assert {m.surface for m in facts.mentions if m.entity_type == "system"} == {"Su-57"}


def test_relative_date_at_sentence_start(registry):
    _, facts = _facts("Last month, India signed a contract with Russia for S-400 systems.", registry)
    [e] = [e for e in facts.events if e.event_type == "contract"]
    assert (e.date.date, e.date.basis) == ("2021-05", "relative")


def test_speaker_does_not_carry_over_far_paragraphs(registry):
    text = ('"We will deliver the S-400 on time," Shugaev said.\n\n'
            "The talks went on for months.\n\n"
            "Analysts were divided.\n\n"
            '"This is a matter of national sovereignty for all of us."\n')
    _, facts = _facts(text, registry)
    last = [s for s in facts.statements if s.kind == "direct"][-1]
    assert last.speaker_id is None


def test_unclosed_quote_runs_to_the_paragraph_end_and_nothing_else(registry):
    text = ('Chemezov said: "We are ready to discuss new contracts with Ankara\n\n'
            'Turkey bought S-400 systems in 2017, the Kremlin said.\n')
    source, facts = _facts(text, registry)
    quotes = [source.text[s.start:s.end] for s in facts.statements if s.kind == "direct"]
    assert quotes == ["We are ready to discuss new contracts with Ankara"]
    assert [e for e in facts.events if e.event_type == "contract" and e.date and e.date.date == "2017"]


def test_crlf_article_keeps_exact_offsets(tmp_path, registry):
    (tmp_path / "crlf.txt").write_bytes(b'Russia delivered S-400 systems to India.\r\n\r\n"It is done," Shugaev said.\r\n')
    [source] = read_corpus(tmp_path)
    assert source.text.count("\r\n") == 3
    facts = extract_article(source, registry)
    for m in facts.mentions:
        assert source.text[m.start:m.end] == m.surface
    assert [source.text[s.start:s.end] for s in facts.statements if s.kind == "direct"] == ["It is done"]


def test_status_is_unknown_when_no_event_reaches_a_stage():
    threats = [{"event_type": "sanction_threat", "mode": "asserted", "completed": False},
               {"event_type": "contract", "mode": "denied", "completed": False},
               {"event_type": "cancellation", "mode": "expected", "completed": False}]
    assert _status(threats) == "unknown"
    assert _status(threats + [{"event_type": "offer", "mode": "hypothetical", "completed": False}]) == "offer"


@pytest.mark.parametrize("row, message", [
    ("zz,,person,RUS,,,,,,,", "name is required"),
    ("zz,Zed,person,RUS,,,,,,", "row has 10 fields, the header 11"),
])
def test_registry_rows_are_checked(tmp_path, row, message):
    folder = tmp_path / "registry"
    shutil.copytree(REGISTRY_DIR, folder)
    with open(folder / "actors.csv", "a", encoding="utf-8") as fh:
        fh.write("\n" + row + "\n")  # after a blank line: the message must still name the right line
    lines = (folder / "actors.csv").read_text(encoding="utf-8").count("\n")
    with pytest.raises(InputError, match=f"line {lines}: {message}"):
        load_registry(folder)


def test_registry_boolean_is_checked(tmp_path):
    folder = tmp_path / "registry"
    shutil.copytree(REGISTRY_DIR, folder)
    with open(folder / "systems.csv", "a", encoding="utf-8") as fh:
        fh.write("zz-1,ZZ-1,ZZ-1,,aircraft,,RUS,,yes,,\n")
    with pytest.raises(InputError, match="is_class 'yes' is not true or false"):
        load_registry(folder)


def test_sources_without_out_is_refused(tmp_path):
    done = subprocess.run([sys.executable, "-m", "pipeline", "build", "--sources", str(tmp_path)],
                          cwd=REPO_ROOT, capture_output=True, text=True)
    assert done.returncode == 2 and "--out is required with --sources" in done.stderr


def test_dangling_override_target_is_a_validation_error_not_a_crash(tmp_path):
    src = tmp_path / "src"
    shutil.copytree(DEFAULT_SOURCES, src)
    with open(src / "overrides.csv", "a", encoding="utf-8") as fh:
        fh.write("to-nowhere,deal_events,001_1696e651a10f4c03,Chemezov recalled,,relabel,supplier_id,atlantis,"
                 "a supplier that is not an actor\n")
    from pipeline.errors import ValidationFailed
    with pytest.raises(ValidationFailed, match="foreign-key"):
        build(src, tmp_path / "out")
    assert not (tmp_path / "out" / "datapackage.json").exists()


def test_same_named_bodies_of_two_states_stay_two_actors(registry):
    ids = []
    for text in ("Russia’s Defence Research Agency said the test was a success.",
                 "Turkey’s Defence Research Agency said the talks went on."):
        _, facts = _facts(text, registry)
        ids += [(e.id, e.parent_id) for e in facts.entities]
    assert ids == [("russia-defence-research-agency", "russia"), ("turkey-defence-research-agency", "turkey")]


def test_pronoun_needs_a_person_nearby(registry):
    filler = "The markets were calm and the weather was mild that week. " * 20
    text = f"Shugaev spoke about exports.\n\n{filler}\n\n\"We are ready for new contracts,\" he said.\n"
    _, facts = _facts(text, registry)
    [quote] = [s for s in facts.statements if s.kind == "direct"]
    assert quote.speaker_text == "he" and quote.speaker_id is None


def _cli(*args):
    return subprocess.run([sys.executable, "-m", "pipeline", *map(str, args)], cwd=REPO_ROOT,
                          capture_output=True, text=True)


def test_html_page_without_article_text_is_refused_naming_the_file(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    shutil.copy(DEFAULT_SOURCES / "001_1696e651a10f4c03.txt", src / "a.txt")
    shutil.copy(REPO_ROOT / "tests/fixtures/html/empty-page.html", src / "not-found.html")
    done = _cli("build", "--sources", src, "--out", tmp_path / "out")
    assert done.returncode == 2, done.stderr
    assert "not-found.html: HTML page yields no article text" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "out" / "datapackage.json").exists()


def test_folder_where_every_file_is_a_duplicate_builds_one(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    text = (DEFAULT_SOURCES / "001_1696e651a10f4c03.txt").read_bytes()
    copies = {"a.txt": text, "b.txt": b"\xef\xbb\xbf" + text, "c.txt": text.replace(b"\n", b"\r\n")}
    for name, data in copies.items():
        (src / name).write_bytes(data)
    done = _cli("build", "--sources", src, "--out", tmp_path / "out")
    assert done.returncode == 0, done.stderr
    assert "duplicate b of a (similarity 1.00)" in done.stdout and "duplicate c of a" in done.stdout
    events = (tmp_path / "out/data/csv/deal_events.csv").read_text(encoding="utf-8")
    assert ",a," in events and ",b," not in events and ",c," not in events
    assert _cli("validate", tmp_path / "out").returncode == 0
