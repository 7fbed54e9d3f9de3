"""The exhibition model on a real project file: halls, hotspots, floor plan, tours."""

from __future__ import annotations

import sqlite3

import pytest

from assets.catalog import Catalog
from assets.media_store import MediaStore
from assets.project import Project
from scenes import model
from scenes.errors import ExhibitionError

from .conftest import add_object, snapshot


def test_halls_are_listed_in_order_with_their_settings(halls):
    ex = model.load_exhibition(halls)
    assert [h.slug for h in ex.halls] == ["lobby", "east"]
    lobby = ex.hall("lobby")
    assert (lobby.title_zh, lobby.title_en, lobby.position) == ("大厅", "Lobby", 0)
    assert lobby.view == model.View(0.0, 0.0, 90.0)
    assert MediaStore(halls).info(lobby.panorama_sha).kind == "panorama"
    assert ex.start_hall.slug == "lobby"
    assert ex.floor_plan is None and ex.tours == () and ex.default_tour is None


def test_everything_survives_closing_and_reopening(halls):
    model.set_exhibition(halls, title_zh="青铜时代", intro_en="Three thousand years of bronze.")
    model.add_hotspot(halls, "lobby", yaw=30, pitch=-5, to="east", arrive_yaw=170, label_en="East hall")
    model.set_initial_view(halls, "east", yaw=-90, pitch=10, fov=75)
    model.set_orientation(halls, "east", north_offset=45, horizon_pitch=1.5, horizon_roll=-0.5)
    before = model.load_exhibition(halls)
    with Project.open(halls.path) as again:  # a second connection reads what was committed
        after = model.load_exhibition(again)
    assert after == before
    assert (after.title_zh, after.title_en, after.intro_en) == ("青铜时代", "", "Three thousand years of bronze.")
    east = after.hall("east")
    assert east.view == model.View(-90.0, 10.0, 75.0)
    assert (east.north_offset, east.horizon_pitch, east.horizon_roll) == (45.0, 1.5, -0.5)


def test_hall_slugs_are_checked(halls, pano_files):
    sha = model.load_exhibition(halls).hall("lobby").panorama_sha
    with pytest.raises(ExhibitionError) as e:
        model.add_hall(halls, slug="lobby", title_zh="又一个", panorama_sha=sha)
    assert e.value.user_text() == f"{halls.path}: hall 'lobby' already exists (choose another slug)"
    with pytest.raises(ExhibitionError) as e:
        model.add_hall(halls, slug="West Wing", title_zh="西厅", panorama_sha=sha)
    assert e.value.message == f"{halls.path}: hall slug 'West Wing' is not valid"
    with pytest.raises(ExhibitionError) as e:
        model.add_hall(halls, slug="west", title_zh="西厅", panorama_sha="0" * 64)
    assert e.value.message == f"{halls.path}: hall 'west': no stored media 000000000000…"


def test_hotspot_kinds(halls):
    add_object(halls, "1977.12", title_zh="铜鼎", title_en="Bronze ding")
    to_east = model.add_hotspot(halls, "lobby", yaw=200, pitch=-5, to="east", arrive_yaw=180, arrive_pitch=3)
    card = model.add_hotspot(halls, "east", yaw=90, pitch=0, object="1977.12", label_zh="铜鼎")
    note = model.add_hotspot(halls, "east", yaw=-60, pitch=10, note_zh="穹顶为原物", note_en="Original dome")
    assert (to_east.kind, to_east.yaw, to_east.target_hall, to_east.arrive_yaw, to_east.arrive_pitch) == (
        "hall", -160.0, "east", -180.0, 3.0)
    assert (card.kind, card.object_accession, card.object_id) == ("object", "1977.12", Catalog(halls).get("1977.12").id)
    assert (note.kind, note.note_zh, note.note_en) == ("note", "穹顶为原物", "Original dome")
    ex = model.load_exhibition(halls)
    assert [s.id for s in ex.hall("east").hotspots] == [card.id, note.id]
    assert ex.object_ids == (card.object_id,)
    assert model.add_hotspot(halls, "east", yaw=0, pitch=0, object=card.object_id).object_accession == "1977.12"


