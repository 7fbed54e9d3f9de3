"""The CLI's last line of defence: a bug becomes one line, the traceback goes to a file."""

from __future__ import annotations

import subprocess
import sys

import pytest

import studio.cli
from studio.cli import main


def _run(argv, capsys) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as stop:
        main(argv)
    out, err = capsys.readouterr()
    return stop.value.code, out, err


def test_a_command_made_to_fail_unexpectedly_prints_one_line_and_saves_the_traceback(
        tmp_path, monkeypatch, capsys, project):
    logs = tmp_path / "logs"
    monkeypatch.setenv("YUNZHAN_LOG_DIR", str(logs))

    def broken(*args, **kw):
        return {}["no such key"]  # a bug deep inside a library function

    import studio.cli.catalog as catalog_cli
    monkeypatch.setattr(catalog_cli, "count", broken)
    code, out, err = _run(["search", str(project.path), "瓷"], capsys)
    assert code == 1
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    saved = list(logs.glob("crash-*.log"))
    assert len(saved) == 1
    assert lines[0] == f"yunzhan: internal error: KeyError: 'no such key' — details saved to {saved[0]}"
    assert "Traceback" not in err
    text = saved[0].read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in text and "in broken" in text
    assert f"while: yunzhan search {project.path} 瓷" in text


def test_with_no_writable_log_folder_the_line_still_says_so(tmp_path, monkeypatch, capsys, project):
    (tmp_path / "file").write_text("not a folder")
    monkeypatch.setenv("YUNZHAN_LOG_DIR", str(tmp_path / "file" / "logs"))
    monkeypatch.setattr("tempfile.gettempdir", lambda: str(tmp_path / "file"))
    import studio.cli.catalog as catalog_cli
    monkeypatch.setattr(catalog_cli, "count", lambda *a, **k: 1 / 0)
    code, _, err = _run(["search", str(project.path), "x"], capsys)
    assert code == 1
    assert err == ("yunzhan: internal error: ZeroDivisionError: division by zero — details could not be saved "
                   "(no writable folder)\n")


def test_the_installed_command_never_shows_a_traceback(tmp_path):
    """Through the real console script, in a fresh process (nothing of pytest around it)."""
    script = ("import studio.cli.catalog as c, studio.cli as cli\n"
              "c.count = lambda *a, **k: [][1]\n"
              "cli.main(['search', sys.argv[1], 'x'])\n")
    from assets.project import Project
    Project.create(tmp_path / "p.yunzhan").close()
    checkout = str(studio.cli.__file__).rsplit("/studio/", 1)[0]
    env = {"YUNZHAN_LOG_DIR": str(tmp_path / "logs"), "PATH": "/usr/bin:/bin", "PYTHONPATH": checkout}
    r = subprocess.run([sys.executable, "-c", "import sys\n" + script, str(tmp_path / "p.yunzhan")],
                       capture_output=True, text=True, env=env, timeout=60)
    assert r.returncode == 1
    assert r.stderr.startswith("yunzhan: internal error: IndexError: list index out of range — details saved to ")
    assert r.stderr.count("\n") == 1
