"""Live through a relay server: the laptop sends one stream, the relay pushes it to
every platform.

An event whose destinations include one of kind ``relay`` (its URL is the relay's
ingest application, e.g. ``rtmp://192.168.1.20:1935/yunzhan``) streams from the
laptop to that relay only; the relay pushes the program to each other destination.
:func:`nginx_rtmp_config` writes the relay's configuration for nginx with its RTMP
module (one ``application`` with one ``push`` per platform, stream keys joined in:
the text is never stored in the project, and the CLI shows it once or writes it to a
private file); :class:`LocalRelay` runs it here (a classroom, or a second machine
on the same network); :func:`relay_states` reads each platform's state from the
relay's ``stat`` page, and :class:`RelayWatch` follows it for the live monitor.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import threading
import time
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from assets.errors import ToolMissing
from streaming.destinations import PRESETS, Destination, publish_url
from streaming.errors import LiveError
from streaming.events import Event
from streaming.keys import KeyStore
from streaming.monitor import CONNECTING, LIVE, RETRYING, Change

RELAY = "relay"
RTMP_MODULES = (Path("/usr/lib/nginx/modules/ngx_rtmp_module.so"),       # Debian, Ubuntu
                Path("/usr/lib64/nginx/modules/ngx_rtmp_module.so"))      # Fedora
STAT_PATH = "/stat"
DEFAULT_STAT_PORT = 8089


def relay_of(event: Event) -> Destination | None:
    """The event's relay destination, if it streams through one."""
    return next((d for d in event.destinations if d.preset == RELAY), None)


def platforms_of(event: Event) -> list[Destination]:
    """The destinations the relay pushes to (all but the relay itself)."""
    return [d for d in event.destinations if d.preset != RELAY]


def stream_name(event: Event) -> str:
    return f"event{event.id}"


def ingest_url(relay: Destination, event: Event) -> str:
    """Where the laptop sends the program: the relay's application plus the event's stream name."""
    return relay.url.rstrip("/") + "/" + stream_name(event)


@dataclass(frozen=True)
class RelayAddress:
    """Where a relay listens for the laptop, and where its stat page is (127.0.0.1 only:
    the page shows the push addresses, keys included)."""
    host: str
    port: int
    application: str
    stat_port: int = DEFAULT_STAT_PORT

    @classmethod
    def of(cls, relay: Destination, *, host: str = "0.0.0.0", stat_port: int = DEFAULT_STAT_PORT) -> "RelayAddress":
        parts = urlsplit(relay.url)
        app = parts.path.strip("/")
        if not app or "/" in app:
            raise LiveError(f"destination '{relay.name}': the relay address needs one application name, "
                            f"like rtmp://HOST:1935/yunzhan")
        return cls(host, parts.port or 1935, app, stat_port)

    @property
    def stat_url(self) -> str:
        return f"http://127.0.0.1:{self.stat_port}{STAT_PATH}"


def push_urls(event: Event, keys: KeyStore) -> list[tuple[Destination, str]]:
    """Each platform with the address the relay pushes to (key joined in).

    :raises LiveError: no relay or no platform; a platform that is not rtmp:// (nginx-rtmp
        pushes RTMP only); a platform whose key is not set.
    """
    if relay_of(event) is None:
        raise LiveError(f"event {event.id} '{event.title}': has no relay destination",
                        hint="add one with --dest relay=rtmp://RELAY-HOST:1935/yunzhan")
    platforms = platforms_of(event)
    if not platforms:
        raise LiveError(f"event {event.id} '{event.title}': the relay has no platform to push to")
    out = []
    for d in platforms:
        if d.scheme != "rtmp":
            raise LiveError(f"destination '{d.name}': nginx-rtmp pushes only to rtmp:// addresses, not {d.scheme}://",
                            hint="use the platform's rtmp:// address, or stream to it from the laptop")
        key = keys.get(d.name)
        if not key and not d.preset.startswith("custom-"):
            raise LiveError(f"destination '{d.name}': no stream key set",
                            hint=f"set it with 'yunzhan live key set PROJECT {d.name}' ({PRESETS[d.preset].help})")
        out.append((d, publish_url(d, key)))
    return out


