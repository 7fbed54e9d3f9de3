"""Panorama ingest: checking a 360° photo and storing it with what it covers.

A panorama is an equirectangular JPEG: a full one is 2:1 (360° × 180°); a partial
one says what it covers through its GPano XMP tags (as written by Google's Photo
Sphere, Hugin, PTGui...) or through a horizontal field of view given at import.
Only the JPEG header is parsed to measure and refuse (so huge files are refused at
once, without Pillow's decompression-bomb limit), then the image data is checked
by decoding it at 1/8 scale (libjpeg-turbo reads every coefficient but computes
only 1/64 of the pixels), so a damaged file is refused at import, not at export.

Orientation (north offset, horizon pitch and roll) is a scene setting: the tiles
are a pure function of the photo, and the viewer applies the orientation, so
changing it never re-tiles.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path

from assets.errors import MediaError, NotFound
from assets.input_files import require_regular_file
from assets.jpeg_header import DamagedHeader, NotJpeg, read_jpeg_header
from assets.media_store import MediaStore
from assets.progress import Progress, null_progress
from assets.project import Project

MAX_WIDTH = 32768  # 536 megapixels; the tiler decodes anything over 16384 wide at 1/2 scale
MIN_WIDTH = 1024
MAX_CANVAS = 1_000_000  # the full 360° canvas a partial panorama sits in, in pixels
RATIO_TOLERANCE = 0.02  # 2:1 ± 1 %: stitchers round sizes (5376×2688, 8000×4000, 6000×3002...)
_GPANO_ATTR = re.compile(r'GPano:(\w+)\s*=\s*"([^"]*)"')
_GPANO_ELEM = re.compile(r"<GPano:(\w+)>\s*([^<]*?)\s*</GPano:\1>")
_OTHER_FORMATS = {b"\x89PNG": "PNG", b"II*\x00": "TIFF", b"MM\x00*": "TIFF", b"RIFF": "WebP", b"GIF8": "GIF",
                  b"BM": "BMP"}


@dataclass(frozen=True)
class PanoramaFacts:
    """What a stored panorama covers: the photo (``width``×``height``) placed in a full
    2:1 equirectangular canvas (``full_width``×``full_height``) at (``crop_left``,
    ``crop_top``), covering ``crop_width``×``crop_height`` canvas pixels."""
    sha256: str
    width: int
    height: int
    full_width: int
    full_height: int
    crop_left: int
    crop_top: int
    crop_width: int
    crop_height: int
    source: str  # 'full', 'gpano' or 'fov'
    projection: str = "equirectangular"

    @property
    def is_full(self) -> bool:
        return (self.crop_left, self.crop_top, self.crop_width, self.crop_height) == (
            0, 0, self.full_width, self.full_height)

    @property
    def hfov_deg(self) -> float:
        return 360.0 * self.crop_width / self.full_width

    @property
    def vfov_deg(self) -> float:
        return 180.0 * self.crop_height / self.full_height

    def pano_data(self) -> dict:
        """The coverage as Photo Sphere Viewer's ``panoData`` (EquirectangularAdapter)."""
        return {"fullWidth": self.full_width, "fullHeight": self.full_height,
                "croppedWidth": self.crop_width, "croppedHeight": self.crop_height,
                "croppedX": self.crop_left, "croppedY": self.crop_top}


def ingest_panorama(project: Project, path: str | Path, *, fov_deg: float | None = None,
                    progress: Progress | None = None) -> str:
    """Check the equirectangular JPEG at ``path``, store it as a ``panorama`` and
    return its SHA-256.

    :param fov_deg: horizontal field of view of a partial panorama (overrides GPano tags);
        its vertical extent follows from the photo's shape, centred on the horizon.
    :raises MediaError: not a JPEG, damaged, too large or small, not 2:1 without GPano
        tags or a field of view, or inconsistent coverage; the message names the file.
    """
    path = Path(path)
    progress = progress or null_progress()
    progress.start(3, f"reading {path.name}")
    width, height, xmp = _measure(path)
    coverage = _coverage(path, width, height, xmp, fov_deg)
    progress.advance(message=f"checking {path.name}")
    progress.check()
    _check_image_data(path)
    progress.advance(message=f"storing {path.name}")
    progress.check()
    store = MediaStore(project)
    with project.transaction(label="add panorama") as db:
        sha = store.add_file(path, kind="panorama", mime="image/jpeg", ext="jpg", width=width, height=height)
        db.execute(
            "INSERT OR REPLACE INTO panoramas(sha256, full_width, full_height, crop_left, crop_top, "
            "crop_width, crop_height, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", (sha, *coverage))
    progress.finish(f"stored {path.name}")
    return sha


