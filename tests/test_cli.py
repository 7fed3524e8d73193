"""The command-line contract: build any folder, clear errors, exit codes, summary."""

import subprocess
import sys

from pipeline import REPO_ROOT


def run(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "pipeline", *map(str, args)], cwd=cwd or REPO_ROOT,
                          capture_output=True, text=True)


def test_build_a_users_folder(user_corpus, tmp_path):
    out = tmp_path / "out"
    done = run("build", "--sources", user_corpus, "--out", out)
    assert done.returncode == 0, done.stderr
    assert "statements" in done.stdout and "rows" in done.stdout
    assert sorted(p.name for p in (out / "data/texts").iterdir()) == ["aa-2019-07-22.txt", "dfnc-2020-06.txt"]
    csv = (out / "data/csv/deal_events.csv").read_text(encoding="utf-8")
    assert "aa-2019-07-22" in csv and "dfnc-2020-06" in csv
    assert run("validate", out).returncode == 0
    relative = run("validate", "out", cwd=tmp_path)  # a relative package folder
    assert relative.returncode == 0, relative.stderr


def test_unknown_names_in_a_new_article_do_not_break_the_build(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "new.txt").write_text(
        "India has received the first S-400 regiment from Russia, Defence Minister Rajnath Singh said on Monday.\n",
        encoding="utf-8")
    done = run("build", "--sources", src, "--out", tmp_path / "out")
    assert done.returncode == 0, done.stderr
    events = (tmp_path / "out/data/csv/deal_events.csv").read_text(encoding="utf-8")
    assert "russia-india-s-400-sale" in events


def test_bad_input_exits_2_naming_the_file(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.txt").write_text("Russia sold S-400 systems to India.", encoding="utf-8")
    (src / "sources.csv").write_text("source_id,title,publisher,published,url\na,,,2019-02-30,\n", encoding="utf-8")
    done = run("build", "--sources", src, "--out", tmp_path / "out")
    assert done.returncode == 2
    assert "sources.csv:line 2" in done.stderr and "not a real date" in done.stderr
    assert not (tmp_path / "out" / "datapackage.json").exists()


def test_validate_repository_package_and_missing_package(tmp_path):
    done = run("validate")
    assert done.returncode == 0, done.stderr
    assert "valid" in done.stdout
    missing = run("validate", tmp_path)
    assert missing.returncode == 1 and "no datapackage.json" in missing.stderr


def test_help_lists_the_verbs():
    done = run("--help")
    assert done.returncode == 0 and "build" in done.stdout and "validate" in done.stdout


def test_article_without_deals_or_quotes_still_publishes(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "plain.txt").write_text("Rosoboronexport opened an office in Ankara.\n", encoding="utf-8")
    out = tmp_path / "out"
    done = run("build", "--sources", src, "--out", out)
    assert done.returncode == 0, done.stderr
    assert (out / "data/csv/deals.csv").read_text(encoding="utf-8").count("\n") == 1  # header only
    assert "no deals in this package" in (out / "docs/img/supply-overview.svg").read_text(encoding="utf-8")
    assert run("validate", out).returncode == 0


def test_every_verb_names_a_missing_package(tmp_path):
    missing = tmp_path / "nothing-here"
    for args in (["review", missing], ["stats", missing], ["query", "SELECT 1", "--package", missing],
                 ["diff", missing, REPO_ROOT], ["release", "--package", missing, "--out", tmp_path / "dist"]):
        done = run(*args)
        assert done.returncode == 2 and f"{missing}: no datapackage.json" in done.stderr, (args, done.stderr)
