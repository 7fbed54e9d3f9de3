"""A JPEG decoded for resampling: its Y, Cb and Cr planes, or else RGB.

A colour JPEG stores one Y (luma) plane and two colour planes, often at a quarter of
the size (4:2:0). Decoding straight to those planes skips the decoder's upsampling
and colour conversion; resampling them costs 1.5 samples a pixel instead of 3; and
the encoder of 4:2:0 tiles takes them back as they are. libjpeg-turbo's TurboJPEG
library does this (through PyTurboJPEG). Colour planes stored at a higher resolution
(4:4:4, as many stitchers write, 4:2:2, 4:4:0) are brought to 4:2:0 by averaging.
Where libturbojpeg is not installed, or for grey and 4:1:1 photos, the photo is
decoded to RGB with the libjpeg-turbo bundled in simplejpeg, and everything
downstream works the same on one 3-channel plane.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from functools import lru_cache

import cv2
import numpy as np
import simplejpeg

from assets.errors import MediaError


@dataclass(frozen=True)
class Plane:
    """One array of a decoded photo and its sampling step: 1 for Y or RGB, 2 for
    4:2:0 chroma (one sample per 2×2 pixels, centred between them, as JPEG sites it)."""
    pixels: np.ndarray
    step: int


# chroma subsampling → how many times to shrink the colour planes (across, down) for 4:2:0
_TO_420 = {"420": (1, 1), "444": (2, 2), "422": (1, 2), "440": (2, 1)}


@lru_cache(maxsize=1)
def _turbojpeg():
    """PyTurboJPEG's handle on the system libturbojpeg, or None when there is none."""
    try:
        from turbojpeg import TurboJPEG

        return TurboJPEG()
    except (ImportError, OSError, RuntimeError):
        return None


def planar_decoding_available() -> bool:
    return _turbojpeg() is not None


def decode_planes(jpeg: bytes, size: tuple[int, int] | None, label: str, *, planar: bool = True) -> list[Plane]:
    """The photo at the smallest DCT scale at least ``size`` (width, height; None: full
    size): its [Y, Cb, Cr] planes, chroma at 4:2:0, when ``planar`` decoding is
    available for it, else one RGB plane. ``label`` names the photo in errors."""
    header = _planar_header(jpeg, label, planar)
    if header is None:
        return [Plane(decode_rgb(jpeg, size, label), 1)]
    height, width, _, subsampling = header
    return _decode_yuv(_turbojpeg(), jpeg, width, height, subsampling, size, label)


def plane_layout(jpeg: bytes, size: tuple[int, int] | None, label: str, *,
                 planar: bool = True) -> list[tuple[int, int, int]] | None:
    """(step, width, height) of each plane :func:`decode_planes` will give this photo,
    read from its header; None when it decodes to one RGB plane (step 1)."""
    header = _planar_header(jpeg, label, planar)
    return None if header is None else _layout(header[1], header[0], _scale(header[1], header[0], size))


def _planar_header(jpeg: bytes, label: str, planar: bool) -> tuple[int, int, str, str] | None:
    """The photo's header (height, width, colour space, subsampling) when it decodes to
    planes here, else None."""
    if not planar or _turbojpeg() is None:
        return None
    header = _header(jpeg, label)
    return header if header[2] == "YCbCr" and header[3] in _TO_420 else None


def decode_rgb(jpeg: bytes, size: tuple[int, int] | None, label: str) -> np.ndarray:
    """The photo as RGB at the smallest DCT scale at least ``size`` (width, height;
    None: full size)."""
    width, height = size or (0, 0)
    try:
        return simplejpeg.decode_jpeg(jpeg, colorspace="RGB", min_width=width, min_height=height, strict=False)
    except ValueError as e:
        raise MediaError(f"{label}: stored photo no longer decodes ({e})") from None


def encode_planes(pieces: list[np.ndarray], quality: int) -> bytes:
    """A 4:2:0 JPEG from one RGB array or from [Y, Cb, Cr] planes (views are fine)."""
    if len(pieces) == 1:
        return simplejpeg.encode_jpeg(pieces[0], quality=quality, colorspace="RGB", colorsubsampling="420")
    return simplejpeg.encode_jpeg_yuv_planes(*pieces, quality=quality)


def _header(jpeg: bytes, label: str) -> tuple[int, int, str, str]:
    try:
        return simplejpeg.decode_jpeg_header(jpeg)
    except ValueError as e:
        raise MediaError(f"{label}: stored photo no longer decodes ({e})") from None


def _decode_yuv(turbo, jpeg: bytes, width: int, height: int, subsampling: str, size: tuple[int, int] | None,
                label: str) -> list[Plane]:
    scale = _scale(width, height, size)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # recoverable damage: decode what is there, like strict=False
            y, cb, cr = turbo.decode_to_yuv_planes(jpeg, scaling_factor=(1, scale) if scale > 1 else None)
    except OSError as e:
        raise MediaError(f"{label}: stored photo no longer decodes ({e})") from None
    (_, w, h), (_, cw, ch), _ = _layout(width, height, scale)  # the planes may carry a padding column or row
    across, down = _TO_420[subsampling]
    rows, cols = -(-h * down // 2), -(-w * across // 2)  # the colour planes as stored
    colour = [_to_420(p[:rows, :cols], cw, ch) for p in (cb, cr)]
    return [Plane(y[:h, :w], 1), *(Plane(p, 2) for p in colour)]


def _layout(width: int, height: int, scale: int) -> list[tuple[int, int, int]]:
    """(step, width, height) of the Y plane and the two 4:2:0 colour planes of a photo
    decoded at 1/``scale``."""
    w, h = -(-width // scale), -(-height // scale)
    return [(1, w, h), *[(2, -(-w // 2), -(-h // 2))] * 2]


def _scale(width: int, height: int, size: tuple[int, int] | None) -> int:
    """The largest DCT scale-down (1, 2, 4, 8) that keeps the photo at least ``size``."""
    scale = 1
    while size and scale < 8 and -(-width // (2 * scale)) >= size[0] and -(-height // (2 * scale)) >= size[1]:
        scale *= 2
    return scale


def _to_420(plane: np.ndarray, width: int, height: int) -> np.ndarray:
    """A colour plane at 4:2:0 size: each sample the mean of the 2×2 (or 2×1) it covers."""
    if plane.shape == (height, width):
        return plane
    exact = plane.shape[1] in (width, 2 * width) and plane.shape[0] in (height, 2 * height)
    return cv2.resize(plane, (width, height), interpolation=cv2.INTER_LINEAR if exact else cv2.INTER_AREA)
