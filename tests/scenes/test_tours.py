"""Tours and their stops on a real project file: order, titles, each stop's hall,
view and object, the default tour."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assets import history
from assets.catalog import Catalog
from scenes import model
from scenes.errors import ExhibitionError

from .conftest import add_object, snapshot


@pytest.fixture
def toured(halls, pano_files):
    """Halls lobby, east and west; tour 'main' lobby → east → west → lobby (default)
    and tour 'side' with no stops."""
    model.add_hall(halls, slug="west", title_zh="西厅", panorama_sha=model.store_panorama(halls, pano_files[2]))
    model.add_tour(halls, slug="main", title_zh="主线", stops=["lobby", "east", "west", "lobby"], default=True)
    model.add_tour(halls, slug="side", title_en="Side")
    return halls


def halls_of(project, tour="main"):
    return [s.hall for s in model.get_tour(project, tour).stops]


def test_tours_are_listed_in_order_and_renamed(toured):
    assert [(t.slug, t.title_zh, t.title_en) for t in model.list_tours(toured)] == [
        ("main", "主线", ""), ("side", "", "Side")]
    renamed = model.update_tour(toured, "side", title_zh="支线", title_en="Side walk", new_slug="side-walk")
    assert (renamed.slug, renamed.title_zh, renamed.title_en) == ("side-walk", "支线", "Side walk")
    assert model.reorder_tours(toured, ["side-walk", "main"])[0].slug == "side-walk"
    assert [t.slug for t in model.load_exhibition(toured).tours] == ["side-walk", "main"]
    assert model.load_exhibition(toured).default_tour == "main"  # renaming and moving keep the default

    before = snapshot(toured)
    with pytest.raises(ExhibitionError) as e:
        model.update_tour(toured, "main", new_slug="side-walk")
    assert e.value.user_text() == f"{toured.path}: tour 'side-walk' already exists (choose another slug)"
    with pytest.raises(ExhibitionError) as e:
        model.reorder_tours(toured, ["main"])
    assert e.value.message == f"{toured.path}: cannot reorder the tours: tour 'side-walk' is missing from the order"
    with pytest.raises(ExhibitionError) as e:
        model.update_tour(toured, "nope", title_zh="x")
    assert e.value.message == f"{toured.path}: no tour 'nope'"
    assert snapshot(toured) == before


def test_a_new_tour_gets_a_free_slug(toured):
    assert model.free_tour_slug(toured) == "tour"
    model.add_tour(toured, slug="tour")
    model.add_tour(toured, slug="tour-2")
    assert model.free_tour_slug(toured) == "tour-3"
    assert model.free_tour_slug(toured, "main") == "main-2"


def test_stops_are_added_moved_and_removed(toured):
    assert halls_of(toured) == ["lobby", "east", "west", "lobby"]
    assert [s.hall for s in model.add_stop(toured, "main", "west", index=1).stops] == [
        "lobby", "west", "east", "west", "lobby"]
    assert [s.hall for s in model.move_stop(toured, "main", 0, 3).stops] == ["west", "east", "west", "lobby", "lobby"]
    assert [s.hall for s in model.remove_stop(toured, "main", 2).stops] == ["west", "east", "lobby", "lobby"]
    assert [s.hall for s in model.add_stop(toured, "side", "east").stops] == ["east"]
    # positions stay 0..n-1, so a reopened project reads the same order
    rows = toured.db.execute("SELECT s.position FROM tour_stops s JOIN tours t ON t.id = s.tour_id "
                             "WHERE t.slug = 'main' ORDER BY s.position").fetchall()
    assert [r[0] for r in rows] == [0, 1, 2, 3]

    before = snapshot(toured)
    for call, message in [
        (lambda: model.remove_stop(toured, "main", 4), "tour 'main' has no stop 5 (it has 4 stops)"),
        (lambda: model.move_stop(toured, "main", 0, 9), "tour 'main' has no stop 10"),
        (lambda: model.add_stop(toured, "main", "lobby", index=7), "tour 'main' has 4 stops; cannot add one at 8"),
        (lambda: model.add_stop(toured, "main", "north"), "tour 'main' stop 5: no hall 'north'"),
        (lambda: model.reorder_stops(toured, "main", [0, 1, 1, 2]),
         "cannot reorder the stops of tour 'main': the order [0, 1, 1, 2] does not name each of its 4 stops once"),
    ]:
        with pytest.raises(ExhibitionError) as e:
            call()
        assert e.value.message == f"{toured.path}: {message}"
    assert snapshot(toured) == before


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(order=st.permutations(range(4)))
def test_any_new_order_of_the_stops_is_stored(toured, order):
    start = halls_of(toured)
    model.reorder_stops(toured, "main", order)
    assert halls_of(toured) == [start[n] for n in order]


def test_a_stop_has_a_view_and_an_object(toured):
    vase = add_object(toured, "1977.12", title_zh="瓶")
    model.set_stop_view(toured, "main", 1, model.View(370, -10, 60))
    model.set_stop_object(toured, "main", 1, "1977.12")
    stop = model.get_tour(toured, "main").stops[1]
    assert stop == model.TourStop("east", None, model.View(10.0, -10.0, 60.0), "1977.12")
    assert model.load_exhibition(toured).object_ids == (vase,)  # exported with the exhibition
    model.move_stop(toured, "main", 1, 0)  # the view and object travel with their stop
    assert model.get_tour(toured, "main").stops[0] == stop

    assert model.set_stop_hall(toured, "main", 0, "east").stops[0].view == stop.view  # same hall: kept
    moved = model.set_stop_hall(toured, "main", 0, "west").stops[0]
    assert (moved.hall, moved.view, moved.object_accession) == ("west", None, "1977.12")  # another hall's view: gone
    model.set_stop_view(toured, "main", 0, model.View(5, 5, 90))
    assert model.set_stop_view(toured, "main", 0, None).stops[0].view is None

    before = snapshot(toured)
    with pytest.raises(ExhibitionError) as e:
        model.set_stop_view(toured, "main", 0, model.View(0, 95, 90))
    assert e.value.message == f"{toured.path}: tour 'main' stop 1: pitch 95 is out of range (-90 to 90)"
    with pytest.raises(ExhibitionError) as e:
        model.set_stop_object(toured, "main", 0, "NO.1")
    assert e.value.user_text() == (f"{toured.path}: tour 'main' stop 1: no catalog object 'NO.1' "
                                   "(see 'yunzhan search PROJECT' for the objects and their accession numbers)")
    assert snapshot(toured) == before

    Catalog(toured).delete(vase)  # the stop stays, without its object
    assert model.get_tour(toured, "main").stops[0].object_accession is None
    assert model.set_stop_object(toured, "main", 0, None).stops[0].object_accession is None


def test_the_default_tour_and_removing_a_hall(toured):
    model.set_default_tour(toured, "side")
    assert model.load_exhibition(toured).default_tour == "side"
    model.set_default_tour(toured, None)
    assert model.load_exhibition(toured).default_tour is None
    model.set_stop_view(toured, "main", 3, model.View(90, 0, 90))
    model.remove_hall(toured, "east")
    stops = model.get_tour(toured, "main").stops
    assert [s.hall for s in stops] == ["lobby", "west", "lobby"] and stops[2].view == model.View(90, 0, 90)


def test_tours_with_views_and_objects_survive_reopening(toured):
    from assets.project import Project

    add_object(toured, "A-1")
    model.add_tour(toured, slug="walk", stops=[
        model.TourStop("east", view=model.View(-30, 5, 75), object_accession="A-1"), "lobby"])
    path = toured.path
    toured.close()
    with Project.open(path) as again:
        walk = model.get_tour(again, "walk")
    assert walk.stops == (model.TourStop("east", None, model.View(-30, 5, 75), "A-1"), model.TourStop("lobby"))


def test_each_tour_edit_is_one_undoable_step(toured):
    add_object(toured, "A-1")
    start = snapshot(toured)
    edits = [
        ("rename tour", lambda: model.update_tour(toured, "main", title_en="Main")),
        ("reorder tours", lambda: model.reorder_tours(toured, ["side", "main"])),
        ("add tour stop", lambda: model.add_stop(toured, "main", "east", index=0)),
        ("reorder tour stops", lambda: model.move_stop(toured, "main", 0, 4)),
        ("set tour stop hall", lambda: model.set_stop_hall(toured, "main", 1, "west")),
        ("set tour stop view", lambda: model.set_stop_view(toured, "main", 1, model.View(10, 5, 80))),
        ("set tour stop object", lambda: model.set_stop_object(toured, "main", 1, "A-1")),
        ("remove tour stop", lambda: model.remove_stop(toured, "main", 0)),
        ("set default tour", lambda: model.set_default_tour(toured, "side")),
    ]
    for label, edit in edits:
        edit()
        assert history.next_undo(toured).label == label
    end = snapshot(toured)
    for _ in edits:
        history.undo(toured)
    assert snapshot(toured) == start
    for _ in edits:
        history.redo(toured)
    assert snapshot(toured) == end
