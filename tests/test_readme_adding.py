"""The README's section on adding your own articles, run exactly as written: its command block on a folder of
bare articles (no sources.csv, so no dates from metadata; one of them a syndicated copy)."""

import re
import shlex
import shutil
import subprocess

from pipeline import DEFAULT_SOURCES, REPO_ROOT


def _commands() -> list[str]:
    section = REPO_ROOT.joinpath("README.md").read_text(encoding="utf-8").split("## Adding articles", 1)[1]
    block = re.search(r"```sh\n(.*?)```", section, re.DOTALL).group(1)
    return [line.split("#", 1)[0].strip() for line in block.splitlines() if line.split("#", 1)[0].strip()]


def test_the_adding_articles_commands_run_as_written(tmp_path):
    articles = tmp_path / "articles"
    articles.mkdir()
    for path in sorted(DEFAULT_SOURCES.glob("*.txt")):
        shutil.copy(path, articles / path.name)
    first = sorted(articles.glob("*.txt"))[0]
    (articles / "copy-of-first.txt").write_text("Syndicated\n\n" + first.read_text(encoding="utf-8"),
                                                encoding="utf-8")
    commands = _commands()
    assert [c.split()[1] for c in commands] == ["build", "validate", "review", "query", "stats", "diff", "release"]
    old = tmp_path / "old"
    names = {"DIR": str(articles), "OUTDIR": str(tmp_path / "out"), "OLDDIR": str(old)}
    for command in [commands[0].replace("OUTDIR", "OLDDIR"), *commands]:
        argv = [names.get(a, a) for a in shlex.split(command)]
        argv[0] = str(REPO_ROOT / argv[0])  # '.venv/bin/arms-data', as the README says, from the repository
        done = subprocess.run(argv, cwd=tmp_path, capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, (command, done.stderr[-2000:])
        assert "Traceback" not in done.stderr
        if argv[1] == "build":
            assert "duplicate copy-of-first" in done.stdout and "6 sources undated" in done.stdout
    assert list((tmp_path / "dist").glob("*.tar.gz")) or list((REPO_ROOT / "dist").glob("*.tar.gz"))
