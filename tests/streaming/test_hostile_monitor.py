"""The live monitor against servers that misbehave: one that accepts the connection
and never answers, one that closes it at once, one that answers slowly. A destination
is live only once the server has taken the publish, and the event ends on time."""

from __future__ import annotations

import socket
import threading
import time
from datetime import timedelta

import pytest

from streaming.destinations import make_destination
from streaming.events import EventStore, now_utc
from streaming.monitor import CONNECTING, LIVE, NO_ANSWER, RETRYING, DestinationMonitor
from streaming.pipeline import Program
from streaming.session import RunOptions, run_event

SMALL = Program(320, 180, 15, 300)
RUN_S = 6


class FakeServer:
    """A TCP server on 127.0.0.1 that behaves as ``kind`` says:

    * ``stall``: accepts every connection, reads nothing, never answers;
    * ``close``: accepts and closes at once;
    * ``slow``: waits ``delay`` seconds, then relays both ways to ``upstream`` (a real RTMP server).
    """

    def __init__(self, kind: str, *, upstream: tuple[str, int] | None = None, delay: float = 0.0):
        self.kind, self.upstream, self.delay = kind, upstream, delay
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen()
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.accepted = 0
        self._held: list[socket.socket] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"rtmp://127.0.0.1:{self.port}/live"

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.accepted += 1
            if self.kind == "close":
                conn.close()
            elif self.kind == "stall":
                self._held.append(conn)
            else:
                threading.Thread(target=self._relay, args=(conn,), daemon=True).start()

    def _relay(self, conn: socket.socket) -> None:
        time.sleep(self.delay)  # the handshake waits: the client's first bytes sit unread
        up = socket.create_connection(self.upstream)
        self._held += [conn, up]

        def pump(a, b):
            try:
                while data := a.recv(65536):
                    b.sendall(data)
            except OSError:
                pass

        threading.Thread(target=pump, args=(conn, up), daemon=True).start()
        pump(up, conn)

    def close(self) -> None:
        self._stop.set()
        self._thread.join(2)
        for s in (self.sock, *self._held):
            try:
                s.close()
            except OSError:
                pass


@pytest.fixture
def fake():
    servers: list[FakeServer] = []

    def start(kind: str, **kw) -> FakeServer:
        servers.append(FakeServer(kind, **kw))
        return servers[-1]

    yield start
    for s in servers:
        s.close()


def _run(project, tmp_path, dests: dict[str, str]) -> tuple[object, list, float]:
    store = EventStore(project)
    start = now_utc()
    eid = store.add(title_zh="压力测试", start=start, end=start + timedelta(minutes=30), tz="Asia/Shanghai",
                    preroll_s=0, destinations=[make_destination(n, u) for n, u in dests.items()])
    changes = []
    began = time.monotonic()
    result = run_event(project, eid, RunOptions(now=True, for_s=RUN_S, record_dir=tmp_path / "rec", program=SMALL),
                       on_change=changes.append)
    return result, changes, time.monotonic() - began


@pytest.mark.rtmp
def test_a_server_that_accepts_and_stalls_is_never_shown_live_and_the_event_ends_on_time(
        project, tmp_path, fake, rtmp):
    stall = fake("stall")
    good = rtmp("good")
    result, changes, took = _run(project, tmp_path, {"dead": stall.url, "good": good.url})
    assert stall.accepted >= 1
    assert not any(c.destination == "dead" and c.new == LIVE for c in changes), changes
    assert result.states["dead"] == RETRYING
    assert result.states["good"] == LIVE
    assert took < RUN_S + 6, f"ran {took:.1f} s for a {RUN_S} s event"
    (rec,) = result.recordings
    assert RUN_S - 1 <= rec.duration_s <= RUN_S + 1.5


@pytest.mark.rtmp
def test_a_server_that_closes_at_once_is_retried_never_live(project, tmp_path, fake):
    closing = fake("close")
    result, changes, took = _run(project, tmp_path, {"gone": closing.url})
    assert not any(c.new == LIVE for c in changes), changes
    assert result.states["gone"] == RETRYING
    assert took < RUN_S + 6


