"""Files the exporter derives (hall hero images, resized object images, the
gallery kit), cached on disk by a hash of their inputs so that re-exporting an
unchanged project only links files that already exist.

The cache lives in ``<project>.cache/export/`` beside the panorama tiles' cache;
entries are written to a temporary name and renamed, so an entry is whole or absent.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import tempfile
from pathlib import Path
from typing import Callable

from PIL import Image

from assets.project import Project

HERO_WIDE = (1280, 720, 120.0)      # width, height, horizontal field of view (degrees)
HERO_TALL = (720, 960, 90.0)
HERO_QUALITY = 72


class DerivedCache:
    """Content-keyed files under ``<project>.cache/export/``."""

    def __init__(self, project: Project):
        self.root = project.path.with_name(project.path.name + ".cache") / "export"

    def get(self, kind: str, key: object, ext: str, make: Callable[[], bytes]) -> Path:
        """The cached file for ``key`` (any JSON-able value), made by ``make()`` if absent."""
        digest = hashlib.sha256(json.dumps(key, sort_keys=True, default=str).encode()).hexdigest()[:24]
        path = self.root / kind / f"{digest}.{ext}"
        if path.is_file() and _looks_whole(path, ext):
            return path
        path.parent.mkdir(parents=True, exist_ok=True)
        data = make()
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".part-")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            os.chmod(tmp, 0o644)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return path


def _looks_whole(path: Path, ext: str) -> bool:
    """A cached file worth reusing: not empty, and a JPEG with both its end markers
    (a full disk or a crash can leave a 0-byte or cut-short file behind)."""
    from assets.cube_tiles import jpeg_looks_whole

    if ext == "jpg":
        return jpeg_looks_whole(path)
    try:
        return path.stat().st_size > 0
    except OSError:
        return False


def hero_jpeg(equirect: Path, *, yaw: float, pitch: float, size: tuple[int, int, float]) -> bytes:
    """A flat picture of a hall for the first screen: the region of the
    equirectangular image ``equirect`` around (``yaw``, ``pitch``), ``size`` =
    (width, height, horizontal degrees). Near the horizon the equirectangular
    projection is close to what a camera sees, which is all a preview needs."""
    out_w, out_h, hfov = size
    with Image.open(equirect) as im:
        im = im.convert("RGB")
        w, h = im.size
        crop_w = max(1, round(w * hfov / 360))
        crop_h = min(h, round(crop_w * out_h / out_w))
        cx = (yaw / 360 + 0.5) * w
        cy = (0.5 - max(-60.0, min(60.0, pitch)) / 180) * h
        top = int(min(max(0, round(cy - crop_h / 2)), h - crop_h))
        left = int(round(cx - crop_w / 2)) % w
        if left + crop_w <= w:
            region = im.crop((left, top, left + crop_w, top + crop_h))
        else:  # the view crosses the photo's left/right seam
            region = Image.new("RGB", (crop_w, crop_h))
            first = w - left
            region.paste(im.crop((left, top, w, top + crop_h)), (0, 0))
            region.paste(im.crop((0, top, crop_w - first, top + crop_h)), (first, 0))
    region = region.resize((out_w, out_h), Image.Resampling.LANCZOS)
    buf = io.BytesIO()
    region.save(buf, "JPEG", quality=HERO_QUALITY, optimize=True, progressive=True)
    return buf.getvalue()


def resized_jpeg(data: bytes, max_side: int, quality: int = 82) -> tuple[bytes, int, int]:
    """``data`` (any image Pillow reads) as an upright sRGB JPEG fitting ``max_side``."""
    from PIL import ImageOps

    with Image.open(io.BytesIO(data)) as im:
        im.draft("RGB", (max_side, max_side))  # JPEG: decode at a reduced scale when possible
        im = ImageOps.exif_transpose(im)
        if im.mode not in ("RGB", "L"):
            background = Image.new("RGB", im.size, (255, 255, 255))
            rgba = im.convert("RGBA")
            background.paste(rgba, mask=rgba.getchannel("A"))
            im = background
        im = im.convert("RGB")
        im.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
        buf = io.BytesIO()
        im.save(buf, "JPEG", quality=quality, optimize=True, progressive=True)
        return buf.getvalue(), im.width, im.height


def image_size(path: Path) -> tuple[int, int]:
    with Image.open(path) as im:
        return im.size