def panorama_facts(project: Project, sha: str) -> PanoramaFacts:
    """The stored facts of the panorama ``sha``.

    :raises NotFound: no panorama was ingested with that hash.
    """
    row = project.db.execute(
        "SELECT p.sha256, m.width, m.height, p.full_width, p.full_height, p.crop_left, p.crop_top, "
        "p.crop_width, p.crop_height, p.source, p.projection "
        "FROM panoramas p JOIN media m USING (sha256) WHERE p.sha256 = ?", (sha,)).fetchone()
    if row is None:
        raise NotFound(f"no panorama with hash {sha[:12]}…")
    return PanoramaFacts(*row)


def _measure(path: Path) -> tuple[int, int, str]:
    require_regular_file(path, error=MediaError, what="photo")
    try:
        with path.open("rb") as f:
            head = f.read(4)
            f.seek(0)
            try:
                header = read_jpeg_header(f)
            except NotJpeg:
                kind = next((name for magic, name in _OTHER_FORMATS.items() if head.startswith(magic)), None)
                if kind:
                    raise MediaError(f"{path}: a {kind} image; panoramas must be JPEG photos") from None
                raise MediaError(f"{path}: not a JPEG image") from None
            except DamagedHeader as e:
                raise MediaError(f"{path}: damaged JPEG ({e})") from None
    except FileNotFoundError:
        raise MediaError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise MediaError(f"{path}: is a folder, not a photo") from None
    except OSError as e:
        raise MediaError(f"{path}: cannot read ({e.strerror})") from None
    w, h = header.width, header.height
    if w > MAX_WIDTH:
        raise MediaError(f"{path}: panorama too large ({w}×{h} pixels; at most {MAX_WIDTH} pixels wide)")
    if w < MIN_WIDTH:
        raise MediaError(f"{path}: panorama too small ({w}×{h} pixels; at least {MIN_WIDTH} pixels wide)")
    if header.precision != 8:
        raise MediaError(f"{path}: a {header.precision}-bit JPEG; save it as an ordinary 8-bit JPEG first")
    if header.components == 4:
        raise MediaError(f"{path}: a CMYK JPEG; save it as an RGB JPEG first")
    return w, h, header.xmp_text


def _coverage(path: Path, w: int, h: int, xmp: str, fov_deg: float | None) -> tuple[int, ...]:
    """(full_width, full_height, crop_left, crop_top, crop_width, crop_height, source)."""
    if fov_deg is not None:
        return _coverage_from_fov(path, w, h, fov_deg)
    tags = gpano_tags(xmp)
    if "CroppedAreaImageWidthPixels" in tags or "FullPanoWidthPixels" in tags:
        return _coverage_from_gpano(path, w, h, tags)
    if abs(w / h - 2) > RATIO_TOLERANCE:
        raise MediaError(f"{path}: not a 360° panorama ({ratio_text(w, h)}; an equirectangular photo is 2:1)",
                         hint="for a partial panorama give its horizontal field of view")
    return w, h, 0, 0, w, h, "full"


def _coverage_from_fov(path: Path, w: int, h: int, fov: float) -> tuple[int, ...]:
    if not (0 < fov <= 360) or math.isnan(fov):
        raise MediaError(f"{path}: field of view {fov:g}° is out of range (more than 0° and at most 360°)")
    if w * 360 / fov > MAX_CANVAS:
        raise MediaError(f"{path}: a field of view of {fov:.3g}° is too narrow for a panorama "
                         f"(at least {w * 360 / MAX_CANVAS:.2g}° for a photo {w} pixels wide)")
    full_w = round(w * 360 / fov)
    full_h = round(full_w / 2)
    if h > full_h:
        raise MediaError(f"{path}: {fov:g}° wide makes it {180 * h / full_h:.0f}° tall, more than 180°",
                         hint="check the field of view")
    return full_w, full_h, (full_w - w) // 2, (full_h - h) // 2, w, h, "fov"


