"""The live event editor's library side: drafts, saving, settings, Go Live options."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from streaming.destinations import make_destination
from streaming.errors import LiveError
from streaming.event_form import DestinationRow, EventDraft, draft_of, save_event
from streaming.event_settings import settings_of
from streaming.events import EventStore
from streaming.pipeline import Program, Source, parse_program
from streaming.session import options_for


def _draft(**kw) -> EventDraft:
    base = dict(title_zh="青铜器导览", title_en="Bronzes, live", start=datetime(2026, 12, 3, 15, 0),
                tz="Asia/Shanghai", duration_min=90, preroll_min=5,
                destinations=[DestinationRow("bilibili", "bilibili", "rtmp://live-push.bilivideo.com/live-bvc/")],
                source="testsrc", program="640x360@25", encoder_preset="ultrafast", slate_title="周四直播",
                lower_third="序厅", qr_url="https://example.org/live")
    base.update(kw)
    return EventDraft(**base)


def test_a_draft_is_saved_and_read_back_as_it_was(project):
    eid = save_event(project, _draft())
    event = EventStore(project).get(eid)
    assert (event.start, event.end) == (datetime(2026, 12, 3, 7, tzinfo=timezone.utc),
                                        datetime(2026, 12, 3, 8, 30, tzinfo=timezone.utc))
    assert event.preroll_s == 300
    assert [(d.name, d.preset, d.width) for d in event.destinations] == [("bilibili", "bilibili", 1920)]
    assert event.sources == ["testsrc"]
    assert event.layout == {"program": {"width": 640, "height": 360, "fps": 25, "preset": "ultrafast"},
                            "slate": {"title": "周四直播", "lower_third": "序厅",
                                      "qr_url": "https://example.org/live"}}
    assert draft_of(event) == _draft()
    assert settings_of(event).program == Program(640, 360, 25, preset="ultrafast")


def test_editing_changes_the_event_in_place_and_keeps_other_layout_keys(project):
    store = EventStore(project)
    eid = save_event(project, _draft())
    with project.transaction() as db:  # something another tool stored in the layout
        db.execute("UPDATE live_events SET layout = json_set(layout, '$.pip', 'corner') WHERE id = ?", (eid,))
    save_event(project, _draft(title_zh="瓷器导览", start=datetime(2026, 12, 3, 15, 30), destinations=[],
                               slate_title="", lower_third="", qr_url=""), eid)
    event = store.get(eid)
    assert [e.id for e in store.all()] == [eid]
    assert event.title_zh == "瓷器导览" and event.local_start.strftime("%H:%M") == "15:30"
    assert event.destinations == ()
    assert event.layout == {"program": {"width": 640, "height": 360, "fps": 25, "preset": "ultrafast"},
                            "pip": "corner"}


def test_moving_an_event_onto_another_is_refused_and_changes_nothing(project):
    first = save_event(project, _draft())
    second = save_event(project, _draft(title_zh="第二场", start=datetime(2026, 12, 3, 17, 0)))
    with pytest.raises(LiveError, match=f"^event '第二场' .* overlaps event {first} '青铜器导览'"):
        save_event(project, _draft(title_zh="第二场", start=datetime(2026, 12, 3, 16, 0)), second)
    assert EventStore(project).get(second).local_start.strftime("%H:%M") == "17:00"


@pytest.mark.parametrize("change, message", [
    (dict(tz="Mars/Olympus"), "time zone: unknown time zone 'Mars/Olympus'"),
    (dict(title_zh="", title_en=" "), "event: give a title (--title or --title-en)"),
    (dict(duration_min=0), "duration: the event must last at least a minute"),
    (dict(source="webcam"), "source: unknown source 'webcam'"),
    (dict(program="big"), "program size: 'big' is not a size like 1280x720@30"),
    (dict(program="641x360"), "program size: '641x360': width and height must be even (x264 needs it)"),
    (dict(encoder_preset="placebo2"), "encoder speed: unknown x264 preset 'placebo2'"),
    (dict(qr_url="example.org"), "QR code address: 'example.org' is not an http:// or https:// address"),
    (dict(destinations=[DestinationRow("yt", "youtube", "http://a.rtmp.youtube.com/live2")]),
     "destination 'yt': "),
])
def test_bad_fields_are_refused_naming_the_field(project, change, message):
    with pytest.raises(LiveError) as e:
        save_event(project, _draft(**change))
    assert str(e.value).startswith(message)
    assert EventStore(project).all() == []


def test_parse_program():
    assert parse_program("1920x1080@30") == Program(1920, 1080, 30)
    assert parse_program("720X1280") == Program(720, 1280, 30)


def test_go_live_counts_down_only_when_the_start_is_within_the_preroll(project):
    store = EventStore(project)
    eid = save_event(project, _draft())
    event = store.get(eid)
    soon = options_for(event, at=event.start - timedelta(seconds=120))
    assert (soon.now, soon.preroll_s, soon.title, soon.lower_third, soon.qr_url) == (
        True, 120, "周四直播", "序厅", "https://example.org/live")
    assert soon.source == Source("testsrc") and soon.program == Program(640, 360, 25, preset="ultrafast")
    assert options_for(event, at=event.start - timedelta(hours=2)).preroll_s == 0
    assert options_for(event, at=event.start + timedelta(minutes=1)).preroll_s == 0


def test_an_event_made_by_the_command_line_has_default_settings(project):
    s = datetime(2026, 12, 3, 7, tzinfo=timezone.utc)
    eid = EventStore(project).add(title_en="x", start=s, end=s + timedelta(hours=1), tz="UTC",
                                  destinations=[make_destination("a", "rtmp://h/live")])
    settings = settings_of(EventStore(project).get(eid))
    assert (settings.source, settings.program, settings.slate_title) == ("testsrc", Program(), "")


def test_scheduling_and_editing_are_undoable_steps_and_runs_are_not(project):
    from assets import history

    store = EventStore(project)
    eid = save_event(project, _draft())
    assert history.next_undo(project).label == "add live event"
    save_event(project, _draft(title_zh="瓷器导览", duration_min=30), eid)
    assert history.next_undo(project).label == "edit live event"
    run = store.begin_run(eid)  # what a run writes is runtime state, not an edit
    store.log(eid, "state", run_id=run, destination="bilibili", detail={"to": "live"})
    store.end_run(run, "stopped")
    store.set_status(eid, "scheduled")
    assert [s.label for s in history.steps(project)] == ["edit live event", "add live event"]  # newest first

    history.undo(project)
    event = store.get(eid)
    assert (event.title_zh, (event.end - event.start).total_seconds()) == ("青铜器导览", 90 * 60)
    assert draft_of(event) == _draft()
    history.redo(project)
    assert store.get(eid).title_zh == "瓷器导览"
    history.undo(project)
    history.undo(project)
    assert store.all() == []


_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title_zh=_text, title_en=_text,
       tz=st.sampled_from(["Asia/Shanghai", "UTC", "Europe/Paris", "Nowhere/Land", ""]),
       duration=st.integers(-5, 600), preroll=st.integers(-5, 120), source=_text | st.just("testsrc"),
       program=_text | st.sampled_from(["1280x720@30", "640x360", "0x0", "99999x2@30"]),
       dest=st.tuples(st.sampled_from(["local", "bilibili"]) | _text,
                      st.sampled_from(["custom-rtmp", "bilibili", "custom-srt", "nope"]),
                      st.sampled_from(["rtmp://127.0.0.1:1935/live", "srt://10.0.0.2:9000"]) | _text),
       qr=_text | st.just("https://example.org/"))
@example(title_zh=" 直播 ", title_en="", tz="UTC", duration=30, preroll=0, source="testsrc", program="640x360",
         dest=("local", "custom-rtmp", "rtmp://127.0.0.1:1935/live"), qr="https://example.org/")
def test_whatever_is_typed_is_saved_as_typed_or_refused_with_nothing_written(
        project, title_zh, title_en, tz, duration, preroll, source, program, dest, qr):
    draft = EventDraft(title_zh=title_zh, title_en=title_en, start=datetime(2027, 1, 5, 10, 0), tz=tz,
                       duration_min=duration, preroll_min=preroll, destinations=[DestinationRow(*dest)],
                       source=source, program=program, qr_url=qr)
    store = EventStore(project)
    before = store.all()
    try:
        eid = save_event(project, draft)
    except LiveError as e:
        assert str(e)
        assert store.all() == before
        return
    saved = draft_of(store.get(eid))
    assert (saved.tz, saved.duration_min, saved.preroll_min) == (tz, duration, preroll)
    assert (saved.title_zh, saved.title_en) == (title_zh.strip(), title_en.strip())
    store.delete(eid)
