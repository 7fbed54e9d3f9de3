"""Runs one ffmpeg command: progress, cancel, and an error that says what went wrong.

The process's ``-progress pipe:1`` blocks become :class:`~streaming.progress_parse.Health`
and its stderr lines are passed on (and the last ones kept); both arrive through one
queue so that the caller handles them on its own thread. Stream keys are secrets:
they are masked in the argv, the stderr tail and every message this module makes.
Known stderr lines are turned into hints by one table, :data:`HINTS`.
"""

from __future__ import annotations

import collections
import os
import queue
import re
import signal
import subprocess
import threading
import time
from dataclasses import dataclass

from assets.progress import Progress, null_progress
from streaming.errors import StreamFailed
from streaming.progress_parse import Health, ProgressParser

MASK = "••••••"
TAIL_LINES = 40

# Known ffmpeg stderr lines → what the user should do. First match wins.
HINTS: list[tuple[re.Pattern, str]] = [(re.compile(p, re.I), h) for p, h in (
    (r"Unknown encoder '([^']+)'|Encoder \(codec ([^)]+)\) not found",
     "this ffmpeg has no encoder '{0}': install a full ffmpeg build (Debian: apt install ffmpeg) "
     "or choose another encoder"),
    (r"No such filter: '([^']+)'", "this ffmpeg lacks the '{0}' filter: install a full ffmpeg build"),
    (r"Unknown input format: '([^']+)'", "this ffmpeg cannot read '{0}' devices on this system"),
    (r"(/dev/video\d+).*(No such file or directory|Cannot open video device)",
     "no camera at {0}: is it plugged in? 'ls /dev/video*' lists the cameras"),
    (r"Could not find (video|audio) (device|only device) with name \[([^\]]+)\]",
     "no {0} device named '{2}': check the device name"),
    (r"(Cannot open|Could not open|Error opening) (the )?font|Could not load font",
     "the overlay font is missing: install a CJK font (Debian: apt install fonts-noto-cjk)"),
    (r"Server error: (.*)|NetStream\.Publish\.(BadName|Rejected)|401 Unauthorized|403 Forbidden",
     "the server refused the stream: check the stream key (some platforms issue a new key for each live)"),
    (r"Connection refused|Connection timed out|Failed to resolve hostname",
     "the streaming server cannot be reached: check the address and the network"),
    (r"Invalid data found when processing input", "the input is not a media file ffmpeg can read"),
)]


def hint_for(lines: list[str]) -> str | None:
    """The hint for the first known line among ``lines`` (most recent first)."""
    for line in reversed(lines):
        for pattern, hint in HINTS:
            m = pattern.search(line)
            if m:
                found = [g for g in m.groups() if g]
                return hint.format(*found, *[""] * 4)
    return None


def mask(text: str, secrets) -> str:
    for s in secrets:
        if s:
            text = text.replace(s, MASK)
    return text


@dataclass(frozen=True)
class Exited:
    returncode: int


class FfmpegRun:
    """One running ffmpeg. :meth:`events` yields ``Health``, ``str`` (a raw stderr line)
    and finally :class:`Exited`. Start with :meth:`start`; stop with :meth:`stop`."""

    def __init__(self, argv: list[str], *, secrets=()):
        self.argv = list(argv)
        self.secrets = tuple(s for s in secrets if s)
        self.tail: collections.deque[str] = collections.deque(maxlen=TAIL_LINES)
        self.process: subprocess.Popen | None = None
        self.started_at: float | None = None
        self._queue: queue.Queue = queue.Queue()
        self._threads: list[threading.Thread] = []

    @property
    def masked_argv(self) -> list[str]:
        return [mask(a, self.secrets) for a in self.argv]

    @property
    def pid(self) -> int | None:
        return self.process.pid if self.process else None

    def start(self) -> "FfmpegRun":
        self.process = subprocess.Popen(self.argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                        stderr=subprocess.PIPE, text=True, encoding="utf-8", errors="replace",
                                        bufsize=1)
        self.started_at = time.monotonic()
        for target in (self._read_progress, self._read_stderr):
            t = threading.Thread(target=target, daemon=True)
            t.start()
            self._threads.append(t)
        threading.Thread(target=self._wait, daemon=True).start()
        return self

    def events(self, timeout: float = 0.25):
        """Everything that arrived, waiting at most ``timeout`` for the first item."""
        items = []
        try:
            items.append(self._queue.get(timeout=timeout))
            while True:
                items.append(self._queue.get_nowait())
        except queue.Empty:
            pass
        return items

    def stop(self, grace: float = 8) -> None:
        """Ask ffmpeg to finish (SIGTERM: it closes the outputs properly), then kill."""
        p = self.process
        if p is None or p.poll() is not None:
            return
        p.send_signal(signal.SIGTERM if os.name != "nt" else signal.CTRL_BREAK_EVENT)
        try:
            p.wait(grace)
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait()

    def failure(self, returncode: int) -> StreamFailed:
        """The error for an unexpected exit, with the last meaningful stderr line."""
        lines = list(self.tail)
        errors = [l for l in lines if "[error]" in l or "[fatal]" in l] or lines
        last = errors[-1] if errors else "no message"
        last = re.sub(r"^(\[[^\]]+\] )+", "", last).strip()
        return StreamFailed(f"ffmpeg stopped with exit code {returncode}: {last}", argv=self.masked_argv,
                            returncode=returncode, stderr_tail=lines, hint=hint_for(lines))

    # -- threads ------------------------------------------------------------------
    def _read_progress(self) -> None:
        parser = ProgressParser()
        for line in self.process.stdout:
            health = parser.feed(line)
            if health is not None:
                self._queue.put(health)

    def _read_stderr(self) -> None:
        for line in self.process.stderr:
            # ffmpeg ends its stats line with \r, not \n; split so each message is whole
            for part in line.replace("\r", "\n").splitlines():
                if part.strip() and not part.startswith("[debug]"):
                    self.tail.append(mask(part, self.secrets))
                    self._queue.put(part)

    def _wait(self) -> None:
        code = self.process.wait()
        for t in self._threads:
            t.join(5)
        self._queue.put(Exited(code))


def run(argv: list[str], *, secrets=(), progress: Progress | None = None,
        duration_s: float | None = None) -> Health | None:
    """Run ``argv`` to the end, reporting ``out_time`` through ``progress``; cancel stops it.

    Returns the last :class:`Health`. Raises :class:`StreamFailed` on an unexpected exit."""
    progress = progress or null_progress()
    progress.start(duration_s, "starting ffmpeg")
    job = FfmpegRun(argv, secrets=secrets).start()
    last, stopped = None, False
    while True:
        for item in job.events():
            if isinstance(item, Health):
                last = item
                progress.update(item.out_time_s, message=f"{item.fps:.0f} fps, speed {item.speed or 0:.2f}×")
            elif isinstance(item, Exited):
                if item.returncode != 0 and not stopped:
                    raise job.failure(item.returncode)
                progress.finish()
                return last
        if progress.cancelled and not stopped:
            stopped = True
            job.stop()
