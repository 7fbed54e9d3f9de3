"""The ``yunzhan`` command line as a user runs it: exit codes and exact messages."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from assets.project import Project


def test_new_import_search_show_info(run_cli, tmp_path, realdata):
    proj = tmp_path / "museum.yunzhan"
    r = run_cli("new", proj)
    assert (r.returncode, r.stdout) == (0, f"created {proj}\n")
    csv_path = realdata / "collection" / "shanghai_museums_platforms_2020.gb18030.csv"
    r = run_cli("import", proj, csv_path, "--map", "展馆名称=title", "--save-map", "shanghai")
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines()[0] == f"{csv_path}: 21 records (21 new, 0 updated; encoding gb18030)"
    assert "mapping saved as 'shanghai'" in r.stdout
    r = run_cli("search", proj, "博物馆", "--limit", "3")
    assert r.returncode == 0 and len(r.stdout.splitlines()) == 3
    assert r.stderr.strip().endswith("first 3 shown")
    r = run_cli("search", proj, "鲁迅")
    accession, title, _ = r.stdout.splitlines()[0].split("\t")
    assert title == "上海鲁迅纪念馆"
    r = run_cli("show", proj, accession)
    assert r.returncode == 0 and "title 名称 (zh): 上海鲁迅纪念馆" in r.stdout and "微博粉丝量: 1742" in r.stdout
    r = run_cli("info", proj)
    assert "objects: 21" in r.stdout and f"schema: " in r.stdout


@pytest.mark.parametrize("args,message", [
    (("search", "{missing}", "x"), "yunzhan: {missing}: no such project file (create one with 'yunzhan new')"),
    (("import", "{proj}", "{tmp}/nothing.csv"), "yunzhan: {tmp}/nothing.csv: no such file or folder"),
    (("show", "{proj}", "NOPE"), "yunzhan: {proj}: no object 'NOPE'"),
    (("import", "{proj}", "{tmp}/notes.docx"), "yunzhan: {tmp}/notes.docx: unsupported file type .docx "
     "(records: .csv .tsv .json; media: images, audio, .glb/.gltf)"),
    (("search", "{notproj}", "x"), "yunzhan: {notproj}: not a Yunzhan project (not an SQLite database)"),
    (("export-csv", "{proj}", "{tmp}/no/such/folder/out.csv"),
     "yunzhan: {tmp}/no/such/folder/out.csv: cannot write (No such file or directory)"),
])
def test_user_errors_are_one_line_exit_1(run_cli, tmp_path, args, message):
    proj = tmp_path / "p.yunzhan"
    Project.create(proj).close()
    (tmp_path / "notes.docx").write_text("x")
    notproj = tmp_path / "notes.yunzhan"
    notproj.write_text("hello")
    fmt = dict(proj=proj, tmp=tmp_path, missing=tmp_path / "missing.yunzhan", notproj=notproj)
    r = run_cli(*(a.format(**fmt) for a in args))
    assert r.returncode == 1
    assert r.stderr == message.format(**fmt) + "\n"
    assert "Traceback" not in r.stderr


def test_usage_errors_exit_2(run_cli):
    r = run_cli("search")
    assert r.returncode == 2 and "Missing argument 'PROJECT'" in r.stderr
    assert run_cli("no-such-command").returncode == 2


def test_every_command_has_help(run_cli):
    from studio.cli import _register_commands, cli

    _register_commands()
    readme = (Path(__file__).resolve().parents[3] / "README.md").read_text(encoding="utf-8")
    for name, command in cli.commands.items():
        assert command.help, f"yunzhan {name} has no help text"
        assert f"yunzhan {name}" in readme, f"README does not mention 'yunzhan {name}'"
    r = run_cli("import", "--help")
    assert r.returncode == 0 and "--map COLUMN=FIELD" in r.stdout


def test_bad_rows_leave_the_project_unchanged(run_cli, tmp_path):
    proj = tmp_path / "p.yunzhan"
    Project.create(proj).close()
    good = tmp_path / "good.csv"
    good.write_text("accession,title\nA1,Bowl\n")
    assert run_cli("import", proj, good).returncode == 0
    before = sqlite3.connect(proj).execute("SELECT accession, title_en FROM objects").fetchall()
    bad = tmp_path / "bad.csv"
    bad.write_bytes("编号,名称\nB1,瓷瓶\nB2,铜镜,多\n".encode("gbk"))
    r = run_cli("import", proj, bad)
    assert r.returncode == 1
    assert r.stderr == f"yunzhan: {bad}: row 3: 3 cells where the header has 2 (nothing was imported)\n"
    assert sqlite3.connect(proj).execute("SELECT accession, title_en FROM objects").fetchall() == before


def test_check_reports_and_exits_nonzero_on_errors(run_cli, tmp_path):
    proj = tmp_path / "p.yunzhan"
    with Project.create(proj) as p:
        p.db.execute("INSERT INTO media(sha256, kind, mime, ext, size, storage) VALUES (?, 'image', 'image/jpeg', "
                     "'jpg', 10, 'sqlar')", ("a" * 64,))
    r = run_cli("check", proj)
    assert r.returncode == 1
    assert f"error: media aaaaaaaaaaaa: bytes missing from the archive" in r.stdout


def _rows_csv(path: Path, n: int) -> Path:
    with path.open("w", encoding="utf-8") as f:
        f.write("accession,title,maker,description\n")
        for i in range(n):
            f.write(f"K{i:06d},青花瓷碗 {i},Maker {i % 97},一件明代的青花瓷碗，口沿绘缠枝莲纹 {i}\n")
    return path


@pytest.mark.parametrize("kill_after_bytes", [64_000, 2_000_000])
def test_sigkill_mid_import_leaves_all_or_nothing(tmp_path, kill_after_bytes):
    proj = tmp_path / "p.yunzhan"
    Project.create(proj).close()
    rows = _rows_csv(tmp_path / "big.csv", 20_000)
    exe = Path(sys.executable).with_name("yunzhan")
    proc = subprocess.Popen([str(exe), "import", str(proj), str(rows)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    wal = Path(f"{proj}-wal")
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        if wal.exists() and wal.stat().st_size >= kill_after_bytes:
            break
        time.sleep(0.002)
    killed = proc.poll() is None
    if killed:
        os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert killed, "the import finished before it could be killed; raise the row count"
    with Project.open(proj) as p:
        assert p.integrity_check() == []
        n = p.db.execute("SELECT count(*) FROM objects").fetchone()[0]
        indexed = p.db.execute("SELECT count(*) FROM object_search").fetchone()[0]
        names = p.db.execute("SELECT count(*) FROM object_names WHERE object_names MATCH '\"青 花\"'").fetchone()[0]
    assert n in (0, 20_000) and indexed == names == n
