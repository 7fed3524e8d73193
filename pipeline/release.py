"""Release: pack a built package (descriptor, CSV, Parquet, DuckDB file, texts, docs) into one
archive with a checksum file, the way open datasets are downloaded, and check the archive by
unpacking and validating it.

    arms-data release [--package DIR] [--out DIR]
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import tarfile
import tempfile
from pathlib import Path

from .errors import InputError, ValidationFailed
from .publish import PUBLISHED
from .validate import validate_package

EXTRA_FILES = ("README.md", "LICENSE", "CITATION.cff", "CHANGELOG.md", "docs/data-dictionary.md")


def _members(package: Path) -> list[Path]:
    files = []
    for rel in (*PUBLISHED, *EXTRA_FILES):
        path = package / rel
        files += sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path] if path.exists() else []
    return files


def build_archive(package: Path, out: Path) -> Path:
    """Write <name>-<version>.tar.gz and its .sha256 into `out`; members sorted, times and owners zeroed."""
    package = Path(package).resolve()
    descriptor = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    stem = f"{descriptor['name']}-{descriptor['version']}"
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    archive = out / f"{stem}.tar.gz"
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for path in _members(package):
            info = tarfile.TarInfo(f"{stem}/{path.relative_to(package).as_posix()}")
            data = path.read_bytes()
            info.size, info.mtime, info.mode = len(data), 0, 0o644
            tar.addfile(info, io.BytesIO(data))
    with open(archive, "wb") as fh, gzip.GzipFile(fileobj=fh, mode="wb", mtime=0, filename="") as gz:
        gz.write(buf.getvalue())
    digest = hashlib.sha256(archive.read_bytes()).hexdigest()
    (out / f"{archive.name}.sha256").write_text(f"{digest}  {archive.name}\n", encoding="utf-8")
    return archive


def verify_archive(archive: Path) -> None:
    """Check the checksum, unpack into a temporary folder and validate the package; raise on failure."""
    archive = Path(archive)
    expected = (archive.parent / f"{archive.name}.sha256").read_text(encoding="utf-8").split()[0]
    if hashlib.sha256(archive.read_bytes()).hexdigest() != expected:
        raise InputError(archive, "sha256 does not match its .sha256 file")
    with tempfile.TemporaryDirectory() as tmp:
        with tarfile.open(archive, "r:gz") as tar:
            tar.extractall(tmp, filter="data")
        [root] = list(Path(tmp).iterdir())
        problems = validate_package(root)
        if problems:
            raise ValidationFailed(problems)
