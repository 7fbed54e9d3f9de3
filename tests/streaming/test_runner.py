"""The runner: hints for known stderr lines, masked keys, real ffmpeg failures."""

from __future__ import annotations

import shutil

import pytest

from assets.progress import Progress
from streaming.errors import StreamFailed
from streaming.runner import hint_for, mask, run

FFMPEG = shutil.which("ffmpeg")
needs_ffmpeg = pytest.mark.skipif(FFMPEG is None, reason="needs ffmpeg")


@pytest.mark.parametrize("line,hint", [
    ("[error] Unknown encoder 'libx265x'", "this ffmpeg has no encoder 'libx265x': install a full ffmpeg build "
                                           "(Debian: apt install ffmpeg) or choose another encoder"),
    ("[video4linux2,v4l2 @ 0x1] [error] Cannot open video device /dev/video3: No such file or directory",
     "no camera at /dev/video3: is it plugged in? 'ls /dev/video*' lists the cameras"),
    ("[dshow @ 0x1] [error] Could not find video device with name [Cam] among source devices of type video.",
     "no video device named 'Cam': check the device name"),
    ("[tcp @ 0x1] [error] Connection to tcp://h:1935 failed: Connection refused",
     "the streaming server cannot be reached: check the address and the network"),
    ("[rtmp @ 0x1] [error] Server error: Stream key invalid",
     "the server refused the stream: check the stream key (some platforms issue a new key for each live)"),
    ("[info] nothing to see", None),
])
def test_hint_table(line, hint):
    assert hint_for([line]) == hint


def test_mask():
    assert mask("rtmp://h/live/SeCrEt99|rtmp://x/SeCrEt99", ["SeCrEt99"]) == "rtmp://h/live/••••••|rtmp://x/••••••"


@needs_ffmpeg
def test_unknown_encoder_fails_with_argv_masked_and_a_hint(tmp_path):
    argv = [FFMPEG, "-nostdin", "-f", "lavfi", "-i", "testsrc=duration=1", "-c:v", "libnonexistent264",
            "-f", "flv", "rtmp://127.0.0.1:9/live/SeCrEt99"]
    with pytest.raises(StreamFailed) as e:
        run(argv, secrets=["SeCrEt99"])
    err = e.value
    assert err.returncode != 0
    assert str(err).startswith(f"ffmpeg stopped with exit code {err.returncode}: Unknown encoder 'libnonexistent264'")
    assert err.hint.startswith("this ffmpeg has no encoder 'libnonexistent264'")
    assert err.argv[-1] == "rtmp://127.0.0.1:9/live/••••••"
    assert not any("SeCrEt99" in line for line in err.stderr_tail + err.argv)


@needs_ffmpeg
def test_run_reports_progress_and_can_be_cancelled(tmp_path):
    seen = []
    progress = Progress(lambda ev: seen.append(ev))
    out = tmp_path / "x.mp4"
    health = run([FFMPEG, "-nostdin", "-f", "lavfi", "-i", "testsrc=size=160x120:rate=10:duration=2",
                  "-progress", "pipe:1", "-y", str(out)], progress=progress, duration_s=2)
    assert health.ended and health.frame == 20 and out.stat().st_size > 0
    assert seen[-1].finished and seen[-1].done == 2 and any(1 < ev.done <= 2 for ev in seen[:-1])

    cancel = Progress(lambda ev: cancel.cancel() if ev.done > 0.5 else None)
    endless = tmp_path / "endless.mp4"
    run([FFMPEG, "-nostdin", "-re", "-f", "lavfi", "-i", "testsrc=size=160x120:rate=10", "-progress", "pipe:1",
         "-y", "-f", "mp4", "-movflags", "+frag_keyframe+empty_moov", str(endless)], progress=cancel)
    assert endless.stat().st_size > 0
