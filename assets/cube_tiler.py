"""Applying a :class:`~assets.cube_tiles.TilePlan`: decode once, remap six faces,
halve them into the lower levels, encode every tile in parallel.

The JPEG is decoded once (libjpeg-turbo through simplejpeg, at a reduced DCT scale
when the plan allows). Each face is sampled with ``cv2.remap`` (bilinear, OpenCV's
own threads) and the lower levels come from ``cv2.resize`` with area averaging
instead of new remaps. Tiles are encoded by a thread pool while the next face is
being remapped (both libraries release the GIL); at most two faces are in flight so
memory stays bounded.
"""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import cv2
import numpy as np
import simplejpeg

from assets.cube_geometry import FACES, SourceFrame, face_maps
from assets.cube_tiles import TILE_SIZE, TILE_TEMPLATE, TilePlan
from assets.errors import MediaError
from assets.progress import Progress

_WORKERS = max(2, min(8, (cv2.getNumberOfCPUs() or 2)))
_IN_FLIGHT = 2  # faces whose tiles may be waiting for the encoder at once


def build_tiles(plan: TilePlan, jpeg: bytes, out: Path, progress: Progress) -> None:
    """Write every file of ``plan`` except the manifest into the empty folder ``out``."""
    tiles_total = len(plan.tile_paths())
    progress.start(tiles_total + 4, "decoding the panorama")
    image = decode(plan, jpeg)
    progress.advance(message="tiling")
    progress.check()
    f = plan.facts
    frame = SourceFrame(f.full_width, f.full_height, f.crop_left, f.crop_top, f.crop_width, f.crop_height,
                        image.shape[1], image.shape[0])
    for i, level in enumerate(plan.levels):
        for face in FACES:
            (out / f"tiles/{i}/{face}").mkdir(parents=True)
    n = plan.face_size
    # Reused buffers: fresh memory is slow to fault in, and two maps are 8·n² bytes.
    maps = (np.empty((n, n), np.float32), np.empty((n, n), np.float32))
    faces = [np.empty((n, n, 3), np.uint8) for _ in range(_IN_FLIGHT + 1)]
    smallest: dict[str, np.ndarray] = {}
    pending: list[list[Future]] = []
    with ThreadPoolExecutor(_WORKERS) as pool:
        try:
            pending.append([pool.submit(_write_fallback, image, frame, plan, out)])
            for k, face in enumerate(FACES):
                progress.check()
                pyramid = face_pyramid(image, face, frame, len(plan.levels), maps=maps, dst=faces[k % len(faces)])
                smallest[face] = pyramid[0].copy()  # with one level, pyramid[0] is a reused buffer
                jobs = [pool.submit(_encode_tile, level_image, out, i, face, row, col, plan.profile.quality)
                        for i, level_image in enumerate(pyramid)
                        for row in range(level_image.shape[0] // TILE_SIZE)
                        for col in range(level_image.shape[1] // TILE_SIZE)]
                pending.append(jobs)
                del pyramid
                while len(pending) > _IN_FLIGHT:
                    _harvest(pending.pop(0), progress)
            del image, maps  # the biggest buffers: free them before the last encodes
            while pending:
                _harvest(pending.pop(0), progress)
        except BaseException:
            for jobs in pending:
                for job in jobs:
                    job.cancel()
            raise
    _write(out / "preview.jpg", _encode(preview_stripe(smallest, plan.profile.preview_face), 75))
    _write(out / "thumbnail.jpg", _encode(thumbnail(smallest["f"], plan.profile.thumbnail_size), 82))
    progress.advance(2)
    progress.finish("tiles ready")


def decode(plan: TilePlan, jpeg: bytes) -> np.ndarray:
    """The photo as RGB pixels, at the plan's reduced size when it allows one."""
    width, height = plan.decode_min_size
    try:
        if (width, height) == (plan.facts.width, plan.facts.height):
            return simplejpeg.decode_jpeg(jpeg, colorspace="RGB", strict=False)
        return simplejpeg.decode_jpeg(jpeg, colorspace="RGB", min_width=width, min_height=height, strict=False)
    except ValueError as e:
        raise MediaError(f"panorama {plan.sha256[:12]}…: stored photo no longer decodes ({e})") from None


def face_pyramid(image: np.ndarray, face: str, frame: SourceFrame, levels: int, *,
                 maps: tuple[np.ndarray, np.ndarray], dst: np.ndarray) -> list[np.ndarray]:
    """One face at every level, smallest first; the largest is drawn into ``dst`` (n×n×3)
    using ``maps`` (two n×n float32 buffers) as scratch."""
    map_x, map_y = face_maps(face, dst.shape[0], frame, out=maps)
    top = cv2.remap(image, map_x, map_y, cv2.INTER_LINEAR, dst=dst, borderMode=cv2.BORDER_CONSTANT, borderValue=0)
    pyramid = [top]
    for _ in range(levels - 1):
        half = pyramid[0].shape[0] // 2
        pyramid.insert(0, cv2.resize(pyramid[0], (half, half), interpolation=cv2.INTER_AREA))
    return pyramid


def fallback(image: np.ndarray, frame: SourceFrame, size: tuple[int, int]) -> np.ndarray:
    """The photo on its full 2:1 canvas (black where it has no pixels) at ``size``."""
    width, height = size
    if frame.covers_width and frame.covers_height:
        return cv2.resize(image, (width, height), interpolation=cv2.INTER_AREA)
    canvas = np.zeros((height, width, 3), np.uint8)
    left = round(frame.crop_left * width / frame.full_width)
    top = round(frame.crop_top * height / frame.full_height)
    w = max(1, min(width - left, round(frame.crop_width * width / frame.full_width)))
    h = max(1, min(height - top, round(frame.crop_height * height / frame.full_height)))
    canvas[top:top + h, left:left + w] = cv2.resize(image, (w, h), interpolation=cv2.INTER_AREA)
    return canvas


def preview_stripe(faces: dict[str, np.ndarray], size: int) -> np.ndarray:
    """The six faces at ``size`` px side by side, in :data:`FACES` order."""
    return np.hstack([cv2.resize(faces[f], (size, size), interpolation=cv2.INTER_AREA) for f in FACES])


def thumbnail(front: np.ndarray, size: tuple[int, int]) -> np.ndarray:
    """The middle of the front face cropped to the thumbnail's shape and scaled to it."""
    width, height = size
    n = front.shape[0]
    rows = round(n * height / width)
    top = (n - rows) // 2
    return cv2.resize(front[top:top + rows], (width, height), interpolation=cv2.INTER_AREA)


def _encode(pixels: np.ndarray, quality: int) -> bytes:
    return simplejpeg.encode_jpeg(np.ascontiguousarray(pixels), quality=quality, colorspace="RGB",
                                  colorsubsampling="420")


def _encode_tile(level_image: np.ndarray, out: Path, level: int, face: str, row: int, col: int,
                 quality: int) -> None:
    tile = level_image[row * TILE_SIZE:(row + 1) * TILE_SIZE, col * TILE_SIZE:(col + 1) * TILE_SIZE]
    _write(out / TILE_TEMPLATE.format(level=level, face=face, row=row, col=col), _encode(tile, quality))


def _write_fallback(image: np.ndarray, frame: SourceFrame, plan: TilePlan, out: Path) -> None:
    _write(out / "fallback.jpg", _encode(fallback(image, frame, plan.fallback_size), plan.profile.quality))


def _harvest(jobs: list[Future], progress: Progress) -> None:
    for job in jobs:
        job.result()
        progress.advance()
        progress.check()


def _write(path: Path, data: bytes) -> None:
    with open(path, "wb") as f:
        f.write(data)
