"""A hall's panorama as the studio shows it: decoded small enough to turn quickly,
and a thumbnail for the hall list. Plain numpy (runs on a worker thread)."""

from __future__ import annotations

import cv2
import numpy as np

from assets.media_store import MediaStore
from assets.panorama import panorama_facts
from assets.project import Project
from studio.gui.halls.camera import Coverage

VIEW_WIDTH = 4096      # about 11 px per degree: finer than the screen at the zoom PSV allows
THUMB_SIZE = (160, 80)


def _decode(data: bytes, min_width: int) -> np.ndarray:
    import simplejpeg  # imported lazily: only needed when a hall is opened

    return simplejpeg.decode_jpeg(data, colorspace="rgb", min_width=min_width, strict=False)


def view_photo(project: Project, sha: str, *, width: int = VIEW_WIDTH) -> tuple[np.ndarray, Coverage]:
    """The stored panorama ``sha`` decoded at the smallest JPEG scale at least ``width``
    pixels wide (whole when smaller), and where it sits in the full sphere."""
    facts = panorama_facts(project, sha)
    photo = _decode(MediaStore(project).read(sha), min(width, facts.width))
    if photo.shape[1] > width * 1.5:  # a scale JPEG cannot reach: shrink the rest of the way
        photo = cv2.resize(photo, (width, round(width * photo.shape[0] / photo.shape[1])),
                           interpolation=cv2.INTER_AREA)
    return np.ascontiguousarray(photo), Coverage(
        photo.shape[1], photo.shape[0], facts.full_width, facts.full_height, facts.crop_left, facts.crop_top,
        facts.crop_width, facts.crop_height)


def thumbnail(project: Project, sha: str, size: tuple[int, int] = THUMB_SIZE) -> np.ndarray:
    """A small picture of the whole panorama (RGB, ``size`` = width, height)."""
    photo = _decode(MediaStore(project).read(sha), size[0])
    return np.ascontiguousarray(cv2.resize(photo, size, interpolation=cv2.INTER_AREA))
