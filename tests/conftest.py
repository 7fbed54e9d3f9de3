"""Shared fixtures: temporary project files, the real data beside the checkout."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parents[1]
REALDATA = REPO.parent / "shared" / "realdata"


@pytest.fixture(autouse=True)
def crash_logs(tmp_path_factory, monkeypatch):
    """Crash logs of the CLI's last line of defence go to a test folder, never the user's."""
    folder = tmp_path_factory.mktemp("crash-logs")
    monkeypatch.setenv("YUNZHAN_LOG_DIR", str(folder))
    return folder


@pytest.fixture
def project(tmp_path):
    """A new, empty project file on disk."""
    from assets.project import Project

    p = Project.create(tmp_path / "test.yunzhan")
    yield p
    p.close()


@pytest.fixture
def realdata() -> Path:
    """The openly licensed real data in ../shared/realdata (skips where it is absent)."""
    if not REALDATA.is_dir():
        pytest.skip(f"real test data not found at {REALDATA} (../shared is absent)")
    return REALDATA


@pytest.fixture
def run_cli():
    """Run the installed ``yunzhan`` command as a user would; returns the finished process."""
    exe = Path(sys.executable).with_name("yunzhan")

    def run(*args, input: str | None = None, timeout: float = 120, **kw) -> subprocess.CompletedProcess:
        return subprocess.run([str(exe), *map(str, args)], input=input, capture_output=True, text=True,
                              timeout=timeout, **kw)

    return run


# CI runs the generated tests derandomized, so a landing is judged on the same cases
# every time; run locally (no HYPOTHESIS_PROFILE) they explore new cases on each run.
from hypothesis import settings as _hypothesis_settings  # noqa: E402

_hypothesis_settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("HYPOTHESIS_PROFILE"):
    _hypothesis_settings.load_profile(os.environ["HYPOTHESIS_PROFILE"])
