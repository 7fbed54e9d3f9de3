"""Broken storage: a read-only medium, a full disk, a damaged page, a dangling link.

The CLI is run as a user runs it. The read-only and full-disk cases need real mounts
(a read-only bind mount, a tiny tmpfs): they run as root and are skipped otherwise.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from assets.project import Project

ROWS = 400


def _csv(path: Path, rows: int = ROWS, prefix: str = "A") -> Path:
    lines = ["accession,title,description"] + [f"{prefix}{i},青铜鼎 {i},{'说明' * 40}" for i in range(rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _one_line(r: subprocess.CompletedProcess, code: int = 1) -> str:
    assert r.returncode == code, (r.returncode, r.stdout, r.stderr)
    assert "Traceback" not in r.stderr and r.stderr.count("\n") == 1, r.stderr
    return r.stderr.strip()


def _mount(*args: str) -> None:
    subprocess.run(["mount", *args], check=True, capture_output=True)


@pytest.fixture
def as_root():
    if os.geteuid() != 0:
        pytest.skip("needs root to mount a read-only bind mount and a tiny tmpfs")


@contextlib.contextmanager
def read_only_view(folder: Path, view: Path):
    view.mkdir()
    _mount("--bind", str(folder), str(view))
    try:
        _mount("-o", "remount,bind,ro", str(view))
        yield view
    finally:
        subprocess.run(["umount", str(view)], check=False)


@contextlib.contextmanager
def tiny_disk(where: Path, size: str = "600k"):
    where.mkdir()
    _mount("-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where))
    try:
        yield where
    finally:
        subprocess.run(["umount", str(where)], check=False)


def _fill(disk: Path, leave: int) -> None:
    """Fill ``disk`` up to ``leave`` free bytes."""
    stat = os.statvfs(disk)
    free = stat.f_bavail * stat.f_frsize
    (disk / "filler").write_bytes(b"\0" * max(0, free - leave))


# -- read-only medium -------------------------------------------------------------------
def test_a_project_on_a_read_only_medium_can_be_read_and_refuses_changes_in_one_line(
        as_root, run_cli, tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    proj = src / "museum.yunzhan"
    assert run_cli("new", proj).returncode == 0
    assert run_cli("import", proj, _csv(tmp_path / "objects.csv", 5)).returncode == 0
    with read_only_view(src, tmp_path / "ro") as ro:
        p = ro / "museum.yunzhan"
        for args in (("info", p), ("search", p, "青铜"), ("show", p, "A1"), ("check", p), ("live", "list", p),
                     ("export-csv", p, tmp_path / "out.csv")):
            r = run_cli(*args)
            assert r.returncode == 0 and "Traceback" not in r.stderr, (args, r.stderr)
        assert "objects: 5" in run_cli("info", p).stdout
        assert (tmp_path / "out.csv").read_text(encoding="utf-8").count("青铜鼎") == 5
        line = _one_line(run_cli("import", p, _csv(tmp_path / "more.csv", 3, "B")))
        assert line == (f"yunzhan: {p}: cannot save changes: the project is on a read-only disk or folder "
                        "(copy it to a writable folder to change it)")
        line = _one_line(run_cli("new", ro / "other.yunzhan"))
        assert line.startswith(f"yunzhan: {ro / 'other.yunzhan'}") and "read-only" in line.lower()
        line = _one_line(run_cli("export-csv", p, ro / "out.csv"))
        assert line == (f"yunzhan: {ro / 'out.csv'}: cannot write here (Read-only file system) "
                        "(choose a writable folder)")
        assert not list(ro.glob("*.creating*"))


# -- full disk ----------------------------------------------------------------------
def test_new_on_a_full_disk_says_so_and_leaves_nothing(as_root, run_cli, tmp_path):
    with tiny_disk(tmp_path / "disk") as disk:
        _fill(disk, 8 * 1024)
        line = _one_line(run_cli("new", disk / "museum.yunzhan"))
        assert line.startswith(f"yunzhan: {disk / 'museum.yunzhan'}: the disk is full")
        assert sorted(p.name for p in disk.iterdir()) == ["filler"]


def test_import_on_a_full_disk_reports_the_full_disk_not_a_failed_rollback(as_root, run_cli, tmp_path):
    with tiny_disk(tmp_path / "disk", "1m") as disk:
        proj = disk / "museum.yunzhan"
        assert run_cli("new", proj).returncode == 0
        _fill(disk, 64 * 1024)
        line = _one_line(run_cli("import", proj, _csv(tmp_path / "objects.csv", 2000)))
        assert line == (f"yunzhan: {proj}: the disk is full; this change was not saved "
                        "(free some space, then try again)")
        (disk / "filler").unlink()
        with Project.open(proj) as p:
            assert p.db.execute("SELECT count(*) FROM objects").fetchone()[0] == 0
            assert p.integrity_check() == []


def test_export_csv_to_a_full_disk_is_one_line(as_root, run_cli, tmp_path, project):
    project.close()
    assert run_cli("import", project.path, _csv(tmp_path / "objects.csv", 2000)).returncode == 0
    with tiny_disk(tmp_path / "disk", "64k") as disk:
        line = _one_line(run_cli("export-csv", project.path, disk / "out.csv"))
        assert line == (f"yunzhan: {disk / 'out.csv'}: the disk is full (No space left on device) "
                        "(free some space, then try again)")


# -- damaged pages (no root needed) -------------------------------------------------------
@pytest.fixture
def damaged(run_cli, tmp_path) -> Path:
    proj = tmp_path / "museum.yunzhan"
    assert run_cli("new", proj).returncode == 0
    assert run_cli("import", proj, _csv(tmp_path / "objects.csv", 1500)).returncode == 0
    size = proj.stat().st_size
    with proj.open("r+b") as f:
        for page in range(5, size // 4096, 7):
            f.seek(page * 4096 + 50)
            f.write(b"\xde\xad" * 200)
    return proj


def test_check_reports_damaged_pages_in_one_line_and_suggests_the_backup(run_cli, damaged):
    r = run_cli("check", damaged)
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert r.stdout == (f"{damaged}: damaged project file (database disk image is malformed); "
                        "restore it from a backup copy\n")


def test_check_names_the_backup_copy_when_there_is_one(run_cli, damaged):
    backup = damaged.with_name(damaged.name + ".v5.bak")
    backup.write_bytes(b"")
    r = run_cli("check", damaged)
    assert r.stdout.endswith(f"restore it from the backup copy {backup}\n")


@pytest.mark.parametrize("args", [("search", "{p}", "青铜"), ("export-csv", "{p}", "{out}")])
def test_other_commands_refuse_a_damaged_project_in_one_line(run_cli, damaged, tmp_path, args):
    values = {"p": damaged, "csv": _csv(tmp_path / "more.csv", 3, "B"), "out": tmp_path / "out.csv"}
    r = run_cli(*(a.format(**values) for a in args))
    line = _one_line(r)
    assert line.startswith(f"yunzhan: {damaged}: damaged project file (") and "backup copy" in line


# -- paths that are not what they seem (no root needed) ----------------------------------
def test_new_never_replaces_a_dangling_link(run_cli, tmp_path):
    link = tmp_path / "museum.yunzhan"
    link.symlink_to(tmp_path / "elsewhere" / "gone.yunzhan")
    line = _one_line(run_cli("new", link))
    assert line == f"yunzhan: {link}: a link to a missing file (choose another name or open it)"
    assert link.is_symlink()


def test_export_zip_path_that_is_a_folder_is_refused_before_any_work(run_cli, tmp_path, project):
    project.close()
    (tmp_path / "site.zip").mkdir()
    line = _one_line(run_cli("export", project.path, "--out", tmp_path / "site", "--zip"))
    assert line == (f"yunzhan: {tmp_path / 'site.zip'}: is a folder, so the zip cannot be written there "
                    "(move or rename that folder)")
    assert not (tmp_path / "site").exists()
