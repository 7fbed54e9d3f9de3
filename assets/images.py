"""Still images: checking, orienting, converting to sRGB and making thumbnails.

Every image is checked before anything is stored: its header is read first (so a
file that claims 100000×100000 pixels is refused without decoding it), then it is
decoded in full (so a truncated file is refused too).
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

from assets.errors import MediaError
from assets.input_files import require_regular_file

MAX_PIXELS = 178_000_000  # a 16384×8192 panorama fits; Pillow refuses twice its own limit anyway
# A JPEG scan of a painting may be far larger (20,000 px a side): it is checked by a
# decode at reduced size (libjpeg's DCT scaling still reads every byte, so a truncated
# or damaged file is refused all the same) and shown at full size by deep zoom.
MAX_SCAN_PIXELS = 600_000_000
THUMB_SIZE = 256
DISPLAY_SIZE = 2048
IMAGE_EXTENSIONS = {".jpg", ".jpeg", ".png", ".tif", ".tiff", ".webp", ".bmp", ".gif"}
_MIME = {"JPEG": "image/jpeg", "PNG": "image/png", "TIFF": "image/tiff", "WEBP": "image/webp",
         "BMP": "image/bmp", "GIF": "image/gif", "MPO": "image/jpeg"}
_EXT = {"JPEG": "jpg", "MPO": "jpg", "PNG": "png", "TIFF": "tif", "WEBP": "webp", "BMP": "bmp", "GIF": "gif"}


@dataclass(frozen=True)
class CheckedImage:
    """An image that decoded in full: its upright size and normalised pixels."""
    path: Path
    format: str
    mime: str
    ext: str
    width: int
    height: int
    image: Image.Image  # upright, sRGB, RGB or RGBA


def open_checked(path: Path, *, max_pixels: int = MAX_PIXELS, max_side: int | None = None) -> CheckedImage:
    """Decode ``path`` fully, upright and in sRGB, or raise :class:`MediaError` naming it.

    With ``max_side``, a JPEG is decoded only as large as needed for pictures of that
    size (at least ``max_side`` on its shorter scaled side, by libjpeg's DCT scaling),
    which admits scans up to :data:`MAX_SCAN_PIXELS`; ``width`` and ``height`` stay the
    file's full upright size.
    """
    path = require_regular_file(path, error=MediaError, what="image file")
    scaled = max_side is not None and _is_jpeg(path)
    if scaled:
        max_pixels = max(max_pixels, MAX_SCAN_PIXELS)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        try:
            im = _open_jpeg_header(path) if scaled else Image.open(path)
        except FileNotFoundError:
            raise MediaError(f"{path}: no such file") from None
        except UnidentifiedImageError:
            raise MediaError(f"{path}: not an image (content is not JPEG, PNG, TIFF or WebP)") from None
        except Image.DecompressionBombError:
            raise MediaError(f"{path}: image too large to open safely") from None
        except OSError as e:
            raise MediaError(f"{path}: unreadable image ({e})") from None
        with im:
            w, h = im.size
            if w * h > max_pixels:
                raise MediaError(f"{path}: image too large ({w}×{h} pixels; at most {max_pixels // 1_000_000} megapixels)")
            fmt = im.format or "?"
            if fmt not in _MIME:
                raise MediaError(f"{path}: unsupported image format {fmt}")
            if scaled:
                im.draft(im.mode if im.mode in ("RGB", "L") else None, (max_side, max_side))
            try:
                im.load()
            except (OSError, SyntaxError, ValueError) as e:
                raise MediaError(f"{path}: damaged image ({_pillow_reason(e)})") from None
            turned = ImageOps.exif_transpose(im)
            upright = _to_srgb(turned)
            if (turned.width, turned.height) != im.size:  # a quarter turn: the full size turns too
                w, h = h, w
    return CheckedImage(path, fmt, _MIME[fmt], _EXT[fmt], w, h, upright)


def _is_jpeg(path: Path) -> bool:
    with open(path, "rb") as f:
        return f.read(3) == b"\xff\xd8\xff"


def _open_jpeg_header(path: Path) -> Image.Image:
    """A JPEG opened by Pillow's JPEG plugin itself, past Pillow's decompression-bomb
    check: the caller bounds its size and decodes it scaled."""
    from PIL import JpegImagePlugin

    try:
        return JpegImagePlugin.JpegImageFile(path)
    except SyntaxError as e:
        raise MediaError(f"{path}: damaged image ({e})") from None


def _pillow_reason(e: Exception) -> str:
    text = str(e)
    if "truncated" in text:
        return "the file is truncated"
    return text or type(e).__name__


_WIDE_MODES = {"I;16", "I;16L", "I;16B", "I;16N", "I", "F"}


def to_8bit(im: Image.Image) -> Image.Image:
    """A 16-bit, 32-bit integer or floating-point greyscale image as 8-bit ``L``, its
    pixel range scaled rather than clipped (a plain convert turns a 16-bit archival
    scan white and a 0–1 float image black). 16-bit data keeps its nominal range;
    floats within 0–1 are taken as 0–1; any other range is stretched to its extremes.
    """
    import numpy as np

    a = np.asarray(im)
    if im.mode.startswith("I;16"):
        a = a.astype(np.float32) / 257.0
    else:
        a = a.astype(np.float64)
        finite = np.isfinite(a)
        if not finite.all():
            a = np.where(finite, a, 0.0)
            if finite.any():  # +inf as the brightest finite value, -inf/NaN as the darkest
                lo_f, hi_f = a[finite].min(), a[finite].max()
                raw = np.asarray(im)
                a = np.where(np.isposinf(raw), hi_f, np.where(finite, a, lo_f))
        lo, hi = (float(a.min()), float(a.max())) if a.size else (0.0, 0.0)
        if im.mode == "F" and lo >= 0 and hi <= 1:
            a = a * 255.0
        elif im.mode == "I" and lo >= 0 and hi <= 255:
            pass
        elif im.mode == "I" and lo >= 0 and hi <= 65535:
            a = a / 257.0
        elif hi > lo:
            a = (a - lo) * (255.0 / (hi - lo))
        else:
            a = np.zeros_like(a)
    return Image.fromarray(np.clip(np.rint(a), 0, 255).astype(np.uint8), "L")


def _to_srgb(im: Image.Image) -> Image.Image:
    if im.mode in _WIDE_MODES:
        return to_8bit(im).convert("RGB")
    icc = im.info.get("icc_profile")
    mode = "RGBA" if im.mode in ("RGBA", "LA", "PA") or (im.mode == "P" and "transparency" in im.info) else "RGB"
    if icc:
        try:
            src = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            if "srgb" not in (ImageCms.getProfileDescription(src) or "").lower():
                base = im.convert(mode)
                return ImageCms.profileToProfile(base, src, ImageCms.createProfile("sRGB"), outputMode=mode)
        except (ImageCms.PyCMSError, OSError):
            pass  # a broken profile: keep the pixels as they are rather than refuse the photo
    return im.convert(mode)


def jpeg_bytes(im: Image.Image, *, max_side: int, quality: int = 85) -> bytes:
    """A JPEG of ``im`` scaled to fit ``max_side`` (never enlarged)."""
    copy = im.copy()
    copy.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
    if copy.mode != "RGB":
        background = Image.new("RGB", copy.size, (255, 255, 255))
        background.paste(copy, mask=copy.getchannel("A") if "A" in copy.getbands() else None)
        copy = background
    out = io.BytesIO()
    copy.save(out, "JPEG", quality=quality, optimize=True, progressive=True)
    return out.getvalue()
