"""Release archives: everything a downloader needs, a checksum, and a check that unpacks and validates."""

import tarfile

import pytest

from pipeline.errors import InputError
from pipeline.release import build_archive, verify_archive


def test_archive_holds_the_package_and_verifies(built_package, tmp_path):
    archive = build_archive(built_package, tmp_path / "dist")
    names = tarfile.open(archive).getnames()
    stem = archive.name.removesuffix(".tar.gz")
    for member in ("datapackage.json", "data/csv/deals.csv", "data/parquet/deals/part-0.parquet", "data/arms.duckdb",
                   "data/views.sql", "data/texts/001_1696e651a10f4c03.txt"):
        assert f"{stem}/{member}" in names
    verify_archive(archive)


def test_tampered_archive_is_refused(built_package, tmp_path):
    archive = build_archive(built_package, tmp_path / "dist")
    data = bytearray(archive.read_bytes())
    data[-20] ^= 0xFF
    archive.write_bytes(bytes(data))
    with pytest.raises(InputError, match="sha256 does not match"):
        verify_archive(archive)
