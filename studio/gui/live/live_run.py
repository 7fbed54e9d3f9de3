"""One live run started from the pane: ``run_event`` on a worker, its news on the GUI thread.

The run is the same library call as ``yunzhan live run`` (:func:`streaming.session.run_event`),
as a :meth:`Studio.run_task` task (so it shows in the task panel with Cancel, and
Stop is that cancel). The run's callbacks arrive on the worker thread; they are
turned into snapshots and re-emitted as Qt signals, which Qt queues to the GUI thread.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

from streaming.events import Event
from streaming.monitor import Change
from streaming.session import RunResult, options_for, run_event


@dataclass(frozen=True)
class StatusSnapshot:
    """A destination's state at one moment, safe to hand to another thread."""

    name: str
    state: str
    uptime_s: float
    reconnects: int
    last_error: str | None


class LiveRun(QObject):
    """Runs one event; emits ``health(Health, {name: StatusSnapshot})``, ``changed(Change)``,
    then ``ended(RunResult)`` or ``failed(error)``, all on the GUI thread."""

    health = Signal(object, object)
    changed = Signal(object)
    ended = Signal(object)
    failed = Signal(object)

    def __init__(self, studio, event: Event, parent: QObject | None = None):
        super().__init__(parent)
        self.studio = studio
        self.event = event
        self.task = None
        self.started_at: float | None = None

    def start(self) -> "LiveRun":
        options = options_for(self.event)
        event_id = self.event.id
        self.started_at = time.monotonic()

        def work(project, progress) -> RunResult:
            return run_event(project, event_id, options, progress=progress, on_health=self._health,
                             on_change=self._change)

        self.task = self.studio.run_task(self.tr("Live: {0}").format(self.event.title), work,
                                         on_done=self.ended.emit, on_failed=self.failed.emit)
        return self

    def stop(self) -> None:
        """Ask the run to end: ffmpeg closes the outputs and the recording is registered."""
        if self.task is not None:
            self.task.cancel()

    def elapsed(self) -> float:
        """Seconds since Go Live: the recording's length so far."""
        return time.monotonic() - self.started_at if self.started_at is not None else 0.0

    @property
    def running(self) -> bool:
        return self.task is not None and not self.task.done

    # -- worker thread ---------------------------------------------------------------
    def _health(self, health, statuses) -> None:
        now = time.monotonic()
        self.health.emit(health, {n: StatusSnapshot(n, s.state, s.uptime(now), s.reconnects, s.last_error)
                                  for n, s in statuses.items()})

    def _change(self, change: Change) -> None:
        self.changed.emit(change)
