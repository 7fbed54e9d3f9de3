"""Live-tour commands: ``yunzhan live add|list|show|stop|key|run|daemon|ics|cue|presets|relay-config|relay``."""

from __future__ import annotations

import contextlib
import dataclasses
import os
import signal
import sys
import tempfile
import threading
import time
from datetime import timedelta
from pathlib import Path

import click

from assets.errors import InputError
from streaming.calendar import import_ics, write_ics
from streaming.destinations import PRESETS, make_destination
from streaming.errors import LiveError
from streaming.events import EventStore, local_zone, now_utc, parse_duration, parse_local
from streaming.keys import KeyStore, mask
from streaming.limits import MAX_EVENT, MAX_PREROLL, check_program_size, check_seconds
from streaming.lan import lan_addresses, serve, write_page
from streaming.pipeline import Program, parse_source
from streaming.recordings import recordings
from streaming.scheduler import Daemon
from streaming.session import RunOptions, cue, run_event
from studio.cli.support import opened, progress_bar

PROJECT = click.argument("project", type=click.Path(dir_okay=False, path_type=Path))
EVENT = click.argument("event")


def _local_zone() -> str:
    return local_zone()


def _program(text: str | None) -> Program | None:
    """``1280x720@30`` or ``1280x720``, within :mod:`streaming.limits`."""
    if not text:
        return None
    size, _, fps = text.lower().strip().partition("@")
    try:
        w, h = (int(v) for v in size.split("x"))
        rate = int(fps or 30)
    except ValueError:
        raise LiveError(f"--program: '{text[:40]}' is not a size like 1280x720@30") from None
    return Program(*check_program_size(w, h, rate, where="--program"))


def _dest(spec: str):
    name, sep, url = spec.partition("=")
    if not sep:
        raise LiveError(f"--dest: '{spec}' is not NAME=URL (or NAME:PRESET=URL)")
    name, _, preset = name.partition(":")
    return make_destination(name, url, preset=preset or None)


@click.group()
def live() -> None:
    """Live-streamed tours: schedule, stream to several platforms at once, record."""


@live.command()
@PROJECT
@click.option("--title", default="", help="Title (Chinese).")
@click.option("--title-en", default="", help="Title (English).")
@click.option("--description", default="")
@click.option("--start", required=True, help="Local start, e.g. 2026-12-03T15:00.")
@click.option("--tz", default=None, help="IANA time zone of --start (default: this computer's).")
@click.option("--duration", default=None, help="e.g. 60m, 1h30m (or give --end).")
@click.option("--end", default=None, help="Local end, e.g. 2026-12-03T16:00.")
@click.option("--preroll", default="5m", show_default=True, help="Countdown slate before the start.")
@click.option("--dest", "dests", multiple=True, metavar="NAME[:PRESET]=URL",
              help="Destination; NAME may be a preset (bilibili, douyin, ...). Repeatable.")
@click.option("--program", default=None, metavar="WxH@FPS", help="Program picture (default 1280x720@30).")
@click.option("--object", "objects", multiple=True, help="Linked catalog object (id or accession). Repeatable.")
@click.option("--tour", default=None, help="Linked tour id.")
def add(project, title, title_en, description, start, tz, duration, end, preroll, dests, program, objects, tour):
    """Schedule a live event; prints its id."""
    tz = tz or _local_zone()
    start_utc = parse_local(start, tz)
    if end:
        end_utc = parse_local(end, tz, where="--end")
    elif duration:
        end_utc = start_utc + parse_duration(duration)
    else:
        raise LiveError("give --duration or --end")
    preroll_s = 0 if preroll.strip() in ("0", "none") else int(
        parse_duration(preroll, where="--preroll", maximum=MAX_PREROLL).total_seconds())
    destinations = [_dest(d) for d in dests]
    layout = {}
    prog = _program(program)
    if prog:
        layout["program"] = {"width": prog.width, "height": prog.height, "fps": prog.fps}
    links = {k: v for k, v in (("tour", tour), ("objects", list(objects))) if v}
    with opened(project) as p:
        event_id = EventStore(p).add(title_zh=title, title_en=title_en, description=description, start=start_utc,
                                     end=end_utc, tz=tz, preroll_s=preroll_s, destinations=destinations,
                                     layout=layout, links=links)
    click.echo(event_id)


@live.command(name="list")
@PROJECT
def list_(project):
    """List the events: id, status, local start and end, title, destinations."""
    now = now_utc()
    with opened(project, readonly=True) as p:
        for e in EventStore(p).all():
            dests = ",".join(d.name for d in e.destinations) or "-"
            click.echo(f"{e.id}\t{_status(e, now)}\t{e.local_start:%Y-%m-%d %H:%M}–{e.local_end:%H:%M} {e.tz}\t"
                       f"{e.title}\t{dests}")


