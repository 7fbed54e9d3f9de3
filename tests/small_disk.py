"""Real small and read-only file systems for tests of full disks and read-only folders.

A tmpfs is mounted at a folder of the test's own (``mount`` needs root, which the
test machines and CI containers have); where it cannot be mounted the test is
skipped with the reason. Nothing is simulated: the exporter meets the system's
own ENOSPC and EROFS.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
from pathlib import Path
from typing import Iterator

import pytest


@contextlib.contextmanager
def small_disk(folder: Path, size_bytes: int = 64 << 20) -> Iterator[Path]:
    """A tmpfs of ``size_bytes`` mounted at ``folder`` for the duration of the block."""
    folder.mkdir(parents=True, exist_ok=True)
    if os.name != "posix" or os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("a small real file system needs root and mount(8) (tmpfs); not available here")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size_bytes},mode=0755", "tmpfs", str(folder)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True)


def shrink_to_fit(folder: Path, spare: float = 0.5) -> None:
    """Shrink the tmpfs at ``folder`` to what it holds plus ``spare`` of that: the next
    copy of its content will not fit."""
    used = shutil.disk_usage(folder).used
    subprocess.run(["mount", "-o", f"remount,size={used + int(used * spare)}", str(folder)], check=True)


def make_read_only(folder: Path) -> None:
    subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` with its bytes, to show a package was left untouched."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}
