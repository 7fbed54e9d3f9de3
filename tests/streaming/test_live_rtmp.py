"""Real streams: ffmpeg to two nginx-rtmp servers on 127.0.0.1 plus a local recording."""

from __future__ import annotations

import json
import os
import signal
import sys
import subprocess
import threading
import time
from datetime import timedelta
from pathlib import Path

import pytest

from streaming.destinations import make_destination
from streaming.events import EventStore, now_utc
from streaming.keys import KeyStore
from streaming.monitor import FAILED, LIVE
from streaming.pipeline import Output, Plan, Program, Source, build_argv, parse_source
from streaming.progress_parse import Health
from streaming.recordings import recordings
from streaming.runner import FfmpegRun
from streaming.session import RunOptions, run_event
from .conftest import GOOD_KEY, largest_gap, packet_times

pytestmark = pytest.mark.rtmp
SMALL = Program(640, 360, 30, 800)


def _event(project, dests: dict[str, str], keys: dict[str, str], minutes: int = 30) -> int:
    store = EventStore(project)
    start = now_utc()
    eid = store.add(title_zh="青铜器导览", start=start, end=start + timedelta(minutes=minutes), tz="Asia/Shanghai",
                    preroll_s=0, destinations=[make_destination(n, u) for n, u in dests.items()])
    for name, key in keys.items():
        KeyStore(project).set(name, key)
    return eid


def _pull(url: str) -> dict:
    out = subprocess.run(["ffprobe", "-v", "error", "-rw_timeout", "8000000", "-of", "json", "-show_streams", url],
                         capture_output=True, text=True, timeout=20)
    return json.loads(out.stdout or "{}")


def test_two_destinations_and_a_recording_survive_one_server_restarting(project, rtmp, tmp_path):
    a, b = rtmp("a"), rtmp("b")
    eid = _event(project, {"a": a.url, "b": b.url}, {"a": "keyAAAA-1111", "b": "keyBBBB-2222"})
    status_log: list[tuple[float, str, str]] = []

    def on_health(health: Health, status) -> None:
        status_log.append((time.monotonic(), status["a"].state, status["b"].state))

    result = {}
    worker = threading.Thread(target=lambda: result.setdefault("r", run_event(
        project, eid, RunOptions(now=True, for_s=20, record_dir=tmp_path / "rec", program=SMALL, preroll_s=0),
        on_health=on_health)))
    t0 = time.monotonic()
    worker.start()
    time.sleep(3)
    pulled = {}
    pullers = [threading.Thread(target=lambda n=n, s=s, k=k: pulled.__setitem__(n, _pull(f"{s.url}/{k}")))
               for n, s, k in (("a", a, "keyAAAA-1111"), ("b", b, "keyBBBB-2222"))]
    for p in pullers:
        p.start()
    for p in pullers:
        p.join()
    for name in ("a", "b"):
        streams = {s["codec_type"]: s for s in pulled[name]["streams"]}
        assert (streams["video"]["width"], streams["video"]["height"]) == (640, 360), name
        assert streams["video"]["r_frame_rate"] in ("30/1", "30000/1000"), name
        assert (streams["audio"]["codec_name"], streams["audio"]["sample_rate"], streams["audio"]["channels"]) == (
            "aac", "48000", 2), name

    time.sleep(max(0.0, 7 - (time.monotonic() - t0)))
    b.kill()
    time.sleep(3)
    b.start()
    restarted = time.monotonic()
    worker.join(60)
    r = result["r"]
    assert r.outcome.reason == "ended" and r.outcome.restarts == 0

    # b: retrying while down, live again within 5 s of its server's return
    assert any(st_b == "retrying" for _, _, st_b in status_log)
    back = next(t for t, _, st_b in status_log if t > restarted and st_b == LIVE)
    assert back - restarted < 5
    assert r.states == {"a": LIVE, "b": LIVE}
    kinds = [(e["kind"], e["destination"]) for e in EventStore(project).log_entries(eid)]
    assert ("reconnect", "b") in kinds
    assert len(b.recorded()) >= 2  # the server saw a second publish after its restart

    # a and the recording: unbroken
    (a_flv,) = a.recorded()
    a_times = packet_times(a_flv)
    assert largest_gap(a_times) <= 1.0 and a_times[-1] - a_times[0] > 18
    (rec,) = recordings(project, eid)
    assert 19 <= rec.duration_s <= 21.5
    stored = project.path.with_name(project.path.name + ".media") / f"{rec.sha256}.mp4"
    rec_times = packet_times(stored)
    assert largest_gap(rec_times) <= 1.0 and rec_times[-1] > 19
    assert largest_gap(packet_times(stored, "a")) <= 1.0


def test_sigkill_loses_at_most_two_seconds_of_the_recording(rtmp, tmp_path):
    a = rtmp("a")
    recording = tmp_path / "rec.mp4"
    # A low bitrate: a recording that waited for full write buffers would lose many seconds.
    job = FfmpegRun(build_argv(Plan("ffmpeg", Source("testsrc"), Program(320, 180, 30, 300),
                                    (Output("a", f"{a.url}/k"),), recording=recording))).start()
    last = None
    try:
        while last is None or last.out_time_s < 8:
            for item in job.events():
                if isinstance(item, Health):
                    last = item
        job.process.send_signal(signal.SIGKILL)
        job.process.wait(10)
    finally:
        job.stop()
    times = packet_times(recording)
    assert times[-1] >= last.out_time_s - 2
    assert largest_gap(times) <= 1.0


