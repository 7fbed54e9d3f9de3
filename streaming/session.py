"""One run of a live event: from the project's event to ffmpeg and back to the project.

Gathers the event's destinations and their keys, checks the source, the encoder and
the addresses before anything starts, runs the :class:`~streaming.supervisor.Supervisor`
(pre-roll countdown slate, then the program, until the end of the event), writes
every state change, reconnect and error to the run log (keys masked), and finally
registers the recording parts with their chapters. When a camera or media file
disappears mid-stream, the program shows a "back in a moment" slate until it returns.
"""

from __future__ import annotations

import re
import shutil
import tempfile
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from assets.errors import YunzhanError
from assets.progress import Progress
from assets.project import Project
from streaming import recordings as recs
from streaming import slate
from streaming.destinations import PRESETS, publish_url
from streaming.errors import LiveError, StreamFailed
from streaming.event_settings import settings_of
from streaming.limits import MAX_EVENT, MAX_PREROLL, check_program_size, check_seconds
from streaming.events import Event, EventStore, from_utc_text, now_utc
from streaming.ffmpeg_tool import encoders, find_ffmpeg, SETTING, PROBE_SETTING
from streaming.keys import KeyStore
from streaming.monitor import Change, LIVE
from streaming.pipeline import Output, Plan, Program, Source, check_source, parse_source
from streaming.progress_parse import Health
from streaming.relay import ingest_url, relay_of
from streaming.runner import mask
from streaming.supervisor import Hooks, Outcome, Supervisor

BACK_SOON = "马上回来 · Back in a moment"


@dataclass
class RunOptions:
    source: Source = field(default_factory=lambda: Source("testsrc"))
    pip: Source | None = None               # the presenter's camera over the source (a tour video)
    record_dir: Path | None = None          # None: beside the project, in <project>.recordings/
    for_s: float | None = None              # run this long (None: until the event's end)
    now: bool = False                       # start at once, without waiting for the schedule
    preroll_s: float | None = None          # countdown before the program (None: until the start)
    hls_dir: Path | None = None             # classroom mode: also write HLS here
    program: Program | None = None
    qr_url: str | None = None
    logo: Path | None = None
    lower_third: str = ""
    max_restarts: int | None = None
    title: str | None = None                # the countdown slate's title (None: the event's)


@dataclass
class RunResult:
    run_id: int
    outcome: Outcome
    recordings: list = field(default_factory=list)
    states: dict = field(default_factory=dict)


def program_for(event: Event) -> Program:
    """The event's program picture: its layout's ``program`` settings, else 1280×720 at 30 fps.

    :raises LiveError: the stored settings are out of range (written by an older Yunzhan
        or by hand); the message names the event."""
    program = settings_of(event).program
    check_program_size(program.width, program.height, program.fps, where=f"event {event.id} '{event.title}': program")
    return program


def options_for(event: Event, *, at: datetime | None = None) -> RunOptions:
    """How Go Live runs ``event`` at once from its stored settings (source, program,
    slate texts): with the countdown slate up to the start when the start is within the
    pre-roll, else straight into the program; until the event's end (a rehearsal
    before its window runs as long as the event)."""
    at = at or now_utc()
    s = settings_of(event)
    until_start = (event.start - at).total_seconds()
    return RunOptions(source=parse_source(s.source, where="source"), program=s.program, now=True,
                      preroll_s=until_start if 0 < until_start <= event.preroll_s else 0,
                      lower_third=s.lower_third, qr_url=s.qr_url or None, title=s.slate_title or None)


def plan_outputs(event: Event, keys: KeyStore) -> tuple[list[Output], list[str]]:
    """Each destination with its key joined in, and the keys (to mask). A platform
    destination without a key is refused here, before anything starts. An event with
    a relay destination sends one stream, to the relay (see :mod:`streaming.relay`)."""
    outputs, secrets = [], []
    relay = relay_of(event)
    if relay is not None:  # one stream, to the relay; the relay pushes to the platforms
        return [Output(relay.name, ingest_url(relay, event), relay.orientation)], []
    for d in event.destinations:
        key = keys.get(d.name)
        if not key and not d.preset.startswith("custom-"):
            raise LiveError(f"destination '{d.name}': no stream key set",
                            hint=f"set it with 'yunzhan live key set PROJECT {d.name}' ({PRESETS[d.preset].help})")
        if key:
            secrets.append(key)
        outputs.append(Output(d.name, publish_url(d, key), d.orientation))
    return outputs, secrets


