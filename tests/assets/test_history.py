"""Undo and redo kept in the project file: real projects on disk, real reopenings,
real CLI processes, and generated sequences of edits."""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image, ImageDraw

from assets import changes, history
from assets.catalog import Catalog, CatalogObject
from assets.project import Project
from assets.search import search_ids
from scenes import model
from streaming.destinations import make_destination
from streaming.events import EventStore, parse_local

USER_TABLES = ("objects", "object_media", "exhibition", "halls", "hotspots", "floor_plan_pins", "tours",
               "tour_stops", "live_events", "live_destinations")


def panorama(path: Path, shade: int, size=(1024, 512)) -> Path:
    im = Image.new("RGB", size, (shade, 100, 255 - shade))
    draw = ImageDraw.Draw(im)
    for x in range(0, size[0], 50):
        draw.line([(x, 0), (x, size[1])], fill=(255, shade, 0), width=3)
    im.save(path, "JPEG", quality=85)
    return path


def state(project: Project) -> dict:
    """Every user-editable row, and what search finds, to compare before and after."""
    rows = {t: project.db.execute(f"SELECT * FROM {t} ORDER BY rowid").fetchall() for t in USER_TABLES}
    rows["search"] = sorted(project.db.execute("SELECT rowid, title FROM object_search").fetchall())
    return rows


@pytest.fixture
def hall_project(project, tmp_path):
    sha1 = model.store_panorama(project, panorama(tmp_path / "a.jpg", 30))
    sha2 = model.store_panorama(project, panorama(tmp_path / "b.jpg", 200))
    model.add_hall(project, slug="lobby", title_zh="序厅", panorama_sha=sha1)
    model.add_hall(project, slug="east", title_zh="东厅", panorama_sha=sha2)
    Catalog(project).add(CatalogObject("YZ-1", title_zh="青铜鼎", title_en="Bronze ding"))
    return project


def test_an_edit_is_undone_and_redone_with_its_name(hall_project):
    p = hall_project
    spot = model.add_hotspot(p, "lobby", yaw=30, pitch=-5, to="east")
    before = state(p)
    model.update_hotspot(p, spot.id, yaw=75.5, pitch=3.25)
    after = state(p)
    assert history.next_undo(p).label == "edit hotspot"
    assert history.undo(p).label == "edit hotspot"
    assert state(p) == before
    assert history.next_redo(p).label == "edit hotspot"
    assert history.redo(p).label == "edit hotspot"
    assert state(p) == after
    assert model.get_hotspot(p, spot.id).yaw == 75.5


def test_a_new_edit_clears_redo_and_empty_stacks_say_so(hall_project):
    p = hall_project
    model.update_hall(p, "lobby", title_en="Entrance")
    history.undo(p)
    assert history.next_redo(p) is not None
    model.update_hall(p, "east", title_en="East hall")
    assert history.next_redo(p) is None
    assert history.redo(p) is None
    while history.undo(p):
        pass
    assert history.next_undo(p) is None
    assert state(p)["halls"] == [] and state(p)["objects"] == []