def _status(e, now) -> str:
    """An event still marked live after its end was left so by a run that was killed:
    say so (the daemon, or the next 'live run', closes it and keeps its recording)."""
    return "interrupted" if e.status == "live" and now >= e.end else e.status


@live.command()
@PROJECT
@EVENT
def show(project, event):
    """Show an event: schedule, destinations (keys masked), log, recordings."""
    with opened(project, readonly=True) as p:
        store = EventStore(p)
        e = store.get(event)
        keys = KeyStore(p)
        click.echo(f"event {e.id}: {e.title_zh}" + (f" / {e.title_en}" if e.title_en and e.title_zh else e.title_en))
        click.echo(f"status: {_status(e, now_utc())}")
        click.echo(f"when: {e.local_start:%Y-%m-%d %H:%M}–{e.local_end:%H:%M} {e.tz} "
                   f"(UTC {e.start:%Y-%m-%d %H:%M}–{e.end:%H:%M}); pre-roll {e.preroll_s} s")
        for d in e.destinations:
            click.echo(f"destination {d.name}: {d.preset} {d.url} key {mask(keys.get(d.name))} "
                       f"({d.orientation} {d.width}x{d.height}@{d.fps}, {d.bitrate_kbps} kbit/s, "
                       f"keyframe every {d.keyframe_s:g} s)")
            if PRESETS[d.preset].rotates_key:
                click.echo(f"  {PRESETS[d.preset].label} issues a new key for every live: set it again before "
                           f"the event ('yunzhan live key set PROJECT {d.name}')")
        for entry in store.log_entries(e.id)[-20:]:
            detail = {k: v for k, v in entry["detail"].items() if k not in ("argv", "stderr_tail")}
            click.echo(f"log {entry['at']} {entry['kind']}" + (f" {entry['destination']}" if entry["destination"]
                                                                else "") + (f" {detail}" if detail else ""))
        for r in recordings(p, e.id):
            click.echo(f"recording part {r.part}: {r.duration_s:.1f} s, {r.size} bytes, {r.checksum}")


@live.command()
@PROJECT
@EVENT
def stop(project, event):
    """Stop a running event (the daemon or 'live run' ends it within a second)."""
    with opened(project) as p:
        store = EventStore(p)
        e = store.get(event)
        store.set_status(e.id, "stopped")
    click.echo(f"event {e.id} stopped")


@live.command(name="cue")
@PROJECT
@EVENT
@click.argument("text")
def cue_(project, event, text):
    """Move the tour to a stop: the lower-third shows TEXT and the replay gets a chapter."""
    with opened(project) as p:
        cue(p, event, text)


@live.command()
@PROJECT
@click.argument("ics_file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--import", "do_import", is_flag=True, help="Read events from ICS_FILE instead of writing it.")
def ics(project, ics_file, do_import):
    """Export the events as iCalendar (RFC 5545), or import them with --import."""
    with opened(project) as p:
        store = EventStore(p)
        if do_import:
            if not ics_file.is_file():
                raise InputError(f"{ics_file}: no such file")
            ids = import_ics(store, ics_file)
            click.echo(f"{ics_file}: {len(ids)} event(s) imported")
        else:
            write_ics(store.all(), ics_file)
            click.echo(f"wrote {ics_file}")


@live.command()
def presets():
    """The destination presets, their recommended picture and where to find the key."""
    for pr in PRESETS.values():
        click.echo(f"{pr.id}: {pr.label}; {'/'.join(pr.schemes)}; {pr.width}x{pr.height}@{pr.fps} "
                   f"{pr.bitrate_kbps} kbit/s, keyframe {pr.keyframe_s:g} s ({pr.orientation})\n  {pr.help}")


@live.group()
def key():
    """Stream keys: kept in the system keyring (or a private file), never in the project."""


@key.command(name="set")
@PROJECT
@click.argument("destination")
def key_set(project, destination):
    """Read DESTINATION's stream key from standard input and store it."""
    if sys.stdin.isatty():
        value = click.prompt(f"stream key for {destination}", hide_input=True)
    else:
        value = sys.stdin.readline()
    with opened(project) as p:
        keys = KeyStore(p)
        keys.set(destination, value)
        click.echo(f"stream key for {destination} saved in {keys.where} ({mask(value.strip())})")


@key.command(name="show")
@PROJECT
@EVENT
def key_show(project, event):
    """The event's destinations with their keys masked."""
    with opened(project, readonly=True) as p:
        keys = KeyStore(p)
        for d in EventStore(p).get(event).destinations:
            click.echo(f"{d.name}\t{mask(keys.get(d.name))}")


