"""What every ``yunzhan`` command shares: opening a project, the progress bar."""

from __future__ import annotations

import contextlib
import sqlite3
import sys
from pathlib import Path
from typing import Iterator

import click

from assets.progress import Progress, ProgressEvent
from assets.project import Project
from assets.storage_errors import project_storage_error


@contextlib.contextmanager
def opened(path: str | Path, *, readonly: bool = False) -> Iterator[Project]:
    """Open a project for one command and close it afterwards.

    ``readonly`` for commands that only read (they then work on a read-only medium).
    A storage failure met on the way (disk full, read-only, damaged page, locked)
    becomes one :class:`~assets.storage_errors.StorageError` naming the project.
    """
    project = Project.open(path, readonly=readonly)
    try:
        yield project
    except sqlite3.Error as e:
        mapped = project_storage_error(e, project.path)
        if mapped is None:
            raise
        raise mapped from e
    finally:
        with contextlib.suppress(sqlite3.Error):
            project.close()


class ProgressBar:
    """Shows :class:`~assets.progress.Progress` events as a terminal bar (tqdm) on stderr.

    Quiet when stderr is not a terminal, unless ``force`` is set.
    """

    def __init__(self, *, force: bool = False):
        from tqdm import tqdm

        self._tqdm = tqdm
        self._bar = None
        self._enabled = force or sys.stderr.isatty()

    def __call__(self, event: ProgressEvent) -> None:
        if not self._enabled:
            return
        if self._bar is None or (self._bar.total != event.total):
            if self._bar is not None:
                self._bar.close()
            self._bar = self._tqdm(total=event.total, file=sys.stderr, leave=False, dynamic_ncols=True)
        self._bar.set_description_str(event.message, refresh=False)
        self._bar.n = event.done
        self._bar.refresh()
        if event.finished:
            self.close()

    def close(self) -> None:
        """Take the bar off the terminal (work finished, failed or was cancelled)."""
        if self._bar is not None:
            self._bar.close()
            self._bar = None


@contextlib.contextmanager
def progress_bar() -> Iterator[Progress]:
    """A :class:`Progress` wired to a terminal bar; Ctrl-C cancels the work cleanly."""
    bar = ProgressBar()
    progress = Progress(bar)
    try:
        yield progress
    finally:
        bar.close()


def echo_ok(message: str) -> None:
    click.echo(message)
