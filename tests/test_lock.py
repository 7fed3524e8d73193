"""Crashes and concurrency: what a killed build leaves is cleared by the next, one build writes an
output folder at a time, and the extraction cache survives a kill."""

import os
import shutil
import signal
import subprocess
import sys
import time

from pipeline import DEFAULT_SOURCES, REPO_ROOT
from pipeline.build import build
from pipeline.lock import output_lock
from pipeline.validate import validate_package


_BUILD_AND_COUNT = """
import sys
from pathlib import Path
from pipeline.build import build
t = {}
build(Path(sys.argv[1]), Path(sys.argv[2]), timings=t)
print(t["articles_cached"], t["articles_extracted"])
"""


def _cli(*args):
    return subprocess.Popen([sys.executable, "-m", "pipeline", *map(str, args)], cwd=REPO_ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _small_corpus(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    for sid in ("001_1696e651a10f4c03", "003_dcf083e96e20465f"):
        shutil.copy(DEFAULT_SOURCES / f"{sid}.txt", src / f"{sid}.txt")
    return src


def test_leftovers_of_killed_builds_are_removed_and_a_half_swap_given_back(tmp_path):
    src, out = _small_corpus(tmp_path), tmp_path / "out"
    build(src, out)
    (out / ".staging-dead1/data").mkdir(parents=True)
    (out / ".staging-dead1/data/x.csv").write_text("x\n", encoding="utf-8")
    (out / ".previous-dead2/data").mkdir(parents=True)
    os.replace(out / "data/views.sql", out / ".previous-dead2/data/views.sql")  # killed mid-swap
    (out / ".cache/extract/.deal_events.999.tmp").write_bytes(b"half")
    (out / ".staging-link").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    notices = []
    build(src, out, report=notices.append)
    assert not list(out.glob(".staging-dead*")) and not list(out.glob(".previous-*"))
    assert not (out / ".cache/extract/.deal_events.999.tmp").exists()
    assert (out / ".staging-link").is_symlink()  # not a folder a build made: left alone
    assert any("removed .previous-dead2, .staging-dead1" in n for n in notices)
    assert validate_package(out) == []


def test_second_build_waits_or_exits_2_with_no_wait(tmp_path):
    src, out = _small_corpus(tmp_path), tmp_path / "out"
    with output_lock(out):
        refused = _cli("build", "--sources", src, "--out", out, "--no-wait")
        _, err = refused.communicate(timeout=120)
        assert refused.returncode == 2 and "another build is writing" in err and "Traceback" not in err
        waiting = _cli("build", "--sources", src, "--out", out)
        line = waiting.stderr.readline()  # the first thing it says
        assert "waiting for it to finish" in line
        time.sleep(0.5)
        assert waiting.poll() is None and not (out / "datapackage.json").exists()
    stdout, err = waiting.communicate(timeout=300)
    assert waiting.returncode == 0, err
    assert (out / "datapackage.json").is_file()


def test_killed_build_leaves_the_package_and_the_cache(tmp_path):
    src, out = _small_corpus(tmp_path), tmp_path / "out"
    build(src, out)
    before = (out / "datapackage.json").read_bytes()
    (src / "new.txt").write_text("Russia delivered S-400 systems to India in 2021, Shugaev said on Monday.\n",
                                 encoding="utf-8")
    proc = _cli("build", "--sources", src, "--out", out)
    deadline = time.monotonic() + 120
    while not list(out.glob(".staging-*")) and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.01)
    assert proc.poll() is None, "the build finished before it could be killed"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert list(out.glob(".staging-*")) and (out / "datapackage.json").read_bytes() == before
    again = subprocess.run([sys.executable, "-c", _BUILD_AND_COUNT, str(src), str(out)], cwd=REPO_ROOT,
                           capture_output=True, text=True)  # a fresh process, as the killed build was
    assert again.returncode == 0, again.stderr
    assert again.stdout.split() == ["3", "0"]  # every article read from the killed build's cache
    assert not list(out.glob(".staging-*")) and not list(out.glob(".previous-*"))
    assert validate_package(out) == []