@pytest.mark.parametrize("kwargs, message", [
    ({"yaw": 0, "pitch": 0}, "give exactly one of a hall to open, an object or a note text"),
    ({"yaw": 0, "pitch": 0, "to": "east", "note_zh": "x"},
     "give exactly one of a hall to open, an object or a note text"),
    ({"yaw": 0, "pitch": 95, "to": "east"}, "pitch 95 is out of range (-90 to 90)"),
    ({"yaw": float("nan"), "pitch": 0, "to": "east"}, "yaw nan is not a number"),
    ({"yaw": 0, "pitch": 0, "note_zh": "x", "arrive_yaw": 10},
     "an arrival view is only for hotspots that open a hall"),
    ({"yaw": 0, "pitch": 0, "to": "lobby"}, "a hotspot cannot open the hall it is in"),
    ({"yaw": 0, "pitch": 0, "object": "NO.1"}, "no catalog object 'NO.1'"),
])
def test_bad_hotspots_are_refused_and_nothing_changes(halls, kwargs, message):
    before = snapshot(halls)
    with pytest.raises(ExhibitionError) as e:
        model.add_hotspot(halls, "lobby", **kwargs)
    assert e.value.message == f"{halls.path}: hotspot in hall 'lobby': {message}"
    assert snapshot(halls) == before


def test_removing_a_hall_that_others_link_to_is_refused(halls):
    model.add_hotspot(halls, "lobby", yaw=30, pitch=0, to="east")
    model.add_hotspot(halls, "lobby", yaw=60, pitch=0, to="east")
    before = snapshot(halls)
    with pytest.raises(ExhibitionError) as e:
        model.remove_hall(halls, "east")
    assert e.value.user_text() == (
        f"{halls.path}: hall 'east' cannot be removed: 2 hotspots link to it (in 'lobby') "
        "(remove those hotspots first, or use --force to remove them with the hall)")
    assert snapshot(halls) == before
    # the file itself refuses too, whoever writes to it
    with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
        halls.db.execute("DELETE FROM halls WHERE slug = 'east'")


def test_forced_removal_takes_the_links_with_it(halls):
    model.add_hotspot(halls, "lobby", yaw=30, pitch=0, to="east")
    model.add_hotspot(halls, "east", yaw=0, pitch=0, note_en="here")
    model.add_tour(halls, slug="main", stops=["lobby", "east", "lobby"], default=True)
    removed = model.remove_hall(halls, "east", force=True)
    assert removed == model.HallRemoval("east", hotspots=1, incoming_hotspots=1, tour_stops=1)
    ex = model.load_exhibition(halls)
    assert [h.slug for h in ex.halls] == ["lobby"]
    assert ex.hall("lobby").hotspots == ()
    assert [s.hall for s in ex.tour("main").stops] == ["lobby", "lobby"]
    assert halls.integrity_check() == []


def test_a_hotspot_cannot_point_at_a_deleted_hall(halls):
    model.remove_hall(halls, "east")
    before = snapshot(halls)
    with pytest.raises(ExhibitionError) as e:
        model.add_hotspot(halls, "lobby", yaw=30, pitch=-5, to="east")
    assert e.value.user_text() == f"{halls.path}: no target hall 'east' (see 'yunzhan hall list')"
    assert snapshot(halls) == before


def test_removing_hotspots(halls):
    spot = model.add_hotspot(halls, "lobby", yaw=30, pitch=0, to="east")
    assert model.remove_hotspot(halls, spot.id) == spot
    assert model.list_hotspots(halls, "lobby") == []
    with pytest.raises(ExhibitionError) as e:
        model.remove_hotspot(halls, spot.id)
    assert e.value.message == f"{halls.path}: no hotspot {spot.id}"
    model.remove_hall(halls, "east")  # nothing links to it any more


def test_deleting_a_catalog_object_removes_its_pins(halls):
    add_object(halls, "A.1", title_en="Cup")
    model.add_hotspot(halls, "lobby", yaw=0, pitch=0, object="A.1")
    Catalog(halls).delete("A.1")
    assert model.list_hotspots(halls, "lobby") == []


