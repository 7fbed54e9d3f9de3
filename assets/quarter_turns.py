"""The photo's four quarter turns as the four channels of one image.

Turning the view 90° to the right moves an equirectangular photo a quarter of its
width to the left. So the four side faces of the cube are one lookup map read from
four copies of the photo, each a quarter turn further round; and a quadrant of the up
or down face, read a quarter turn further, is the next quadrant turned by 90°. Packed
as the four channels of one image, the copies are sampled by a single 4-channel
``cv2.remap``, which OpenCV vectorises across channels: on this project's test
machine about 2.5 ns a sample, against 6 for the 1-channel remaps of the same samples.

A packing holds one :class:`Region` of the photo: a quarter turn of columns (plus
the lookup's margin) from ``left``, the rows a face can reach from ``top``; channel
k starts k quarter turns to the right of ``left``, wrapping round the photo's seam.
It needs a single-channel plane (a JPEG's Y, Cb or Cr) that covers the full turn and
whose width divides by four, so that a quarter turn is a whole number of pixels.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import cv2
import numpy as np

from assets.cube_geometry import SourceFrame, photo_point

SIDE_FACES = ("f", "r", "b", "l")  # the channels of a side strip, in order
_EDGE_PITCH = math.pi / 2 - math.atan(math.sqrt(2))  # 35.26°: a polar face's corners
# Where each channel's quadrant goes in the face (rows, columns of its n/2 blocks)
# and how it turns: channel 0 is the quadrant that quadrant_maps samples.
_QUADRANTS = {
    "u": ((0, 1, None), (0, 0, cv2.ROTATE_90_COUNTERCLOCKWISE), (1, 0, cv2.ROTATE_180),
          (1, 1, cv2.ROTATE_90_CLOCKWISE)),
    "d": ((1, 1, None), (1, 0, cv2.ROTATE_90_CLOCKWISE), (0, 0, cv2.ROTATE_180),
          (0, 1, cv2.ROTATE_90_COUNTERCLOCKWISE)),
}


@dataclass(frozen=True)
class Region:
    """Photo pixels from (``left``, ``top``): ``width`` columns (of each channel) by
    ``height`` rows."""
    left: int
    top: int
    width: int
    height: int

    @property
    def origin(self) -> tuple[int, int]:
        return self.left, self.top


def applies(frame: SourceFrame) -> bool:
    """Whether a (single-channel) plane of this photo can be packed: it covers the full
    turn, and its width divides by four."""
    return frame.covers_width and frame.decoded_width % 4 == 0


def side_region(frame: SourceFrame) -> Region:
    """What the side faces read through the front face's maps: yaw and pitch within ±45°."""
    q = math.pi / 4
    return _region(frame, (-q, q), (-q, q))


def polar_region(frame: SourceFrame, face: str) -> Region:
    """What :func:`~assets.cube_geometry.quadrant_maps` of face ``u`` or ``d`` reads:
    yaw 90° to 180°, pitch beyond ±35.26°."""
    pitches = (_EDGE_PITCH, math.pi / 2) if face == "u" else (-math.pi / 2, -_EDGE_PITCH)
    return _region(frame, (math.pi / 2, math.pi), pitches)


def _region(frame: SourceFrame, yaws: tuple[float, float], pitches: tuple[float, float]) -> Region:
    # Bilinear sampling at x reads columns ⌊x⌋ and ⌊x⌋ + 1; one more pixel each way
    # covers float rounding. Rows are kept within the photo (its edge is the real
    # edge: replicated for a full sphere, black beyond a partial one); a region the
    # photo does not reach at all is its nearest row, which the maps miss.
    (x0, y0), (x1, y1) = (photo_point(frame, yaw, pitch) for yaw, pitch in zip(yaws, pitches))
    left, right = math.floor(x0) - 1, math.floor(x1) + 3
    top = max(0, math.floor(min(y0, y1)) - 1)
    bottom = min(frame.decoded_height, math.floor(max(y0, y1)) + 3)
    if bottom <= top:
        top = min(top, frame.decoded_height - 1)
        bottom = top + 1
    return Region(left, top, right - left, bottom - top)


def empty(region: Region) -> np.ndarray:
    """A buffer for one plane's packing of ``region``: height × width × 4 channels."""
    return np.empty((region.height, region.width, 4), np.uint8)


def pack_rows(plane: np.ndarray, region: Region, packed: np.ndarray, rows: tuple[int, int]) -> None:
    """Fill rows ``rows`` (counted from the region's top) of ``packed``."""
    a, b = rows
    width = plane.shape[1]
    source = plane[region.top + a:region.top + b]
    starts = [(region.left + k * width // 4) % width for k in range(4)]
    # cut the columns where a channel wraps round the seam: between cuts, every
    # channel reads one run of the photo's columns
    cuts = sorted({0, region.width, *(width - s for s in starts if 0 < width - s < region.width)})
    for c0, c1 in zip(cuts, cuts[1:]):
        runs = [source[:, (s + c0) % width:(s + c0) % width + c1 - c0] for s in starts]
        cv2.merge(runs, dst=packed[a:b, c0:c1])


def place_quadrant_rows(face: str, channels, rows: tuple[int, int], out: np.ndarray) -> None:
    """Write rows ``rows`` (a, b) of the four quadrants sampled from a packing (its four
    channels, right side up, (b − a) × n/2 each) into their places in the face ``out``
    (n × n): turned, quadrant rows become columns, or rows counted from the end."""
    h = out.shape[0] // 2
    a, b = rows
    for channel, (row, col, turn) in zip(channels, _QUADRANTS[face]):
        quadrant = out[row * h:(row + 1) * h, col * h:(col + 1) * h]
        if turn is None:
            quadrant[a:b] = channel
        else:
            place = {cv2.ROTATE_90_COUNTERCLOCKWISE: quadrant[:, a:b], cv2.ROTATE_180: quadrant[h - b:h - a],
                     cv2.ROTATE_90_CLOCKWISE: quadrant[:, h - b:h - a]}[turn]
            cv2.rotate(channel, turn, dst=place)
