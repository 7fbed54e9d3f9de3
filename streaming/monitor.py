"""Per-destination state (connecting, live, retrying, failed) read from ffmpeg's stderr.

Each network destination sits behind its own ``fifo`` muxer inside ``tee``; the fifo
logs its recovery ("Recovery attempt #n", "Recovery failed: …", "Recovery
successful") under its own address (``[fifo @ 0x…]``), and the first failed attempt
names the URL ("Error opening rtmp://…"). The monitor learns which address belongs
to which destination from those lines and from the host and port of TCP connection
attempts. Pure: fed lines and a clock, it returns state changes; tested on captured
stderr.

A TCP connection is not a publish: a server may accept the connection and never
answer (a dead relay, a firewall). ffmpeg's RTMP open returns only once the server
has accepted the publish, and until it returns the destination's fifo cannot take
packets, so its queue (60 packets; the audio alone makes 47 a second) fills and it
logs "FIFO queue full". A destination is therefore promoted to live only after
:data:`SETTLE_S` seconds of frames with its connection made and no full queue; a
full queue holds a connecting destination back (and marks a live one retrying, "the
server does not answer"), and the queue being flushed again (the server answered,
late) starts the settling anew. A server that never answers fails the open after the
fifo's I/O timeout (see :data:`streaming.pipeline.IO_TIMEOUT_US`) and is retried.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

CONNECTING, LIVE, RETRYING, FAILED = "connecting", "live", "retrying", "failed"

_PREFIX = re.compile(r"^\[(?P<ctx>\w+) @ (?P<addr>0x[0-9a-f]+)\] (?:\[(?P<level>\w+)\] )?(?P<msg>.*)$")
_REFUSED = re.compile(r"Server error|NetStream\.Publish\.(BadName|Rejected)|Unauthorized|Forbidden|"
                      r"Input/output error", re.I)
SETTLE_S = 2.0  # > 60 packets / 47 per second: a server that never answers has filled the queue by then
NO_ANSWER = "the server accepted the connection but does not answer"
_DEFAULT_PORTS = {"rtmp": 1935, "rtmps": 443, "srt": 0}


@dataclass
class DestinationStatus:
    name: str
    state: str = CONNECTING
    since: float = 0.0
    live_since: float | None = None
    reconnects: int = 0
    last_error: str | None = None
    connected_at: float | None = None
    stalled: bool = False  # its fifo queue filled up: nothing is leaving for the server

    def uptime(self, now: float) -> float:
        return now - self.live_since if self.state == LIVE and self.live_since is not None else 0.0


@dataclass(frozen=True)
class Change:
    destination: str
    old: str
    new: str
    detail: str | None = None


@dataclass
class DestinationMonitor:
    """Follows the state of each named destination of one ffmpeg run."""

    urls: dict[str, str]                        # name -> publish URL (with key: never shown)
    status: dict[str, DestinationStatus] = field(default_factory=dict)
    _fifo: dict[str, str] = field(default_factory=dict)   # fifo address -> name
    _pending: str | None = None                  # fifo address whose destination is not yet known

    def __post_init__(self):
        self._first_frames: float | None = None
        self._stalled_unknown: set[str] = set()  # fifo addresses with a full queue, destination not yet known
        for name in self.urls:
            self.status.setdefault(name, DestinationStatus(name))
        self._by_hostport: dict[tuple[str, int], list[str]] = {}
        for name, url in self.urls.items():
            parts = urlsplit(url)
            port = parts.port or _DEFAULT_PORTS.get(parts.scheme.lower(), 0)
            self._by_hostport.setdefault(((parts.hostname or "").lower(), port), []).append(name)

    def restart(self, now: float) -> list[Change]:
        """A new ffmpeg run began: every destination connects again."""
        self._fifo.clear()
        self._pending = None
        self._first_frames = None
        self._stalled_unknown.clear()
        for st in self.status.values():
            st.connected_at = None
            st.stalled = False
        return [c for n in self.status if (c := self._set(n, CONNECTING, now))]

    def feed(self, line: str, now: float) -> list[Change]:
        m = _PREFIX.match(line.strip())
        if not m:
            return []
        ctx, addr, msg = m["ctx"], m["addr"], m["msg"]
        if ctx == "fifo":
            return self._fifo_line(addr, msg, now)
        if ctx == "tcp":
            return self._tcp_line(msg, now)
        return []

    def _fifo_line(self, addr: str, msg: str, now: float) -> list[Change]:
        if msg.startswith("FIFO queue full"):
            return self._queue_full(addr, now)
        if msg.startswith("FIFO queue flushed"):
            return self._queue_flushed(addr, now)
        if msg.startswith("Error opening "):
            url, _, reason = msg[len("Error opening "):].rpartition(": ")
            name = self._name_for_url(url)
            if name:
                self._fifo[addr] = name
                self._stalled_unknown.discard(addr)
                self.status[name].stalled = False
                refused = bool(_REFUSED.search(reason))
                return self._fail(name, reason, now, refused)
            return []
        name = self._fifo.get(addr)
        if msg.startswith("Recovery attempt"):
            if name is None:
                self._pending = addr
                return []
            return self._fail(name, None, now, False)
        if name is None:
            return []
        if msg.startswith("Recovery failed"):
            return self._fail(name, msg.partition(": ")[2] or None, now, False)
        if msg.startswith("Recovery successful"):
            st = self.status[name]
            st.reconnects += 1
            change = self._set(name, LIVE, now, "reconnected")
            return [change] if change else []
        return []

    def _queue_full(self, addr: str, now: float) -> list[Change]:
        name = self._fifo.get(addr)
        if name is None:
            unmapped = [n for n, st in self.status.items()
                        if n not in self._fifo.values() and st.state in (CONNECTING, LIVE)]
            if len(unmapped) != 1:
                self._stalled_unknown.add(addr)  # cannot tell whose: promote none of the unknown ones
                return []
            name = unmapped[0]
            self._fifo[addr] = name
        st = self.status[name]
        st.stalled = True
        if st.state != LIVE:  # still connecting: simply not promoted (a busy server may answer late)
            return []
        st.last_error = NO_ANSWER
        change = self._set(name, RETRYING, now, NO_ANSWER)
        return [change] if change else []

    def _queue_flushed(self, addr: str, now: float) -> list[Change]:
        self._stalled_unknown.discard(addr)
        name = self._fifo.get(addr)
        if name is None:
            return []
        st = self.status[name]
        was_stalled, st.stalled = st.stalled, False
        if not was_stalled:
            return []
        st.connected_at = now  # packets leave again: settle anew before saying live
        if st.state == RETRYING and st.last_error == NO_ANSWER:
            change = self._set(name, CONNECTING, now, "the server answered")
            return [change] if change else []
        return []

    def _tcp_line(self, msg: str, now: float) -> list[Change]:
        m = re.match(r"(Starting connection attempt|Successfully connected) to (\S+) port (\d+)", msg)
        if not m:
            return []
        names = self._by_hostport.get((m[2].lower(), int(m[3])), [])
        if len(names) != 1:
            return []
        name = names[0]
        if m[1].startswith("Starting"):
            if self._pending and self._pending not in self._fifo:
                self._fifo[self._pending] = name
                self._pending = None
                return self._fail(name, None, now, False)
            return []
        if self.status[name].state == CONNECTING and self.status[name].connected_at is None:
            # the TCP connection only: live comes later, on evidence (see the module docstring)
            self.status[name].connected_at = now
        return []

    def frames_flowing(self, now: float) -> list[Change]:
        """Frames are being written. A destination still connecting is live once it has
        been connected (or, when its host is ambiguous, frames have flowed) for
        :data:`SETTLE_S` without an error: a refused publish fails within that time."""
        if self._first_frames is None:
            self._first_frames = now
        changes = []
        mapped = set(self._fifo.values())
        for name, st in self.status.items():
            if st.state != CONNECTING or st.stalled:
                continue
            if self._stalled_unknown and name not in mapped:
                continue  # some fifo has a full queue and it may be this destination's
            since = st.connected_at if self._hostport_known(name) else self._first_frames
            if since is not None and now - since >= SETTLE_S and (c := self._set(name, LIVE, now)):
                changes.append(c)
        return changes

    def _hostport_known(self, name: str) -> bool:
        return any(len(v) == 1 and v[0] == name for v in self._by_hostport.values())

    def _fail(self, name: str, reason: str | None, now: float, refused: bool) -> list[Change]:
        st = self.status[name]
        if st.state == FAILED and not refused:  # a refused key stays failed until it gets through
            return []
        if reason:
            st.last_error = "the server refused the stream key" if refused else reason
        change = self._set(name, FAILED if refused else RETRYING, now, st.last_error)
        return [change] if change else []

    def _set(self, name: str, state: str, now: float, detail: str | None = None) -> Change | None:
        st = self.status[name]
        if st.state == state:
            return None
        old = st.state
        st.state, st.since = state, now
        st.live_since = now if state == LIVE else None
        return Change(name, old, state, detail)

    def _name_for_url(self, url: str) -> str | None:
        for name, u in self.urls.items():
            if u == url:
                return name
        return None