@key.command(name="delete")
@PROJECT
@click.argument("destination")
def key_delete(project, destination):
    """Forget DESTINATION's stream key."""
    with opened(project) as p:
        KeyStore(p).delete(destination)
    click.echo(f"stream key for {destination} deleted")


def _options(source, pip, record, for_s, now, preroll, program, hls_dir, lower_third, qr_url) -> RunOptions:
    check_seconds(for_s, where="--for", maximum=MAX_EVENT)
    check_seconds(preroll, where="--preroll", maximum=MAX_PREROLL, allow_zero=True)
    _check_record(record)
    return RunOptions(source=parse_source(source), pip=parse_source(pip) if pip else None, record_dir=record,
                      for_s=for_s, now=now, preroll_s=preroll, program=_program(program), hls_dir=hls_dir,
                      lower_third=lower_third, qr_url=qr_url)


def _check_record(folder: Path | None) -> None:
    """The --record folder can be a folder: it is one, or nothing in its way is a file."""
    if folder is None:
        return
    for part in (folder, *folder.parents):
        if part.exists():
            if not part.is_dir():
                raise LiveError(f"--record {folder}: {part} is a file, not a folder")
            return


@contextlib.contextmanager
def _classroom(enabled: bool, port: int, title: str):
    """The HLS folder and its web server for --lan (None when not asked for)."""
    if not enabled:
        yield None
        return
    with tempfile.TemporaryDirectory(prefix="yunzhan-classroom-") as folder:
        write_page(Path(folder), title=title)
        server = serve(Path(folder), port=port)
        for address in lan_addresses():
            _say(f"classroom: http://{address}:{server.server_address[1]}/")
        try:
            yield Path(folder)
        finally:
            server.shutdown()


_RUN_OPTIONS = [
    click.option("--source", default="testsrc", show_default=True,
                 help="testsrc, file:PATH, v4l2:/dev/video0+alsa:hw:0, avfoundation:0:0, dshow:CAM|MIC, "
                      "x11grab::0.0, gdigrab:desktop"),
    click.option("--pip", default=None, metavar="SOURCE",
                 help="The presenter (camera and microphone) in a corner over --source (e.g. a tour video)."),
    click.option("--record", type=click.Path(file_okay=False, path_type=Path), default=None,
                 help="Folder for the recording (default: beside the project)."),
    click.option("--program", default=None, metavar="WxH@FPS", help="Override the program picture."),
    click.option("--lan", is_flag=True, help="Classroom mode: also serve the program on this network (HLS)."),
    click.option("--lan-port", type=click.IntRange(1, 65535), default=8080, show_default=True,
                 help="Port of the classroom page."),
    click.option("--lower-third", default="", help="Lower-third text at the start."),
    click.option("--qr-url", default=None, help="Address shown as a QR code on the countdown slate."),
]


def _with_run_options(f):
    for option in reversed(_RUN_OPTIONS):
        f = option(f)
    return f


def _stop_on_signals() -> threading.Event:
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    return stop


def _say(text: str) -> None:
    click.echo(f"yunzhan: {text}", err=True)


def _show_change(change) -> None:
    _say(f"{change.destination}: {change.new}" + (f" ({change.detail})" if change.detail else ""))


@contextlib.contextmanager
def _relay_watch(stat_url: str | None, event):
    """Platform states as the relay reports them (``--relay-stat``), printed as they change."""
    if not stat_url:
        yield
        return
    from streaming.relay import RelayWatch

    watch = RelayWatch(stat_url, event, _show_change).start()
    try:
        yield
    finally:
        watch.stop()


@live.command()
@PROJECT
@EVENT
@click.option("--now", is_flag=True, help="Start at once instead of at the scheduled time.")
@click.option("--relay-stat", default=None, metavar="URL",
              help="The relay's stat page (e.g. http://127.0.0.1:8089/stat when the relay runs here): "
                   "show each platform's state as the relay sees it.")
