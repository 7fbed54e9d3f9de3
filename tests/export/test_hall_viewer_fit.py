"""The first view of a hall fitted to its hotspots (scenes.export.viewer_data.start_view),
checked against an independent projection of each hotspot onto the screen."""

from __future__ import annotations

import math
from dataclasses import dataclass

from hypothesis import given, settings, strategies as st

from scenes.export.viewer_data import FIT_LIMIT, start_view


@dataclass(frozen=True)
class Spot:
    yaw: float
    pitch: float


@dataclass(frozen=True)
class Hall:
    hotspots: tuple


def direction(yaw: float, pitch: float) -> tuple[float, float, float]:
    y, p = math.radians(yaw), math.radians(pitch)
    return (math.cos(p) * math.sin(y), math.sin(p), math.cos(p) * math.cos(y))


def on_screen(view: dict, spot: Spot) -> tuple[float, float] | None:
    """Where ``spot`` lands on a flat (rectilinear) view, in tangent units from the
    centre; None when it is behind the camera."""
    f = direction(view["yaw"], view["pitch"])
    right = (math.cos(math.radians(view["yaw"])), 0.0, -math.sin(math.radians(view["yaw"])))
    up = (f[1] * right[2] - f[2] * right[1], f[2] * right[0] - f[0] * right[2], f[0] * right[1] - f[1] * right[0])
    d = direction(spot.yaw, spot.pitch)
    z = sum(a * b for a, b in zip(d, f))
    if z <= 0:
        return None
    return sum(a * b for a, b in zip(d, right)) / z, sum(a * b for a, b in zip(d, up)) / z


def inside(view: dict, spot: Spot) -> bool:
    at = on_screen(view, spot)
    if at is None:
        return False
    x, y = at
    return abs(x) <= view["tanX"] + 1e-3 and abs(y) <= view["tanY"] + 1e-3


def test_a_hall_without_hotspots_keeps_its_stored_view():
    assert start_view(Hall(())) is None


def test_a_cluster_across_the_seam_is_faced():
    view = start_view(Hall((Spot(170, -5), Spot(-165, 10), Spot(150, -15))))
    assert view["fits"] and abs(abs(view["yaw"]) - 172.5) < 0.01
    assert all(inside(view, s) for s in (Spot(170, -5), Spot(-165, 10), Spot(150, -15)))


def test_hotspots_all_round_the_room_keep_the_most_that_fit():
    spots = tuple(Spot(yaw, 0) for yaw in (-90, 0, 10, 20, 90, 180))
    view = start_view(Hall(spots))
    assert view["fits"] is False
    assert [s.yaw for s in spots if inside(view, s)] == [0, 10, 20]  # the longest run of neighbours


spot = st.builds(Spot, st.floats(-180, 180, allow_nan=False), st.floats(-90, 90, allow_nan=False))


@settings(deadline=None)  # 2 shared cores: timing is no property here
@given(st.floats(-180, 180), st.lists(st.tuples(st.floats(0, 40), st.floats(-20, 20)), min_size=1, max_size=12))
def test_a_cluster_within_forty_degrees_fits_and_shows_every_hotspot(centre, offsets):
    spots = tuple(Spot((centre + dy + 180) % 360 - 180, dp) for dy, dp in offsets)
    view = start_view(Hall(spots))
    assert view["fits"] is True
    assert all(inside(view, s) for s in spots)
    assert max(view["tanX"], view["tanY"]) <= FIT_LIMIT


@settings(deadline=None)
@given(st.lists(spot, min_size=1, max_size=10))
def test_any_hotspots_give_a_sound_view(spots):
    view = start_view(Hall(tuple(spots)))
    assert -180 <= view["yaw"] <= 180 and -90 <= view["pitch"] <= 90
    assert all(math.isfinite(view[k]) and view[k] >= 0 for k in ("tanX", "tanY"))
    if view["fits"]:
        assert all(inside(view, s) for s in spots)
    else:
        assert any(inside(view, s) for s in spots)
