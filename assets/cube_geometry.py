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

Maps are built with as little work as the symmetry allows. The angles of a face's
top right quadrant are computed once per face size (:func:`warm_up`); every strip of
rows within one half of a face is then one multiply-add per map over a slice of those
tables, and a mirror copy for the left half. The four side faces share one pitch
table, and their longitude depends on the column only (offset by 90° per face). A
strip in the bottom half reads the top half's rows in mirror order, so its maps come
out upside down: :func:`strip_maps` says so, and the caller flips the sampled rows (a
cheap pass over bytes instead of one over floats). The down face is the up face
mirrored.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import lru_cache

import cv2
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


def _computed_once(fn):
    """Cache ``fn(n)`` for two sizes (a face and its chroma); a caller arriving while
    another thread computes waits for that result instead of computing it again."""
    lock = threading.Lock()
    cached = lru_cache(maxsize=2)(fn)

    def once(n: int):
        with lock:
            return cached(n)
    return once


def _table(n: int, fill) -> np.ndarray:
    """A table of the top right quadrant (n/2, n/2), float32, that ``fill(out)`` fills
    in place (no temporaries: on a fresh process every new megabyte costs page faults)."""
    table = np.empty((n // 2, n // 2), np.float32)
    fill(table)
    return table


# The tables hold the top right quadrant of a face (u > 0 > v), float32: for 4096-px
# faces 3 × 16 MB, computed in a worker thread while the JPEG decodes. The left half
# of a face mirrors the right: pitch is even in u, the up face's yaw odd.
@_computed_once
def _side_tables(n: int) -> tuple[np.ndarray, np.ndarray]:
    """The front face's yaw per column (n,) float64, and the pitch of the side faces'
    top right quadrant, all four alike."""
    u, v = _quadrant(n)

    def pitch(out):  # atan2(−v, √(u²+1)); the one-argument arctan is faster
        np.divide(-v, np.sqrt(u * u + np.float32(1)), out=out)
        np.arctan(out, out=out)
    return np.arctan(_centres(n).astype(np.float64)), _table(n, pitch)


@_computed_once
def _polar_tables(n: int) -> tuple[np.ndarray, np.ndarray]:
    """Yaw and pitch of the up face's top right quadrant."""
    u, v = _quadrant(n)

    def yaw(out):  # atan2(u, v) = π − atan(u/−v) for u > 0 > v
        np.divide(u, -v, out=out)
        np.subtract(np.float32(np.pi), np.arctan(out, out=out), out=out)

    def pitch(out):  # atan2(1, r) = π/2 − atan(r), r = √(u²+v²)
        np.add(u * u, v * v, out=out)
        np.sqrt(out, out=out)
        np.subtract(np.float32(np.pi / 2), np.arctan(out, out=out), out=out)
    return _table(n, yaw), _table(n, pitch)


def _quadrant(n: int) -> tuple[np.ndarray, np.ndarray]:
    """Face coordinates of the top-right quadrant: u (1, n/2) > 0 and v (n/2, 1) < 0."""
    c = _centres(n)
    h = n // 2
    return c[None, h:], c[:h, None]


def warm_up(*sizes: int) -> None:
    """Compute the angle tables for faces of these sizes (call from a spare thread):
    the side faces' first, as the tiler samples them first."""
    for table in (_side_tables, _polar_tables):
        for n in sizes:
            table(n)


def border_mode(frame: SourceFrame) -> int:
    """The ``cv2.remap`` border for maps of this photo: a full sphere clamps at its
    edges (replicate: the seam and the poles are not blended with black); a partial
    photo keeps its edge, and beyond it is drawn black (constant 0)."""
    if frame.covers_width and frame.covers_height:
        return cv2.BORDER_REPLICATE
    return cv2.BORDER_CONSTANT


def side_columns_x(face: str, n: int, frame: SourceFrame) -> np.ndarray:
    """Photo x (n,) float32 of each column of side face ``face``: on the four side
    faces x depends on the column only, so a row of it is the whole map_x."""
    ax, bx, _, _ = _linear(frame)
    yaw = _side_tables(n)[0] + _SIDE_INDEX[face] * (np.pi / 2)
    yaw = (yaw + np.pi) % (2 * np.pi) - np.pi
    x = (yaw * ax + bx).astype(np.float32)
    _keep_inside(x, frame, "x")
    return x


def strip_maps(face: str, n: int, frame: SourceFrame, rows: tuple[int, int],
               map_x: np.ndarray, map_y: np.ndarray, origin: tuple[int, int] = (0, 0)) -> bool:
    """Fill ``map_x`` and ``map_y`` (at least rows × n, float32) for face rows ``rows``,
    which lie within one half of the face. For a side face only ``map_y`` is filled
    (the same for all four; map_x is :func:`side_columns_x` on every row).

    Returns True when the maps are upside down: the remapped rows then run from the
    last to the first, and the caller flips them. Use with :func:`border_mode`.

    :param origin: the photo pixel (x, y) the maps count from, for sampling a region
        of the photo instead of all of it.
    """
    r0, r1 = rows
    h = n // 2
    if not (r1 <= h or r0 >= h):
        raise ValueError(f"rows {r0}…{r1} straddle the middle of a {n}-px face")
    flipped = r0 >= h
    table_rows = slice(n - r1, n - r0) if flipped else slice(r0, r1)
    ax, bx, ay, by = _linear(frame, origin)
    map_y = map_y[:r1 - r0]
    if face in _SIDE_INDEX:  # pitch is odd in v, even in u
        _affine(_side_tables(n)[1][table_rows], -ay if flipped else ay, by, map_y[:, h:])
        cv2.flip(map_y[:, h:], 1, dst=map_y[:, :h])
        _keep_inside(map_y, frame, "y", origin[1])
        return flipped
    # The up face's top half is the table; its bottom half mirrors it with yaw → π − yaw
    # (right of the centre column); pitch is even in v. The down face at (u, v) looks
    # where the up face looks at (u, −v), with pitch negated. Either way x − bx is odd
    # about the centre column (yaw is odd in u) and y even.
    map_x = map_x[:r1 - r0]
    mirrored = flipped if face == "u" else not flipped
    polar_yaw, polar_pitch = _polar_tables(n)
    _affine(polar_pitch[table_rows], ay if face == "u" else -ay, by, map_y[:, h:])
    if mirrored:
        _affine(polar_yaw[table_rows], -ax, ax * np.pi + bx, map_x[:, h:])
    else:
        _affine(polar_yaw[table_rows], ax, bx, map_x[:, h:])
    cv2.flip(map_y[:, h:], 1, dst=map_y[:, :h])
    cv2.flip(map_x[:, h:], 1, dst=map_x[:, :h])
    _affine(map_x[:, :h], -1.0, 2 * bx, map_x[:, :h])
    _keep_inside(map_x, frame, "x", origin[0])
    _keep_inside(map_y, frame, "y", origin[1])
    return flipped


def quadrant_maps(face: str, n: int, frame: SourceFrame, map_x: np.ndarray, map_y: np.ndarray,
                  origin: tuple[int, int] = (0, 0), rows: tuple[int, int] | None = None) -> bool:
    """Fill ``map_x`` and ``map_y`` (rows × n/2, float32) for rows ``rows`` (default:
    all n/2) of the quadrant of the up or down face whose yaw runs from 90° to 180°:
    the up face's top right quadrant, the down face's bottom right one. Turning the
    view by 90° turns a polar face by 90°, so the other three quadrants are this one
    sampled a quarter turn further (see :mod:`assets.quarter_turns`). Points are not
    kept inside the photo: use with a region of it that has room around them
    (``origin`` as for :func:`strip_maps`).

    Returns True (the down face) when the maps are upside down: their rows a … b then
    sample the quadrant's rows n/2 − b … n/2 − a, last to first.
    """
    a, b = rows or (0, n // 2)
    ax, bx, ay, by = _linear(frame, origin)
    polar_yaw, polar_pitch = _polar_tables(n)
    _affine(polar_yaw[a:b], ax, bx, map_x)
    _affine(polar_pitch[a:b], ay if face == "u" else -ay, by, map_y)
    return face == "d"


def face_maps(face: str, n: int, frame: SourceFrame, rows: tuple[int, int] | None = None,
              out: tuple[np.ndarray, np.ndarray] | None = None) -> tuple[np.ndarray, np.ndarray]:
    """``cv2.remap`` maps (x, y; float32) that sample rows ``rows`` (default: all) of face
    ``face`` of size ``n`` from the decoded photo, in order, with points of a full
    sphere clamped inside the photo. Points outside a partial photo map outside it
    (drawn black).

    :param out: two float32 buffers of at least (rows, n) to fill instead of allocating.
    """
    r0, r1 = rows or (0, n)
    if out is None:
        out = (np.empty((r1 - r0, n), np.float32), np.empty((r1 - r0, n), np.float32))
    map_x, map_y = out[0][:r1 - r0], out[1][:r1 - r0]
    for a, b in split_at_middle(r0, r1, n):
        x, y = map_x[a - r0:b - r0], map_y[a - r0:b - r0]
        if face in _SIDE_INDEX:
            x[:] = side_columns_x(face, n, frame)
        if strip_maps(face, n, frame, (a, b), x, y):
            x[:], y[:] = x[::-1].copy(), y[::-1].copy()
    if border_mode(frame) == cv2.BORDER_REPLICATE:  # what the replicated border does
        np.clip(map_x, 0, frame.decoded_width - 1, out=map_x)
        np.clip(map_y, 0, frame.decoded_height - 1, out=map_y)
    return map_x, map_y


def split_at_middle(r0: int, r1: int, n: int) -> list[tuple[int, int]]:
    """Rows r0 … r1 of an n-px face as runs that each lie within one half."""
    h = n // 2
    return [(a, b) for a, b in ((r0, min(r1, h)), (max(r0, h), r1)) if a < b]


def photo_point(frame: SourceFrame, yaw: float, pitch: float) -> tuple[float, float]:
    """Photo (x, y) in decoded pixels of the direction (yaw, pitch), in radians."""
    ax, bx, ay, by = _linear(frame)
    return float(ax * yaw + bx), float(ay * pitch + by)


def _affine(src: np.ndarray, scale, offset, dst: np.ndarray) -> None:
    """dst = scale · src + offset, in one pass."""
    cv2.addWeighted(src, float(scale), src, 0.0, float(offset), dst=dst)


def _linear(frame: SourceFrame,
            origin: tuple[int, int] = (0, 0)) -> tuple[np.float32, np.float32, np.float32, np.float32]:
    """(ax, bx, ay, by): photo x = ax·yaw + bx, photo y = ay·pitch + by (pixel centres at
    integers), counted from the photo pixel ``origin``."""
    sx = frame.decoded_width / frame.crop_width
    sy = frame.decoded_height / frame.crop_height
    # canvas x = (yaw / 2π + ½)·full_width; photo x = (canvas x − crop_left)·sx − ½
    ax = frame.full_width * sx / (2 * np.pi)
    bx = (frame.full_width / 2 - frame.crop_left) * sx - 0.5
    ay = -frame.full_height * sy / np.pi
    by = (frame.full_height / 2 - frame.crop_top) * sy - 0.5
    return np.float32(ax), np.float32(bx - origin[0]), np.float32(ay), np.float32(by - origin[1])


def _keep_inside(m: np.ndarray, frame: SourceFrame, axis: str, origin: int = 0) -> None:
    # A partial photo that still covers one axis (a full turn, or pole to pole) clamps
    # that axis ("x" or "y") here, since its border must stay black for the other one;
    # a full sphere leaves clamping to the replicated border.
    covers, size = ((frame.covers_width, frame.decoded_width) if axis == "x"
                    else (frame.covers_height, frame.decoded_height))
    if covers and border_mode(frame) != cv2.BORDER_REPLICATE:
        np.clip(m, -origin, size - 1 - origin, out=m)
