"""Derived folders cached beside a project (cube tiles, deep-zoom tiles): built in a
temporary folder and renamed into place when complete, so that a cache folder is
whole or absent and re-using it only checks that its files are there."""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from pathlib import Path
from typing import Callable

from assets.errors import ProjectError
from assets.progress import Progress

STALE_BUILD_S = 3600


def cached_folder(root: Path, name: str, *, intact: Callable[[Path], bool], build: Callable[[Path], None],
                  done: str, what: str, up_to_date: str, progress: Progress) -> Path:
    """``root/name``, built now by ``build(tmp)`` unless ``intact(root/name)``.

    :param done: the file ``build`` writes last; a folder holding it is complete.
    :param what: the cache named in errors ("tile cache").
    :param up_to_date: the progress message when the folder is already there.
    :raises ProjectError: ``root`` cannot be written (disk full, read-only medium);
        nothing half-written is left.
    """
    final = root / name
    if intact(final):
        progress.start(1, up_to_date)
        progress.finish()
        return final
    if final.exists():  # tampered with or damaged (a 0-byte tile): rebuild it
        shutil.rmtree(final, ignore_errors=True)
    try:
        root.mkdir(parents=True, exist_ok=True)
        remove_stale_builds(root, name)
        tmp = Path(tempfile.mkdtemp(prefix=f".{name}.", dir=root))
    except OSError as e:
        raise ProjectError(f"{root}: cannot write the {what} ({e.strerror})") from None
    try:
        build(tmp)
        try:
            os.rename(tmp, final)
        except OSError:
            if not (final / done).is_file():  # another process finished first: keep its copy
                raise
            shutil.rmtree(tmp, ignore_errors=True)
    except OSError as e:
        shutil.rmtree(tmp, ignore_errors=True)
        raise ProjectError(f"{root}: cannot write the {what} ({e.strerror or e})") from None
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return final


def remove_stale_builds(root: Path, name: str) -> None:
    """Delete temporary build folders of ``name`` untouched for an hour."""
    # A build killed mid-way (power cut, SIGKILL) leaves its temporary folder behind;
    # builds take seconds, so one untouched for an hour is dead.
    for leftover in root.glob(f".{name}.*"):
        try:
            if time.time() - leftover.stat().st_mtime > STALE_BUILD_S:
                shutil.rmtree(leftover, ignore_errors=True)
        except OSError:
            pass
