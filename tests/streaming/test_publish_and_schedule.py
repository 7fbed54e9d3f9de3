"""After the event: replay with chapters in the export contributions; the scheduler's decisions."""

from __future__ import annotations

import re
import threading
import time
from datetime import timedelta

import pytest

from assets.project import Project
from streaming.events import EventStore, now_utc, parse_local
from streaming.pipeline import Program, Source
from streaming.publish import contributions
from streaming.recordings import chapters_vtt
from streaming.scheduler import decide
from streaming.session import RunOptions, cue, run_event


def test_recording_becomes_a_replay_with_chapters_from_the_tour_stops(project, tmp_path):
    store = EventStore(project)
    start = now_utc()
    eid = store.add(title_zh="青铜器之夜", title_en="Bronzes", start=start, end=start + timedelta(minutes=30),
                    tz="Asia/Shanghai", preroll_s=0)
    later = parse_local("2027-01-05T10:00", "Asia/Shanghai")
    store.add(title_en="Next tour", start=later, end=later + timedelta(hours=1), tz="Asia/Shanghai")

    def move_on():  # another process (the GUI, 'yunzhan live cue') moves the tour along
        time.sleep(2.2)
        with Project.open(project.path) as other:
            cue(other, eid, "大克鼎 Da Ke ding")

    mover = threading.Thread(target=move_on)
    mover.start()
    # a plain card as the source, so the lower-third is the only thing that changes
    result = run_event(project, eid, RunOptions(now=True, for_s=5, record_dir=tmp_path / "rec",
                                                source=Source("slate"),
                                                program=Program(640, 360, 15, 500)))
    mover.join()
    (rec,) = result.recordings
    recorded = tmp_path / "rec" / result.outcome.parts[0].name
    assert _bright_pixels(recorded, 1.0) == 0 and _bright_pixels(recorded, 4.5) > 150  # the stop's name appeared
    assert 4.5 <= rec.duration_s <= 6 and rec.checksum == f"sha256:{rec.sha256}"
    lines = rec.chapters.splitlines()
    assert lines[0] == "WEBVTT" and "青铜器之夜" in lines and "大克鼎 Da Ke ding" in lines
    second = lines[lines.index("大克鼎 Da Ke ding") - 1]
    assert re.fullmatch(r"00:00:0[23]\.000 --> 00:00:0\d\.\d{3}", second), second  # from the cue to the end

    events, replays = contributions(project, work_dir=tmp_path / "export")
    assert [(e["title_en"], e["tz"], e["local_start"]) for e in events.entries] == [
        ("Bronzes", "Asia/Shanghai", store.get(eid).local_start.isoformat()),
        ("Next tour", "Asia/Shanghai", "2027-01-05T10:00:00+08:00")]
    (replay,) = replays.entries
    assert replay["video"].startswith("replays/") and replay["title_zh"] == "青铜器之夜"
    assert replay["parts"] == 1 and abs(replay["duration_s"] - rec.duration_s) < 0.5
    assert replays.files[replay["video"]].stat().st_size > 0 and replays.files[replay["poster"]].stat().st_size > 0
    chapters = replays.files[replay["chapters"]].read_text(encoding="utf-8").splitlines()
    assert [c for c in chapters if "-->" not in c and c and not c.startswith(("WEBVTT", "chapter-"))] == [
        "青铜器之夜", "大克鼎 Da Ke ding"]
    assert "url" not in str(events.entries) and "rtmp" not in str(replays.entries)


def _bright_pixels(video, at_s: float) -> int:
    """White text pixels in the lower-third band of the frame at ``at_s``."""
    import io
    import subprocess

    from PIL import Image

    png = subprocess.run(["ffmpeg", "-v", "error", "-ss", str(at_s), "-i", str(video), "-frames:v", "1", "-f", "image2",
                          "-c:v", "png", "-"], capture_output=True, check=True, timeout=60).stdout
    im = Image.open(io.BytesIO(png)).convert("L")
    band = im.crop((0, im.height * 2 // 3, im.width, im.height))
    return sum(1 for v in band.getdata() if v > 200)


def test_chapters_vtt():
    assert chapters_vtt([(0, "入口 Entrance"), (61.5, "鼎 Ding")], 90) == (
        "WEBVTT\n\nchapter-1\n00:00:00.000 --> 00:01:01.500\n入口 Entrance\n\n"
        "chapter-2\n00:01:01.500 --> 00:01:30.000\n鼎 Ding\n")


def test_the_scheduler_decides_from_the_window(project):
    store = EventStore(project)
    now = now_utc()
    done = store.add(title_en="over", start=now - timedelta(hours=3), end=now - timedelta(hours=2), tz="UTC")
    crashed = store.add(title_en="crashed mid-way", start=now - timedelta(minutes=10),
                        end=now + timedelta(minutes=20), tz="UTC")
    store.set_status(crashed, "live")  # the daemon died while it ran
    soon = store.add(title_en="soon", start=now + timedelta(minutes=30), end=now + timedelta(minutes=60),
                     tz="UTC", preroll_s=300)
    d = decide(store.all(), now)
    assert d.start.id == crashed and [e.id for e in d.missed] == [done]
    store.set_status(crashed, "done")
    assert decide(store.all(), now + timedelta(minutes=24)).start is None
    assert decide(store.all(), now + timedelta(minutes=25)).start.id == soon  # pre-roll begins
    assert decide(store.all(), now + timedelta(minutes=59)).start.id == soon  # missed start, window open
    store.set_status(soon, "stopped")
    assert decide(store.all(), now + timedelta(minutes=40)).start is None


def test_without_ffprobe_the_encoders_count_gives_the_duration(project, tmp_path):
    import subprocess

    from assets.errors import ToolMissing
    from streaming.recordings import register

    clip = tmp_path / "part01.mp4"
    subprocess.run(["ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc2=size=160x90:rate=10:duration=2",
                    str(clip)], check=True, timeout=60)
    store = EventStore(project)
    eid = store.add(title_en="t", start=now_utc(), end=now_utc() + timedelta(hours=1), tz="UTC")
    with pytest.raises(ToolMissing, match="ffprobe: the configured program"):
        register(project, eid, clip, ffprobe=str(tmp_path / "no-ffprobe"))
    rec = register(project, eid, clip, ffprobe=str(tmp_path / "no-ffprobe"), encoded_s=2.0)
    assert rec.duration_s == 2.0 and rec.size == clip.stat().st_size


def test_a_rehearsal_now_lasts_as_long_as_the_event_even_after_a_stop(project, tmp_path):
    store = EventStore(project)
    start = now_utc() + timedelta(days=2)
    eid = store.add(title_en="Thursday's tour", start=start, end=start + timedelta(seconds=3), tz="UTC")
    store.set_status(eid, "stopped")
    result = run_event(project, eid, RunOptions(now=True, record_dir=tmp_path, program=Program(160, 90, 10, 100)))
    assert result.outcome.reason == "ended"
    (rec,) = result.recordings
    assert 2.5 <= rec.duration_s <= 3.5
    assert store.get(eid).status == "scheduled"  # still to come on Thursday
