"""An event as its editor shows it, and saving it back: one checked step.

:class:`EventDraft` holds what a form holds (local wall time in a named zone,
minutes, destination rows, the source and program as text); :func:`draft_of` fills
it from a stored event and :func:`save_event` checks every field with the same
functions as ``yunzhan live add`` and writes the event in one transaction, so the
studio's editor is a thin caller. Stream keys are not part of a draft: they go to
:class:`~streaming.keys.KeyStore`, never into the project.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from assets.project import Project
from streaming.destinations import make_destination
from streaming.errors import LiveError
from streaming.event_settings import DEFAULT_SOURCE, EventSettings, settings_of
from streaming.events import Event, EventStore, parse_local, zone
from streaming.pipeline import Program, parse_program, parse_source

X264_PRESETS = ("ultrafast", "superfast", "veryfast", "faster", "fast", "medium")


@dataclass(frozen=True)
class DestinationRow:
    name: str
    preset: str
    url: str


@dataclass
class EventDraft:
    title_zh: str = ""
    title_en: str = ""
    start: datetime = field(default_factory=lambda: datetime.now().replace(second=0, microsecond=0))  # naive, in tz
    tz: str = "UTC"
    duration_min: int = 60
    preroll_min: int = 5
    destinations: list[DestinationRow] = field(default_factory=list)
    source: str = DEFAULT_SOURCE
    program: str = "1280x720@30"
    encoder_preset: str = "veryfast"
    slate_title: str = ""
    lower_third: str = ""
    qr_url: str = ""


def program_text(p: Program) -> str:
    return f"{p.width}x{p.height}@{p.fps}"


def draft_of(event: Event) -> EventDraft:
    """The editor's view of a stored event."""
    s = settings_of(event)
    return EventDraft(
        title_zh=event.title_zh, title_en=event.title_en, start=event.local_start.replace(tzinfo=None),
        tz=event.tz, duration_min=round((event.end - event.start).total_seconds() / 60),
        preroll_min=round(event.preroll_s / 60),
        destinations=[DestinationRow(d.name, d.preset, d.url) for d in event.destinations],
        source=s.source, program=program_text(s.program), encoder_preset=s.program.preset,
        slate_title=s.slate_title, lower_third=s.lower_third, qr_url=s.qr_url)


def save_event(project: Project, draft: EventDraft, event_id: int | None = None) -> int:
    """Schedule ``draft`` (``event_id`` None) or change event ``event_id`` to it; returns the id.

    :raises LiveError: naming the field at fault (an unknown zone, a bad address, a
        duration of zero, an overlap with another event...); nothing is written then."""
    zone(draft.tz, where="time zone")
    start = parse_local(draft.start.replace(tzinfo=None).isoformat(timespec="minutes"), draft.tz, where="start")
    if draft.duration_min <= 0:
        raise LiveError("duration: the event must last at least a minute")
    if draft.preroll_min < 0:
        raise LiveError("pre-roll: cannot be negative")
    destinations = [make_destination(r.name, r.url, preset=r.preset or None) for r in draft.destinations]
    parse_source(draft.source, where="source")
    program = parse_program(draft.program, where="program size")
    if draft.encoder_preset not in X264_PRESETS:
        raise LiveError(f"encoder speed: unknown x264 preset '{draft.encoder_preset}'",
                        hint="one of " + ", ".join(X264_PRESETS))
    qr = draft.qr_url.strip()
    if qr and urlsplit(qr).scheme not in ("http", "https"):
        raise LiveError(f"QR code address: '{qr}' is not an http:// or https:// address")
    settings = EventSettings(source=draft.source.strip(),
                             program=Program(program.width, program.height, program.fps,
                                             preset=draft.encoder_preset),
                             slate_title=draft.slate_title.strip(), lower_third=draft.lower_third.strip(),
                             qr_url=qr)
    store = EventStore(project)
    old_layout = store.get(event_id).layout if event_id is not None else {}
    sources, layout = settings.to_columns(old_layout)
    fields = dict(title_zh=draft.title_zh, title_en=draft.title_en, start=start,
                  end=start + timedelta(minutes=draft.duration_min), tz=draft.tz,
                  preroll_s=draft.preroll_min * 60, destinations=destinations, sources=sources, layout=layout)
    if event_id is None:
        return store.add(**fields)
    store.update(event_id, **fields)
    return event_id
