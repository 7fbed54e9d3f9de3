"""The studio's panorama camera: the projection the exported package's viewer uses.

What the curator sees must be what visitors see, so this mirrors Photo Sphere
Viewer 5 as ``scenes/web/src/viewer.js`` sets it up (no Qt here: plain numpy):

* a perspective (rectilinear, gnomonic) camera at the centre of the sphere,
  looking at (yaw, pitch) with the world's up, never rolled (three.js
  ``PerspectiveCamera.lookAt``); three.js's ``fov`` is the *vertical* field of view,
  the horizontal one follows from the aspect: ``hfov = 2 atan(tan(vfov / 2) · aspect)``;
* PSV zooms between a vertical fov of :data:`MAX_VFOV` (zoom level 0) and
  :data:`MIN_VFOV` (100); the hall's stored ``view_fov`` is *horizontal*, and the
  viewer turns it into a zoom level for the visitor's window (:func:`zoom_level`);
* yaw grows to the right (clockwise seen from above) from the photo's centre
  column, pitch upwards; hotspots (PSV markers) sit at their yaw/pitch in the
  world, and the hall's horizon correction (PSV ``sphereCorrection`` tilt and roll,
  a three.js Euler rotation in ``YXZ`` order of the panorama mesh) turns only the
  photo under them;
* screen positions are measured from the top-left corner, x right, y down, in
  the view's pixels (PSV's ``vector3ToViewerCoords``).

Angles in the public functions are degrees.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import cv2
import numpy as np

MIN_VFOV, MAX_VFOV = 30.0, 90.0  # PSV's defaults (minFov, maxFov): vertical degrees


def vfov_of(hfov: float, aspect: float) -> float:
    return math.degrees(2 * math.atan(math.tan(math.radians(hfov) / 2) / aspect))


def hfov_of(vfov: float, aspect: float) -> float:
    return math.degrees(2 * math.atan(math.tan(math.radians(vfov) / 2) * aspect))


def clamp_hfov(hfov: float, aspect: float) -> float:
    """``hfov`` limited to what PSV can show at ``aspect`` (its vertical fov range)."""
    hfov = min(179.0, max(1.0, hfov))  # a perspective camera sees less than half the sphere
    return hfov_of(min(MAX_VFOV, max(MIN_VFOV, vfov_of(hfov, aspect))), aspect)


def zoom_level(hfov: float, aspect: float) -> float:
    """PSV's zoom level (0..100) that shows ``hfov`` horizontally at ``aspect``."""
    vfov = vfov_of(clamp_hfov(hfov, aspect), aspect)
    return min(100.0, max(0.0, (MAX_VFOV - vfov) / (MAX_VFOV - MIN_VFOV) * 100))


def direction(yaw, pitch) -> np.ndarray:
    """Unit vectors (…, 3) toward (yaw, pitch) in degrees: x right, y up, z front (yaw 0)."""
    y, p = np.radians(yaw), np.radians(pitch)
    return np.stack([np.cos(p) * np.sin(y), np.sin(p), np.cos(p) * np.cos(y)], axis=-1)


