"""The project file: identity, migrations, WAL, locking, damaged files."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
import textwrap

import pytest

from assets.errors import ProjectBusy, ProjectError
from assets.project import APPLICATION_ID, Project, schema_version


def test_new_project_identifies_itself(project):
    db = project.db
    assert db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert project.schema == schema_version() >= 2
    assert project.integrity_check() == []


def test_create_refuses_to_overwrite(project):
    with pytest.raises(ProjectError, match="already exists"):
        Project.create(project.path)


def test_not_sqlite_is_refused(tmp_path):
    bad = tmp_path / "notes.yunzhan"
    bad.write_text("just some notes\n" * 50)
    with pytest.raises(ProjectError) as e:
        Project.open(bad)
    assert str(e.value) == f"{bad}: not a Yunzhan project (not an SQLite database)"


def test_other_sqlite_database_is_refused(tmp_path):
    other = tmp_path / "other.yunzhan"
    sqlite3.connect(other).execute("CREATE TABLE t(x)").connection.close()
    with pytest.raises(ProjectError, match="an SQLite database, but not a Yunzhan project"):
        Project.open(other)


def test_truncated_mid_page_is_refused_and_left_alone(project, tmp_path):
    from assets.catalog import Catalog, CatalogObject
    Catalog(project).upsert_many((f"r{i}", CatalogObject(f"A{i}", title_en="x" * 200)) for i in range(500))
    project.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    project.close()
    data = project.path.read_bytes()
    cut = tmp_path / "cut.yunzhan"
    cut.write_bytes(data[: len(data) // 2 + 100])
    before = cut.read_bytes()
    with pytest.raises(ProjectError, match=r"cut.yunzhan: damaged project file \(truncated mid-page"):
        Project.open(cut)
    cut_whole_pages = tmp_path / "cut2.yunzhan"
    cut_whole_pages.write_bytes(data[: 4096 * 3])
    with pytest.raises(ProjectError, match=r"damaged project file \(truncated: 12288 of \d+ bytes\)"):
        Project.open(cut_whole_pages)
    assert cut.read_bytes() == before


def test_newer_schema_is_refused(project):
    project.db.execute(f"PRAGMA user_version = {schema_version() + 1}")
    project.close()
    with pytest.raises(ProjectError, match=r"written by a newer Yunzhan \(schema \d+; this one knows up to \d+\)"):
        Project.open(project.path)


def test_migration_keeps_a_backup_copy(tmp_path):
    """An old project (schema 1) is upgraded in place after a copy is kept."""
    from assets.project import _connect

    old = tmp_path / "old.yunzhan"
    db = _connect(old)
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    import assets.project as ap
    first = ap.migrations()[:1]
    for number, name, sql in first:
        for statement in ap._statements(sql):
            db.execute(statement)
        db.execute(f"PRAGMA user_version = {number}")
    db.execute("INSERT INTO settings VALUES ('museum', '上海博物馆')")
    db.close()
    with Project.open(old) as p:
        assert p.schema == schema_version()
        assert p.get_setting("museum") == "上海博物馆"
    backup = tmp_path / "old.yunzhan.v1.bak"
    assert backup.exists()
    assert sqlite3.connect(backup).execute("PRAGMA user_version").fetchone()[0] == 1


def test_transaction_is_all_or_nothing(project):
    with pytest.raises(RuntimeError):
        with project.transaction() as db:
            db.execute("INSERT INTO settings VALUES ('a', '1')")
            raise RuntimeError("boom")
    assert project.get_setting("a") is None


def test_second_writer_is_told_project_is_open_elsewhere(project):
    """Another process holds the write lock: we wait, then say so clearly."""

    project.close()
    holder = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import sqlite3, sys, time
        db = sqlite3.connect({str(project.path)!r}, isolation_level=None)
        db.execute("BEGIN IMMEDIATE")
        db.execute("INSERT INTO settings VALUES ('held', '1')")
        print("locked", flush=True)
        sys.stdin.readline()
        db.execute("ROLLBACK")
    """)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        p = Project.open(project.path)
        p.db.execute("PRAGMA busy_timeout = 300")
        with pytest.raises(ProjectBusy) as e:
            p.set_setting("x", "1")
        assert e.value.user_text() == (f"{project.path}: open elsewhere (another program is writing to it) "
                                       "(wait for it to finish, then try again)")
    finally:
        holder.communicate("\n", timeout=10)
    p.set_setting("x", "1")  # once released, writing works and nothing was corrupted
    assert p.get_setting("x") == "1" and p.get_setting("held") is None
    assert p.integrity_check() == []
    p.close()


def test_sqlite3_tool_lists_media(project, tmp_path):
    """The media store is a standard SQLite Archive."""
    from assets.media_store import MediaStore

    sha = MediaStore(project).add_bytes(b"RIFF....WAVEfmt ", kind="audio", mime="audio/wav", ext="wav")
    project.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    sqlite3_tool = shutil.which("sqlite3")
    assert sqlite3_tool, "Debian's sqlite3 is installed by make test"
    listing = subprocess.run([sqlite3_tool, str(project.path), "-At"], capture_output=True, text=True, check=True)
    assert f"media/{sha}.wav" in listing.stdout.split()
    out = tmp_path / "x"
    out.mkdir()
    subprocess.run([sqlite3_tool, str(project.path), "-Ax"], cwd=out, check=True)
    assert (out / "media" / f"{sha}.wav").read_bytes() == b"RIFF....WAVEfmt "


def test_big_files_live_beside_the_project(project, tmp_path):
    from assets.media_store import MediaStore

    big = tmp_path / "long recording.mp4"
    big.write_bytes(b"\0\0\0\x18ftypmp42" + b"x" * 5000)
    store = MediaStore(project, external_threshold=1000)
    sha = store.add_file(big, kind="video", mime="video/mp4")
    info = store.info(sha)
    assert info.storage == "external" and info.size == big.stat().st_size
    assert store.read(sha) == big.read_bytes()
    assert (project.path.parent / "test.yunzhan.media" / f"{sha}.mp4").exists()
    assert project.db.execute("SELECT count(*) FROM sqlar WHERE name LIKE 'media/%'").fetchone()[0] == 0