@click.option("--for", "for_s", type=float, default=None, help="Stream for this many seconds.")
@click.option("--preroll", type=float, default=None, help="Countdown seconds before the program.")
@_with_run_options
def run(project, event, now, relay_stat, for_s, preroll, source, pip, record, program, lan, lan_port, lower_third,
        qr_url):
    """Run one event now (--now) or wait for its window; prints each destination's state."""
    options = _options(source, pip, record, for_s, now, preroll, program, None, lower_third, qr_url)
    stop = _stop_on_signals()
    with opened(project) as p, progress_bar() as progress:
        store = EventStore(p)
        e = store.get(event)
        if not now:
            wait = (e.preroll_start - now_utc()).total_seconds()
            if wait > 0:
                _say(f"event {e.id} starts its pre-roll in {timedelta(seconds=round(wait))}")
                if stop.wait(wait):
                    return
        with _classroom(lan, lan_port, e.title) as hls_dir, _relay_watch(relay_stat, e):
            result = run_event(p, e.id, dataclasses.replace(options, hls_dir=hls_dir), stop=stop,
                               progress=progress, on_change=_show_change)
    for name, state in result.states.items():
        click.echo(f"{name}: {state}")
    for r in result.recordings:
        click.echo(f"recording part {r.part}: {r.duration_s:.1f} s, {r.checksum}")
    click.echo(f"event {e.id}: {result.outcome.reason}" + (
        f" after {result.outcome.restarts} restart(s)" if result.outcome.restarts else ""))


@live.command()
@PROJECT
@_with_run_options
def daemon(project, source, pip, record, program, lan, lan_port, lower_third, qr_url):
    """Run every event of the project on time until stopped (SIGTERM or Ctrl-C)."""
    _options(source, pip, record, None, False, None, program, None, lower_third, qr_url)  # refuse bad options now
    stop = _stop_on_signals()
    with opened(project) as p, _classroom(lan, lan_port, "Yunzhan live") as hls_dir:
        Daemon(p, options=lambda e: _options(source, pip, record, None, False, None, program, hls_dir,
                                             lower_third, qr_url), say=_say, on_change=_show_change).run(stop)


@live.command(name="relay-config")
@PROJECT
@EVENT
@click.option("--format", "fmt", type=click.Choice(["nginx-rtmp"]), default="nginx-rtmp", show_default=True)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write the configuration to this new file (mode 600) instead of showing it.")
@click.option("--listen", default="0.0.0.0", show_default=True, help="Address the relay listens on for the laptop.")
@click.option("--stat-port", type=click.IntRange(1, 65535), default=8089, show_default=True,
              help="Port of the relay's stat page (on 127.0.0.1).")
def relay_config(project, event, fmt, out, listen, stat_port):
    """The relay server's configuration for EVENT: one application, one push per platform.

    It holds the stream keys: it is shown once (or written to --out, readable only by
    you) and never stored in the project.
    """
    from streaming.relay import nginx_rtmp_config

    with opened(project) as p:
        text = nginx_rtmp_config(EventStore(p).get(event), KeyStore(p), host=listen, stat_port=stat_port)
    if out is None:
        click.echo(text, nl=False)
        return
    try:
        fd = os.open(out, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise InputError(f"{out}: already exists", hint="choose a new file name") from None
    except OSError as e:
        raise InputError(f"{out}: cannot write ({e.strerror})") from None
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(text)
    click.echo(f"wrote {out} (it holds stream keys: keep it private); run it with: nginx -c {out.resolve()}")


@live.group()
def relay():
    """Run the relay of an event on this computer (nginx with its RTMP module)."""


@relay.command(name="run")
@PROJECT
@EVENT
@click.option("--listen", default="0.0.0.0", show_default=True, help="Address to listen on for the laptop.")
@click.option("--stat-port", type=click.IntRange(1, 65535), default=8089, show_default=True,
              help="Port of the stat page (on 127.0.0.1).")
@click.option("--for", "for_s", type=float, default=None, help="Stop after this many seconds.")
def relay_run(project, event, listen, stat_port, for_s):
    """Start a local nginx relay for EVENT and show each platform's state until stopped."""
    from streaming.relay import LocalRelay, RelayWatch, ingest_url, relay_of

    stop = _stop_on_signals()
    with opened(project) as p:
        e = EventStore(p).get(event)
        server = LocalRelay(e, KeyStore(p), host=listen, stat_port=stat_port)
    with server:
        hosts = lan_addresses() if listen in ("0.0.0.0", "::") else [listen]
        url = ingest_url(relay_of(e), e)
        _say(f"relay listening; the laptop sends to {url} (this computer: "
             + ", ".join(f"rtmp://{h}:{server.address.port}/{server.address.application}" for h in hosts) + ")")
        _say(f"stat page: {server.address.stat_url}")
        watch = RelayWatch(server.address.stat_url, e, _show_change)
        deadline = None if for_s is None else time.monotonic() + for_s
        while not stop.wait(1.0) and (deadline is None or time.monotonic() < deadline):
            watch.poll()
    for name, state in watch.states.items():
        click.echo(f"{name}: {state}")


def register(cli: click.Group) -> None:
    cli.add_command(live)
