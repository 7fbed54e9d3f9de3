"""The Halls pane's camera (no Qt): the exported viewer's perspective projection,
checked against its definition for any view and any point on screen."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from studio.gui.halls.camera import (MAX_VFOV, MIN_VFOV, Camera, Coverage, clamp_hfov, correction_matrix, direction,
                                     render, vfov_of, zoom_level)

views = st.builds(Camera, yaw=st.floats(-180, 180), pitch=st.floats(-89, 89), hfov=st.floats(20, 120),
                  width=st.integers(200, 2000), height=st.integers(150, 1200))
fractions = st.floats(0.0, 1.0)


@settings(max_examples=300, deadline=None)
@given(views, fractions, fractions)
def test_a_screen_point_and_its_direction_agree_both_ways(cam, fx, fy):
    x, y = fx * cam.width, fy * cam.height
    yaw, pitch = cam.unproject(x, y)
    px, py, front = cam.project(yaw, pitch)
    assert bool(front)
    assert (float(px), float(py)) == pytest.approx((x, y), abs=1e-6 * max(cam.width, cam.height))
    # the definition: the ray through the point makes the perspective angles with the view's axes
    right, up, forward = cam.basis()
    ray = direction(yaw, pitch)
    ndc_x, ndc_y = 2 * fx - 1, 1 - 2 * fy
    assert ray @ right / (ray @ forward) == pytest.approx(ndc_x * math.tan(math.radians(cam.hfov) / 2), abs=1e-9)
    assert ray @ up / (ray @ forward) == pytest.approx(ndc_y * math.tan(math.radians(cam.vfov) / 2), abs=1e-9)


@given(st.floats(1, 179), st.floats(0.3, 4))
def test_the_fov_stays_in_the_viewers_zoom_range(hfov, aspect):
    clamped = clamp_hfov(hfov, aspect)
    assert MIN_VFOV - 1e-9 <= vfov_of(clamped, aspect) <= MAX_VFOV + 1e-9
    assert 0 <= zoom_level(hfov, aspect) <= 100


def test_the_correction_turns_the_photo_as_the_viewer_does():
    # PSV's sphereCorrection, as test_halls.py's browser test checks against the real
    # viewer (it fails with either sign flipped): a positive tilt lowers the photo's
    # front, a positive roll lowers its right side
    tilt = correction_matrix(tilt=10)
    assert np.degrees(np.arcsin((tilt @ direction(0, 0))[1])) == pytest.approx(-10)
    roll = correction_matrix(roll=10)
    assert np.degrees(np.arcsin((roll @ direction(90, 0))[1])) == pytest.approx(-10)
    assert np.allclose(correction_matrix(3, -4) @ correction_matrix(3, -4).T, np.eye(3))


def test_the_view_samples_the_photo_where_it_looks():
    h, w = 512, 1024
    rows, cols = np.mgrid[0:h, 0:w]
    photo = np.stack([(cols + 0.5) / w * 360 - 180, 90 - (rows + 0.5) / h * 180, np.zeros((h, w))],
                     axis=-1).astype(np.float32)
    cam = Camera(30, 10, 90, 320, 200)
    picture = render(cam, photo, Coverage(w, h, w, h))
    for x, y in [(160, 100), (10, 10), (300, 190), (200, 40)]:
        yaw, pitch = cam.unproject(x + 0.5, y + 0.5)
        assert picture[y, x, 0] == pytest.approx(float(yaw), abs=0.2)
        assert picture[y, x, 1] == pytest.approx(float(pitch), abs=0.2)
