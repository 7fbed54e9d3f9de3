"""Whole commands under hostile input: one command is one transaction, and every
command a message points to exists."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest

from assets.project import Project

REPO = Path(__file__).resolve().parents[3]


def test_importing_two_tables_keeps_neither_when_the_second_is_bad(run_cli, tmp_path):
    proj = tmp_path / "museum.yunzhan"
    Project.create(proj).close()
    good = tmp_path / "a.csv"
    good.write_text("accession,title\nA1,鼎\nA2,壶\n", encoding="utf-8")
    bad = tmp_path / "b.csv"
    bad.write_text("accession,title\nB1,瓶\nB2\n", encoding="utf-8")
    r = run_cli("import", proj, good, bad)
    assert r.returncode == 1 and r.stdout == ""  # nothing reported as imported
    assert r.stderr == (f"yunzhan: {bad}: row 3: 1 cells where the header has 2 (nothing was imported)\n")
    with Project.open(proj) as p:
        assert p.db.execute("SELECT count(*) FROM objects").fetchone()[0] == 0
        assert p.db.execute("SELECT count(*) FROM import_log").fetchone()[0] == 0
    r = run_cli("import", proj, good, tmp_path / "b-fixed.csv")
    assert r.returncode == 1  # a missing file is refused before anything is opened


def test_importing_a_table_and_a_broken_image_keeps_neither(run_cli, tmp_path):
    proj = tmp_path / "museum.yunzhan"
    Project.create(proj).close()
    table = tmp_path / "a.csv"
    table.write_text("accession,title\nA1,鼎\n", encoding="utf-8")
    image = tmp_path / "A1.jpg"
    image.write_bytes(b"\xff\xd8\xff\xe0 not really a jpeg")
    r = run_cli("import", proj, table, image)
    assert r.returncode == 1 and r.stdout == "" and r.stderr.startswith(f"yunzhan: {image}: ")
    with Project.open(proj) as p:
        assert p.db.execute("SELECT count(*) FROM objects").fetchone()[0] == 0


def _commands_named_in_messages() -> set[str]:
    found = set()
    for folder in ("assets", "scenes", "streaming", "studio"):
        for path in (REPO / folder).rglob("*.py"):
            for m in re.finditer(r"'yunzhan ((?:[a-z][a-z-]*)(?: [a-z][a-z-]*)?)", path.read_text(encoding="utf-8")):
                found.add(m.group(1))
    return found


def test_every_command_a_message_points_to_exists():
    from studio.cli import _register_commands, cli

    _register_commands()
    assert _commands_named_in_messages(), "the scan found no messages at all"
    for words in sorted(_commands_named_in_messages()):
        group: click.Command = cli
        first, *rest = words.split()
        command = cli.commands.get(first) if isinstance(cli, click.Group) else None
        assert command is not None, f"'yunzhan {words}' is named in a message but 'yunzhan {first}' does not exist"
        if rest and isinstance(command, click.Group):
            assert rest[0] in command.commands, f"'yunzhan {words}' is named in a message but does not exist"