def test_initial_view_and_orientation_are_checked(halls):
    assert model.set_initial_view(halls, "lobby", yaw=270, pitch=-20).view == model.View(-90.0, -20.0, 90.0)
    with pytest.raises(ExhibitionError) as e:
        model.set_initial_view(halls, "lobby", yaw=0, pitch=0, fov=200)
    assert e.value.message == f"{halls.path}: hall 'lobby': field of view 200 is out of range (1 to 180)"
    with pytest.raises(ExhibitionError) as e:
        model.set_orientation(halls, "lobby", horizon_pitch=-91)
    assert e.value.message == f"{halls.path}: hall 'lobby': horizon pitch -91 is out of range (-90 to 90)"
    with pytest.raises(ExhibitionError) as e:
        model.set_initial_view(halls, "nowhere", yaw=0, pitch=0)
    assert e.value.message == f"{halls.path}: no hall 'nowhere'"


def test_renaming_a_hall_keeps_its_links(halls):
    model.add_hotspot(halls, "lobby", yaw=30, pitch=0, to="east")
    model.update_hall(halls, "east", new_slug="east-wing", title_en="East wing")
    ex = model.load_exhibition(halls)
    assert ex.hall("lobby").hotspots[0].target_hall == "east-wing"
    assert ex.hall("east-wing").title_en == "East wing"


def test_tours_and_the_start_hall(halls):
    tour = model.add_tour(halls, slug="main", title_zh="主线", stops=["east", "lobby"], default=True)
    assert [s.hall for s in tour.stops] == ["east", "lobby"]
    ex = model.load_exhibition(halls)
    assert (ex.default_tour, ex.start_hall.slug) == ("main", "east")
    with pytest.raises(ExhibitionError) as e:
        model.add_tour(halls, slug="side", stops=["lobby", "west"])
    assert e.value.message == f"{halls.path}: tour 'side' stop 2: no hall 'west'"
    assert [t.slug for t in model.load_exhibition(halls).tours] == ["main"]
    model.remove_tour(halls, "main")
    assert model.load_exhibition(halls).default_tour is None


def test_floor_plan_pins(halls, pano_files):
    with pytest.raises(ExhibitionError) as e:
        model.pin_hall(halls, "lobby", x=0.5, y=0.5)
    assert e.value.user_text() == (f"{halls.path}: floor plan pin of hall 'lobby': the exhibition has no floor plan "
                                   "(set one first)")
    plan = MediaStore(halls).add_file(pano_files[2], kind="image", mime="image/jpeg")
    model.set_floor_plan(halls, plan)
    model.pin_hall(halls, "lobby", x=0.25, y=0.75)
    model.pin_hall(halls, "lobby", x=0.3, y=0.7)
    with pytest.raises(ExhibitionError) as e:
        model.pin_hall(halls, "east", x=1.5, y=0)
    assert e.value.message == f"{halls.path}: floor plan pin of hall 'east': x 1.5 is out of range (0 to 1)"
    assert model.load_exhibition(halls).floor_plan == model.FloorPlan(plan, (model.Pin("lobby", 0.3, 0.7),))
    model.set_floor_plan(halls, None)
    assert model.load_exhibition(halls).floor_plan is None
    assert halls.db.execute("SELECT count(*) FROM floor_plan_pins").fetchone()[0] == 0


def test_an_empty_project_has_an_empty_exhibition(project):
    ex = model.load_exhibition(project)
    assert ex == model.Exhibition()
    assert ex.start_hall is None


def test_moving_and_relabelling_hotspots(halls):
    link = model.add_hotspot(halls, "lobby", yaw=30, pitch=0, to="east")
    note = model.add_hotspot(halls, "east", yaw=0, pitch=0, note_zh="旧")
    moved = model.update_hotspot(halls, link.id, yaw=-200, pitch=12.5, arrive_yaw=90, label_en="East")
    assert (moved.yaw, moved.pitch, moved.arrive_yaw, moved.label_en, moved.target_hall) == (
        160.0, 12.5, 90.0, "East", "east")
    assert model.update_hotspot(halls, note.id, note_zh="", note_en="new").note_en == "new"
    with pytest.raises(ExhibitionError) as e:
        model.update_hotspot(halls, note.id, note_en="")
    assert e.value.message == f"{halls.path}: hotspot {note.id} in hall 'east': a note needs a text in Chinese or English"
    with pytest.raises(ExhibitionError) as e:
        model.update_hotspot(halls, note.id, arrive_yaw=3)
    assert e.value.message == (f"{halls.path}: hotspot {note.id} in hall 'east': an arrival view is only for "
                               "hotspots that open a hall")


