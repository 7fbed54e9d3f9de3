"""Arranging a virtual hall by hand: pictures hang anywhere free on a wall (never off
it, over a neighbour or the door), plinths stand anywhere in the room that keeps the
way to every work open, and a new room re-hangs only what no longer fits. Each edit
is one undoable step."""

from __future__ import annotations

import pytest

from assets import history
from assets.project import Project
from scenes import virtual_halls as vh
from scenes.errors import ExhibitionError
from tests.scenes.vhall_sample import make_sample, opened_copy


@pytest.fixture(scope="module")
def sample_file(tmp_path_factory):
    """A hall of 8 paintings and 2 box models in a 12 × 8 m room."""
    return make_sample(tmp_path_factory.mktemp("vhall-edit"), 8, slug="gallery", width=12, depth=8)


@pytest.fixture
def sample(sample_file, tmp_path):
    with opened_copy(sample_file, tmp_path) as p:
        yield p


def pictures_on(hall, wall):
    return sorted((i for i in hall.items if i.wall == wall), key=lambda i: vh.along_wall(hall.width, hall.depth,
                                                                                        wall, i.x, i.z))


def assert_valid(hall):
    """No picture leaves its wall or overlaps a neighbour or the door; all at the centre line."""
    for wall in vh.WALLS:
        spans = [(vh.along_wall(hall.width, hall.depth, wall, i.x, i.z) - i.width / 2,
                  vh.along_wall(hall.width, hall.depth, wall, i.x, i.z) + i.width / 2) for i in pictures_on(hall, wall)]
        if wall == "south":
            spans = sorted(spans + [(hall.width / 2 - vh.DOOR_WIDTH / 2, hall.width / 2 + vh.DOOR_WIDTH / 2)])
        assert all(a >= vh.EDGE - 1e-9 and b <= vh.wall_length(hall.width, hall.depth, wall) - vh.EDGE + 1e-9
                   for a, b in spans if (a, b) != (hall.width / 2 - vh.DOOR_WIDTH / 2, hall.width / 2 + vh.DOOR_WIDTH / 2))
        assert all(spans[n][1] + vh.EDGE <= spans[n + 1][0] + 1e-9 for n in range(len(spans) - 1)), wall
    for i in hall.items:
        if i.kind == "picture":
            assert i.y == pytest.approx(vh.picture_centre_height(i.height, hall.height))


def test_a_picture_moves_to_another_wall_at_the_centre_line_and_undo_puts_it_back(sample):
    hall = vh.get_hall(sample, "gallery")
    item = pictures_on(hall, "north")[0]
    east = pictures_on(hall, "east")
    spot = vh.free_spot(vh.item_dicts(hall), next(d for d in vh.item_dicts(hall) if d["id"] == item.id), "east",
                        hall.depth / 2, hall.width, hall.depth)
    assert spot is not None
    moved = vh.place_picture(sample, item.id, wall="east", along=spot)
    assert (moved.wall, moved.yaw, moved.y) == ("east", -90.0, pytest.approx(vh.CENTRE_LINE))
    assert moved.x == pytest.approx(hall.width / 2 - moved.depth / 2 - 0.01)
    assert len(pictures_on(vh.get_hall(sample, "gallery"), "east")) == len(east) + 1
    assert_valid(vh.get_hall(sample, "gallery"))
    assert history.next_undo(sample).label == "move work"
    history.undo(sample)
    assert vh.get_hall(sample, "gallery") == hall


def test_a_picture_cannot_overlap_its_neighbour_the_door_or_leave_the_wall(sample):
    hall = vh.get_hall(sample, "gallery")
    first, second = pictures_on(hall, "north")[:2]
    along = vh.along_wall(hall.width, hall.depth, "north", second.x, second.z)
    with pytest.raises(ExhibitionError, match="overlap its neighbour or the door on the north wall"):
        vh.place_picture(sample, first.id, wall="north", along=along)
    with pytest.raises(ExhibitionError, match="overlap its neighbour or the door on the south wall"):
        vh.place_picture(sample, first.id, wall="south", along=hall.width / 2)
    with pytest.raises(ExhibitionError, match="past the corner"):
        vh.place_picture(sample, first.id, wall="north", along=0.0)
    assert vh.get_hall(sample, "gallery") == hall
    # The nearest free spot to a neighbour's centre is beside it, a hand's width away.
    d = vh.item_dicts(hall)
    spot = vh.free_spot(d, d[[i.id for i in hall.items].index(first.id)], "north", along, hall.width, hall.depth)
    assert abs(spot - along) == pytest.approx((first.width + second.width) / 2 + vh.EDGE)


