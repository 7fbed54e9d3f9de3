"""``yunzhan live ...`` as a user runs it: exact messages, exit codes, keys never leaking."""

from __future__ import annotations

import os
import shutil

import pytest

from assets.project import Project
from streaming.publish import contributions

KEY = "live_4471_Hq8XwP3kR7zzTop"


@pytest.fixture
def env(keys_file):
    return {**os.environ, "YUNZHAN_KEYS_FILE": str(keys_file)}


@pytest.fixture
def proj(tmp_path, run_cli):
    path = tmp_path / "museum.yunzhan"
    assert run_cli("new", path).returncode == 0
    return path


def test_add_list_show_stop(proj, run_cli, env):
    r = run_cli("live", "add", proj, "--title", "青铜器之夜", "--title-en", "Bronzes by night", "--start",
                "2026-12-03T15:00", "--tz", "Asia/Shanghai", "--duration", "60m",
                "--dest", "bilibili=rtmp://live-push.bilivideo.com/live-bvc/", "--dest", "douyin=rtmp://push.douyin.example/stage/",
                "--dest", "mine=srt://10.0.0.2:9000", env=env)
    assert (r.returncode, r.stdout, r.stderr) == (0, "1\n", "")
    r = run_cli("live", "key", "set", proj, "bilibili", input=KEY + "\n", env=env)
    assert r.returncode == 0 and r.stdout.endswith(f"({'•' * 6}zTop)\n") and KEY not in r.stdout
    r = run_cli("live", "list", proj, env=env)
    assert r.stdout == "1\tscheduled\t2026-12-03 15:00–16:00 Asia/Shanghai\t青铜器之夜\tbilibili,douyin,mine\n"
    r = run_cli("live", "show", proj, "1", env=env)
    assert r.returncode == 0 and KEY not in r.stdout
    assert "when: 2026-12-03 15:00–16:00 Asia/Shanghai (UTC 2026-12-03 07:00–08:00); pre-roll 300 s" in r.stdout
    assert ("destination bilibili: bilibili rtmp://live-push.bilivideo.com/live-bvc/ key ••••••zTop "
            "(landscape 1920x1080@30, 6000 kbit/s, keyframe every 2 s)") in r.stdout
    assert "destination douyin: douyin rtmp://push.douyin.example/stage/ key (none) (portrait 1080x1920@30" in r.stdout
    assert ("  Douyin 抖音 issues a new key for every live: set it again before the event "
            "('yunzhan live key set PROJECT douyin')\n") in r.stdout
    r = run_cli("live", "ics", proj, proj.with_suffix(".ics"), env=env)
    assert r.returncode == 0 and b"BEGIN:VEVENT" in proj.with_suffix(".ics").read_bytes()
    other = proj.with_name("other.yunzhan")
    run_cli("new", other)
    r = run_cli("live", "ics", other, proj.with_suffix(".ics"), "--import", env=env)
    assert r.stdout == f"{proj.with_suffix('.ics')}: 1 event(s) imported\n"
    r = run_cli("live", "list", other, env=env)
    assert r.stdout == "1\tscheduled\t2026-12-03 15:00–16:00 Asia/Shanghai\t青铜器之夜\t-\n"
    r = run_cli("live", "stop", proj, "1", env=env)
    assert r.stdout == "event 1 stopped\n"
    run_cli("live", "ics", proj, proj.with_suffix(".ics"), env=env)  # now STATUS:CANCELLED
    run_cli("new", proj.with_name("third.yunzhan"))
    r = run_cli("live", "ics", proj.with_name("third.yunzhan"), proj.with_suffix(".ics"), "--import", env=env)
    assert r.stdout == f"{proj.with_suffix('.ics')}: 0 event(s) imported\n"


@pytest.mark.parametrize("args,message", [
    (("--start", "2026-12-03T15:00", "--end", "2026-12-03T14:00", "--tz", "Asia/Shanghai"),
     "yunzhan: event 'T': ends (2026-12-03 14:00) before it starts (2026-12-03 15:00)\n"),
    (("--start", "2026-12-03T15:00", "--duration", "1h", "--dest", "weibo=https://weibo.example/live"),
     "yunzhan: destination 'weibo': 'https://' is not a streaming address; use rtmp://, rtmps:// or srt://\n"),
    (("--start", "2026-12-03T15:00", "--duration", "1h", "--tz", "Asia/Beijing"),
     "yunzhan: --tz: unknown time zone 'Asia/Beijing' (use an IANA name such as Asia/Shanghai)\n"),
    (("--start", "2026-12-03T15:00"), "yunzhan: give --duration or --end\n"),
])
def test_bad_input_is_one_line_and_writes_nothing(proj, run_cli, env, args, message):
    r = run_cli("live", "add", proj, "--title", "T", *args, env=env)
    assert (r.returncode, r.stdout, r.stderr) == (1, "", message)
    with Project.open(proj) as p:
        assert p.db.execute("SELECT count(*) FROM live_events").fetchone()[0] == 0


