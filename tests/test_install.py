"""The installed command: the wheel ships the schemas, suites, registry, lexicons, corpus and templates, so
`arms-data` builds and validates a folder of articles from any working directory, outside the repository.

The wheel is built from a copy of the repository's files (so no build/ folder lands in the work tree) and
installed without any package index: the temporary venv sees the project's dependencies through a .pth
file, the way `python -m venv --system-site-packages` would see a system's."""

import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from pipeline import DEFAULT_SOURCES, REPO_ROOT

FILES = ("pyproject.toml", "README.md", "LICENSE", "pipeline", "schemas", "data/registry", "data/lexicons",
         "data/corpus")


def _copy_project(dest: Path) -> Path:
    for rel in FILES:
        src = REPO_ROOT / rel
        if src.is_dir():
            shutil.copytree(src, dest / rel, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        elif src.exists():
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(src, dest / rel)
    return dest


def _run(*cmd, cwd):
    done = subprocess.run([str(c) for c in cmd], cwd=cwd, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, f"{cmd}: {done.stdout}\n{done.stderr}"
    return done


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """bin/ of a fresh venv with the project's wheel installed."""
    tmp = tmp_path_factory.mktemp("install")
    project = _copy_project(tmp / "project")
    _run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index", "-q",
         "-w", tmp / "wheels", project, cwd=tmp)
    [wheel] = (tmp / "wheels").glob("*.whl")
    venv = tmp / "venv"
    _run(sys.executable, "-m", "venv", "--system-site-packages", "--without-pip", venv, cwd=tmp)
    purelib = Path(sysconfig.get_paths(vars={"base": str(venv), "platbase": str(venv)})["purelib"])
    (purelib / "zz-project-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    _run(sys.executable, "-m", "pip", "--python", venv / "bin" / "python", "install", "--no-deps", "--no-index",
         "-q", wheel, cwd=tmp)
    return venv / "bin"


def test_wheel_carries_the_data_files(installed):
    done = _run(installed / "python", "-c", "import pipeline; print(pipeline.__file__, pipeline.IN_CHECKOUT, "
                "pipeline.SCHEMA_DIR, pipeline.REGISTRY_DIR)", cwd=installed)
    module, in_checkout, schemas, registry = done.stdout.split()
    assert not module.startswith(str(REPO_ROOT)) and in_checkout == "False"
    assert (Path(schemas) / "sources.json").is_file() and (Path(schemas) / "expectations" / "deals.json").is_file()
    assert (Path(registry) / "actors.csv").is_file()
    assert (Path(module).parent / "templates" / "explorer.html").is_file()


def test_installed_command_builds_and_validates_from_another_folder(installed, tmp_path):
    work = tmp_path / "elsewhere"
    (work / "articles").mkdir(parents=True)
    for sid in ("001_1696e651a10f4c03", "003_dcf083e96e20465f"):
        shutil.copy(DEFAULT_SOURCES / f"{sid}.txt", work / "articles" / f"{sid}.txt")
    shutil.copy(REPO_ROOT / "tests/fixtures/html/tass-s400-talks.html", work / "articles")
    arms = installed / "arms-data"
    built = _run(arms, "build", "--sources", "articles", "--out", "package", cwd=work)
    assert "published" in built.stdout
    _run(arms, "validate", "package", cwd=work)
    package = work / "package"
    assert (package / "docs" / "explorer.html").is_file()
    assert (package / "data" / "texts" / "tass-s400-talks.txt").is_file()
    stats = _run(arms, "stats", cwd=package)  # the working directory is the default package
    assert "sources" in stats.stdout
    _run(arms, "query", "--package", package, "SELECT count(*) FROM deals", cwd=work)
    _run(arms, "review", package, cwd=work)
    _run(arms, "diff", package, package, cwd=work)
    _run(arms, "release", "--package", package, "--out", work / "dist", cwd=work)
    default = _run(arms, "build", "--out", "seeds", cwd=work)  # the embedded corpus, shipped in the wheel
    assert "sources            5 rows" in default.stdout
