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


# The caches hold one quadrant of each 2-D angle map: the top-right one (rows above
# the centre, u ≥ 0). Every map is even or odd in u, and the bottom rows follow from
# the top ones (see _fill_rows). For 4096-px faces that is 3 × 16 MB, computed once per
# face size, in a worker thread while the JPEG decodes.
@lru_cache(maxsize=2)
def _side_angles(n: int) -> tuple[np.ndarray, np.ndarray]:
    """Front-face yaw per column (n,) float64, and the pitch quadrant (n/2, n/2) float32
    shared by the four side faces (even in u, odd in v)."""
    c = _centres(n)
    h = n // 2
    yaw = np.arctan(c.astype(np.float64))
    pitch = np.arctan2(-c[:h, None], np.sqrt(c[h:] * c[h:] + np.float32(1))[None, :])
    return yaw, pitch


@lru_cache(maxsize=2)
def _up_angles(n: int) -> tuple[np.ndarray, np.ndarray]:
    """Yaw and pitch quadrants (n/2, n/2) float32 of the up face. Yaw is odd in u and
    yaw(u, −v) = π − yaw(u, v); pitch is even in u and v."""
    c = _centres(n)
    h = n // 2
    u, v = c[None, h:], c[:h, None]
    return np.arctan2(u, v), np.arctan2(np.float32(1.0), np.hypot(u, v))


def warm_up(n: int) -> None:
    """Compute the angle caches for faces of size ``n`` (call from a spare thread)."""
    _side_angles(n)
    _up_angles(n)


def _fill_rows(dst: np.ndarray, quadrant: np.ndarray, r0: int, r1: int, scale, *,
               top=(1.0, 0.0), bottom=(1.0, 0.0), left_sign: float = 1.0) -> None:
    """Write ``scale · angle`` for face rows r0…r1 into ``dst`` from a top-right quadrant.

    Row r < n/2 reads quadrant row r, row r ≥ n/2 the mirrored row n−1−r; each half
    maps the quadrant value q to ``sign·q + offset`` (``top`` and ``bottom``). The left
    half of a row is ``left_sign`` times the right half mirrored.
    """
    h = quadrant.shape[0]
    n = 2 * h
    segments = []
    if r0 < h:
        segments.append((r0, min(r1, h), quadrant[r0:min(r1, h)], top))
    if r1 > h:
        a = max(r0, h)
        segments.append((a, r1, quadrant[n - r1:n - a][::-1], bottom))
    for a, b, src, (sign, offset) in segments:
        right = dst[a - r0:b - r0, h:]
        np.multiply(src, np.float32(sign * scale), out=right)
        if offset:
            right += np.float32(offset * scale)
        np.multiply(right[:, ::-1], np.float32(left_sign), out=dst[a - r0:b - r0, :h])


def face_maps(face: str, n: int, frame: SourceFrame, rows: tuple[int, int] | None = None,
              out: tuple[np.ndarray, np.ndarray] | None = None) -> tuple[np.ndarray, np.ndarray]:
    """``cv2.remap`` maps (x, y; float32) that sample rows ``rows`` (default: all) of face
    ``face`` of size ``n`` from the decoded photo. Points outside the photo map outside
    it (drawn black).

    :param out: two float32 buffers of at least (rows, n) to fill instead of allocating.
    """
    r0, r1 = rows or (0, n)
    if out is None:
        out = (np.empty((r1 - r0, n), np.float32), np.empty((r1 - r0, n), np.float32))
    map_x, map_y = out[0][:r1 - r0], out[1][:r1 - r0]
    if face in _SIDE_INDEX:
        map_x[:] = side_columns_x(face, n, frame)
        side_rows_y(n, frame, (r0, r1), out=map_y)
        return map_x, map_y
    ax, bx, ay, by = _linear(frame)
    yaw, pitch = _up_angles(n)
    near, far = (1.0, 0.0), (-1.0, np.pi)  # yaw in the quadrant's half, yaw in the other half
    if face == "u":
        _fill_rows(map_x, yaw, r0, r1, ax, top=near, bottom=far, left_sign=-1.0)
        _fill_rows(map_y, pitch, r0, r1, ay)
    else:  # the up face mirrored top to bottom, pitch negated
        _fill_rows(map_x, yaw, r0, r1, ax, top=far, bottom=near, left_sign=-1.0)
        _fill_rows(map_y, pitch, r0, r1, -ay)
    map_x += bx
    map_y += by
    _keep_inside(map_x, frame.decoded_width, frame.covers_width)
    _keep_inside(map_y, frame.decoded_height, frame.covers_height)
    return map_x, map_y


def side_columns_x(face: str, n: int, frame: SourceFrame) -> np.ndarray:
    """Photo x (n,) float32 of each column of side face ``face``: on the four side
    faces x depends on the column only, so a row of it is the whole map_x."""
    ax, bx, _, _ = _linear(frame)
    yaw, _ = _side_angles(n)
    yaw = yaw + _SIDE_INDEX[face] * (np.pi / 2)
    yaw = (yaw + np.pi) % (2 * np.pi) - np.pi
    x = (yaw * ax + bx).astype(np.float32)
    _keep_inside(x, frame.decoded_width, frame.covers_width)
    return x


def side_rows_y(n: int, frame: SourceFrame, rows: tuple[int, int], out: np.ndarray) -> np.ndarray:
    """Photo y of face rows ``rows`` into ``out`` (rows, n) float32: the same for all
    four side faces. Side faces stay within ±55° of the horizon, so a full-height photo
    needs no clamp (and a partial one keeps its edge: beyond it is drawn black)."""
    _, _, ay, by = _linear(frame)
    r0, r1 = rows
    map_y = out[:r1 - r0]
    _fill_rows(map_y, _side_angles(n)[1], r0, r1, ay, bottom=(-1.0, 0.0))
    map_y += by
    return map_y


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