def nginx_rtmp_config(event: Event, keys: KeyStore, *, host: str = "0.0.0.0", stat_port: int = DEFAULT_STAT_PORT,
                      module: Path | None = None, foreground: bool = False) -> str:
    """The nginx configuration of the event's relay: one ``application`` named after the
    relay's URL, one ``push`` per platform, a ``stat`` page on 127.0.0.1. It contains
    the stream keys. ``foreground`` adds what running it from a terminal needs."""
    relay = relay_of(event)
    pushes = push_urls(event, keys)
    address = RelayAddress.of(relay, host=host, stat_port=stat_port)
    module = module or _rtmp_module() or RTMP_MODULES[0]
    lines = [f"# Relay of live event {event.id} '{event.title}', written by Yunzhan.",
             "# It holds stream keys: keep it private (mode 600) and out of shared folders.",
             f"# The laptop sends to {ingest_url(relay, event)}; this server pushes to each platform.",
             f"load_module {module};"]
    if foreground:
        lines += ["daemon off;", "master_process off;"]
    lines += ["worker_processes 1;", "error_log logs/error.log;", "pid logs/nginx.pid;",
              "events { worker_connections 256; }",
              "http {", "  access_log off;", "  server {", f"    listen 127.0.0.1:{address.stat_port};",
              f"    location {STAT_PATH} {{ rtmp_stat all; }}", "  }", "}",
              "rtmp {", "  server {", f"    listen {address.host}:{address.port};", "    chunk_size 4096;",
              f"    application {address.application} {{", "      live on;", "      record off;"]
    for d, url in pushes:
        lines += [f"      # {d.name} ({PRESETS[d.preset].label})", f"      push {_quoted(url)};"]
    lines += ["    }", "  }", "}"]
    return "\n".join(lines) + "\n"


def _quoted(value: str) -> str:
    # Platform keys may hold '?', '&' and '='; quoting keeps nginx from reading them.
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _rtmp_module() -> Path | None:
    return next((p for p in RTMP_MODULES if p.exists()), None)


# -- the stat page --------------------------------------------------------------------
def relay_states(stat_xml: str, event: Event) -> dict[str, str]:
    """Each platform's state as the relay sees it: ``live`` while the relay's push to it
    is active; ``retrying`` while the laptop's stream arrives but that push is not up;
    ``connecting`` before the laptop's stream arrives. The relay destination itself is
    ``live`` while the laptop's stream arrives."""
    relay = relay_of(event)
    stream = None
    try:
        root = ET.fromstring(stat_xml)
    except ET.ParseError:
        root = None
    app = RelayAddress.of(relay).application if relay else None
    for application in (root.iter("application") if root is not None else ()):
        if application.findtext("name") == app:
            for s in application.iter("stream"):
                if s.findtext("name") == stream_name(event):
                    stream = s
    publishing = stream is not None and stream.find("publishing") is not None
    pushed = set()
    if stream is not None:
        for client in stream.iter("client"):
            if client.find("publishing") is None and client.find("active") is not None:
                pushed.add(_push_target(client.findtext("address") or ""))
    states = {relay.name: LIVE if publishing else CONNECTING} if relay else {}
    for d in platforms_of(event):
        if _push_target(d.url) in pushed:
            states[d.name] = LIVE
        else:
            states[d.name] = RETRYING if publishing else CONNECTING
    return states


def _push_target(address: str) -> tuple[str, int, str]:
    """(host, port, application) of a push address, written with or without rtmp:// and port."""
    if "://" not in address:
        address = "rtmp://" + address
    parts = urlsplit(address)
    return ((parts.hostname or "").lower(), parts.port or 1935, parts.path.strip("/").split("/")[0])


