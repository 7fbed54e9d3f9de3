"""Measuring audio files the way the issue's acceptance does: ffprobe and ffmpeg's ebur128."""

from __future__ import annotations

import subprocess
from pathlib import Path

from assets.audio.ffmpeg_audio import measure_argv, parse_ebur128
from assets.media_tools import duration_s, find_ffmpeg, probe


def ebur128(path: Path):
    done = subprocess.run(measure_argv(find_ffmpeg(), path), capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-500:]
    return parse_ebur128(done.stderr)


def seconds(path: Path) -> float:
    return duration_s(probe(path))


def make_tone_speech(path: Path, *, lufs_gain_db: float, seconds_: float = 6.0) -> Path:
    """A speech-like test signal (a 220 Hz buzz with syllable-rate amplitude changes and
    pauses) at a chosen level, with 1 s of silence at each end, written by ffmpeg."""
    expr = ("0.6*sin(2*PI*220*t)*(0.55+0.45*sin(2*PI*3.5*t))*(0.7+0.3*sin(2*PI*1100*t))"
            f"*gt(mod(t,1.6),0.25)*between(t,1,{seconds_ + 1})")
    subprocess.run([find_ffmpeg(), "-v", "error", "-y", "-f", "lavfi", "-i",
                    f"aevalsrc='{expr}':s=44100:d={seconds_ + 2}", "-af", f"volume={lufs_gain_db}dB", str(path)],
                   check=True, timeout=60)
    return path