def gpano_tags(xmp: str) -> dict[str, str]:
    """GPano properties in an XMP packet, written as attributes or as elements."""
    tags = dict(_GPANO_ATTR.findall(xmp))
    tags.update(_GPANO_ELEM.findall(xmp))
    return tags


def _coverage_from_gpano(path: Path, w: int, h: int, tags: dict[str, str]) -> tuple[int, ...]:
    projection = tags.get("ProjectionType", "equirectangular").strip().lower()
    if projection != "equirectangular":
        raise MediaError(f"{path}: {projection} projection is not supported (only equirectangular)")
    names = ("FullPanoWidthPixels", "CroppedAreaImageWidthPixels", "CroppedAreaImageHeightPixels",
             "CroppedAreaLeftPixels", "CroppedAreaTopPixels")
    missing = next((n for n in names if n not in tags), None)
    if missing:
        raise MediaError(f"{path}: incomplete GPano tags (GPano:{missing} is missing)")
    full_w, crop_w, crop_h, left, top = (_gpano_number(path, n, tags[n]) for n in names)
    full_h = (_gpano_number(path, "FullPanoHeightPixels", tags["FullPanoHeightPixels"])
              if "FullPanoHeightPixels" in tags else full_w // 2)
    problem = None
    if min(full_w, full_h, crop_w, crop_h) <= 0 or min(left, top) < 0:
        problem = "sizes must be positive"
    elif abs(full_w / full_h - 2) > RATIO_TOLERANCE:
        problem = f"the full panorama is {full_w}×{full_h}, not 2:1"
    elif left + crop_w > full_w or top + crop_h > full_h:
        problem = f"the cropped area {crop_w}×{crop_h} at ({left}, {top}) lies outside {full_w}×{full_h}"
    elif abs((w / h) / (crop_w / crop_h) - 1) > RATIO_TOLERANCE:
        problem = f"the photo is {w}×{h} but the cropped area is {crop_w}×{crop_h}"
    if problem:
        raise MediaError(f"{path}: GPano tags do not fit the photo ({problem})")
    return full_w, full_h, left, top, crop_w, crop_h, "gpano"


def _gpano_number(path: Path, name: str, text: str) -> int:
    """A GPano pixel count: a whole number from 0 to :data:`MAX_CANVAS` ("inf", "1e30" and
    "NaN" are refused by name, not turned into an overflow)."""
    try:
        value = float(text.strip())
    except ValueError:
        raise MediaError(f"{path}: GPano:{name} {text.strip()[:30]!r} is not a whole number") from None
    if not 0 <= value <= MAX_CANVAS:  # also refuses NaN
        raise MediaError(f"{path}: GPano:{name} {text.strip()[:30]!r} is not a number of pixels from 0 to "
                         f"{MAX_CANVAS}")
    return int(value)


def ratio_text(w: int, h: int) -> str:
    """A photo's shape for a message: ``3:1``, ``4:3``, or ``2.37:1`` when no small ratio fits."""
    g = math.gcd(w, h)
    if w // g <= 32 and h // g <= 32:
        return f"{w // g}:{h // g}"
    return f"{w / h:.2f}:1"


def _check_image_data(path: Path) -> None:
    import simplejpeg  # imported lazily: heavy, and only needed here and by the tiler

    data = path.read_bytes()
    try:
        # Scaled decode: every coefficient is entropy-decoded (so damage is found) but
        # only 1/64 of the pixels are computed and kept.
        simplejpeg.decode_jpeg(data, min_width=256, min_height=128, strict=True)
    except ValueError as e:
        raise MediaError(f"{path}: damaged JPEG ({_libjpeg_reason(str(e))})") from None


def _libjpeg_reason(text: str) -> str:
    if "Premature end" in text:
        return "the file is truncated"
    return "corrupt image data" if not text else f"corrupt image data: {text}"