def test_history_survives_closing_and_a_second_process(hall_project, run_cli):
    p = hall_project
    path = p.path
    model.update_hall(p, "lobby", title_en="Entrance")          # yesterday's second-to-last edit
    spot = model.add_hotspot(p, "lobby", yaw=10, pitch=0, note_zh="展柜说明")
    p.close()
    done = run_cli("undo", path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "undone: add hotspot"
    done = run_cli("undo", path)
    assert done.stdout.strip() == "undone: edit hall"
    with Project.open(path) as again:
        assert model.load_exhibition(again).hall("lobby").title_en == ""
        assert not model.load_exhibition(again).hall("lobby").hotspots
        assert history.redo(again).label == "edit hall"
    listing = run_cli("history", path)
    assert "redo" in listing.stdout and "add hotspot" in listing.stdout
    with Project.open(path) as again:
        assert model.load_exhibition(again).hall("lobby").title_en == "Entrance"
        with pytest.raises(Exception):
            model.get_hotspot(again, spot.id)


def test_removing_a_hall_and_undoing_restores_everything_without_copying_media(hall_project):
    p = hall_project
    model.add_hotspot(p, "lobby", yaw=30, pitch=-5, to="east")
    model.add_hotspot(p, "east", yaw=0, pitch=0, object="YZ-1")
    model.add_tour(p, slug="walk", stops=["lobby", "east"])
    model.set_default_tour(p, "walk")
    before = state(p)
    media_bytes = p.db.execute("SELECT sum(sz) FROM sqlar").fetchone()[0]
    model.remove_hall(p, "east", force=True)
    assert history.next_undo(p).label == "remove hall"
    logged = p.db.execute("SELECT sum(length(sql)) FROM history_log").fetchone()[0]
    assert logged < 20_000 < media_bytes  # rows and references, never the panorama's bytes
    history.undo(p)
    assert state(p) == before


def test_texts_with_any_character_come_back_whole(hall_project):
    p = hall_project
    odd = "a\x00b'c\"d\n\u2028青铜;--"
    model.update_hall(p, "lobby", title_en=odd)
    model.update_hall(p, "lobby", title_en="plain")
    history.undo(p)
    assert model.load_exhibition(p).hall("lobby").title_en == odd
    history.undo(p)
    history.redo(p)
    assert model.load_exhibition(p).hall("lobby").title_en == odd


def test_a_subnormal_angle_is_stored_as_zero_and_undone_exactly(hall_project):
    p = hall_project
    spot = model.add_hotspot(p, "lobby", yaw=0.0, pitch=1.0426334533646705e-305, to="east")
    assert model.get_hotspot(p, spot.id).pitch == 0.0
    before = state(p)
    model.update_hotspot(p, spot.id, pitch=12.345678901234567)
    history.undo(p)
    assert state(p) == before
    history.redo(p)
    assert model.get_hotspot(p, spot.id).pitch == 12.345678901234567


def test_undo_keeps_search_in_step(hall_project):
    p = hall_project
    catalog = Catalog(p)
    obj = catalog.get("YZ-1")
    obj.title_zh = "青花瓷碗"
    catalog.add(obj)
    assert search_ids(p, "青花") == [obj.id]
    history.undo(p)
    assert search_ids(p, "青花") == []
    assert search_ids(p, "青铜") == [obj.id]
    history.redo(p)
    assert search_ids(p, "青花") == [obj.id]


def test_an_import_of_thousands_of_rows_is_one_step(project):
    catalog = Catalog(project)
    catalog.upsert_many([(f"row {i}", CatalogObject(f"T-{i:05d}", title_en=f"thing {i}")) for i in range(3000)])
    assert catalog.count() == 3000
    assert len(history.steps(project)) == 1
    history.undo(project)
    assert catalog.count() == 0
    assert project.db.execute("SELECT count(*) FROM object_search").fetchone()[0] == 0
    history.redo(project)
    assert catalog.count() == 3000
    assert search_ids(project, "thing 2999") == [catalog.get("T-02999").id]


def test_live_event_edits_are_undoable_but_runtime_status_is_not(project):
    store = EventStore(project)
    start = parse_local("2026-12-03T15:00", "Asia/Shanghai")
    event_id = store.add(title_zh="瓷器馆直播导览", start=start, end=start + timedelta(hours=1), tz="Asia/Shanghai",
                         destinations=[make_destination("bilibili", "rtmp://127.0.0.1/live/")])
    steps = len(history.steps(project))
    store.set_status(event_id, "live")
    assert len(history.steps(project)) == steps
    assert history.undo(project).label == "add live event"
    assert project.db.execute("SELECT count(*) FROM live_events").fetchone()[0] == 0
    assert project.db.execute("SELECT count(*) FROM live_destinations").fetchone()[0] == 0


def test_changes_are_announced_with_ids_and_labels(hall_project):
    p = hall_project
    seen = []
    stop = changes.subscribe(p.path, seen.append)
    try:
        spot = model.add_hotspot(p, "lobby", yaw=30, pitch=-5, to="east")
        model.update_hall(p, "east", title_en="East")
        history.undo(p)
    finally:
        stop()
    assert [(c.label, c.undo) for c in seen] == [("add hotspot", False), ("edit hall", False), ("edit hall", True)]
    assert seen[0].ids("hotspots") == {spot.id}
    east = model.load_exhibition(p).hall("east").id
    assert seen[1].ids("halls") == {east} and seen[2].ids("halls") == {east}
    assert not seen[0].touches("objects")


def test_the_history_is_bounded_and_drops_media_only_it_named(hall_project, tmp_path):
    p = hall_project
    history.set_limit(p, 3)
    sha = model.store_panorama(p, panorama(tmp_path / "c.jpg", 120))
    model.add_hall(p, slug="west", title_zh="西厅", panorama_sha=sha)
    model.remove_hall(p, "west")
    assert p.db.execute("SELECT count(*) FROM media WHERE sha256 = ?", (sha,)).fetchone()[0] == 1  # undo needs it
    for n in range(3):
        model.update_hall(p, "lobby", title_en=f"Lobby {n}")
    assert [s.label for s in history.steps(p)] == ["edit hall"] * 3
    assert p.db.execute("SELECT count(*) FROM media WHERE sha256 = ?", (sha,)).fetchone()[0] == 0
    assert p.db.execute("SELECT count(*) FROM sqlar WHERE name LIKE ?", (f"media/{sha}%",)).fetchone()[0] == 0


def test_compact_removes_only_media_nothing_uses(hall_project, tmp_path, run_cli):
    p = hall_project
    sha = model.store_panorama(p, panorama(tmp_path / "c.jpg", 120, size=(2048, 1024)))
    orphan = model.store_panorama(p, panorama(tmp_path / "d.jpg", 160, size=(2048, 1024)))
    model.add_hall(p, slug="west", title_zh="西厅", panorama_sha=sha)
    model.remove_hall(p, "west")          # still in the history: kept
    path = p.path
    p.close()
    done = run_cli("check", path, "--compact")
    assert done.returncode == 0, done.stderr
    assert "1 unused media removed" in done.stdout
    with Project.open(path) as again:
        kept = {r[0] for r in again.db.execute("SELECT sha256 FROM media")}
        assert sha in kept and orphan not in kept
        history.undo(again)
        assert model.load_exhibition(again).hall("west").panorama_sha == sha


def test_a_step_that_cannot_replay_is_refused_and_kept(hall_project):
    p = hall_project
    model.update_hall(p, "lobby", title_en="Entrance")
    # Another program writes behind the history's back: the lobby is gone.
    raw = sqlite3.connect(p.path)
    raw.execute("PRAGMA foreign_keys = ON")
    raw.execute("INSERT INTO halls(id, slug, panorama_sha) SELECT 99, 'x', panorama_sha FROM halls LIMIT 1")
    raw.commit()
    raw.close()
    model.add_hall(p, slug="x2", title_zh="x", panorama_sha=model.load_exhibition(p).hall("lobby").panorama_sha)
    history.undo(p)
    p.db.execute("INSERT INTO halls(id, slug, panorama_sha) SELECT (SELECT max(id) FROM halls) + 1, 'x2', "
                 "panorama_sha FROM halls LIMIT 1")
    with pytest.raises(Exception) as err:
        history.redo(p)
    assert "cannot redo “add hall”" in str(err.value)
    assert history.next_redo(p).label == "add hall"


# -- generated sequences of edits ---------------------------------------------------------
EDITS = st.lists(st.one_of(
    st.tuples(st.just("title"), st.sampled_from(["lobby", "east"]), st.text(max_size=8)),
    st.tuples(st.just("hotspot"), st.floats(-180, 180), st.floats(-90, 90)),
    st.tuples(st.just("move"), st.floats(-180, 180), st.floats(-90, 90)),
    st.tuples(st.just("remove_spot"), st.just(0), st.just(0)),
    st.tuples(st.just("object"), st.text(min_size=1, max_size=6), st.text(max_size=8)),
    st.tuples(st.just("view"), st.floats(-180, 180), st.floats(-90, 90)),
), min_size=1, max_size=12)


def _apply(p: Project, edit) -> None:
    kind, a, b = edit
    spots = [h.id for hall in model.load_exhibition(p).halls for h in hall.hotspots]
    if kind == "title":
        model.update_hall(p, a, title_en=b)
    elif kind == "hotspot":
        model.add_hotspot(p, "lobby", yaw=a, pitch=b, to="east")
    elif kind == "move" and spots:
        model.update_hotspot(p, spots[-1], yaw=a, pitch=b)
    elif kind == "remove_spot" and spots:
        model.remove_hotspot(p, spots[0])
    elif kind == "object" and a.strip():
        Catalog(p).add(CatalogObject(a.strip(), title_zh=b))
    elif kind == "view":
        model.set_initial_view(p, "east", yaw=a, pitch=b)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits=EDITS)
def test_undoing_everything_restores_the_start_and_redoing_restores_the_end(tmp_path_factory, edits):
    folder = tmp_path_factory.mktemp("generated")
    with Project.create(folder / "p.yunzhan") as p:
        sha1 = model.store_panorama(p, panorama(folder / "a.jpg", 30))
        sha2 = model.store_panorama(p, panorama(folder / "b.jpg", 200))
        model.add_hall(p, slug="lobby", title_zh="序厅", panorama_sha=sha1)
        model.add_hall(p, slug="east", title_zh="东厅", panorama_sha=sha2)
        start = state(p)
        marks = len(history.steps(p))
        for edit in edits:
            _apply(p, edit)
        end = state(p)
        done = len(history.steps(p)) - marks
        for _ in range(done):
            history.undo(p)
        assert state(p) == start
        for _ in range(done):
            history.redo(p)
        assert state(p) == end
