"""The bounds every live-event value is checked against where it enters.

A pre-roll of 99999999 hours, a 0×0 program or a port of 70000 must be refused by
``live add`` or ``live run`` (and by the library functions behind them), not
stored and found later by ffmpeg, ``datetime`` or the daemon at three in the morning.
Each check raises :class:`~streaming.errors.LiveError` naming the option or field.
"""

from __future__ import annotations

import math
from datetime import timedelta

from streaming.errors import LiveError

MAX_EVENT = timedelta(days=7)
MAX_PREROLL = timedelta(hours=24)
PROGRAM_SIDE = (16, 7680)   # pixels; x264 in 4:2:0 needs even sides
PROGRAM_FPS = (1, 120)
YEARS = (1970, 9998)        # event dates; beyond them datetime arithmetic overflows


def check_seconds(value: float | None, *, where: str, maximum: timedelta, allow_zero: bool = False) -> float | None:
    """A number of seconds that is finite, positive (or zero when allowed) and at most ``maximum``."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or math.isnan(value):
        raise LiveError(f"{where}: {value!r} is not a number of seconds")
    if value < 0 or (value == 0 and not allow_zero):
        raise LiveError(f"{where}: {value:g} s; give a number of seconds "
                        + ("of at least 0" if allow_zero else "greater than 0"))
    if value > maximum.total_seconds():
        raise LiveError(f"{where}: {value:g} s is longer than the {span_text(maximum)} allowed")
    return float(value)


def check_program_size(width: object, height: object, fps: object, *, where: str) -> tuple[int, int, int]:
    """``(width, height, fps)`` as whole numbers within :data:`PROGRAM_SIDE` and :data:`PROGRAM_FPS`."""
    values = []
    for name, value, (lo, hi) in (("width", width, PROGRAM_SIDE), ("height", height, PROGRAM_SIDE),
                                  ("frame rate", fps, PROGRAM_FPS)):
        if isinstance(value, bool) or not isinstance(value, int):
            raise LiveError(f"{where}: {name} {value!r} is not a whole number")
        if not lo <= value <= hi:
            raise LiveError(f"{where}: {name} {value} is out of range ({lo} to {hi})")
        values.append(value)
    w, h, f = values
    if w % 2 or h % 2:
        raise LiveError(f"{where}: {w}x{h} has an odd side; the encoder needs even sides "
                        f"(e.g. {w + w % 2}x{h + h % 2})")
    return w, h, f


def check_port(port: int | None, *, where: str) -> int | None:
    if port is None:
        return None
    if not 1 <= port <= 65535:
        raise LiveError(f"{where}: port {port} is out of range (1 to 65535)")
    return port


def check_year(year: int, *, where: str) -> None:
    if not YEARS[0] <= year <= YEARS[1]:
        raise LiveError(f"{where}: year {year} is out of range ({YEARS[0]} to {YEARS[1]})")


def span_text(span: timedelta) -> str:
    hours = span.total_seconds() / 3600
    return f"{hours / 24:g} days" if hours >= 48 else f"{hours:g} hours"
