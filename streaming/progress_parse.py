"""Health of a running stream from ffmpeg's ``-progress pipe:1`` output.

ffmpeg writes blocks of ``key=value`` lines, each ended by ``progress=continue`` (or
``progress=end``). :class:`ProgressParser` is fed lines and returns a :class:`Health`
at the end of every block; it is pure, so it is tested on captured text.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Health:
    frame: int = 0
    fps: float = 0.0
    bitrate_kbps: float | None = None     # None while ffmpeg cannot tell (tee output)
    speed: float | None = None
    out_time_s: float = 0.0
    dropped_frames: int = 0
    duplicated_frames: int = 0
    ended: bool = False


class ProgressParser:
    """Turns ``-progress`` lines into :class:`Health`, one per block."""

    def __init__(self):
        self._block: dict[str, str] = {}

    def feed(self, line: str) -> Health | None:
        key, sep, value = line.strip().partition("=")
        if not sep:
            return None
        key, value = key.strip(), value.strip()
        if key != "progress":
            self._block[key] = value
            return None
        block, self._block = self._block, {}
        return Health(
            frame=_int(block.get("frame")),
            fps=_float(block.get("fps")) or 0.0,
            bitrate_kbps=_float(block.get("bitrate", "").removesuffix("kbits/s")),
            speed=_float(block.get("speed", "").removesuffix("x")),
            out_time_s=(_int(block.get("out_time_us")) or _int(block.get("out_time_ms"))) / 1e6,
            dropped_frames=_int(block.get("drop_frames")),
            duplicated_frames=_int(block.get("dup_frames")),
            ended=value == "end",
        )


def parse(text: str) -> list[Health]:
    """Every block of a captured ``-progress`` text."""
    parser = ProgressParser()
    return [h for line in text.splitlines() if (h := parser.feed(line)) is not None]


def _float(value: str | None) -> float | None:
    try:
        return float(value) if value not in (None, "", "N/A") else None
    except ValueError:
        return None


def _int(value: str | None) -> int:
    try:
        return int(value) if value not in (None, "", "N/A") else 0
    except ValueError:
        return 0
