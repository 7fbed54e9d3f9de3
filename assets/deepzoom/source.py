"""The image to tile, decoded as the tiler needs it: its upright size from the header,
then its pixels at full size or at half size.

A baseline or progressive JPEG that needs no turning (EXIF orientation 1) and no
colour conversion (no ICC profile, or an sRGB one) is decoded by libjpeg-turbo
straight to its Y/Cb/Cr planes (:mod:`assets.jpeg_planes`), and at half size by the
decoder's DCT scaling, which costs a fraction of a full decode and of a
downsampling pass: so the lower levels are ready while the full size still
decodes. Any other image (PNG, TIFF, a turned or colour-managed JPEG) is opened
with Pillow, upright and in sRGB, as :mod:`assets.images` does on import.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

import cv2
import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

from assets.errors import MediaError
from assets.images import MAX_SCAN_PIXELS
from assets.jpeg_planes import Plane, decode_planes

_SRGB_WORDS = ("srgb", "iec61966")
MAX_PIXELS = MAX_SCAN_PIXELS  # the full-size planes then take 900 MB: with the rest, under 1.5 GB


@dataclass
class Source:
    """An image's bytes and its upright size; ``direct`` when its JPEG decodes as is."""
    data: bytes
    width: int
    height: int
    direct: bool
    label: str

    def planes(self, scale: int, *, planar: bool = True) -> list[Plane]:
        """The image at 1/``scale`` (1 or 2) of its size, rounded up: Y/Cb/Cr planes or one RGB plane."""
        if self.direct:
            size = None if scale == 1 else (-(-self.width // scale), -(-self.height // scale))
            planes = decode_planes(self.data, size, self.label, planar=planar)
            if scale == 1 or planes[0].pixels.shape[:2] == (size[1], size[0]):
                return planes
            return halve_planes(planes)  # an image too small for the DCT's halving
        full = [Plane(_pillow_rgb(self.data, self.label), 1)]
        return full if scale == 1 else halve_planes(full)


def open_source(data: bytes, label: str, *, max_pixels: int = MAX_PIXELS) -> Source:
    """Read the header of the image ``data`` (``label`` names it in errors).

    :raises MediaError: not an image Pillow knows, damaged, or over ``max_pixels``.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        try:
            with _open_header(data) as im:
                width, height = im.size
                orientation = im.getexif().get(0x0112, 1)
                direct = (im.format in ("JPEG", "MPO") and im.mode in ("RGB", "L") and orientation == 1
                          and _is_srgb(im.info.get("icc_profile")))
        except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError, ValueError) as e:
            raise MediaError(f"{label}: not a readable image ({e})") from None
    if width * height > max_pixels:
        raise MediaError(f"{label}: image too large for deep zoom ({width}×{height} pixels; "
                         f"at most {max_pixels // 1_000_000} megapixels)")
    if not direct and width * height > Image.MAX_IMAGE_PIXELS:
        raise MediaError(f"{label}: image too large to open safely ({width}×{height} pixels; "
                         "only JPEG is tiled beyond this size)")
    if orientation in (5, 6, 7, 8):
        width, height = height, width
    return Source(data, width, height, direct, label)


def _open_header(data: bytes) -> Image.Image:
    """The image's header. A JPEG is read by Pillow's JPEG plugin itself, which skips
    Pillow's decompression-bomb check: deep zoom is for images larger than that
    limit, and the JPEG decoder used here never goes through Pillow."""
    if data[:3] == b"\xff\xd8\xff":
        from PIL import JpegImagePlugin

        return JpegImagePlugin.JpegImageFile(io.BytesIO(data))
    return Image.open(io.BytesIO(data))


def halve_planes(planes: list[Plane]) -> list[Plane]:
    """Each plane at half its size, rounded up, each pixel the mean of the (up to)
    2×2 it covers."""
    return [Plane(cv2.resize(p.pixels, (-(-p.pixels.shape[1] // 2), -(-p.pixels.shape[0] // 2)),
                             interpolation=cv2.INTER_AREA), p.step) for p in planes]


def _is_srgb(icc: bytes | None) -> bool:
    if not icc:
        return True
    from PIL import ImageCms

    try:
        description = ImageCms.getProfileDescription(ImageCms.ImageCmsProfile(io.BytesIO(icc))) or ""
    except (ImageCms.PyCMSError, OSError):
        return True  # a broken profile is ignored on import too
    return any(word in description.lower() for word in _SRGB_WORDS)


def _pillow_rgb(data: bytes, label: str) -> np.ndarray:
    from assets.images import _to_srgb  # the import's own conversion, so tiles match the stored photo

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        try:
            with Image.open(io.BytesIO(data)) as im:
                im.load()
                upright = _to_srgb(ImageOps.exif_transpose(im))
        except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as e:
            raise MediaError(f"{label}: damaged image ({e})") from None
    if upright.mode == "RGBA":  # tiles are JPEG: transparency over white, as on import
        background = Image.new("RGB", upright.size, (255, 255, 255))
        background.paste(upright, mask=upright.getchannel("A"))
        upright = background
    return np.asarray(upright.convert("RGB"))
