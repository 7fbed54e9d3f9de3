"""iCalendar export and import."""

from __future__ import annotations

from datetime import timedelta

import icalendar
import pytest

from assets.errors import InputError
from streaming.calendar import import_ics, read_ics, write_ics
from streaming.destinations import make_destination
from streaming.events import EventStore, parse_local


def test_round_trip_keeps_zone_titles_and_uid(project, tmp_path):
    from assets.project import Project

    store = EventStore(project)
    s = parse_local("2026-12-03T15:00", "Asia/Shanghai")
    eid = store.add(title_zh="青铜器之夜", title_en="A night of bronzes", description="第一站：鼎",
                    start=s, end=s + timedelta(minutes=60), tz="Asia/Shanghai",
                    destinations=[make_destination("bilibili", "rtmp://live-push.bilivideo.com/live-bvc/")])
    ics = write_ics(store.all(), tmp_path / "events.ics")
    cal = icalendar.Calendar.from_ical(ics.read_bytes())
    (ve,) = cal.walk("VEVENT")
    assert ve["dtstart"].params["TZID"] == "Asia/Shanghai"
    assert ve.decoded("dtstart").strftime("%Y-%m-%d %H:%M") == "2026-12-03 15:00"
    assert b"bilivideo" not in ics.read_bytes()  # destinations never leave the project

    other = EventStore(Project.create(tmp_path / "other.yunzhan"))
    (new_id,) = import_ics(other, ics)
    e, original = other.get(new_id), store.get(eid)
    assert (e.uid, e.title_zh, e.title_en, e.description, e.start, e.end, e.tz) == (
        original.uid, "青铜器之夜", "A night of bronzes", "第一站：鼎", original.start, original.end, "Asia/Shanghai")
    assert import_ics(other, ics) == []  # same UID: not imported twice
    other.project.close()


def test_foreign_calendar_and_bad_files(tmp_path):
    f = tmp_path / "x.ics"
    f.write_text("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:a@b\r\nSUMMARY:Gallery talk\r\n"
                 "DTSTART:20261203T070000Z\r\nDURATION:PT45M\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
    (d,) = read_ics(f)
    assert (d["title_en"], d["title_zh"], d["tz"], (d["end"] - d["start"]).seconds) == ("Gallery talk", "", "UTC", 2700)
    bad = tmp_path / "bad.ics"
    bad.write_text("hello")
    with pytest.raises(InputError, match=rf"^{bad}: not an iCalendar file"):
        read_ics(bad)
