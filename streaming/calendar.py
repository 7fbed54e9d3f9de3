"""iCalendar (RFC 5545) export and import of live events, with the ``icalendar`` library.

Exported events keep their zone (DTSTART;TZID=Asia/Shanghai plus a VTIMEZONE), their
UID (so importing the file again does not duplicate them), titles in both languages
(SUMMARY in Chinese, an X-YUNZHAN-TITLE-EN property) and the description. Destinations
and keys are never exported.
"""

from __future__ import annotations

import os
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

from assets.errors import InputError
from assets.input_files import require_regular_file
from streaming.events import Event, EventStore, now_utc


def to_ics(events: list[Event]) -> bytes:
    import icalendar

    cal = icalendar.Calendar()
    cal.add("prodid", "-//Yunzhan//live tours//EN")
    cal.add("version", "2.0")
    stamp = now_utc()
    for e in events:
        ve = icalendar.Event()
        ve.add("uid", e.uid)
        ve.add("dtstamp", stamp)
        ve.add("dtstart", e.local_start)
        ve.add("dtend", e.local_end)
        ve.add("summary", e.title)
        if e.title_en:
            ve.add("x-yunzhan-title-en", e.title_en)
        if e.description:
            ve.add("description", e.description)
        ve.add("status", "CANCELLED" if e.status == "stopped" else "CONFIRMED")
        cal.add_component(ve)
    cal.add_missing_timezones()
    return cal.to_ical()


def write_ics(events: list[Event], path: Path) -> Path:
    """Write ``events`` to ``path`` atomically."""
    path = Path(path)
    tmp = path.with_name(path.name + ".part")
    tmp.write_bytes(to_ics(events))
    os.replace(tmp, path)
    return path


def read_ics(path: Path) -> list[dict]:
    """The VEVENTs of an .ics file (cancelled ones left out) as keyword arguments for
    :meth:`EventStore.add`.

    Raises :class:`InputError` naming the file (and the event) when it is not iCalendar
    or an event lacks a start."""
    import icalendar

    path = require_regular_file(path, what="calendar file")
    try:
        cal = icalendar.Calendar.from_ical(path.read_bytes())
    except OSError as e:
        raise InputError(f"{path}: cannot read ({e.strerror})") from None
    except ValueError as e:
        raise InputError(f"{path}: not an iCalendar file ({str(e).splitlines()[0][:80]})") from None
    drafts = []
    for n, ve in enumerate(cal.walk("VEVENT"), 1):
        where = f"{path}: event {n}"
        if ve.get("dtstart") is None:
            raise InputError(f"{where}: has no DTSTART")
        try:
            start, tz = _aware(ve, "dtstart", where)
            if ve.get("dtend") is not None:
                end, _ = _aware(ve, "dtend", where)
            elif ve.get("duration") is not None:
                end = start + ve.decoded("duration")
            else:
                end = start + timedelta(hours=1)
        except (ValueError, OverflowError, TypeError) as e:  # a date like 99999999T999999
            raise InputError(f"{where}: a date or duration that cannot be read ({str(e).splitlines()[0][:80]})") \
                from None
        summary = str(ve.get("summary", "")).strip()
        title_en = str(ve.get("x-yunzhan-title-en", "")).strip()
        if title_en:
            title_zh = summary if summary != title_en else ""
        elif _has_cjk(summary):
            title_zh = summary
        else:
            title_zh, title_en = "", summary or f"event {n}"
        if str(ve.get("status", "")).upper() == "CANCELLED":
            continue  # nothing to schedule
        drafts.append(dict(uid=str(ve.get("uid")) if ve.get("uid") else None, title_zh=title_zh,
                           title_en=title_en, description=str(ve.get("description", "")),
                           start=start, end=end, tz=tz))
    return drafts


def import_ics(store: EventStore, path: Path, *, preroll_s: int = 300) -> list[int]:
    """Schedule every event of the file not already in the project (by UID), all or none."""
    drafts = read_ics(path)
    known = {e.uid for e in store.all()}
    ids = []
    with store.project.transaction(label="import calendar"):
        for d in drafts:
            if d["uid"] and d["uid"] in known:
                continue
            ids.append(store.add(preroll_s=preroll_s, **d))
    return ids


def _aware(ve, prop: str, where: str) -> tuple[datetime, str]:
    """A DTSTART/DTEND property → (UTC datetime, zone name).

    :raises InputError: its TZID names a zone neither IANA nor the file's VTIMEZONEs
        know (taking it as UTC would move the event by hours without a word)."""
    value = ve.decoded(prop)
    tzid = ve.get(prop).params.get("TZID") if hasattr(ve.get(prop), "params") else None
    if isinstance(value, datetime):
        if value.tzinfo is None and tzid:
            raise InputError(f"{where}: {prop.upper()} is in an unknown time zone TZID={str(tzid)[:60]}",
                             hint="export the calendar with its time zone definitions, or use an IANA name "
                                  "such as Asia/Shanghai")
        if value.tzinfo is None:  # floating time: take it as UTC
            value = value.replace(tzinfo=timezone.utc)
        name = getattr(value.tzinfo, "key", None) or str(value.tzinfo)
        try:
            ZoneInfo(name)
        except Exception:
            name = "UTC"
        return value.astimezone(timezone.utc), name
    if isinstance(value, date):  # an all-day entry
        return datetime(value.year, value.month, value.day, tzinfo=timezone.utc), "UTC"
    raise ValueError(f"unsupported date value {value!r}")


def _has_cjk(text: str) -> bool:
    return any("\u4e00" <= c <= "\u9fff" for c in text)