def read_stat(url: str, *, timeout: float = 2.0) -> str | None:
    """The relay's stat page, or ``None`` when it does not answer."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.read().decode("utf-8", "replace")
    except (urllib.error.URLError, OSError):
        return None


class RelayWatch:
    """Reads a relay's stat page every ``interval`` seconds in a background thread and
    reports each destination's state changes as :class:`~streaming.monitor.Change`
    (``detail`` "as seen by the relay"). A relay that stops answering changes nothing."""

    def __init__(self, stat_url: str, event: Event, on_change, *, interval: float = 1.0):
        self.stat_url, self.event, self.on_change, self.interval = stat_url, event, on_change, interval
        self.states: dict[str, str] = {}
        self._was_live: set[str] = set()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def poll(self) -> list[Change]:
        """Read the page once; returns (and reports) the changes since the last read."""
        text = read_stat(self.stat_url, timeout=min(2.0, self.interval * 2))
        if text is None:
            return []
        changes = []
        for name, state in relay_states(text, self.event).items():
            if state == LIVE:
                self._was_live.add(name)
            elif state == RETRYING and name not in self._was_live:
                state = CONNECTING  # the relay's first push to it is still being set up
            old = self.states.get(name)
            self.states[name] = state
            if old != state and not (old is None and state == CONNECTING):  # everything starts connecting
                changes.append(Change(name, old or CONNECTING, state, "as seen by the relay"))
        for change in changes:
            self.on_change(change)
        return changes

    def start(self) -> "RelayWatch":
        def run():
            while not self._stop.wait(self.interval):
                self.poll()
        self._thread = threading.Thread(target=run, name="relay-watch", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)


# -- running a relay here ---------------------------------------------------------------
def nginx_argv(nginx: str, conf: Path, prefix: Path) -> list[str]:
    return [nginx, "-c", str(conf), "-p", str(prefix) + "/"]


class LocalRelay:
    """nginx with the RTMP module, run in the foreground from a private temporary folder
    (mode 700; the configuration holds keys and is deleted when the relay stops)."""

    def __init__(self, event: Event, keys: KeyStore, *, host: str = "0.0.0.0",
                 stat_port: int = DEFAULT_STAT_PORT):
        nginx = shutil.which("nginx")
        module = _rtmp_module()
        if nginx is None or module is None:
            raise ToolMissing("nginx with its RTMP module: not installed",
                              hint="Debian/Ubuntu: apt install nginx libnginx-mod-rtmp")
        self.event = event
        self.address = RelayAddress.of(relay_of(event) or _no_relay(event), host=host, stat_port=stat_port)
        text = nginx_rtmp_config(event, keys, host=host, stat_port=stat_port, module=module, foreground=True)
        self.folder = Path(tempfile.mkdtemp(prefix="yunzhan-relay-"))
        (self.folder / "logs").mkdir()
        conf = self.folder / "nginx.conf"
        fd = os.open(conf, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        self.argv = nginx_argv(nginx, conf, self.folder)
        self.process: subprocess.Popen | None = None

    def start(self, *, timeout: float = 5.0) -> "LocalRelay":
        self.process = subprocess.Popen(self.argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + timeout
        probe = "127.0.0.1" if self.address.host in ("0.0.0.0", "::") else self.address.host
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                tail = (self.process.stderr.read() or b"").decode("utf-8", "replace").strip().splitlines()[-1:]
                self.stop()
                raise LiveError(f"relay: nginx exited at once ({tail[0] if tail else 'no message'})",
                                hint=f"is port {self.address.port} or {self.address.stat_port} in use?")
            with socket.socket() as s:
                if s.connect_ex((probe, self.address.port)) == 0:
                    return self
            time.sleep(0.05)
        self.stop()
        raise LiveError(f"relay: nginx did not listen on port {self.address.port} within {timeout:g} s")

    def states(self) -> dict[str, str] | None:
        """Each destination's state from the stat page (``None`` when it does not answer)."""
        text = read_stat(self.address.stat_url)
        return relay_states(text, self.event) if text is not None else None

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self) -> "LocalRelay":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


def _no_relay(event: Event):
    raise LiveError(f"event {event.id} '{event.title}': has no relay destination",
                    hint="add one with --dest relay=rtmp://RELAY-HOST:1935/yunzhan")