def run_event(project: Project, event_id: int | str, options: RunOptions | None = None, *,
              stop: threading.Event | None = None, progress: Progress | None = None,
              on_health=None, on_change=None) -> RunResult:
    """Run the event now (``options.now``) or from its scheduled window, until its end,
    ``options.for_s``, a ``stop`` request, or ``yunzhan live stop``.

    ``on_health(health, statuses)`` is called about twice a second with the program's
    :class:`Health` and each destination's :class:`~streaming.monitor.DestinationStatus`;
    ``on_change(change)`` whenever a destination changes state (details key-masked)."""
    o = options or RunOptions()
    check_seconds(o.for_s, where="--for", maximum=MAX_EVENT)
    check_seconds(o.preroll_s, where="--preroll", maximum=MAX_PREROLL, allow_zero=True)
    store = EventStore(project)
    event = store.get(event_id)
    ffmpeg = find_ffmpeg(project.get_setting(SETTING))
    program = o.program or program_for(event)
    if program.encoder not in encoders(ffmpeg):
        raise LiveError(f"ffmpeg {ffmpeg}: has no encoder '{program.encoder}'",
                        hint="install a full ffmpeg build (Debian: apt install ffmpeg) or choose another encoder")
    check_source(o.source)
    if o.pip is not None:
        check_source(o.pip)
    outputs, secrets = plan_outputs(event, KeyStore(project))

    start_wall = now_utc()
    if o.for_s is not None:
        end_wall = start_wall + timedelta(seconds=o.for_s)
    elif o.now and not (event.start <= start_wall < event.end):  # a rehearsal: as long as the event
        end_wall = start_wall + (event.end - event.start)
    else:
        end_wall = event.end
    if end_wall <= start_wall:
        raise LiveError(f"event {event.id} '{event.title}': its window ended at {event.local_end:%Y-%m-%d %H:%M}")
    preroll = o.preroll_s if o.preroll_s is not None else (
        0 if o.now else max(0.0, (event.start - start_wall).total_seconds()))
    record_dir = Path(o.record_dir) if o.record_dir else project.path.with_name(project.path.name + ".recordings")
    try:
        record_dir.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise LiveError(f"--record {record_dir}: cannot make the recording folder ({e.strerror})") from None
    close_interrupted_runs(project, event.id, record_dir)
    work = Path(tempfile.mkdtemp(prefix="yunzhan-live-"))
    deadline = time.monotonic() + (end_wall - start_wall).total_seconds()
    if o.now and event.status == "stopped":  # asked for explicitly: a stopped event may run again
        store.set_status(event.id, "scheduled")
    run_id = store.begin_run(event.id, start_wall)
    stamp = start_wall.strftime("%Y%m%dT%H%M%SZ")
    part_started: dict[int, datetime] = {}
    encoded: dict[int, float] = {}  # seconds each part's encoder wrote, for when there is no ffprobe
    fallback = {"on": False, "checked": 0.0}
    cues = {"last": _last_cue(project, event.id), "checked": 0.0, "file": None, "text": o.lower_third}

    def source_ok() -> bool:
        try:
            check_source(o.source)
            if o.pip is not None:
                check_source(o.pip)
            return True
        except LiveError:
            return False

    def make_plan(part: int, remaining: float | None) -> Plan:
        elapsed = (now_utc() - start_wall).total_seconds()
        countdown = max(0.0, preroll - elapsed)
        fallback["on"] = not source_ok()
        source = Source("slate") if fallback["on"] else o.source
        lower = BACK_SOON if fallback["on"] else cues["text"]  # a restart keeps the current stop
        overlays = slate.prepare(work / f"part{part}", title=o.title or event.title, lower_third=lower,
                                 countdown_s=countdown, qr_url=o.qr_url, logo=o.logo)
        cues["file"] = overlays.lower_third_file
        part_started[part] = now_utc()
        return Plan(ffmpeg, source, program, tuple(outputs),
                    recording=record_dir / f"event{event.id}-{stamp}-part{part:02d}.mp4",
                    hls_dir=o.hls_dir, overlays=overlays, duration_s=remaining,
                    pip=None if fallback["on"] else o.pip)

    def should_switch() -> bool:
        # On the slate, look for the camera or file every two seconds.
        if not fallback["on"] or time.monotonic() - fallback["checked"] < 2:
            return False
        fallback["checked"] = time.monotonic()
        return source_ok()

    def should_stop() -> bool:
        if stop is not None and stop.is_set():
            return True
        if time.monotonic() - cues["checked"] < 1:
            return False
        cues["checked"] = time.monotonic()
        row = project.db.execute("SELECT status FROM live_events WHERE id = ?", (event.id,)).fetchone()
        cue = project.db.execute("SELECT id, json_extract(detail, '$.text') FROM live_log WHERE event_id = ? "
                                 "AND kind = 'cue' ORDER BY id DESC LIMIT 1", (event.id,)).fetchone()
        if cue and cue[0] != cues["last"] and cues["file"] is not None and not fallback["on"]:
            cues["last"], cues["text"] = cue[0], cue[1] or ""
            slate.set_lower_third(cues["file"], cues["text"])
        return row is None or row[0] == "stopped"

    def changed(c: Change) -> None:
        kind = "reconnect" if c.new == LIVE and c.detail == "reconnected" else "state"
        store.log(event.id, kind, run_id=run_id, destination=c.destination,
                  detail={"from": c.old, "to": c.new, **({"why": mask(c.detail, secrets)} if c.detail else {})})
        if on_change:
            on_change(Change(c.destination, c.old, c.new, mask(c.detail, secrets) if c.detail else None))

    def on_error(e: StreamFailed, retry_in: float) -> None:
        store.log(event.id, "error", run_id=run_id,
                  detail={"message": mask(e.user_text(), secrets), "retry_in_s": retry_in,
                          "stderr_tail": [mask(l, secrets) for l in e.stderr_tail[-8:]]})

    def on_start(part: int, masked_argv: list[str]) -> None:
        store.log(event.id, "start", run_id=run_id, detail={
            "part": part, "preroll_s": round(max(0.0, preroll - (now_utc() - start_wall).total_seconds()), 1),
            "source": "slate" if fallback["on"] else o.source.describe(),
            "destinations": [d.name for d in outputs], "argv": masked_argv})

    def health(h: Health) -> None:
        encoded[max(part_started)] = h.out_time_s
        if on_health:
            on_health(h, supervisor.monitor.status)

    supervisor = Supervisor(make_plan, urls={d.name: d.url for d in outputs}, secrets=secrets, deadline=deadline,
                            should_stop=should_stop, should_switch=should_switch,
                            hooks=Hooks(on_change=changed, on_health=health, on_error=on_error, on_start=on_start),
                            max_restarts=o.max_restarts, progress=progress)
    outcome = Outcome("failed")
    try:
        outcome = supervisor.run()
    except StreamFailed as e:
        store.log(event.id, "error", run_id=run_id, detail={"message": mask(e.user_text(), secrets)})
        raise
    finally:
        store.end_run(run_id, outcome.reason)
        store.log(event.id, "stop", run_id=run_id, detail={"outcome": outcome.reason, "restarts": outcome.restarts})
        if outcome.reason == "ended" and now_utc() >= event.end - timedelta(seconds=5):
            store.set_status(event.id, "done")
        elif store.get(event.id).status == "live":
            store.set_status(event.id, "scheduled" if now_utc() < event.end else "done")
        shutil.rmtree(work, ignore_errors=True)
    result = RunResult(run_id, outcome, states={n: s.state for n, s in supervisor.monitor.status.items()})
    ffprobe = project.get_setting(PROBE_SETTING)
    for i, part_file in enumerate(outcome.parts, 1):
        rec = recs.register(project, event.id, part_file, part=i, run_id=run_id, started=part_started.get(i),
                            ffprobe=ffprobe, encoded_s=encoded.get(i))
        if rec:
            result.recordings.append(rec)
            if o.record_dir is None:  # our own scratch copy: the project's media store has it now
                part_file.unlink(missing_ok=True)
    return result