def test_reordering_halls(halls, pano_files):
    model.add_hall(halls, slug="west", title_zh="西厅", panorama_sha=model.store_panorama(halls, pano_files[2]))
    assert [h.slug for h in model.reorder_halls(halls, ["west", "lobby", "east"])] == ["west", "lobby", "east"]
    assert model.load_exhibition(halls).start_hall.slug == "west"
    with pytest.raises(ExhibitionError) as e:
        model.reorder_halls(halls, ["west", "lobby"])
    assert e.value.message == f"{halls.path}: cannot reorder the halls: hall 'east' is missing from the order"
    with pytest.raises(ExhibitionError) as e:
        model.reorder_halls(halls, ["west", "lobby", "attic"])
    assert e.value.message == f"{halls.path}: cannot reorder the halls: no hall 'attic'"


# -- edits the studio's Halls pane makes ------------------------------------------
def test_a_hotspot_moves_and_is_retargeted_within_its_kind(halls, pano_files):
    add_object(halls, "1977.12", title_zh="铜鼎")
    add_object(halls, "1977.13", title_zh="铜爵")
    model.add_hall(halls, slug="west", title_zh="西厅", panorama_sha=model.store_panorama(halls, pano_files[2]))
    door = model.add_hotspot(halls, "lobby", yaw=10, pitch=0, to="east")
    pin = model.add_hotspot(halls, "lobby", yaw=20, pitch=0, object="1977.12")
    moved = model.move_hotspot(halls, door.id, yaw=190, pitch=-12.5)
    assert (moved.yaw, moved.pitch, moved.target_hall) == (-170.0, -12.5, "east")
    assert model.update_hotspot(halls, door.id, to="west", arrive_yaw=45).target_hall == "west"
    assert model.update_hotspot(halls, pin.id, object="1977.13").object_accession == "1977.13"
    before = snapshot(halls)
    for call, message in [
        (lambda: model.move_hotspot(halls, door.id, yaw=0, pitch=91), "pitch 91 is out of range (-90 to 90)"),
        (lambda: model.update_hotspot(halls, door.id, to="lobby"), "a hotspot cannot open the hall it is in"),
        (lambda: model.update_hotspot(halls, pin.id, to="east"), "only a hotspot that opens a hall has a hall"),
        (lambda: model.update_hotspot(halls, door.id, object="1977.12"), "only an object hotspot has an object"),
    ]:
        with pytest.raises(ExhibitionError) as e:
            call()
        assert message in e.value.message
    assert snapshot(halls) == before


def test_north_is_set_by_a_yaw(halls):
    assert model.set_north(halls, "east", 200).north_offset == -160.0
    with pytest.raises(ExhibitionError) as e:
        model.set_north(halls, "nowhere", 0)
    assert e.value.message == f"{halls.path}: no hall 'nowhere'"


def test_a_hall_is_added_from_a_photo_in_one_step(halls, pano_files, tmp_path):
    from .conftest import make_panorama

    photo = make_panorama(tmp_path / "East Hall.jpg", 200)
    added = model.add_hall_from_photo(halls, photo)
    assert (added.slug, added.title_zh, added.position) == ("east-hall", "East Hall", 2)
    again = model.add_hall_from_photo(halls, make_panorama(tmp_path / "east hall!.jpg", 210))
    assert again.slug == "east-hall-2"
    assert model.unique_hall_slug(halls, "展厅") == "hall"
    before = snapshot(halls)
    bad = tmp_path / "broken.jpg"
    bad.write_bytes(photo.read_bytes()[:2000])
    with pytest.raises(ExhibitionError) as e:
        model.add_hall_from_photo(halls, photo, slug="lobby")
    assert e.value.message == f"{halls.path}: hall 'lobby' already exists"
    from assets.errors import MediaError
    with pytest.raises(MediaError) as m:
        model.add_hall_from_photo(halls, bad)
    assert str(bad) in m.value.message
    assert snapshot(halls) == before


def test_a_slug_made_from_any_file_name_is_valid_and_free(halls):
    from hypothesis import given, settings
    from hypothesis import strategies as st

    @settings(max_examples=200, deadline=None)
    @given(st.text(max_size=90))
    def check(name):
        slug = model.unique_hall_slug(halls, name)
        assert model.SLUG.match(slug) and slug not in ("lobby", "east")

    check()
    assert model.unique_hall_slug(halls, "Lobby") == "lobby-2"
