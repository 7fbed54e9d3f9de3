"""Live events in the project file: schedule, destinations, the run log.

Times are kept as UTC plus the IANA zone name they were scheduled in, so
"Thursday 15:00 Asia/Shanghai" stays right across daylight-saving changes of the
viewer. End-before-start and events that overlap another are refused when they are
scheduled, with a message naming both.
"""

from __future__ import annotations

import json
import os
import re
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from assets.errors import NotFound
from assets.project import Project
from streaming.destinations import Destination
from streaming.errors import LiveError
from streaming.limits import MAX_EVENT, MAX_PREROLL, span_text, check_program_size, check_year

LOG_KINDS = ("start", "stop", "reconnect", "error", "recording", "state", "cue")
_UTC_FORMAT = "%Y-%m-%dT%H:%M:%SZ"


# -- time helpers -------------------------------------------------------------------
def zone(name: str, *, where: str = "--tz") -> ZoneInfo:
    shown = name if len(name) <= 60 else name[:59] + "…"
    if not name or len(name) > 255 or "\x00" in name:
        raise LiveError(f"{where}: unknown time zone '{shown}'", hint="use an IANA name such as Asia/Shanghai")
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: a name the file system refuses
        raise LiveError(f"{where}: unknown time zone '{shown}'", hint="use an IANA name such as Asia/Shanghai") from None


def local_zone() -> str:
    """This computer's IANA zone name (``$TZ``, else /etc/localtime), or ``UTC``."""
    name = os.environ.get("TZ", "").lstrip(":")
    if not name:
        try:
            name = str(Path("/etc/localtime").resolve()).split("zoneinfo/", 1)[1]
        except (OSError, IndexError):
            name = "UTC"
    try:
        zone(name)
        return name
    except LiveError:
        return "UTC"


def parse_local(text: str, tz: str, *, where: str = "--start") -> datetime:
    """``2026-12-03T15:00`` in zone ``tz`` → an aware UTC datetime."""
    try:
        naive = datetime.fromisoformat(text.strip())
    except ValueError:
        raise LiveError(f"{where}: '{text[:60]}' is not a date and time like 2026-12-03T15:00") from None
    check_year(naive.year, where=where)
    if naive.tzinfo is None:
        naive = naive.replace(tzinfo=zone(tz))
    return naive.astimezone(timezone.utc)


def parse_duration(text: str, *, where: str = "--duration", maximum: timedelta = MAX_EVENT) -> timedelta:
    """``60m``, ``1h30m``, ``90s``, ``1:30`` (h:mm) or ``1:30:00`` → a positive timedelta
    of at most ``maximum``."""
    t = text.strip().lower()
    if len(t) > 40:
        raise LiveError(f"{where}: '{text[:40]}…' is not a duration like 60m, 1h30m or 1:30:00")
    m = re.fullmatch(r"(?:(\d+)h)?\s*(?:(\d+)m(?:in)?)?\s*(?:(\d+)s)?", t)
    if m and any(m.groups()):
        h, mi, s = (int(g or 0) for g in m.groups())
        result = timedelta(hours=h, minutes=mi, seconds=s)
    elif re.fullmatch(r"\d+:\d{2}(:\d{2})?", t):
        parts = [int(p) for p in t.split(":")] + [0]
        result = timedelta(hours=parts[0], minutes=parts[1], seconds=parts[2])
    else:
        raise LiveError(f"{where}: '{text}' is not a duration like 60m, 1h30m or 1:30:00")
    if result <= timedelta(0):
        raise LiveError(f"{where}: the duration must be longer than zero")
    if result > maximum:
        raise LiveError(f"{where}: '{text}' is longer than the {span_text(maximum)} allowed")
    return result


def utc_text(dt: datetime) -> str:
    return dt.astimezone(timezone.utc).strftime(_UTC_FORMAT)


def from_utc_text(text: str) -> datetime:
    return datetime.strptime(text, _UTC_FORMAT).replace(tzinfo=timezone.utc)


def now_utc() -> datetime:
    return datetime.now(timezone.utc).replace(microsecond=0)


# -- the model --------------------------------------------------------------------
@dataclass(frozen=True)
class Event:
    id: int
    uid: str
    title_zh: str
    title_en: str
    description: str
    start: datetime          # aware, UTC
    end: datetime            # aware, UTC
    tz: str
    preroll_s: int
    sources: list = field(default_factory=list)
    layout: dict = field(default_factory=dict)
    links: dict = field(default_factory=dict)
    status: str = "scheduled"
    destinations: tuple[Destination, ...] = ()

    @property
    def title(self) -> str:
        return self.title_zh or self.title_en

    @property
    def local_start(self) -> datetime:
        return self.start.astimezone(ZoneInfo(self.tz))

    @property
    def local_end(self) -> datetime:
        return self.end.astimezone(ZoneInfo(self.tz))

    @property
    def preroll_start(self) -> datetime:
        return self.start - timedelta(seconds=self.preroll_s)

    def destination(self, name: str) -> Destination:
        for d in self.destinations:
            if d.name == name:
                return d
        raise NotFound(f"event {self.id}: no destination named '{name}'",
                       hint="destinations: " + (", ".join(d.name for d in self.destinations) or "none"))


