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


def _centres(n: int) -> np.ndarray:
    """Pixel-centre coordinates across a face, −1 … 1 (float32)."""
    return (np.arange(n, dtype=np.float32) + np.float32(0.5)) * np.float32(2.0 / n) - np.float32(1.0)


# The caches hold the right half (u ≥ 0) of each 2-D angle map only: every map is even
# or odd in u, so the left half is the right one mirrored. For 4096-px faces that is
# 3 × 32 MB, computed once per face size (in a worker thread while the JPEG decodes).
@lru_cache(maxsize=2)
def _side_angles(n: int) -> tuple[np.ndarray, np.ndarray]:
    """Front-face yaw per column (n,) float64, and pitch for u ≥ 0 (n, n/2) float32,
    shared by the four side faces (pitch is even in u)."""
    c = _centres(n)
    half = c[n // 2:]
    yaw = np.arctan(c.astype(np.float64))
    pitch = np.arctan2(-c[:, None], np.sqrt(half * half + np.float32(1))[None, :])
    return yaw, pitch


@lru_cache(maxsize=2)
def _up_angles(n: int) -> tuple[np.ndarray, np.ndarray]:
    """Yaw (odd in u) and pitch (even in u) of the up face for u ≥ 0, (n, n/2) float32."""
    c = _centres(n)
    u, v = c[None, n // 2:], c[:, None]
    return np.arctan2(u, v), np.arctan2(np.float32(1.0), np.hypot(u, v))


def warm_up(n: int) -> None:
    """Compute the angle caches for faces of size ``n`` (call from a spare thread)."""
    _side_angles(n)
    _up_angles(n)


def face_maps(face: str, n: int, frame: SourceFrame, rows: tuple[int, int] | None = None,
              out: tuple[np.ndarray, np.ndarray] | None = None) -> tuple[np.ndarray, np.ndarray]:
    """``cv2.remap`` maps (x, y; float32) that sample rows ``rows`` (default: all) of face
    ``face`` of size ``n`` from the decoded photo. Points outside the photo map outside
    it (drawn black).

    :param out: two float32 buffers of at least (rows, n) to fill instead of allocating.
    """
    r0, r1 = rows or (0, n)
    h, half = r1 - r0, n // 2
    if out is None:
        out = (np.empty((h, n), np.float32), np.empty((h, n), np.float32))
    map_x, map_y = out[0][:h], out[1][:h]
    ax, bx, ay, by = _linear(frame)
    if face in _SIDE_INDEX:
        # x depends on the column only: clamp it in 1-D. Side faces stay within ±55° of
        # the horizon, so y needs no clamp. Fewer passes over 2·4·n² bytes.
        yaw1d, pitch = _side_angles(n)
        yaw1d = yaw1d + _SIDE_INDEX[face] * (np.pi / 2)
        yaw1d = (yaw1d + np.pi) % (2 * np.pi) - np.pi
        x1d = (yaw1d * ax + bx).astype(np.float32)
        _keep_inside(x1d, frame.decoded_width, frame.covers_width)
        map_x[:] = x1d
        rows_p = pitch[r0:r1]
        np.multiply(rows_p, ay, out=map_y[:, half:])
        np.multiply(rows_p[:, ::-1], ay, out=map_y[:, :half])
        map_y += by
        if not frame.covers_height:
            _keep_inside(map_y, frame.decoded_height, frame.covers_height)
        return map_x, map_y
    yaw, pitch = _up_angles(n)
    if face == "d":  # the up face mirrored top to bottom, pitch negated
        yaw, pitch, ay = yaw[::-1], pitch[::-1], -ay
    rows_y, rows_p = yaw[r0:r1], pitch[r0:r1]
    np.multiply(rows_y, ax, out=map_x[:, half:])
    np.multiply(rows_y[:, ::-1], -ax, out=map_x[:, :half])
    np.multiply(rows_p, ay, out=map_y[:, half:])
    np.multiply(rows_p[:, ::-1], ay, out=map_y[:, :half])
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
