"""One build at a time per output folder, and what a killed build left behind cleared away.

A `filelock` lock (`<out>/.cache/build.lock`, an OS lock that dies with its process, even on kill -9) is
held for the whole build. Holding it, a build knows that any `.staging-*` or `.previous-*` folder in the
output folder belongs to an earlier build that was killed, and removes it: a `.previous-*` folder first
gives back any published path that is missing (a kill in the middle of the swap), so nothing is lost."""

from __future__ import annotations

import os
import shutil
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

from .errors import InputError

LOCK_FILE = ".cache/build.lock"
LEFTOVERS = (".staging-", ".previous-")  # prefixes of the temporary folders build.py and publish.swap_in make


class BuildLocked(InputError):
    """Another build holds the output folder and the caller would not wait."""


@contextmanager
def output_lock(out: Path, wait: bool = True, report=None):
    """Hold the output folder's build lock; wait for it (saying so) or raise BuildLocked."""
    path = Path(out) / LOCK_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = FileLock(path)
    try:
        lock.acquire(timeout=0)
    except Timeout:
        if not wait:
            raise BuildLocked(out, "another build is writing this output folder (--no-wait given)") from None
        (report or print)(f"another build is writing {out}; waiting for it to finish")
        lock.acquire()
    try:
        yield
    finally:
        lock.release()


def clear_leftovers(out: Path, published: tuple[str, ...], report=None) -> list[str]:
    """Remove the staging and backup folders of killed builds (call with the lock held); their names."""
    out = Path(out)
    removed = []
    for entry in sorted(out.iterdir()) if out.is_dir() else []:
        if not entry.name.startswith(LEFTOVERS) or entry.is_symlink() or not entry.is_dir():
            continue
        if entry.name.startswith(".previous-"):
            _give_back(entry, out, published)
        shutil.rmtree(entry, ignore_errors=True)
        removed.append(entry.name)
    _clear_temp_files(out / ".cache")
    if removed and report:
        report(f"removed {', '.join(removed)}: left in {out} by a build that did not finish")
    return removed


def _give_back(backup: Path, out: Path, published: tuple[str, ...]) -> None:
    """Published paths that a killed swap had moved aside and not replaced go back where they were."""
    for rel in published:
        if (backup / rel).exists() and not (out / rel).exists():
            (out / rel).parent.mkdir(parents=True, exist_ok=True)
            os.replace(backup / rel, out / rel)


def _clear_temp_files(cache: Path) -> None:
    """Half-written cache files (`.name.<pid>.tmp`) of killed builds; the files they were to replace stay."""
    if cache.is_dir():
        for tmp in cache.rglob(".*.tmp"):
            if tmp.is_file() and not tmp.is_symlink():
                tmp.unlink(missing_ok=True)
