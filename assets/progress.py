"""The one progress protocol for long work (import, tiling, export, speech, streaming).

Work receives a :class:`Progress` and reports ``done``/``total``/``message`` through
it; it calls :meth:`Progress.check` at safe points, which raises
:class:`~assets.errors.Cancelled` once someone called :meth:`Progress.cancel`.
Listeners are plain callables taking a :class:`ProgressEvent`: the CLI attaches a
terminal bar, the GUI a progress dialog. The work never knows which.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Callable

from assets.errors import Cancelled


@dataclass(frozen=True)
class ProgressEvent:
    done: float
    total: float | None
    message: str
    finished: bool = False


Listener = Callable[[ProgressEvent], None]


class Progress:
    """Reports how far long work has got and carries a cancel request into it.

    Thread-safe for one worker and any number of observers: a GUI thread may call
    :meth:`cancel` while a worker thread calls :meth:`advance`.
    """

    def __init__(self, *listeners: Listener):
        self._listeners: list[Listener] = list(listeners)
        self._cancel = threading.Event()
        self.done: float = 0
        self.total: float | None = None
        self.message: str = ""

    def subscribe(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def start(self, total: float | None, message: str = "") -> None:
        """Begin a stage of ``total`` units (``None`` when the size is unknown)."""
        self.done, self.total, self.message = 0, total, message
        self._emit()

    def advance(self, n: float = 1, message: str | None = None) -> None:
        self.done += n
        if message is not None:
            self.message = message
        self._emit()

    def update(self, done: float, total: float | None = None, message: str | None = None) -> None:
        self.done = done
        if total is not None:
            self.total = total
        if message is not None:
            self.message = message
        self._emit()

    def finish(self, message: str | None = None) -> None:
        if message is not None:
            self.message = message
        if self.total is not None:
            self.done = self.total
        self._emit(finished=True)

    def cancel(self) -> None:
        """Ask the work to stop at its next :meth:`check`."""
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def check(self) -> None:
        """Raise :class:`Cancelled` if cancellation was requested."""
        if self._cancel.is_set():
            raise Cancelled()

    def _emit(self, finished: bool = False) -> None:
        event = ProgressEvent(self.done, self.total, self.message, finished)
        for listener in self._listeners:
            listener(event)


def null_progress() -> Progress:
    """A progress with no listeners, for callers that do not watch."""
    return Progress()
