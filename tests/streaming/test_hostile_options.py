"""Generated hostile values for ``live add`` and ``live run``: stored right, or refused
in one line naming the option, never a traceback, the project unchanged. And a daemon
that sets a bad event aside instead of dying, runs closed after a crash, calendars
with impossible dates or unknown zones."""

from __future__ import annotations

import contextlib
import io
import json
import subprocess
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assets.project import Project
from streaming.events import EventStore, now_utc, utc_text
from streaming.limits import MAX_PREROLL
from studio.cli import main


def cli(*args) -> tuple[int, str, str]:
    """Run ``yunzhan ARGS`` in this process: (exit code, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            main([str(a) for a in args])
            code = 0
        except SystemExit as e:
            code = e.code if isinstance(e.code, int) else 1
    return code, out.getvalue(), err.getvalue()


def _snapshot(path: Path) -> list:
    with Project.open(path, readonly=True) as p:
        return [list(p.db.execute(f"SELECT * FROM {t} ORDER BY 1")) for t in ("live_events", "live_destinations")]


def _assert_one_line_refusal(code: int, out: str, err: str) -> None:
    assert code in (1, 2), (code, out, err)
    assert "Traceback" not in err and "internal error" not in err, err
    if code == 1:
        assert err.count("\n") == 1 and err.startswith("yunzhan: "), err


ODD = st.sampled_from(["", " ", "0", "-5", "1e30", "inf", "nan", "99999999h", "1h30m", "90s", "1:30", "0:00",
                       "24h", "24h1s", "7d", "-1h", "١٠m", "1:99", "60m", "\x00", "x" * 300])
TEXT = st.one_of(ODD, st.text(max_size=24))
STARTS = st.one_of(st.sampled_from(["2026-12-03T15:00", "0001-01-01T00:00", "9999-12-31T23:59", "1969-07-20T20:17",
                                    "2026-02-30T10:00", "2026-12-03T15:00+14:00", "2026-12-03", "tomorrow"]),
                   st.text(max_size=20))
ZONES = st.one_of(st.sampled_from(["Asia/Shanghai", "UTC", "Europe/London", "Mars/Olympus", "../../etc/passwd",
                                   "A" * 300, "", "Asia/Shanghai\x00"]), st.text(max_size=12))
PROGRAMS = st.one_of(st.sampled_from(["1280x720@30", "0x0", "0x0@0", "1281x720", "7680x4320@120", "7682x4320",
                                      "16x16@1", "1280x720@0", "1280x720@1000", "-2x-2", "1e3x720", "x@"]),
                     st.text(max_size=12))
DESTS = st.one_of(st.sampled_from(["mine=rtmp://127.0.0.1:1935/live", "mine=rtmp://h:70000/live",
                                   "mine=rtmp://h:0/live",
                                   "mine=rtmp://h:abc/live", "mine=srt://10.0.0.2:9000", "bilibili=http://x/",
                                   "=rtmp://h/live", "mine rtmp://h/live", "a b=rtmp://h/live"]),
                  st.text(max_size=16))


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(start=STARTS, tz=ZONES, duration=TEXT, preroll=TEXT, program=PROGRAMS, dest=DESTS)
def test_live_add_stores_what_was_asked_or_refuses_in_one_line(start, tz, duration, preroll, program, dest):
    with tempfile.TemporaryDirectory() as folder:
        proj = Path(folder) / "p.yunzhan"
        Project.create(proj).close()
        before = _snapshot(proj)
        code, out, err = cli("live", "add", proj, "--title", "夜场", "--start", start, "--tz", tz,
                             "--duration", duration, "--preroll", preroll, "--program", program, "--dest", dest)
        if code != 0:
            _assert_one_line_refusal(code, out, err)
            assert _snapshot(proj) == before
            return
        assert out.strip().isdigit() and err == ""
        with Project.open(proj, readonly=True) as p:
            e = EventStore(p).get(int(out))
            assert 0 <= e.preroll_s <= MAX_PREROLL.total_seconds()
            assert timedelta(0) < e.end - e.start <= timedelta(days=7)
            prog = e.layout.get("program")
            if program:
                assert prog and prog["width"] % 2 == 0 and 16 <= prog["width"] <= 7680 and 1 <= prog["fps"] <= 120
            asked = datetime.fromisoformat(start.strip())
            if asked.tzinfo is None:
                # Local time in --tz, kept as typed; a date alone is midnight of that day.
                assert e.local_start.strftime("%Y-%m-%dT%H:%M") == asked.strftime("%Y-%m-%dT%H:%M")


FOR = st.one_of(st.floats(allow_nan=True, allow_infinity=True).map(repr),
                st.sampled_from(["-5", "0", "1e309", "abc", ""]))
PORTS = st.one_of(st.integers(-10, 70000).map(str), st.sampled_from(["70000", "0", "65535", "x", "8080.5"]))


@settings(max_examples=120, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(for_s=FOR, preroll=FOR, port=PORTS, program=PROGRAMS, record_under_file=st.booleans())
def test_live_run_options_are_checked_before_anything_runs(monkeypatch, for_s, preroll, port, program,
                                                           record_under_file):
    """``run_event`` is replaced by a recorder: this is about the door, not about ffmpeg."""
    import studio.cli.live as live_cli

    seen = []

    class Stop(BaseException):  # not an Exception: the CLI's last line of defence lets it through
        pass

    def recorder(project, event_id, options, **kw):
        seen.append(options)
        raise Stop

    monkeypatch.setattr(live_cli, "run_event", recorder)
    with tempfile.TemporaryDirectory() as folder:
        proj = Path(folder) / "p.yunzhan"
        Project.create(proj).close()
        assert cli("live", "add", proj, "--title", "t", "--start", "2030-01-01T10:00", "--tz", "UTC",
                   "--duration", "1h")[0] == 0
        (Path(folder) / "file").write_text("x")
        record = Path(folder) / ("file/rec" if record_under_file else "rec")
        try:
            code, out, err = cli("live", "run", proj, "1", "--now", "--for", for_s, "--preroll", preroll,
                                 "--lan-port", port, "--program", program, "--record", record)
        except Stop:
            opts = seen[0]
            assert 0 < opts.for_s <= 7 * 86400 and 0 <= opts.preroll_s <= 86400
            assert not record_under_file
            return
        _assert_one_line_refusal(code, out, err)
        assert not seen


def test_for_minus_five_is_not_reported_as_the_window_ended(tmp_path):
    proj = tmp_path / "p.yunzhan"
    Project.create(proj).close()
    cli("live", "add", proj, "--title", "t", "--start", "2030-01-01T10:00", "--tz", "UTC", "--duration", "1h")
    code, _, err = cli("live", "run", proj, "1", "--now", "--for", "-5")
    assert (code, err) == (1, "yunzhan: --for: -5 s; give a number of seconds greater than 0\n")


@pytest.mark.parametrize("args,message", [
    (("--preroll", "99999999h"), "--preroll: '99999999h' is longer than the 24 hours allowed"),
    (("--program", "0x0"), "--program: width 0 is out of range (16 to 7680)"),
    (("--dest", "mine=rtmp://h:70000/live"),
     "destination 'mine': the port in 'h:70000' is not a number from 1 to 65535"),
    (("--tz", "A" * 300), f"--tz: unknown time zone '{'A' * 59}…' (use an IANA name such as Asia/Shanghai)"),
    (("--start", "0001-01-01T00:00"), "--start: year 1 is out of range (1970 to 9998)"),
])
def test_values_from_the_issue_are_refused_by_live_add(tmp_path, args, message):
    proj = tmp_path / "p.yunzhan"
    Project.create(proj).close()
    base = {"--start": "2030-01-01T10:00", "--tz": "UTC"}
    base.update(dict(zip(args[::2], args[1::2])))
    flat = [x for kv in base.items() for x in kv] + [a for a in args if a not in base and a not in base.values()]
    code, _, err = cli("live", "add", proj, "--title", "t", "--duration", "1h", *flat)
    assert (code, err) == (1, f"yunzhan: {message}\n")


def test_lan_port_70000_is_a_usage_error(tmp_path):
    proj = tmp_path / "p.yunzhan"
    Project.create(proj).close()
    code, _, err = cli("live", "run", proj, "1", "--lan-port", "70000")
    assert code == 2 and "70000 is not in the range 1<=x<=65535" in err


# -- the daemon sets a bad event aside ---------------------------------------------------------------
def _sneak(project: Project, **values) -> int:
    """An event written straight into the file (an older Yunzhan, a hand edit): unchecked values."""
    now = now_utc()
    row = {"uid": f"{values.get('title_en', 'x')}@test", "title_zh": "", "title_en": "x", "description": "",
           "start_utc": utc_text(now - timedelta(minutes=1)), "end_utc": utc_text(now + timedelta(hours=1)),
           "tz": "UTC", "preroll_s": 0, "sources": "[]", "layout": "{}", "links": "{}", **values}
    with project.transaction() as db:
        return db.execute(f"INSERT INTO live_events({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
                          tuple(row.values())).lastrowid


def test_the_daemon_sets_bad_events_aside_and_carries_on(project, tmp_path, monkeypatch):
    from streaming.scheduler import Daemon

    monkeypatch.setenv("YUNZHAN_LOG_DIR", str(tmp_path / "logs"))
    huge = _sneak(project, title_en="huge", preroll_s=99999999 * 3600)
    tiny = _sneak(project, title_en="tiny", layout=json.dumps({"program": {"width": 0, "height": 0}}))
    broken = _sneak(project, title_en="broken", start_utc="0000-00-00T00:00:00Z")
    store = EventStore(project)
    good = store.add(title_en="good", start=now_utc() + timedelta(days=1), end=now_utc() + timedelta(days=1, hours=1),
                     tz="UTC", preroll_s=0)
    said = []
    daemon = Daemon(project, say=said.append)
    events = daemon.events()
    assert [e.id for e in events] == [good]
    for eid in (huge, tiny, broken):
        assert project.db.execute("SELECT status FROM live_events WHERE id = ?", (eid,)).fetchone()[0] == "stopped"
    messages = [s for s in said if "set aside" in s]
    assert len(messages) == 3
    expected = f"event {tiny}: set aside (event {tiny} 'tiny': program: width 0 is out of range"
    assert any(expected in m for m in messages), messages
    assert any("internal error: ValueError" in m for m in messages)
    assert list((tmp_path / "logs").glob("crash-*.log"))
    import threading
    assert daemon.tick(threading.Event()) is None  # nothing due, nothing raised


def test_an_event_left_live_by_a_killed_run_is_closed_with_its_recorded_part(project, tmp_path):
    from streaming.recordings import recordings
    from streaming.scheduler import Daemon

    store = EventStore(project)
    start = now_utc() - timedelta(hours=2)
    eid = store.add(title_en="crashed", start=start, end=start + timedelta(hours=1), tz="UTC", preroll_s=0)
    run_id = store.begin_run(eid, start)  # the run that was then killed: never ended
    folder = project.path.with_name(project.path.name + ".recordings")
    folder.mkdir()
    part = folder / f"event{eid}-{start:%Y%m%dT%H%M%SZ}-part01.mp4"
    subprocess.run(["ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc=size=160x120:rate=10", "-t", "2",
                    "-c:v", "libx264", "-movflags", "+frag_keyframe+empty_moov", str(part)], check=True, timeout=60)
    code, out, _ = cli("live", "list", project.path)
    assert code == 0 and out.split("\t")[1] == "interrupted"  # not "live" forever
    said = []
    Daemon(project, say=said.append).tick(__import__("threading").Event())
    assert store.get(eid).status == "done"
    (rec,) = recordings(project, eid)
    assert 1.5 <= rec.duration_s <= 2.5
    assert project.db.execute("SELECT outcome FROM live_runs WHERE id = ?", (run_id,)).fetchone()[0] == "interrupted"
    assert any("its run had been interrupted; closed, 1 recorded part(s) kept" in s for s in said)


# -- iCalendar ------------------------------------------------------------------------------------
def _ics(dtstart: str) -> str:
    return ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\nBEGIN:VEVENT\r\nUID:1@t\r\nSUMMARY:Night\r\n"
            f"{dtstart}\r\nDURATION:PT1H\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")


@pytest.mark.parametrize("dtstart,message", [
    ("DTSTART;TZID=Mars/Olympus:20301203T150000",
     "event 1: DTSTART is in an unknown time zone TZID=Mars/Olympus (export the calendar with its time zone "
     "definitions, or use an IANA name such as Asia/Shanghai)"),
    ("DTSTART:99999999T999999", "event 1: a date or duration that cannot be read (unsupported date value "),
])
def test_a_calendar_with_an_unknown_zone_or_impossible_date_is_refused(tmp_path, dtstart, message):
    proj = tmp_path / "p.yunzhan"
    Project.create(proj).close()
    ics = tmp_path / "events.ics"
    ics.write_text(_ics(dtstart), encoding="utf-8")
    code, _, err = cli("live", "ics", proj, ics, "--import")
    assert code == 1 and err.startswith(f"yunzhan: {ics}: {message}") and err.count("\n") == 1
    assert _snapshot(proj)[0] == []
