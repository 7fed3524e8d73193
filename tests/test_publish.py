"""Publish: the package layout, byte-identical rebuilds, committed data not stale, atomic swap."""

import dataclasses
import hashlib
import json
import subprocess
import sys

import duckdb
import pytest

from pipeline import DEFAULT_SOURCES, REPO_ROOT, schemas
from pipeline.build import build
from pipeline.errors import InputError, ValidationFailed
from pipeline.publish import DB_FILE, PUBLISHED, VIEWS_FILE


def _digests(folder):
    """sha256 of every published file except the DuckDB file (not byte-stable by design)."""
    out = {}
    for rel in PUBLISHED:
        path = folder / rel
        files = sorted(path.rglob("*")) if path.is_dir() else [path]
        for f in files:
            if f.is_file() and f.name != "arms.duckdb":
                out[str(f.relative_to(folder))] = hashlib.sha256(f.read_bytes()).hexdigest()
    return out


def test_layout(built_package):
    for table in schemas.TABLES:
        assert (built_package / f"data/csv/{table}.csv").is_file()
        assert (built_package / f"data/parquet/{table}/part-0.parquet").is_file()
    assert len(list((built_package / "data/texts").glob("*.txt"))) == 5
    assert (built_package / DB_FILE).is_file() and (built_package / VIEWS_FILE).is_file()
    assert not list(built_package.glob(".staging-*")) and not list(built_package.glob(".previous-*"))


def test_descriptor(built_package):
    d = json.loads((built_package / "datapackage.json").read_text(encoding="utf-8"))
    assert d["$schema"] == "https://datapackage.org/profiles/2.0/datapackage.json"
    assert d["version"] and d["licenses"][0]["name"] == "CC-BY-4.0" and len(d["sources"]) == 5
    assert [r["name"] for r in d["resources"]] == list(schemas.TABLES)
    for res in d["resources"]:
        data = (built_package / res["path"]).read_bytes()
        assert res["bytes"] == len(data) and res["hash"] == "sha256:" + hashlib.sha256(data).hexdigest()
        assert res["schema"]["primaryKey"] == schemas.primary_key(res["name"])
        [alt] = res["alternates"]
        assert alt["format"] == "parquet" and (built_package / alt["path"]).is_file()


def test_parquet_is_typed_and_zstd(built_package):
    import pyarrow.parquet as pq
    for table in schemas.TABLES:
        f = pq.ParquetFile(built_package / f"data/parquet/{table}/part-0.parquet")
        assert f.schema_arrow.equals(schemas.arrow_schema(table))
        assert f.metadata.row_group(0).column(0).compression == "ZSTD"


def test_frictionless_cli_passes(built_package):
    cli = REPO_ROOT / ".venv/bin/frictionless"
    if not cli.exists():
        pytest.skip("frictionless CLI not in .venv")
    done = subprocess.run([str(cli), "validate", "datapackage.json"], cwd=built_package, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-2000:]


def test_rebuild_is_byte_identical(built_package, tmp_path):
    build(out=tmp_path)
    assert _digests(tmp_path) == _digests(built_package)


def test_committed_data_is_not_stale(built_package):
    """Fails when code, schemas or inputs changed and `make` was not re-run before committing."""
    committed = _digests(REPO_ROOT)
    fresh = _digests(built_package)
    stale = sorted(k for k in set(committed) | set(fresh) if committed.get(k) != fresh.get(k))
    assert not stale, f"committed package differs from a fresh build (run `make`): {stale[:10]}"


def test_duckdb_file_declares_keys_and_holds_every_row(built_package):
    con = duckdb.connect(str(built_package / DB_FILE), read_only=True)
    kinds = dict(con.sql("SELECT constraint_type, count(*) FROM duckdb_constraints() GROUP BY ALL").fetchall())
    assert kinds["PRIMARY KEY"] == len(schemas.TABLES)
    assert kinds["FOREIGN KEY"] == sum(len(schemas.foreign_keys(t)) for t in schemas.TABLES)
    for table in schemas.TABLES:
        n_csv = sum(1 for _ in open(built_package / f"data/csv/{table}.csv", encoding="utf-8")) - 1
        [(n_db,)] = con.sql(f'SELECT count(*) FROM "{table}"').fetchall()
        if table not in ("deal_events", "statements"):  # quoted fields may hold newlines
            assert n_db == n_csv, table
        assert n_db > 0
    con.close()


