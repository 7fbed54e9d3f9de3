"""Health from -progress blocks and per-destination state from stderr, on captured text."""

from __future__ import annotations

from pathlib import Path

from streaming.monitor import CONNECTING, FAILED, LIVE, RETRYING, DestinationMonitor
from streaming.progress_parse import parse

DATA = Path(__file__).parent / "data"


def test_progress_blocks_become_health():
    blocks = parse((DATA / "progress-tee.txt").read_text())
    assert len(blocks) > 40
    first, last = blocks[0], blocks[-1]
    assert (first.frame, first.speed, first.bitrate_kbps, first.ended) == (1, 2.14, None, False)
    assert last.ended and last.frame == 747 and last.fps == 29.97 and last.dropped_frames == 0
    assert abs(last.out_time_s - 24.917333) < 1e-6
    assert parse("frame=5\nbitrate= 812.4kbits/s\nspeed=N/A\nprogress=continue\n")[0].bitrate_kbps == 812.4


def test_a_dropped_destination_retries_then_reconnects_while_the_other_stays_live():
    mon = DestinationMonitor({"a": "rtmp://127.0.0.1:19351/live/a", "b": "rtmp://127.0.0.1:19352/live/b"})
    changes = []
    t = 0.0
    for line in (DATA / "stderr-reconnect.txt").read_text().splitlines():
        t += 0.5
        changes += mon.feed(line, t)
        if t > 0.5:
            changes += mon.frames_flowing(t)
    assert [(c.destination, c.old, c.new) for c in changes] == [
        ("a", CONNECTING, LIVE), ("b", CONNECTING, LIVE), ("b", LIVE, RETRYING), ("b", RETRYING, LIVE)]
    assert changes[2].detail is None and changes[3].detail == "reconnected"
    assert mon.status["b"].reconnects == 1 and mon.status["b"].last_error == "Connection refused"
    assert mon.status["a"].state == LIVE and mon.status["a"].uptime(t) > 0


def test_a_refused_key_fails_and_stays_failed():
    mon = DestinationMonitor({"bad": "rtmp://h:1935/live/k1", "good": "rtmp://h:1935/live/k2"})
    lines = ["[fifo @ 0x1] [error] Error opening rtmp://h:1935/live/k1: Input/output error",
             "[fifo @ 0x1] [verbose] Recovery attempt #1",
             "[fifo @ 0x1] [info] Recovery failed: Input/output error"]
    changes = [c for line in lines for c in mon.feed(line, 1.0)]
    changes += mon.frames_flowing(1.0) + mon.frames_flowing(3.5)
    assert [(c.destination, c.new, c.detail) for c in changes] == [
        ("bad", FAILED, "the server refused the stream key"), ("good", LIVE, None)]
