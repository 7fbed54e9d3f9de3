"""Finding ffmpeg and ffprobe (lazily, never at import) and asking them facts.

ffmpeg is looked for in this order: an explicit path (the project setting
``tools.ffmpeg`` or an argument), ``PATH``, then the static binary shipped in the
``imageio-ffmpeg`` wheel, so a user needs no system package. That wheel has no
ffprobe, so ffprobe is found separately (explicit, ``PATH``, beside ffmpeg) and its
absence is its own clear :class:`ToolMissing`.
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import subprocess
from pathlib import Path

from assets.errors import MediaError, ToolMissing

SETTING = "tools.ffmpeg"
PROBE_SETTING = "tools.ffprobe"


def find_ffmpeg(explicit: str | None = None) -> str:
    """The ffmpeg to run. Raises :class:`ToolMissing` when none is found."""
    if explicit:
        if _is_executable(explicit):
            return explicit
        raise ToolMissing(f"ffmpeg: the configured program '{explicit}' does not exist or is not executable",
                          hint="fix the setting tools.ffmpeg or clear it")
    found = shutil.which("ffmpeg")
    if found:
        return found
    try:
        import imageio_ffmpeg

        return imageio_ffmpeg.get_ffmpeg_exe()
    except Exception:
        raise ToolMissing("ffmpeg: not found on PATH and the imageio-ffmpeg wheel has no binary for this system",
                          hint="install ffmpeg (Debian: apt install ffmpeg)") from None


def find_ffprobe(explicit: str | None = None, *, ffmpeg: str | None = None) -> str:
    """The ffprobe to run. Raises :class:`ToolMissing` when none is found."""
    if explicit:
        if _is_executable(explicit):
            return explicit
        raise ToolMissing(f"ffprobe: the configured program '{explicit}' does not exist or is not executable")
    found = shutil.which("ffprobe")
    if found:
        return found
    if ffmpeg:
        beside = Path(ffmpeg).with_name("ffprobe" + Path(ffmpeg).suffix)
        if _is_executable(str(beside)):
            return str(beside)
    raise ToolMissing("ffprobe: not found (the ffmpeg bundled with imageio-ffmpeg ships without it)",
                      hint="install ffmpeg's ffprobe (Debian: apt install ffmpeg)")


def tools_for(project) -> tuple[str, str | None]:
    """``(ffmpeg, ffprobe explicit path or None)`` as configured in a project's settings."""
    return find_ffmpeg(project.get_setting(SETTING) if project else None), (
        project.get_setting(PROBE_SETTING) if project else None)


def version_argv(ffmpeg: str) -> list[str]:
    """The command that prints ffmpeg's version banner."""
    return [ffmpeg, "-hide_banner", "-version"]


def ffmpeg_version(ffmpeg: str, *, timeout: float = 10) -> str:
    """ffmpeg's version (``7.1.1``, ``6.0-static``...) from its banner's first line."""
    try:
        out = subprocess.run(version_argv(ffmpeg), capture_output=True, text=True, timeout=timeout).stdout
    except (OSError, subprocess.TimeoutExpired) as e:
        raise ToolMissing(f"ffmpeg: '{ffmpeg}' did not answer -version ({e})") from None
    words = out.split()
    # "ffmpeg version 7.1.1-1+b1 Copyright ..."
    return words[2] if len(words) > 2 and words[1] == "version" else (out.splitlines() or ["?"])[0]


@functools.lru_cache(maxsize=8)
def encoders(ffmpeg: str) -> frozenset[str]:
    """The encoder names this ffmpeg knows (``libx264``, ``aac``...)."""
    out = subprocess.run([ffmpeg, "-hide_banner", "-encoders"], capture_output=True, text=True, timeout=30).stdout
    names = set()
    started = False
    for line in out.splitlines():
        if line.strip().startswith("------"):
            started = True
            continue
        parts = line.split()
        if started and len(parts) >= 2:
            names.add(parts[1])
    return frozenset(names)


def probe(target: str | Path, *, ffprobe: str | None = None, timeout: float = 30) -> dict:
    """``ffprobe -of json -show_format -show_streams`` of a file or stream URL, as a dict.

    Raises :class:`MediaError` naming the target when ffprobe cannot read it."""
    exe = find_ffprobe(ffprobe)
    argv = [exe, "-v", "error", "-of", "json", "-show_format", "-show_streams", str(target)]
    try:
        done = subprocess.run(argv, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        raise MediaError(f"{target}: ffprobe gave no answer within {timeout:g} s") from None
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["unreadable"])[-1]
        raise MediaError(f"{target}: ffprobe cannot read it ({last})")
    return json.loads(done.stdout)


def duration_s(info: dict) -> float | None:
    """The duration in seconds from :func:`probe`'s answer, if it has one."""
    try:
        return float(info["format"]["duration"])
    except (KeyError, TypeError, ValueError):
        return None


def _is_executable(path: str) -> bool:
    return os.path.isfile(path) and os.access(path, os.X_OK)
