"""Long work off the GUI thread: background tasks with progress and Cancel.

A :class:`Task` runs ``work(project, progress)`` on a worker thread with the
worker's own connection to the project file (SQLite connections are per thread),
reports through the one :class:`~assets.progress.Progress` protocol, and hands its
result or its error back to the GUI thread through Qt signals. The window never
waits for it: :class:`TaskPanel` shows every running task non-modally with a
progress bar and a Cancel button.

Progress reports are thinned to one every :data:`REPORT_EVERY_S` seconds (a tiler
or an import reports thousands a second; the GUI needs a few).
"""

from __future__ import annotations

import os
import sys
import threading
import time
from pathlib import Path
from typing import Any, Callable

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from assets.errors import YunzhanError
from assets.progress import Progress, ProgressEvent
from assets.project import Project

REPORT_EVERY_S = 0.05
_STEPS = 1000

Work = Callable[[Project, Progress], Any]


class Task(QObject):
    """One piece of background work. Connect to its signals, then :meth:`start` it.

    ``succeeded(result)``, ``failed(error)`` (usually a :class:`YunzhanError`, or
    :class:`Cancelled`; anything else is a bug for the one error handler to log) and
    then ``finished()`` are emitted on the GUI thread.
    """

    progressed = Signal(object)   # ProgressEvent
    succeeded = Signal(object)
    failed = Signal(object)
    finished = Signal()

    def __init__(self, title: str, project_path: str | Path, work: Work, *,
                 pool: QThreadPool | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.title = title
        self.project_path = Path(project_path)
        self.progress = Progress()
        self.running = False
        self.done = False
        self.result: Any = None
        self.error: BaseException | None = None
        self._work = work
        self._pool = pool or QThreadPool.globalInstance()
        self._last_report = 0.0
        self._report_lock = threading.Lock()
        self.progress.subscribe(self._report)

    def start(self) -> "Task":
        self.running = True
        self._pool.start(_Runner(self))
        return self

    def cancel(self) -> None:
        """Ask the work to stop at its next check; ``failed(Cancelled)`` follows."""
        self.progress.cancel()

    def wait(self, timeout_s: float = 30.0) -> bool:
        """Block until the worker has finished (for tests and shutdown); True if it did."""
        return self._pool.waitForDone(int(timeout_s * 1000))

    # -- worker side -----------------------------------------------------------------
    def _report(self, event: ProgressEvent) -> None:
        now = time.monotonic()
        with self._report_lock:
            if not event.finished and now - self._last_report < REPORT_EVERY_S:
                return
            self._last_report = now
        self.progressed.emit(event)

    def _run(self) -> None:
        yield_to_the_window()
        try:
            project = Project.open(self.project_path, migrate=False)
            try:
                result = self._work(project, self.progress)
            finally:
                project.close()
        except Exception as err:  # noqa: BLE001 - handed to the one error handler on the GUI thread
            self._landed.emit(False, err)
        else:
            self._landed.emit(True, result)

    _landed = Signal(bool, object)

    def connect_landing(self) -> None:
        self._landed.connect(self._on_landed, Qt.ConnectionType.QueuedConnection)

    @Slot(bool, object)
    def _on_landed(self, ok: bool, value: object) -> None:
        self.running, self.done = False, True
        if ok:
            self.result = value
            self.succeeded.emit(value)
        else:
            self.error = value  # type: ignore[assignment]
            self.failed.emit(value)
        self.finished.emit()


WORKER_NICENESS = 10


def yield_to_the_window() -> None:
    """Lower this worker thread's scheduling priority (and that of the programs it
    starts, such as ffmpeg), so the GUI thread is never starved of a core while
    exports, imports and streams run. Linux sets a nice value per thread; elsewhere
    the platform's own scheduler favours the foreground window."""
    if sys.platform.startswith("linux"):
        try:
            tid = threading.get_native_id()
            os.setpriority(os.PRIO_PROCESS, tid, max(os.getpriority(os.PRIO_PROCESS, tid), WORKER_NICENESS))
        except OSError:
            pass


class _Runner(QRunnable):
    def __init__(self, task: Task):
        super().__init__()
        self.task = task
        task.connect_landing()

    def run(self) -> None:
        self.task._run()


def show_progress(bar: QProgressBar, event: ProgressEvent) -> None:
    """Show a progress event on a bar: a share of the work, or busy when the size is unknown."""
    if event.total:
        bar.setRange(0, _STEPS)
        bar.setValue(min(_STEPS, int(_STEPS * event.done / event.total)))
    else:
        bar.setRange(0, 0)


class TaskPanel(QWidget):
    """The running tasks, in the status bar: title, message, bar and Cancel for each."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("taskPanel")
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.rows: dict[Task, QWidget] = {}
        self.hide()

    def add(self, task: Task) -> None:
        row = QWidget(self)
        row.setObjectName("taskRow")
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        label = QLabel(task.title, row)
        label.setObjectName("taskLabel")
        bar = QProgressBar(row)
        bar.setObjectName("taskBar")
        bar.setRange(0, 0)
        bar.setMaximumWidth(200)
        cancel = QPushButton(self.tr("Cancel"), row)
        cancel.setObjectName("taskCancel")
        cancel.clicked.connect(task.cancel)
        layout.addWidget(label)
        layout.addWidget(bar)
        layout.addWidget(cancel)
        self._layout.addWidget(row)
        self.rows[task] = row

        def show(event: ProgressEvent) -> None:
            show_progress(bar, event)
            label.setText(f"{task.title}: {event.message}" if event.message else task.title)

        task.progressed.connect(show)
        task.finished.connect(lambda: self._remove(task))
        self.show()

    def _remove(self, task: Task) -> None:
        row = self.rows.pop(task, None)
        if row is not None:
            row.deleteLater()
        if not self.rows:
            self.hide()