@pytest.mark.rtmp
def test_a_server_that_answers_slowly_becomes_live_once_it_has_taken_the_publish(project, tmp_path, fake, rtmp):
    server = rtmp("slow-upstream")
    slow = fake("slow", upstream=("127.0.0.1", server.port), delay=1.5)
    result, changes, took = _run(project, tmp_path, {"slow": slow.url})
    assert result.states["slow"] == LIVE
    went_live = [c for c in changes if c.new == LIVE]
    assert went_live
    assert took < RUN_S + 6


# -- the state machine itself, on the lines ffmpeg writes in those three cases -------------------
def test_a_full_fifo_queue_marks_its_destination_not_answering_and_holds_the_unknown_ones():
    mon = DestinationMonitor({"dead": "rtmp://127.0.0.1:1001/live/k", "good": "rtmp://127.0.0.1:1002/live/k"})
    feed = [
        (0.1, "[tcp @ 0xa] [verbose] Starting connection attempt to 127.0.0.1 port 1001"),
        (0.1, "[tcp @ 0xb] [verbose] Starting connection attempt to 127.0.0.1 port 1002"),
        (0.2, "[tcp @ 0xa] [verbose] Successfully connected to 127.0.0.1 port 1001"),
        (0.2, "[tcp @ 0xb] [verbose] Successfully connected to 127.0.0.1 port 1002"),
        (1.4, "[fifo @ 0xf1] [warning] FIFO queue full"),   # whose? both are unmapped: hold both
    ]
    changes = []
    for t, line in feed:
        changes += mon.feed(line, t) + mon.frames_flowing(t)
    changes += mon.frames_flowing(2.5)
    assert changes == [], "nobody is live while a full queue may be theirs"
    changes += mon.feed("[fifo @ 0xf1] [error] Error opening rtmp://127.0.0.1:1001/live/k: Connection timed out", 5.2)
    changes += mon.frames_flowing(5.3)
    assert [(c.destination, c.new) for c in changes] == [("dead", RETRYING), ("good", LIVE)]
    assert mon.status["dead"].last_error == "Connection timed out"


def test_a_slow_server_settles_again_after_its_queue_is_flushed():
    mon = DestinationMonitor({"slow": "rtmp://127.0.0.1:1003/live/k"})
    changes = mon.feed("[tcp @ 0xa] [verbose] Successfully connected to 127.0.0.1 port 1003", 0.2)
    changes += mon.frames_flowing(0.5)
    changes += mon.feed("[fifo @ 0xf1] [warning] FIFO queue full", 1.4)
    changes += mon.frames_flowing(2.3) + mon.frames_flowing(3.0)
    assert changes == [] and mon.status["slow"].state == CONNECTING  # held back, not live
    changes += mon.feed("[fifo @ 0xf1] [info] FIFO queue flushed", 3.1)
    changes += mon.frames_flowing(4.0)
    assert changes == []  # settling anew from the flush
    changes += mon.frames_flowing(5.2)
    assert [(c.new, c.detail) for c in changes] == [(LIVE, None)]


def test_a_live_destination_whose_server_stops_answering_is_retrying_until_it_answers():
    mon = DestinationMonitor({"a": "rtmp://127.0.0.1:1004/live/k"})
    mon.feed("[tcp @ 0xa] [verbose] Successfully connected to 127.0.0.1 port 1004", 0.2)
    changes = mon.frames_flowing(0.5) + mon.frames_flowing(2.5)
    changes += mon.feed("[fifo @ 0xf1] [warning] FIFO queue full", 10.0)
    changes += mon.feed("[fifo @ 0xf1] [info] FIFO queue flushed", 12.0)
    changes += mon.frames_flowing(12.5) + mon.frames_flowing(14.1)
    assert [(c.new, c.detail) for c in changes] == [
        (LIVE, None), (RETRYING, NO_ANSWER), (CONNECTING, "the server answered"), (LIVE, None)]
