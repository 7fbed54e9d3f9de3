"""What every pane of the window shares: the open project, its change events,
background tasks and the notifications area.

A pane receives the :class:`Studio` in its ``__init__``, reads the project through
the library, connects to :attr:`Studio.changed` to update what it shows, and
writes only through library functions (which announce their own changes). Long
work goes through :meth:`Studio.run_task`; errors through :meth:`Studio.report`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThreadPool, Signal, Slot

from assets import changes as change_events
from assets.changes import Changes
from assets.crash_log import save_crash
from assets.errors import Cancelled, YunzhanError
from assets.project import Project
from studio.gui.tasks import Task, Work


class Studio(QObject):
    """The open project as the panes see it.

    Signals (all on the GUI thread):

    - ``changed(Changes)``: rows changed by any committed edit (this thread's or a
      worker's), by undo and by redo;
    - ``notified(str, bool)``: a message for the notifications area (``True`` for an error);
    - ``task_started(Task)``: a background task began (the window shows it).
    """

    changed = Signal(object)
    notified = Signal(str, bool)
    task_started = Signal(object)
    _arrived = Signal(object)

    def __init__(self, project: Project, *, parent: QObject | None = None):
        super().__init__(parent)
        self.project = project
        self.path: Path = project.path
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(2)
        self.tasks: list[Task] = []
        self._arrived.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        self._unsubscribe = change_events.subscribe(self.path, self._arrived.emit)

    # -- changes -------------------------------------------------------------------
    @Slot(object)
    def _deliver(self, changes: Changes) -> None:
        self.changed.emit(changes)

    # -- background work ---------------------------------------------------------------
    def run_task(self, title: str, work: Work, *, on_done: Callable[[Any], None] | None = None,
                 on_failed: Callable[[BaseException], None] | None = None) -> Task:
        """Run ``work(project, progress)`` on a worker thread with its own connection.

        ``on_done(result)`` runs on the GUI thread; a failure goes to ``on_failed``
        if given, else to :meth:`report`. Returns the started :class:`Task`.
        """
        task = Task(title, self.path, work, pool=self.pool, parent=self)
        if on_done is not None:
            task.succeeded.connect(on_done)
        task.failed.connect(on_failed if on_failed is not None else self.report)
        task.finished.connect(lambda: self.tasks.remove(task) if task in self.tasks else None)
        self.tasks.append(task)
        self.task_started.emit(task)
        return task.start()

    def wait_for_tasks(self, timeout_s: float = 60.0) -> bool:
        """Block until every worker has finished (closing the project, tests)."""
        return self.pool.waitForDone(int(timeout_s * 1000))

    # -- telling the user ----------------------------------------------------------------
    def notify(self, text: str) -> None:
        self.notified.emit(text, False)

    def report(self, err: BaseException) -> None:
        """The one error handler of the studio: a one-line notification, never a traceback.

        A :class:`YunzhanError` shows its own text; :class:`Cancelled` a quiet note; any
        other exception is a bug, logged with its traceback by :func:`log_internal_error`.
        """
        if isinstance(err, Cancelled):
            self.notified.emit(self.tr("Cancelled: nothing was changed."), False)
        elif isinstance(err, YunzhanError):
            self.notified.emit(err.user_text(), True)
        else:
            self.notified.emit(internal_error_text(err), True)

    def close(self) -> None:
        """Stop listening, wait for workers, close the project connection."""
        self._unsubscribe()
        for task in list(self.tasks):
            task.cancel()
        self.wait_for_tasks()
        self.project.close()


def log_internal_error(err: BaseException, *, context: str = "the studio") -> Path | None:
    """Save ``err``'s traceback to a crash log (the same place as the CLI's, see
    :mod:`assets.crash_log`) and return its path."""
    return save_crash(err, context=context)


def internal_error_text(err: BaseException) -> str:
    """The one line the studio shows for a bug: what it was and where its details are."""
    where = log_internal_error(err)
    return QCoreApplication.translate("Studio", "Internal error: {0} — details saved to {1}").format(
        type(err).__name__, where or "-")
