"""Keeps a live program on air: watches ffmpeg and restarts it only when it dies.

A destination that drops is retried by its own ``fifo`` inside the one ffmpeg
(see :mod:`streaming.pipeline`); the others and the recording never notice. Only when
ffmpeg itself exits unexpectedly does the supervisor start it again, with growing
waits (1, 2, 4… 30 s), and the recording continues in a new part file. A run that
fails before any frame was encoded (an unknown encoder, a bad device) is not
retried: its error is raised as it is, since repeating it cannot help.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from assets.progress import Progress, null_progress
from streaming.errors import StreamFailed
from streaming.monitor import Change, DestinationMonitor
from streaming.pipeline import Plan, build_argv
from streaming.progress_parse import Health
from streaming.runner import Exited, FfmpegRun

BACKOFF_S = (1, 2, 4, 8, 15, 30)
# ffmpeg ends by itself at the deadline (-t); if it has not a moment later (an output
# that does not answer holds its trailer), it is asked to stop, then killed: the
# fragmented recording survives that, and the event ends on time.
STOP_GRACE_S = 1.5
KILL_GRACE_S = 3.0


@dataclass
class Outcome:
    reason: str                                  # 'ended', 'stopped' or 'failed'
    parts: list[Path] = field(default_factory=list)
    restarts: int = 0
    errors: list[str] = field(default_factory=list)
    last_health: Health | None = None


@dataclass
class Hooks:
    """What the supervisor tells its caller, on the caller's thread."""

    on_change: Callable[[Change], None] = lambda change: None
    on_health: Callable[[Health], None] = lambda health: None
    on_error: Callable[[StreamFailed, float], None] = lambda error, retry_in: None
    on_start: Callable[[int, list[str]], None] = lambda part, masked_argv: None


class Supervisor:
    """Runs the plans made by ``make_plan(part, remaining_s)`` until the deadline,
    a stop request, or a failure that cannot be retried.

    :param urls: destination name → publish URL, to follow each one's state.
    :param secrets: stream keys to mask in everything shown or logged.
    :param deadline: ``time.monotonic()`` value at which the program ends (None: runs until stopped).
    :param should_stop: polled about four times a second.
    :param should_switch: polled likewise; True restarts at once without counting a failure
        (the caller's source came back, or went away, and the plan changes).
    """

    def __init__(self, make_plan: Callable[[int, float | None], Plan], *, urls: dict[str, str], secrets=(),
                 deadline: float | None = None, should_stop: Callable[[], bool] = lambda: False,
                 should_switch: Callable[[], bool] = lambda: False, hooks: Hooks | None = None,
                 max_restarts: int | None = None, progress: Progress | None = None):
        self.make_plan = make_plan
        self.monitor = DestinationMonitor(dict(urls))
        self.secrets = tuple(secrets)
        self.deadline = deadline
        self.should_stop = should_stop
        self.should_switch = should_switch
        self.hooks = hooks or Hooks()
        self.max_restarts = max_restarts
        self.progress = progress or null_progress()
        self.current: FfmpegRun | None = None

    def run(self) -> Outcome:
        outcome = Outcome("ended")
        total = self.deadline - time.monotonic() if self.deadline else None
        self.progress.start(total, "starting")
        part, failures = 1, 0
        while True:
            remaining = self.deadline - time.monotonic() if self.deadline else None
            if remaining is not None and remaining <= 0.5:
                break
            plan = self.make_plan(part, remaining)
            if plan.recording is not None:
                outcome.parts.append(Path(plan.recording))
            job = FfmpegRun(build_argv(plan), secrets=self.secrets).start()
            self.current = job
            self.hooks.on_start(part, job.masked_argv)
            for change in self.monitor.restart(time.monotonic()):
                self.hooks.on_change(change)
            code, kind, frames = self._watch(job, outcome)
            if kind == "stop":
                outcome.reason = "stopped"
                break
            if kind == "switch":
                part += 1
                continue
            if code == 0 or kind == "deadline":
                break
            error = job.failure(code)
            if frames == 0 and part == 1:
                raise error  # fails at once: retrying the same command cannot help
            failures += 1
            if self.max_restarts is not None and failures > self.max_restarts:
                outcome.reason = "failed"
                outcome.errors.append(error.user_text())
                break
            wait = BACKOFF_S[min(failures - 1, len(BACKOFF_S) - 1)]
            outcome.errors.append(error.user_text())
            self.hooks.on_error(error, wait)
            if self._sleep(wait):
                outcome.reason = "stopped"
                break
            outcome.restarts += 1
            part += 1
        self.current = None
        self.progress.finish()
        return outcome

    def _watch(self, job: FfmpegRun, outcome: Outcome) -> tuple[int, str | None, int]:
        """Follow ``job`` to its exit: ``(returncode, why we stopped it or None, frames)``."""
        kind: str | None = None
        frames = 0
        while True:
            for item in job.events():
                now = time.monotonic()
                if isinstance(item, Exited):
                    return item.returncode, kind, frames
                if isinstance(item, Health):
                    outcome.last_health = item
                    frames = max(frames, item.frame)
                    if item.frame:
                        for change in self.monitor.frames_flowing(now):
                            self.hooks.on_change(change)
                    self.hooks.on_health(item)
                    if self.deadline:
                        self.progress.update(self.progress.total - max(0.0, self.deadline - now),
                                             message=f"{item.fps:.0f} fps, speed {item.speed or 0:.2f}×")
                else:
                    for change in self.monitor.feed(item, now):
                        self.hooks.on_change(change)
            if kind is not None:
                continue
            if self.should_stop() or self.progress.cancelled:
                kind = "stop"
            elif self.deadline is not None and time.monotonic() > self.deadline + STOP_GRACE_S:
                kind = "deadline"
            elif self.should_switch():
                kind = "switch"
            if kind is not None:
                job.stop(**({"grace": KILL_GRACE_S} if kind == "deadline" else {}))

    def _sleep(self, seconds: float) -> bool:
        """Wait, watching for a stop request; True when stopped."""
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            if self.should_stop() or self.progress.cancelled:
                return True
            time.sleep(0.2)
        return False
