"""The GUI listener of :class:`assets.progress.Progress`: a progress dialog with Cancel.

Long work runs on the GUI thread; the dialog is a progress listener that updates
itself and lets Qt process pending events at every report, so the window repaints
and the Cancel button answers. Cancel calls :meth:`Progress.cancel`; the work
stops at its next :meth:`Progress.check` by raising
:class:`~assets.errors.Cancelled`, and its transaction rolls back. The dialog is
window-modal, so the user cannot start other work meanwhile.
"""

from __future__ import annotations

from typing import Callable, TypeVar

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QProgressDialog, QWidget

from assets.progress import Progress, ProgressEvent

T = TypeVar("T")
_STEPS = 1000  # QProgressDialog counts in ints; totals may be fractional or huge


class ProgressDialog(QProgressDialog):
    """Shows the events of one :class:`Progress`; its Cancel button cancels it."""

    def __init__(self, progress: Progress, title: str, cancel_text: str, parent: QWidget | None = None):
        super().__init__(title, cancel_text, 0, _STEPS, parent)
        self.setObjectName("progressDialog")
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumDuration(0)
        self.setAutoClose(False)
        self.setAutoReset(False)
        self._title = title
        self._progress = progress
        self.canceled.connect(progress.cancel)
        progress.subscribe(self)

    def __call__(self, event: ProgressEvent) -> None:
        """Progress listener: show the event, then let the GUI breathe."""
        if event.total:
            self.setMaximum(_STEPS)
            self.setValue(min(_STEPS, int(_STEPS * event.done / event.total)))
        else:
            self.setMaximum(0)  # unknown size: a busy bar
            self.setValue(0)
        self.setLabelText(f"{self._title}\n{event.message}" if event.message else self._title)
        QCoreApplication.processEvents()

    def finish(self) -> None:
        """Close the dialog once the work has ended (without cancelling anything)."""
        self.canceled.disconnect(self._progress.cancel)  # closing emits canceled
        self.close()
        self.deleteLater()


def run_with_progress(parent: QWidget | None, title: str, cancel_text: str,
                      work: Callable[[Progress], T]) -> T:
    """Run ``work(progress)`` while a :class:`ProgressDialog` shows its progress.

    Errors (including :class:`~assets.errors.Cancelled`) propagate to the caller.
    """
    progress = Progress()
    dialog = ProgressDialog(progress, title, cancel_text, parent)
    dialog.show()
    QCoreApplication.processEvents()
    try:
        return work(progress)
    finally:
        dialog.finish()
