"""Cube faces of an equirectangular panorama: face orientation and pixel lookup maps.

Faces and their orientation follow Pannellum's multires format (and Hugin/nona's
cube faces), which Photo Sphere Viewer's CubemapTilesAdapter reads with
``flipTopBottom: true`` and Marzipano reads as is:

* ``f`` front (yaw 0), ``r`` right (yaw 90°), ``b`` back (yaw 180°), ``l`` left (yaw −90°):
  upright, as seen by a viewer turning on the spot;
* ``u`` up: as seen when tilting the head up from the front view (its bottom edge
  meets the front face's top edge);
* ``d`` down: as seen when tilting the head down from the front view (its top edge
  meets the front face's bottom edge).

Yaw grows to the right (clockwise seen from above), so the photo's centre column is
yaw 0 and its right edge yaw +180°. Pitch grows upwards; the top row is +90°.

Maps are built with as little trigonometry as the symmetry allows: the four side
faces share one pitch map and have longitudes that depend on the column only
(offset by 90° per face), and the down face's maps are the up face's mirrored.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

FACES = ("f", "r", "b", "l", "u", "d")
PSV_FACE_NAMES = {"f": "front", "r": "right", "b": "back", "l": "left", "u": "top", "d": "bottom"}
_SIDE_INDEX = {"f": 0, "r": 1, "b": 2, "l": 3}


def face_direction(face: str, u: np.ndarray, v: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The view direction (x right, y up, z front) through face coordinates ``u``
    (−1 left … 1 right) and ``v`` (−1 top … 1 bottom). The reference definition of
    the orientation; the fast maps below must agree with it."""
    one = np.ones_like(u)
    return {
        "f": (u, -v, one),
        "r": (one, -v, -u),
        "b": (-u, -v, -one),
        "l": (-one, -v, u),
        "u": (u, one, v),
        "d": (u, -one, -v),
    }[face]


def direction_angles(x, y, z) -> tuple[np.ndarray, np.ndarray]:
    """(yaw, pitch) in radians of direction vectors."""
    return np.arctan2(x, z), np.arctan2(y, np.hypot(x, z))


@dataclass(frozen=True)
class SourceFrame:
    """Where the decoded photo sits in the full equirectangular canvas, in canvas
    pixels, and how large it was decoded."""
    full_width: int
    full_height: int
    crop_left: int
    crop_top: int
    crop_width: int
    crop_height: int
    decoded_width: int
    decoded_height: int

    @property
    def covers_width(self) -> bool:
        return self.crop_width == self.full_width

    @property
    def covers_height(self) -> bool:
        return self.crop_height == self.full_height


