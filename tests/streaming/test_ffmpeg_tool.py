"""Finding ffmpeg lazily: a setting, PATH, then the imageio-ffmpeg wheel; ffprobe on its own."""

from __future__ import annotations

import shutil

import pytest

from assets.errors import MediaError, ToolMissing
from streaming.ffmpeg_tool import duration_s, encoders, find_ffmpeg, find_ffprobe, probe


def test_setting_then_path_then_the_wheel(monkeypatch, tmp_path):
    assert find_ffmpeg() == shutil.which("ffmpeg")
    with pytest.raises(ToolMissing) as e:
        find_ffmpeg(str(tmp_path / "nope"))
    assert e.value.user_text() == (f"ffmpeg: the configured program '{tmp_path / 'nope'}' does not exist or is not "
                                   "executable (fix the setting tools.ffmpeg or clear it)")
    monkeypatch.setenv("PATH", str(tmp_path))  # nothing on PATH: the wheel's static build
    import imageio_ffmpeg

    wheel = find_ffmpeg()
    assert wheel == imageio_ffmpeg.get_ffmpeg_exe() and "libx264" in encoders(wheel)
    with pytest.raises(ToolMissing) as e:
        find_ffprobe(ffmpeg=wheel)
    assert e.value.user_text() == ("ffprobe: not found (the ffmpeg bundled with imageio-ffmpeg ships without it) "
                                   "(install ffmpeg's ffprobe (Debian: apt install ffmpeg))")


def test_probe(tmp_path):
    bad = tmp_path / "bad.mp4"
    bad.write_bytes(b"not a video")
    with pytest.raises(MediaError, match=rf"^{bad}: ffprobe cannot read it \("):
        probe(bad)
    assert duration_s({"format": {"duration": "12.5"}}) == 12.5 and duration_s({}) is None
