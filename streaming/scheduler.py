"""The live daemon: starts each event's pre-roll and program on time, stops at the end.

Every second it reads the project's events (other processes add and stop them: the
project is in WAL mode) and decides with :func:`decide`, a pure function of the
events and the clock:

* an event whose window (pre-roll start → end) is open runs now, so a start missed
  while the machine was off begins at once, and an event left ``live`` by a crash
  resumes after a restart;
* a scheduled event whose end passed without a run is marked ``missed``.

Events run one at a time (overlaps are refused when scheduling). An event that fails
to start is tried again every :data:`RETRY_S` seconds while its window is open.

A bad event never takes the daemon down with it: one whose stored values cannot be
run (written before they were checked, or by hand) or whose run fails in a way
nobody foresaw is logged, marked ``stopped`` and set aside, and the daemon carries on
with the others. An event left ``live`` by a run that was killed is closed (its
recorded parts kept for the replay) once its end has passed.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from datetime import datetime
from typing import Callable

from assets.crash_log import save_crash
from assets.errors import YunzhanError
from assets.project import Project
from streaming.events import Event, EventStore, now_utc, zone
from streaming.session import RunOptions, RunResult, close_interrupted_runs, program_for, run_event

RETRY_S = 30


@dataclass(frozen=True)
class Decision:
    start: Event | None
    missed: tuple[Event, ...]


def decide(events: list[Event], now: datetime) -> Decision:
    """What the daemon should do at ``now``."""
    start = None
    missed = []
    for e in sorted(events, key=lambda e: e.start):
        if e.status not in ("scheduled", "live"):
            continue
        if now >= e.end:
            if e.status == "scheduled":
                missed.append(e)
            continue
        if start is None and e.preroll_start <= now:
            start = e
    return Decision(start, tuple(missed))


class Daemon:
    """Runs a project's events as they fall due, until ``stop`` is set."""

    def __init__(self, project: Project, *, options: Callable[[Event], RunOptions] = lambda e: RunOptions(),
                 say: Callable[[str], None] = lambda text: None, poll_s: float = 1.0,
                 on_health=None, on_change=None):
        self.project = project
        self.store = EventStore(project)
        self.options = options
        self.say = say
        self.poll_s = poll_s
        self.on_health = on_health
        self.on_change = on_change
        self._failed_at: dict[int, float] = {}

    def run(self, stop: threading.Event) -> None:
        self.say(f"watching {self.project.path} for live events")
        while not stop.is_set():
            self.tick(stop)
            stop.wait(self.poll_s)

    def events(self) -> list[Event]:
        """The project's events that can be run; each one that cannot is set aside."""
        good = []
        ids = [r[0] for r in self.project.db.execute(
            "SELECT id FROM live_events WHERE status IN ('scheduled', 'live') ORDER BY start_utc, id")]
        for event_id in ids:
            try:
                e = self.store.get(event_id)
                _ = (e.preroll_start, e.local_start)  # computed now to find values that overflow
                zone(e.tz, where="time zone")
                program_for(e)
            except Exception as err:  # whatever is wrong with it, it must not stop the others
                self._set_aside(event_id, err)
                continue
            good.append(e)
        return good

    def _set_aside(self, event_id: int, err: Exception) -> None:
        if isinstance(err, YunzhanError):
            message = err.user_text()
        else:
            saved = save_crash(err, context=f"live daemon, event {event_id}")
            message = f"internal error: {type(err).__name__}: {err}" + (f" (details in {saved})" if saved else "")
        with self.project.transaction(label=None) as db:  # runtime state, not an undoable edit
            db.execute("UPDATE live_events SET status = 'stopped' WHERE id = ?", (event_id,))
        self.store.log(event_id, "error", detail={"message": f"set aside by the daemon: {message}"})
        self.say(f"event {event_id}: set aside ({message}); the other events go on")

    def tick(self, stop: threading.Event) -> RunResult | None:
        """One look at the schedule; runs an event to its end when one is due."""
        now = now_utc()
        events = self.events()
        for e in events:
            if e.status == "live" and now >= e.end:  # left live by a run that was killed
                options = self.options(e)
                folder = options.record_dir or self.project.path.with_name(self.project.path.name + ".recordings")
                parts = close_interrupted_runs(self.project, e.id, folder)
                self.say(f"event {e.id} '{e.title}': its run had been interrupted; closed, "
                         f"{len(parts)} recorded part(s) kept")
        decision = decide([e for e in events if not (e.status == "live" and now >= e.end)], now)
        for e in decision.missed:
            self.store.set_status(e.id, "missed")
            self.store.log(e.id, "error", detail={"message": "missed: the daemon was not running during its window"})
            self.say(f"event {e.id} '{e.title}': missed")
        e = decision.start
        if e is None or time.monotonic() - self._failed_at.get(e.id, -RETRY_S) < RETRY_S:
            return None
        late = (now_utc() - e.start).total_seconds()
        self.say(f"event {e.id} '{e.title}': " + (f"starting {late:.0f} s late (window still open)"
                                                   if late > 2 else "starting"))
        try:
            result = run_event(self.project, e.id, self.options(e), stop=stop, on_health=self.on_health,
                               on_change=self.on_change)
        except YunzhanError as err:
            self._failed_at[e.id] = time.monotonic()
            self.store.log(e.id, "error", detail={"message": err.user_text(), "retry_in_s": RETRY_S})
            self.say(f"event {e.id} '{e.title}': {err.user_text()}; trying again in {RETRY_S} s")
            return None
        except Exception as err:  # a bug met by this event only: the others still run
            self._set_aside(e.id, err)
            return None
        self.say(f"event {e.id} '{e.title}': {result.outcome.reason}; "
                 f"{len(result.recordings)} recording part(s) registered")
        return result