class EventStore:
    """Create, read and log live events in one project."""

    def __init__(self, project: Project):
        self.project = project

    # -- writing -------------------------------------------------------------------
    def add(self, *, title_zh: str = "", title_en: str = "", description: str = "", start: datetime,
            end: datetime, tz: str, preroll_s: int = 300, destinations: list[Destination] = (),
            sources: list | None = None, layout: dict | None = None, links: dict | None = None,
            uid: str | None = None) -> int:
        """Schedule an event and return its id. Refuses end ≤ start, an unknown zone,
        no title, duplicate destination names and overlap with another event."""
        title = _check(title_zh, title_en, start, end, tz, preroll_s, destinations, layout)
        with self.project.transaction(label="add live event") as db:
            _refuse_overlap(db, title, start, end, tz)
            cur = db.execute(
                "INSERT INTO live_events(uid, title_zh, title_en, description, start_utc, end_utc, tz, preroll_s, "
                "sources, layout, links) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (uid or f"{uuid.uuid4()}@yunzhan", title_zh.strip(), title_en.strip(), description, utc_text(start),
                 utc_text(end), tz, preroll_s, json.dumps(sources or []), json.dumps(layout or {}),
                 json.dumps(links or {})))
            event_id = cur.lastrowid
            _write_destinations(db, event_id, destinations)
        return event_id

    def update(self, event_id: int, *, title_zh: str = "", title_en: str = "", description: str | None = None,
               start: datetime, end: datetime, tz: str, preroll_s: int = 300,
               destinations: list[Destination] = (), sources: list | None = None, layout: dict | None = None,
               links: dict | None = None) -> None:
        """Change an event's schedule, titles, destinations and settings in one step, with
        the same refusals as :meth:`add` (overlap with any *other* event). ``None`` keeps
        the description, sources, layout and links as they are."""
        old = self.get(event_id)
        title = _check(title_zh, title_en, start, end, tz, preroll_s, destinations, layout)
        with self.project.transaction(label="edit live event") as db:
            _refuse_overlap(db, title, start, end, tz, besides=old.id)
            db.execute(
                "UPDATE live_events SET title_zh = ?, title_en = ?, description = ?, start_utc = ?, end_utc = ?, "
                "tz = ?, preroll_s = ?, sources = ?, layout = ?, links = ? WHERE id = ?",
                (title_zh.strip(), title_en.strip(), old.description if description is None else description,
                 utc_text(start), utc_text(end), tz, preroll_s,
                 json.dumps(old.sources if sources is None else sources),
                 json.dumps(old.layout if layout is None else layout),
                 json.dumps(old.links if links is None else links), old.id))
            if list(old.destinations) != list(destinations):
                db.execute("DELETE FROM live_destinations WHERE event_id = ?", (old.id,))
                _write_destinations(db, old.id, destinations)

    def set_status(self, event_id: int, status: str) -> None:
        self.get(event_id)
        with self.project.transaction(label=None) as db:
            db.execute("UPDATE live_events SET status = ? WHERE id = ?", (status, event_id))

    def delete(self, event_id: int) -> None:
        self.get(event_id)
        with self.project.transaction(label="delete live event") as db:
            db.execute("DELETE FROM live_events WHERE id = ?", (event_id,))

    # -- reading -------------------------------------------------------------------
    def get(self, event_id: int | str) -> Event:
        row = self.project.db.execute(_SELECT + " WHERE id = ? OR uid = ?",
                                      (_as_int(event_id), str(event_id))).fetchone()
        if row is None:
            raise NotFound(f"{self.project.path}: no live event {event_id}", hint="'yunzhan live list' shows them")
        return self._event(row)

    def all(self) -> list[Event]:
        return [self._event(r) for r in self.project.db.execute(_SELECT + " ORDER BY start_utc, id")]

    def upcoming(self, now: datetime | None = None) -> list[Event]:
        now = now or now_utc()
        return [e for e in self.all() if e.end > now and e.status in ("scheduled", "live")]

    def _event(self, row) -> Event:
        dests = tuple(Destination(*r) for r in self.project.db.execute(
            "SELECT name, preset, url, orientation, width, height, fps, bitrate_kbps, keyframe_s "
            "FROM live_destinations WHERE event_id = ? ORDER BY position, id", (row[0],)))
        return Event(row[0], row[1], row[2], row[3], row[4], from_utc_text(row[5]), from_utc_text(row[6]), row[7],
                     row[8], json.loads(row[9]), json.loads(row[10]), json.loads(row[11]), row[12], dests)

    # -- the run log -------------------------------------------------------------
    def begin_run(self, event_id: int, at: datetime | None = None) -> int:
        with self.project.transaction(label=None) as db:
            run_id = db.execute("INSERT INTO live_runs(event_id, started_utc) VALUES (?, ?)",
                                (event_id, utc_text(at or now_utc()))).lastrowid
            db.execute("UPDATE live_events SET status = 'live' WHERE id = ? AND status = 'scheduled'", (event_id,))
        return run_id

    def end_run(self, run_id: int, outcome: str, at: datetime | None = None) -> None:
        with self.project.transaction(label=None) as db:
            db.execute("UPDATE live_runs SET stopped_utc = ?, outcome = ? WHERE id = ?",
                       (utc_text(at or now_utc()), outcome, run_id))

    def log(self, event_id: int, kind: str, *, run_id: int | None = None, destination: str | None = None,
            detail: dict | None = None, at: datetime | None = None) -> None:
        """Append to the event's log. ``detail`` must already be free of stream keys."""
        if kind not in LOG_KINDS:
            raise ValueError(f"unknown log kind {kind!r}")
        with self.project.transaction(label=None) as db:
            db.execute("INSERT INTO live_log(event_id, run_id, at_utc, kind, destination, detail) "
                       "VALUES (?, ?, ?, ?, ?, ?)",
                       (event_id, run_id, utc_text(at or now_utc()), kind, destination,
                        json.dumps(detail or {}, ensure_ascii=False)))

    def log_entries(self, event_id: int) -> list[dict]:
        return [{"at": r[0], "kind": r[1], "destination": r[2], "detail": json.loads(r[3]), "run": r[4]}
                for r in self.project.db.execute(
                    "SELECT at_utc, kind, destination, detail, run_id FROM live_log WHERE event_id = ? ORDER BY id",
                    (event_id,))]


