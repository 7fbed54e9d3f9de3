"""Background work that needs no open project (building the demo, probing ffmpeg)."""

from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import QObject, QThreadPool

from assets.progress import Progress
from studio.gui.tasks import Task


class PlainTask(Task):
    """A :class:`Task` whose work is ``work(progress)``: no project connection is opened."""

    def __init__(self, title: str, work: Callable[[Progress], Any], *, pool: QThreadPool | None = None,
                 parent: QObject | None = None):
        super().__init__(title, ".", lambda _project, _progress: None, pool=pool, parent=parent)
        self._plain_work = work

    def _run(self) -> None:
        try:
            result = self._plain_work(self.progress)
        except Exception as err:  # noqa: BLE001 - handed to the one error handler on the GUI thread
            self._landed.emit(False, err)
        else:
            self._landed.emit(True, result)