def angles(vectors: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(yaw, pitch) in degrees of direction vectors (…, 3)."""
    x, y, z = vectors[..., 0], vectors[..., 1], vectors[..., 2]
    return np.degrees(np.arctan2(x, z)), np.degrees(np.arctan2(y, np.hypot(x, z)))


def correction_matrix(tilt: float = 0.0, roll: float = 0.0, pan: float = 0.0) -> np.ndarray:
    """The rotation PSV gives the panorama for ``sphereCorrection`` (degrees), in this
    module's axes: photo directions to world directions.

    three.js builds ``Ry(pan) Rx(tilt) Rz(roll)`` in its own axes, whose x points
    left (PSV puts yaw 90° at −x); mirroring x turns it into this module's axes."""
    t, r, p = (math.radians(a) for a in (tilt, roll, pan))
    rx = np.array([[1, 0, 0], [0, math.cos(t), -math.sin(t)], [0, math.sin(t), math.cos(t)]])
    ry = np.array([[math.cos(p), 0, math.sin(p)], [0, 1, 0], [-math.sin(p), 0, math.cos(p)]])
    rz = np.array([[math.cos(r), -math.sin(r), 0], [math.sin(r), math.cos(r), 0], [0, 0, 1]])
    mirror = np.diag([-1.0, 1.0, 1.0])
    return mirror @ ry @ rx @ rz @ mirror


@dataclass(frozen=True)
class Camera:
    """Where the view looks (``yaw``, ``pitch``), how wide (``hfov``, horizontal) and
    the view's size in pixels."""
    yaw: float
    pitch: float
    hfov: float
    width: int
    height: int

    @property
    def aspect(self) -> float:
        return self.width / self.height

    @property
    def vfov(self) -> float:
        return vfov_of(self.hfov, self.aspect)

    def basis(self) -> np.ndarray:
        """Rows: the camera's right, up and forward unit vectors in the world."""
        y, p = math.radians(self.yaw), math.radians(self.pitch)
        right = [math.cos(y), 0.0, -math.sin(y)]
        up = [-math.sin(p) * math.sin(y), math.cos(p), -math.sin(p) * math.cos(y)]
        forward = [math.cos(p) * math.sin(y), math.sin(p), math.cos(p) * math.cos(y)]
        return np.array([right, up, forward])

    def _half_tans(self) -> tuple[float, float]:
        return math.tan(math.radians(self.hfov) / 2), math.tan(math.radians(self.vfov) / 2)

    def project(self, yaw, pitch) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Screen (x, y) of directions (yaw, pitch), and whether each is in front of the camera."""
        cam = direction(yaw, pitch) @ self.basis().T
        tx, ty = self._half_tans()
        front = cam[..., 2] > 1e-9
        z = np.where(front, cam[..., 2], 1.0)
        x = (cam[..., 0] / (z * tx) + 1) / 2 * self.width
        y = (1 - cam[..., 1] / (z * ty)) / 2 * self.height
        return x, y, front

    def unproject(self, x, y) -> tuple[np.ndarray, np.ndarray]:
        """(yaw, pitch) seen at screen position (x, y)."""
        tx, ty = self._half_tans()
        nx = (np.asarray(x, float) / self.width * 2 - 1) * tx
        ny = (1 - np.asarray(y, float) / self.height * 2) * ty
        cam = np.stack([nx, ny, np.ones_like(nx)], axis=-1)
        return angles(cam @ self.basis())

    def turned(self, dx: float, dy: float) -> "Camera":
        """The camera after a drag of (dx, dy) pixels: the photo follows the pointer
        (as in PSV, a full width of drag turns by one horizontal fov)."""
        yaw = (self.yaw - dx / self.width * self.hfov + 180) % 360 - 180
        pitch = max(-90.0, min(90.0, self.pitch + dy / self.height * self.vfov))
        return Camera(yaw, pitch, self.hfov, self.width, self.height)


@dataclass(frozen=True)
class Coverage:
    """Where the decoded photo (``width``×``height`` pixels) sits in the full 360°×180°
    canvas (``full_width``×``full_height``): at (``left``, ``top``), covering
    ``crop_width``×``crop_height`` canvas pixels."""
    width: int
    height: int
    full_width: int
    full_height: int
    left: int = 0
    top: int = 0
    crop_width: int | None = None
    crop_height: int | None = None

    @property
    def is_full(self) -> bool:
        return (self.crop_width or self.full_width) == self.full_width and (
            self.crop_height or self.full_height) == self.full_height


def render(camera: Camera, photo: np.ndarray, coverage: Coverage, correction: np.ndarray | None = None,
           out: np.ndarray | None = None) -> np.ndarray:
    """The view of the equirectangular ``photo`` (H×W×C uint8) through ``camera``,
    a (height, width, C) array; outside a partial panorama is black."""
    tx, ty = camera._half_tans()
    xs = ((np.arange(camera.width, dtype=np.float32) + 0.5) / camera.width * 2 - 1) * np.float32(tx)
    ys = (1 - (np.arange(camera.height, dtype=np.float32) + 0.5) / camera.height * 2) * np.float32(ty)
    basis = camera.basis()
    if correction is not None:
        basis = basis @ correction  # world directions to the photo's: R^T v, row-wise
    basis = basis.astype(np.float32)
    # ray = x·right + y·up + forward, one (h, w) plane per axis
    vx = xs[None, :] * basis[0, 0] + (ys[:, None] * basis[1, 0] + basis[2, 0])
    vy = xs[None, :] * basis[0, 1] + (ys[:, None] * basis[1, 1] + basis[2, 1])
    vz = xs[None, :] * basis[0, 2] + (ys[:, None] * basis[1, 2] + basis[2, 2])
    lon = np.arctan2(vx, vz)
    lat = np.arctan2(vy, np.hypot(vx, vz))
    cw = coverage.crop_width or coverage.full_width
    ch = coverage.crop_height or coverage.full_height
    # canvas pixel (edge coordinates), then the decoded photo's pixel centres
    sx = np.float32(coverage.width / cw)
    sy = np.float32(coverage.height / ch)
    map_x = (lon * np.float32(coverage.full_width / (2 * math.pi)) + np.float32(coverage.full_width / 2
                                                                                - coverage.left)) * sx - 0.5
    map_y = (np.float32(coverage.full_height / 2 - coverage.top) - lat * np.float32(coverage.full_height / math.pi)) \
        * sy - 0.5
    border = cv2.BORDER_WRAP if coverage.is_full else cv2.BORDER_CONSTANT
    if coverage.is_full:
        np.clip(map_y, 0, coverage.height - 1, out=map_y)
    return cv2.remap(photo, map_x, map_y, cv2.INTER_LINEAR, dst=out, borderMode=border)