_PART_IN_ARGV = re.compile(r"\]((?:[^|\\]|\\.)+?-part\d{2}\.mp4)(?=$|\|)")  # a tee target, escaped


def close_interrupted_runs(project: Project, event_id: int, record_dir: Path) -> list:
    """Close the runs of the event that never ended (their process was killed, the
    machine lost power): the parts they recorded go into the replay like any other,
    and an event left ``live`` by them is live no more. Returns the parts registered."""
    store = EventStore(project)
    found = []
    runs = project.db.execute("SELECT id, started_utc FROM live_runs WHERE event_id = ? AND stopped_utc IS NULL "
                              "ORDER BY id", (event_id,)).fetchall()
    for run_id, started in runs:
        parts = set()
        for entry in store.log_entries(event_id):
            if entry["run"] == run_id and entry["kind"] == "start":
                for arg in entry["detail"].get("argv", []):
                    parts.update(Path(re.sub(r"\\(.)", r"\1", m)) for m in _PART_IN_ARGV.findall(arg))
        stamp = from_utc_text(started).strftime("%Y%m%dT%H%M%SZ")
        parts.update(record_dir.glob(f"event{event_id}-{stamp}-part*.mp4"))
        kept = 0
        for part_file in sorted(parts):
            number = int(part_file.stem.rsplit("part", 1)[1])
            try:
                rec = recs.register(project, event_id, part_file, part=number, run_id=run_id,
                                    started=from_utc_text(started) if number == 1 else None,
                                    ffprobe=project.get_setting(PROBE_SETTING))
            except YunzhanError:
                rec = None
            if rec:
                found.append(rec)
                kept += 1
        store.end_run(run_id, "interrupted")
        store.log(event_id, "error", run_id=run_id, detail={
            "message": f"run {run_id} ended without closing (its program was killed); "
                       f"{kept} recorded part(s) kept for the replay"})
    event = store.get(event_id)
    if runs and event.status == "live":
        store.set_status(event_id, "scheduled" if now_utc() < event.end else "done")
    return found


def cue(project: Project, event_id: int | str, text: str) -> None:
    """Move the tour to a stop: the running program's lower-third shows ``text`` within
    a second, and the recording gets a chapter there."""
    store = EventStore(project)
    event = store.get(event_id)
    store.log(event.id, "cue", detail={"text": text.strip()})


def _last_cue(project: Project, event_id: int) -> int | None:
    row = project.db.execute("SELECT max(id) FROM live_log WHERE event_id = ? AND kind = 'cue'",
                             (event_id,)).fetchone()
    return row[0] if row else None