_SELECT = ("SELECT id, uid, title_zh, title_en, description, start_utc, end_utc, tz, preroll_s, sources, layout, "
           "links, status FROM live_events")


def _as_int(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return -1


def _show(dt: datetime, tz: str, *, time_only: bool = False) -> str:
    local = dt.astimezone(ZoneInfo(tz))
    return local.strftime("%H:%M") if time_only else local.strftime("%Y-%m-%d %H:%M")


def _check(title_zh: str, title_en: str, start: datetime, end: datetime, tz: str, preroll_s: int,
           destinations, layout: dict | None = None) -> str:
    """The event's title for messages, after refusing what no event may be."""
    zone(tz)
    title = title_zh.strip() or title_en.strip()
    if not title:
        raise LiveError("event: give a title (--title or --title-en)")
    if end <= start:
        raise LiveError(f"event '{title}': ends ({_show(end, tz)}) before it starts ({_show(start, tz)})")
    if preroll_s < 0:
        raise LiveError(f"event '{title}': pre-roll cannot be negative")
    if preroll_s > MAX_PREROLL.total_seconds():
        raise LiveError(f"event '{title}': a pre-roll of {preroll_s} s is longer than the "
                        f"{span_text(MAX_PREROLL)} allowed")
    if end - start > MAX_EVENT:
        raise LiveError(f"event '{title}': lasts {end - start}, longer than the {span_text(MAX_EVENT)} allowed")
    for d in (start, end):
        check_year(d.year, where=f"event '{title}'")
    program = (layout or {}).get("program") if isinstance(layout, dict) else None
    if isinstance(program, dict):
        check_program_size(program.get("width"), program.get("height"), program.get("fps", 30),
                           where=f"event '{title}': program")
    names = [d.name for d in destinations]
    dup = {n for n in names if names.count(n) > 1}
    if dup:
        raise LiveError(f"event '{title}': destination '{sorted(dup)[0]}' given twice")
    return title


def _refuse_overlap(db, title: str, start: datetime, end: datetime, tz: str, *, besides: int = -1) -> None:
    clash = db.execute(
        "SELECT id, title_zh, title_en, start_utc, end_utc FROM live_events WHERE status IN ('scheduled', 'live') "
        "AND start_utc < ? AND end_utc > ? AND id != ? ORDER BY start_utc LIMIT 1",
        (utc_text(end), utc_text(start), besides)).fetchone()
    if clash:
        other = clash[1] or clash[2]
        raise LiveError(
            f"event '{title}' ({_show(start, tz)}–{_show(end, tz, time_only=True)}) overlaps "
            f"event {clash[0]} '{other}' ({_show(from_utc_text(clash[3]), tz)}–"
            f"{_show(from_utc_text(clash[4]), tz, time_only=True)})",
            hint="move one of them; two events cannot share the camera")


def _write_destinations(db, event_id: int, destinations) -> None:
    for i, d in enumerate(destinations):
        db.execute(
            "INSERT INTO live_destinations(event_id, name, preset, url, orientation, width, height, fps, "
            "bitrate_kbps, keyframe_s, position) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (event_id, d.name, d.preset, d.url, d.orientation, d.width, d.height, d.fps, d.bitrate_kbps,
             d.keyframe_s, i))