def _half_centres(n: int) -> np.ndarray:
    """Pixel-centre coordinates of the positive half of a face, 0 … 1 (n/2 values)."""
    return ((np.arange(n // 2, dtype=np.float32) + np.float32(0.5)) * np.float32(2.0 / n))


def _mirror_quadrants(q: np.ndarray, signs: tuple[float, float, float, float], offsets=(0, 0, 0, 0)) -> np.ndarray:
    """An n×n array from its bottom-right quadrant ``q`` (u ≥ 0, v ≥ 0): each quadrant
    (top-left, top-right, bottom-left, bottom-right) is ``sign·q + offset`` mirrored into place."""
    h = q.shape[0]
    out = np.empty((2 * h, 2 * h), np.float32)
    for (rows, cols, flip_r, flip_c), sign, offset in zip(
            ((slice(0, h), slice(0, h), True, True), (slice(0, h), slice(h, None), True, False),
             (slice(h, None), slice(0, h), False, True), (slice(h, None), slice(h, None), False, False)),
            signs, offsets):
        view = q[::-1 if flip_r else 1, ::-1 if flip_c else 1]
        np.multiply(view, np.float32(sign), out=out[rows, cols])
        if offset:
            out[rows, cols] += np.float32(offset)
    return out


@lru_cache(maxsize=2)
def _side_angles(n: int) -> tuple[np.ndarray, np.ndarray]:
    """Front-face yaw per column (n,) and pitch per pixel (n, n), shared by all side faces.

    Pitch is computed on one quadrant only: it is even in u and odd in v."""
    c = _half_centres(n)
    yaw = np.arctan(np.concatenate([-c[::-1], c]).astype(np.float64))
    q = np.arctan2(c[:, None], np.sqrt(c * c + np.float32(1))[None, :])  # pitch of −v (below: negative)
    return yaw, _mirror_quadrants(q, (1, 1, -1, -1))


@lru_cache(maxsize=2)
def _up_angles(n: int) -> tuple[np.ndarray, np.ndarray]:
    """Yaw and pitch per pixel (n, n) of the up face, float32, from one quadrant:
    yaw(−u, v) = −yaw(u, v), yaw(u, −v) = π − yaw(u, v); pitch is even in both."""
    c = _half_centres(n)
    u, v = c[None, :], c[:, None]
    yaw_q = np.arctan2(u, v)  # bottom-right quadrant: u ≥ 0, v ≥ 0
    pitch_q = np.arctan2(np.float32(1.0), np.hypot(u, v))
    yaw = _mirror_quadrants(yaw_q, (1, -1, -1, 1), (-np.pi, np.pi, 0, 0))
    pitch = _mirror_quadrants(pitch_q, (1, 1, 1, 1))
    return yaw, pitch


def face_maps(face: str, n: int, frame: SourceFrame, out: tuple[np.ndarray, np.ndarray] | None = None,
              ) -> tuple[np.ndarray, np.ndarray]:
    """``cv2.remap`` maps (x, y; float32, n×n) that sample face ``face`` of size ``n``
    from the decoded photo. Points outside the photo map outside it (black).

    :param out: two float32 n×n buffers to fill (saves allocating 2·4·n² bytes per face).
    """
    map_x, map_y = out if out is not None else (np.empty((n, n), np.float32), np.empty((n, n), np.float32))
    ax, bx, ay, by = _linear(frame)
    if face in _SIDE_INDEX:
        yaw1d, pitch = _side_angles(n)
        yaw1d = yaw1d + _SIDE_INDEX[face] * (np.pi / 2)
        yaw1d = (yaw1d + np.pi) % (2 * np.pi) - np.pi
        map_x[:] = (yaw1d * ax).astype(np.float32)
        np.multiply(pitch, ay, out=map_y)
    else:
        yaw, pitch = _up_angles(n)
        if face == "d":  # mirror of the up face: rows reversed, pitch negated
            yaw, pitch, ay = yaw[::-1], pitch[::-1], -ay
        np.multiply(yaw, ax, out=map_x)
        np.multiply(pitch, ay, out=map_y)
    map_x += bx
    map_y += by
    _keep_inside(map_x, frame.decoded_width, frame.covers_width)
    _keep_inside(map_y, frame.decoded_height, frame.covers_height)
    return map_x, map_y


def _linear(frame: SourceFrame) -> tuple[np.float32, np.float32, np.float32, np.float32]:
    """(ax, bx, ay, by): photo x = ax·yaw + bx, photo y = ay·pitch + by (pixel centres at integers)."""
    sx = frame.decoded_width / frame.crop_width
    sy = frame.decoded_height / frame.crop_height
    # canvas x = (yaw / 2π + ½)·full_width; photo x = (canvas x − crop_left)·sx − ½
    ax = frame.full_width * sx / (2 * np.pi)
    bx = (frame.full_width / 2 - frame.crop_left) * sx - 0.5
    ay = -frame.full_height * sy / np.pi
    by = (frame.full_height / 2 - frame.crop_top) * sy - 0.5
    return np.float32(ax), np.float32(bx), np.float32(ay), np.float32(by)


def _keep_inside(m: np.ndarray, size: int, covers: bool) -> None:
    # A full turn has no edge: clamp the half pixel beyond the first and last
    # column so the seam is not blended with the black border. A partial photo
    # keeps its edge: points beyond it stay outside and are drawn black.
    if covers:
        np.clip(m, 0, size - 1, out=m)