def test_plinths_stay_inside_apart_and_off_the_walk_path(sample):
    hall = vh.get_hall(sample, "gallery")
    a, b = [i for i in hall.items if i.kind == "model"]
    moved = vh.place_model(sample, a.id, x=a.x - 1.0, z=a.z + 0.5)
    assert (moved.x, moved.z) == (pytest.approx(a.x - 1.0), pytest.approx(a.z + 0.5))
    assert history.next_undo(sample).label == "move work"
    with pytest.raises(ExhibitionError, match="outside the room"):
        vh.place_model(sample, a.id, x=hall.width / 2, z=0.0)
    with pytest.raises(ExhibitionError, match=f"touch the plinth of object {b.accession}"):
        vh.place_model(sample, a.id, x=b.x + 0.2, z=b.z)
    with pytest.raises(ExhibitionError, match="cannot be reached on foot from the door"):
        vh.place_model(sample, a.id, x=0.0, z=hall.depth / 2 - 1.0)  # in the doorway
    assert sum(x1 - x0 for x0, _, x1, _ in vh.walk_area(vh.get_hall(sample, "gallery"))) > 100


def test_a_smaller_room_rehangs_only_what_no_longer_fits_and_undo_restores_it(sample):
    hall = vh.get_hall(sample, "gallery")
    same, moved = vh.set_room(sample, "gallery", width=12, depth=8, height=4.0, wall_colour="#AABBCC",
                              floor="stone", light="cool")
    assert moved == [] and (same.height, same.wall_colour, same.floor, same.light) == (4.0, "#aabbcc", "stone", "cool")
    smaller, moved = vh.set_room(sample, "gallery", width=9, depth=7, height=4.0, wall_colour="#aabbcc",
                                 floor="stone", light="cool")
    assert moved and len(moved) < len(hall.items)
    assert len(smaller.items) == len(hall.items)
    assert_valid(smaller)
    for i in smaller.items:
        if i.accession not in moved and i.kind == "picture":  # kept its distance from the wall's middle
            old = next(o for o in hall.items if o.id == i.id)
            assert i.wall == old.wall
            assert vh.along_wall(9, 7, i.wall, i.x, i.z) - vh.wall_length(9, 7, i.wall) / 2 == pytest.approx(
                vh.along_wall(12, 8, old.wall, old.x, old.z) - vh.wall_length(12, 8, old.wall) / 2)
    assert history.next_undo(sample).label == "change room"
    history.undo(sample)
    history.undo(sample)
    assert vh.get_hall(sample, "gallery") == hall


def test_a_room_too_small_for_the_works_is_refused(sample):
    hall = vh.get_hall(sample, "gallery")
    with pytest.raises(ExhibitionError, match="the pictures need"):
        vh.set_room(sample, "gallery", width=4, depth=4, height=3, wall_colour="#ffffff", floor="wood", light="warm")
    with pytest.raises(ExhibitionError, match="wall colour 'red' is not a colour"):
        vh.set_room(sample, "gallery", width=12, depth=8, height=3, wall_colour="red", floor="wood", light="warm")
    assert vh.get_hall(sample, "gallery") == hall


def test_the_cli_hangs_places_and_changes_the_room(sample, capsys):
    from studio.cli import main

    hall = vh.get_hall(sample, "gallery")
    picture = pictures_on(hall, "north")[0]
    plinth = next(i for i in hall.items if i.kind == "model")
    sample.close()

    def run(*args):
        try:
            main([str(a) for a in args])
        except SystemExit as e:
            return e.code, *capsys.readouterr()

    assert run("vhall", "hang", sample.path, picture.id, "--wall", "west", "--along", 1.0)[:2] == (
        0, f"[{picture.id}] {picture.accession} now on the west wall at x -5.97, z 3.00\n")
    code, out, _ = run("vhall", "place", sample.path, plinth.id, "--x", -3, "--z", 0)
    assert code == 0 and out.endswith("now at x -3.00, z 0.00\n")
    code, out, err = run("vhall", "place", sample.path, plinth.id, "--x", 0, "--z", 3.5)
    assert code == 1 and out == "" and err.startswith("yunzhan: ") and err.count("\n") == 1
    code, out, _ = run("vhall", "room", sample.path, "gallery", "--width", 9, "--floor", "carpet")
    assert code == 0 and out.startswith("gallery: 9 × 8 × 3.6 m; ")
    with Project.open(sample.path) as p:
        after = vh.get_hall(p, "gallery")
        assert (after.width, after.floor) == (9, "carpet")
        assert_valid(after)


def test_the_export_reads_the_arranged_hall(sample, tmp_path):
    from scenes.export.virtual import hall_entry
    from scenes.virtual_hall_glb import hall_glb

    hall = vh.get_hall(sample, "gallery")
    picture = pictures_on(hall, "north")[0]
    vh.place_picture(sample, picture.id, wall="west", along=1.0)
    hall, _ = vh.set_room(sample, "gallery", width=10, depth=8, height=3.2, wall_colour="#ddeeff", floor="carpet",
                          light="neutral")
    entry = hall_entry(hall, "media/vhall-gallery.glb", {})
    work = next(w for w in entry["works"] if w["object"] == picture.accession)
    assert work["wall"] == "west" and work["yaw"] == 90.0 and work["position"][2] == pytest.approx(3.0)
    assert entry["room"]["width"] == 10 and entry["room"]["floor"] == "carpet"
    result = hall_glb(sample, hall, tmp_path / "hall.glb")
    assert result["room"] == {"errors": 0, "warnings": 0} and result["errors"] == 0