def test_a_refused_key_fails_alone(project, rtmp, tmp_path):
    server = rtmp("auth", check_key=True)
    eid = _event(project, {"good": server.url, "bad": server.url}, {"good": GOOD_KEY, "bad": "wrong-key-0000"})
    r = run_event(project, eid, RunOptions(now=True, for_s=6, record_dir=tmp_path / "rec", program=SMALL))
    assert r.states == {"good": LIVE, "bad": FAILED}
    log = EventStore(project).log_entries(eid)
    assert {"kind": "state", "destination": "bad", "detail": {"from": "connecting", "to": "failed",
                                                              "why": "the server refused the stream key"},
            "at": log[1]["at"], "run": r.run_id} in log
    (rec,) = r.recordings
    assert 5.5 <= rec.duration_s <= 7
    assert packet_times(server.recorded()[0])[-1] > 4


def test_the_daemon_starts_a_missed_event_at_once_and_the_next_on_time(tmp_path, rtmp, keys_file):
    server = rtmp("a")
    from assets.project import Project

    proj = tmp_path / "museum.yunzhan"
    env = {**os.environ, "YUNZHAN_KEYS_FILE": str(keys_file)}
    with Project.create(proj) as p:
        store = EventStore(p)
        now = now_utc()
        second = now + timedelta(seconds=10)
        for title, start, end in (("missed start", now - timedelta(seconds=60), now + timedelta(seconds=7)),
                                  ("on time", second, second + timedelta(seconds=8))):
            store.add(title_en=title, start=start, end=end, tz="Asia/Shanghai", preroll_s=0,
                      destinations=[make_destination("a", server.url)])
    daemon = subprocess.Popen([str(Path(sys.executable).with_name("yunzhan")), "live", "daemon", str(proj),
                               "--program", "640x360@30", "--record", str(tmp_path / "rec")],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        deadline = time.monotonic() + 40
        while time.monotonic() < deadline:
            with Project.open(proj) as p:
                if [e.status for e in EventStore(p).all()] == ["done", "done"]:
                    break
            time.sleep(0.5)
    finally:
        daemon.send_signal(signal.SIGTERM)
        out, err = daemon.communicate(timeout=20)
    assert daemon.returncode == 0, err
    assert "event 1 'missed start': starting" in err and "late (window still open)" in err
    with Project.open(proj) as p:
        store = EventStore(p)
        e1, e2 = store.all()
        assert (e1.status, e2.status) == ("done", "done")
        log1 = store.log_entries(e1.id)
        assert 0 <= (_at(log1, "start") - now).total_seconds() <= 5  # as soon as the daemon is up
        log2 = store.log_entries(e2.id)
        assert abs((_at(log2, "start") - e2.start).total_seconds()) <= 2
        assert abs((_at(log2, "stop") - e2.end).total_seconds()) <= 2
        (rec,) = recordings(p, e2.id)
        assert 6.5 <= rec.duration_s <= 9


def _at(log, kind):
    from streaming.events import from_utc_text

    return from_utc_text(next(e["at"] for e in log if e["kind"] == kind))


def test_when_ffmpeg_dies_and_the_source_is_gone_the_slate_covers_until_it_returns(project, rtmp, tmp_path):
    server = rtmp("a")
    clip = tmp_path / "tour.mp4"
    subprocess.run(["ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc2=size=320x180:rate=30:duration=3",
                    "-f", "lavfi", "-i", "sine=duration=3", "-c:v", "libx264", "-c:a", "aac", "-shortest",
                    str(clip)], check=True, timeout=60)
    eid = _event(project, {"a": server.url}, {})
    result, opened = {}, []

    def run_in_thread():  # a connection of its own, as the daemon has
        from assets.project import Project

        opened.append(Project.open(project.path))
        result["r"] = run_event(opened[0], eid, RunOptions(now=True, for_s=16, record_dir=tmp_path / "rec",
                                                           program=SMALL, source=parse_source(f"file:{clip}")))

    worker = threading.Thread(target=run_in_thread)
    worker.start()
    time.sleep(4)
    hidden = clip.with_suffix(".away")
    clip.rename(hidden)  # the camera cable slips...
    _ffmpeg_children_kill()  # ...and ffmpeg dies with it
    time.sleep(5)
    hidden.rename(clip)  # plugged in again
    worker.join(60)
    opened[0].close()
    r = result["r"]
    assert r.outcome.restarts == 1 and len(r.outcome.parts) == 3
    starts = [e["detail"]["source"] for e in EventStore(project).log_entries(eid) if e["kind"] == "start"]
    assert starts == [f"file:{clip}", "slate", f"file:{clip}"]
    errors = [e["detail"]["message"] for e in EventStore(project).log_entries(eid) if e["kind"] == "error"]
    assert errors and errors[0].startswith("ffmpeg stopped with exit code -9")
    assert [rec.part for rec in r.recordings] == [1, 2, 3]
    assert 11 <= sum(rec.duration_s for rec in r.recordings) <= 16.5  # minus the two restarts


def _ffmpeg_children_kill() -> None:
    """SIGKILL the ffmpeg this test process started (found by parent pid, not by name)."""
    me = os.getpid()
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        if int(fields[1]) == me and "(ffmpeg)" in stat:
            os.kill(int(pid), signal.SIGKILL)
