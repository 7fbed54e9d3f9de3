"""Virtual halls: pictures hung at true size on a 145 cm centre line, evenly spaced,
3D works on plinths, every work reachable; the layout undoable; one valid GLB."""

from __future__ import annotations

import math

import pytest

from assets import history
from scenes import virtual_halls as vh
from scenes.errors import ExhibitionError
from tests.scenes.vhall_sample import make_sample, opened_copy


@pytest.fixture(scope="module")
def sample_file(tmp_path_factory):
    """A project with 18 paintings and 2 box models (20 works)."""
    return make_sample(tmp_path_factory.mktemp("vhall"), 18)


@pytest.fixture
def sample(sample_file, tmp_path):
    with opened_copy(sample_file, tmp_path) as p:
        yield p


def test_dimensions_are_read_height_first():
    assert vh.parse_dimensions("support: 1003 x 1257 mm") == pytest.approx((1.003, 1.257))
    assert vh.parse_dimensions("76.2 × 63.5 cm") == pytest.approx((0.762, 0.635))
    assert vh.parse_dimensions("30 x 20 厘米") == pytest.approx((0.3, 0.2))
    assert vh.parse_dimensions("unknown") is None


def test_pictures_hang_at_true_size_on_the_centre_line_evenly(sample):
    hall = vh.generate_hall(sample, slug="gallery", title_zh="画廊", width=14, depth=9)
    pictures = [i for i in hall.items if i.kind == "picture"]
    models = [i for i in hall.items if i.kind == "model"]
    assert len(pictures) == 18 and len(models) == 2
    assert [i.accession for i in pictures] == [f"P.{k}" for k in range(1, 19)]  # catalog order
    for item in pictures:
        k = int(item.accession[2:])
        assert item.width == pytest.approx((40 + (k * 17) % 80) / 100)   # true size from "H × W cm"
        assert item.height == pytest.approx((30 + (k * 13) % 70) / 100)
        assert item.y == pytest.approx(vh.CENTRE_LINE)
    # Even spacing on each wall: equal gaps between neighbours and at both ends.
    by_wall: dict[str, list] = {}
    for item in pictures:
        by_wall.setdefault(item.wall, []).append(item)
    north = sorted(by_wall["north"], key=lambda i: i.x)
    edges = [-hall.width / 2 + vh.CORNER] + [e for i in north for e in (i.x - i.width / 2, i.x + i.width / 2)] \
        + [hall.width / 2 - vh.CORNER]
    gaps = [edges[n + 1] - edges[n] for n in range(0, len(edges), 2)]
    assert max(gaps) - min(gaps) < 1e-9 and min(gaps) >= vh.MIN_GAP
    assert set(by_wall) == {"north", "east", "south", "west"}
    # The door (middle of the south wall) stays clear.
    assert all(abs(i.x) > vh.DOOR_WIDTH / 2 + i.width / 2 for i in by_wall["south"])
    # 3D works stand on plinths, tops near eye level.
    for m in models:
        assert m.plinth > 0 and m.plinth + m.height == pytest.approx(vh.EYE_LEVEL - 0.35, abs=0.31)
    assert history.next_undo(sample).label == "generate virtual hall"


def test_too_small_a_room_is_refused_and_nothing_stored(sample):
    with pytest.raises(ExhibitionError) as e:
        vh.generate_hall(sample, slug="closet", width=5, depth=4, height=3)
    assert str(e.value).startswith(f"{sample.path}: virtual hall 'closet': the pictures need ")
    assert "the room has" in str(e.value) and e.value.hint == "make the room larger or hang fewer works"
    assert vh.list_halls(sample) == []
    with pytest.raises(ExhibitionError, match="room height 50 m is out of range"):
        vh.generate_hall(sample, slug="x", height=50)
    with pytest.raises(ExhibitionError, match="unknown floor 'lava'"):
        vh.generate_hall(sample, slug="x", floor="lava")


def test_every_work_is_reachable_and_a_blocking_move_is_refused(sample):
    hall = vh.generate_hall(sample, slug="gallery", width=14, depth=9)
    model = next(i for i in hall.items if i.kind == "model")
    # Shoving a plinth against the door would block the way in.
    with pytest.raises(ExhibitionError, match="cannot be reached on foot from the door|outside the room"):
        vh.move_item(sample, model.id, along=-model.x, across=hall.depth / 2 - 0.9 - model.z)


def test_moving_a_picture_along_its_wall_is_undoable(sample):
    hall = vh.generate_hall(sample, slug="gallery", width=14, depth=9)
    item = next(i for i in hall.items if i.wall == "north")
    moved = vh.move_item(sample, item.id, along=0.2)
    assert moved.x == pytest.approx(item.x + 0.2) and moved.z == item.z
    assert history.next_undo(sample).label == "move work"
    history.undo(sample)
    assert next(i for i in vh.get_hall(sample, "gallery").items if i.id == item.id).x == pytest.approx(item.x)
    with pytest.raises(ExhibitionError, match="past the corner"):
        vh.move_item(sample, item.id, along=-20)


def test_the_hall_is_one_valid_glb(sample, tmp_path):
    from assets.models import node_tools
    from scenes.virtual_hall_glb import hall_glb

    hall = vh.generate_hall(sample, slug="gallery", title_zh="画廊", width=14, depth=9)
    result = hall_glb(sample, hall, tmp_path / "hall.glb")
    assert result["room"] == {"errors": 0, "warnings": 0} and result["errors"] == 0
    report = node_tools.validate(tmp_path / "hall.glb")
    assert report["errors"] == 0 and "EXT_meshopt_compression" in report["extensions"]
    assert not (tmp_path / "hall.glb.part").exists()