def test_duckdb_enforces_the_foreign_keys(built_package, tmp_path):
    import shutil
    copy = tmp_path / "copy.duckdb"
    shutil.copy(built_package / DB_FILE, copy)
    con = duckdb.connect(str(copy))
    with pytest.raises(duckdb.ConstraintException):
        con.execute("INSERT INTO deals SELECT * REPLACE ('nobody' AS supplier_id, 'x' AS deal_id) FROM deals LIMIT 1")
    with pytest.raises(duckdb.ConstraintException):
        con.execute("INSERT INTO deal_events SELECT * REPLACE ('no-deal' AS deal_id, 'x' AS event_id) FROM deal_events LIMIT 1")
    con.close()


def test_views_sql_works_from_any_directory(built_package, tmp_path):
    script = (
        "import duckdb, sys\n"
        "con = duckdb.connect()\n"
        f"con.execute(\"SET file_search_path = '{built_package}'\")\n"
        f"con.execute(open('{built_package / VIEWS_FILE}').read())\n"
        "print(con.sql(\"SELECT count(*) FROM deals d JOIN deal_events e USING (deal_id)\").fetchall()[0][0])\n"
    )
    done = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    con = duckdb.connect(str(built_package / DB_FILE), read_only=True)
    assert int(done.stdout) == con.sql("SELECT count(*) FROM deal_events").fetchall()[0][0]


def test_failed_build_leaves_published_package_untouched(built_package, tmp_path, monkeypatch):
    out = tmp_path / "pkg"
    build(out=out)
    before = _digests(out)
    db_before = (out / DB_FILE).read_bytes()
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "ok.txt").write_text("Russia delivered S-400 systems to Turkey in July 2019.", encoding="utf-8")
    (bad / "broken.txt").write_bytes(b"\xff\xfe\x00")
    with pytest.raises(InputError, match="broken.txt"):
        build(sources=bad, out=out)
    assert _digests(out) == before

    import pipeline.build as build_module
    monkeypatch.setattr(build_module, "validate_package", lambda folder, **options: ["rule: injected failure"])
    with pytest.raises(ValidationFailed, match="injected failure"):
        build(out=out)
    assert _digests(out) == before and (out / DB_FILE).read_bytes() == db_before
    assert not list(out.glob(".staging-*")) and not list(out.glob(".previous-*"))


def test_swap_rolls_back_when_a_move_fails(tmp_path, monkeypatch):
    import os

    from pipeline import publish
    out, staging = tmp_path / "out", tmp_path / "staging"
    for folder, tag in ((out, "old"), (staging, "new")):
        for rel in PUBLISHED:
            p = folder / rel
            if "." in p.name:
                p.parent.mkdir(parents=True, exist_ok=True)
                p.write_text(tag)
            else:
                p.mkdir(parents=True, exist_ok=True)
                (p / "f").write_text(tag)
    real_replace, calls = os.replace, []

    def flaky(src, dst):
        calls.append(dst)
        if len(calls) == 6:  # fail half-way through the swap
            raise OSError("disk full")
        return real_replace(src, dst)

    monkeypatch.setattr(publish.os, "replace", flaky)
    with pytest.raises(OSError, match="disk full"):
        publish.swap_in(staging, out)
    monkeypatch.setattr(publish.os, "replace", real_replace)
    for rel in PUBLISHED:
        p = out / rel
        assert (p.read_text() if p.is_file() else (p / "f").read_text()) == "old", rel


def test_a_large_corpus_is_named_by_its_sources_table_not_article_by_article(tmp_path):
    from pipeline import publish
    from pipeline.corpus import read_corpus

    articles = read_corpus(DEFAULT_SOURCES)
    assert len(publish.source_refs(articles)) == 5
    many = [dataclasses.replace(articles[i % 5], source_id=f"a{i:04d}") for i in range(publish.LISTED_SOURCES + 1)]
    [ref] = publish.source_refs(many)
    assert ref["path"] == "data/csv/sources.csv" and ref["title"].startswith(f"{publish.LISTED_SOURCES + 1} news articles")
