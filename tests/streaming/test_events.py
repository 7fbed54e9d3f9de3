"""Events in the project file: time zones, refusals, the run log."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from assets.errors import NotFound
from streaming.destinations import make_destination
from streaming.errors import LiveError
from streaming.events import EventStore, parse_duration, parse_local


def _add(store, start="2026-12-03T15:00", minutes=60, title="青铜器导览", **kw):
    s = parse_local(start, "Asia/Shanghai")
    return store.add(title_zh=title, start=s, end=s + timedelta(minutes=minutes), tz="Asia/Shanghai", **kw)


def test_stored_as_utc_with_the_zone_name(project):
    store = EventStore(project)
    eid = _add(store, destinations=[make_destination("bilibili", "rtmp://live-push.bilivideo.com/live-bvc/")])
    row = project.db.execute("SELECT start_utc, end_utc, tz FROM live_events WHERE id = ?", (eid,)).fetchone()
    assert row == ("2026-12-03T07:00:00Z", "2026-12-03T08:00:00Z", "Asia/Shanghai")
    e = store.get(eid)
    assert e.start == datetime(2026, 12, 3, 7, tzinfo=timezone.utc)
    assert e.local_start.strftime("%H:%M") == "15:00"
    assert [d.name for d in e.destinations] == ["bilibili"]
    assert store.get(e.uid).id == eid


def test_end_before_start_is_refused(project):
    s = parse_local("2026-12-03T15:30", "Asia/Shanghai")
    with pytest.raises(LiveError) as e:
        EventStore(project).add(title_zh="x", start=s, end=s - timedelta(minutes=30), tz="Asia/Shanghai")
    assert str(e.value) == "event 'x': ends (2026-12-03 15:00) before it starts (2026-12-03 15:30)"


def test_overlapping_events_are_refused_naming_both(project):
    store = EventStore(project)
    first = _add(store)
    with pytest.raises(LiveError) as e:
        _add(store, start="2026-12-03T15:30", title="second")
    assert str(e.value) == (f"event 'second' (2026-12-03 15:30–16:30) overlaps event {first} '青铜器导览' "
                            "(2026-12-03 15:00–16:00)")
    _add(store, start="2026-12-03T16:00", title="back to back")  # touching is fine
    assert len(store.all()) == 2


def test_bad_times(project):
    with pytest.raises(LiveError, match=r"^--tz: unknown time zone 'Mars/Olympus'$"):
        parse_local("2026-12-03T15:00", "Mars/Olympus")
    with pytest.raises(LiveError, match=r"^--start: 'tomorrow' is not a date and time like 2026-12-03T15:00$"):
        parse_local("tomorrow", "UTC")
    assert parse_duration("1h30m") == timedelta(minutes=90)
    assert parse_duration("90s") == timedelta(seconds=90)
    assert parse_duration("1:30:00") == timedelta(minutes=90)
    with pytest.raises(LiveError, match="not a duration"):
        parse_duration("soon")
    with pytest.raises(NotFound):
        EventStore(project).get(42)


def test_run_log(project):
    store = EventStore(project)
    eid = _add(store)
    run = store.begin_run(eid)
    assert store.get(eid).status == "live"
    store.log(eid, "reconnect", run_id=run, destination="weibo", detail={"after_s": 2.3})
    store.end_run(run, "ended")
    assert [(e["kind"], e["destination"], e["detail"]) for e in store.log_entries(eid)] == [
        ("reconnect", "weibo", {"after_s": 2.3})]