def test_missing_camera_missing_key_and_missing_encoder(proj, run_cli, env):
    r = run_cli("live", "add", proj, "--title", "T", "--start", "2026-12-03T15:00", "--duration", "1h",
                "--dest", "bilibili=rtmp://live-push.bilivideo.com/live-bvc/", env=env)
    r = run_cli("live", "run", proj, "1", "--now", "--for", "5", "--source", "v4l2:/dev/video99", env=env)
    assert (r.returncode, r.stderr) == (1, "yunzhan: source v4l2:/dev/video99: no camera at /dev/video99 "
                                           "(is it plugged in? 'ls /dev/video*' lists the cameras)\n")
    r = run_cli("live", "run", proj, "1", "--now", "--for", "5", env=env)
    assert r.returncode == 1 and r.stderr.startswith(
        "yunzhan: destination 'bilibili': no stream key set (set it with 'yunzhan live key set PROJECT bilibili' (")
    with Project.open(proj) as p:
        p.set_setting("tools.ffmpeg", "/nonexistent/ffmpeg")
    r = run_cli("live", "run", proj, "1", "--now", "--for", "5", env=env)
    assert r.stderr == ("yunzhan: ffmpeg: the configured program '/nonexistent/ffmpeg' does not exist or is not "
                        "executable (fix the setting tools.ffmpeg or clear it)\n")


def test_an_encoder_this_ffmpeg_lacks_is_refused_before_going_live(project):
    from streaming.destinations import make_destination
    from streaming.errors import LiveError
    from streaming.events import EventStore, now_utc
    from streaming.pipeline import Program
    from streaming.session import RunOptions, run_event
    from datetime import timedelta

    eid = EventStore(project).add(title_en="t", start=now_utc(), end=now_utc() + timedelta(hours=1), tz="UTC",
                                  destinations=[make_destination("mine", "rtmp://127.0.0.1:9/live")])
    with pytest.raises(LiveError) as e:
        run_event(project, eid, RunOptions(now=True, for_s=3, program=Program(encoder="libnonexistent264")))
    assert e.value.user_text() == (f"ffmpeg {shutil.which('ffmpeg')}: has no encoder 'libnonexistent264' (install a "
                                   "full ffmpeg build (Debian: apt install ffmpeg) or choose another encoder)")
    assert EventStore(project).log_entries(eid) == []


@pytest.mark.rtmp
def test_run_now_and_the_key_never_leaks(proj, run_cli, env, rtmp, tmp_path):
    server = rtmp("a")
    run_cli("live", "add", proj, "--title", "青铜器之夜", "--start", "2026-12-03T15:00", "--tz", "Asia/Shanghai",
            "--duration", "60m", "--dest", f"stage={server.url}", env=env)
    run_cli("live", "key", "set", proj, "stage", input=KEY, env=env)
    outputs = []
    r = run_cli("live", "run", proj, "1", "--now", "--for", "6", "--program", "640x360@30", "--record",
                tmp_path / "rec", "--lower-third", "第一站", env=env)
    outputs.append(r.stdout + r.stderr)
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines()[0] == "stage: live"
    assert "yunzhan: stage: live\n" in r.stderr  # shown as it happens
    assert r.stdout.splitlines()[-1] == "event 1: ended"
    assert server.recorded() and KEY in server.recorded()[0].name  # the server did get the key
    for args in (("live", "show", proj, "1"), ("live", "ics", proj, tmp_path / "out.ics"),
                 ("live", "key", "show", proj, "1")):
        r = run_cli(*args, env=env)
        outputs.append(r.stdout + r.stderr)
    assert "recording part 1: " in outputs[1]
    with Project.open(proj) as p:
        (events, replays) = contributions(p, work_dir=tmp_path / "export")
        assert replays.entries[0]["duration_s"] > 5 and events.entries[0]["title_zh"] == "青铜器之夜"
        log = p.db.execute("SELECT group_concat(detail, ' ') FROM live_log").fetchone()[0]
        assert "••••••" in log  # the argv was logged, masked
    files = [f for f in tmp_path.rglob("*") if f.is_file() and "nginx-" not in str(f) and f.name != "stream-keys.json"]
    assert any(f.suffix == ".yunzhan" for f in files) and any(f.suffix == ".vtt" for f in files)
    for f in files:
        assert KEY.encode() not in f.read_bytes(), f
    for text in outputs:
        assert KEY not in text
