"""Applying a :class:`~assets.cube_tiles.TilePlan`: decode once, remap six faces in
strips, halve them into the lower levels, encode every tile in parallel.

The JPEG is decoded once (libjpeg-turbo through simplejpeg, at a reduced DCT scale
when the plan allows) while a worker computes the angle tables. Each face is then
cut into strips one tile high; a strip task samples its rows with ``cv2.remap``
(bilinear) and encodes that strip's top-level tiles at once, so work flows through
one pool of threads with no barrier between stages (OpenCV, numpy and simplejpeg
all release the GIL). Once a face is whole, one task halves it with ``cv2.resize``
(area averaging) into the lower levels and encodes those. At most three faces are
in memory at once.
"""

from __future__ import annotations

import contextlib
import threading
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from pathlib import Path

import cv2
import numpy as np
import simplejpeg

from assets.cube_geometry import FACES, SourceFrame, face_maps, warm_up
from assets.cube_tiles import TILE_SIZE, TILE_TEMPLATE, TilePlan
from assets.errors import MediaError
from assets.progress import Progress

_WORKERS = max(2, min(8, cv2.getNumberOfCPUs() or 2))
_FACE_BUFFERS = 3


def build_tiles(plan: TilePlan, jpeg: bytes, out: Path, progress: Progress) -> None:
    """Write every file of ``plan`` except the manifest into the empty folder ``out``."""
    progress.start(len(plan.tile_paths()) + 4, "decoding the panorama")
    for i in range(len(plan.levels)):
        for face in FACES:
            (out / f"tiles/{i}/{face}").mkdir(parents=True)
    with _single_threaded_opencv(), ThreadPoolExecutor(_WORKERS) as pool:
        run = _Run(plan, out, pool, progress)
        try:
            run.go(jpeg)
        except BaseException:
            run.stop()
            raise
    progress.finish("tiles ready")


class _Run:
    """One tiling: the shared buffers and the futures in flight."""

    def __init__(self, plan: TilePlan, out: Path, pool: ThreadPoolExecutor, progress: Progress):
        self.plan, self.out, self.pool, self.progress = plan, out, pool, progress
        self.quality = plan.profile.quality
        self.stopped = threading.Event()
        self.pending: set[Future] = set()
        self.local = threading.local()
        self.smallest: dict[str, np.ndarray] = {}

    def go(self, jpeg: bytes) -> None:
        n = self.plan.face_size
        self._submit(warm_up, n)
        image = decode(self.plan, jpeg)
        self.progress.advance(message="tiling")
        f = self.plan.facts
        frame = SourceFrame(f.full_width, f.full_height, f.crop_left, f.crop_top, f.crop_width, f.crop_height,
                            image.shape[1], image.shape[0])
        self._submit(self._fallback, image, frame)
        buffers = [np.empty((n, n, 3), np.uint8) for _ in range(_FACE_BUFFERS)]
        strips: list[list[Future]] = []
        lower: list[Future] = []
        for k, face in enumerate(FACES):
            if k >= _FACE_BUFFERS:
                self._wait([lower[k - _FACE_BUFFERS]])  # its buffer is free again
            buf = buffers[k % _FACE_BUFFERS]
            strips.append([self._submit(self._strip, image, frame, face, buf, r0)
                           for r0 in range(0, n, TILE_SIZE)])
            if k:
                self._wait(strips[k - 1])
                lower.append(self._submit(self._lower_levels, FACES[k - 1], buffers[(k - 1) % _FACE_BUFFERS]))
        self._wait(strips[-1])
        del image  # the biggest buffer: free it before the last encodes
        lower.append(self._submit(self._lower_levels, FACES[-1], buffers[(len(FACES) - 1) % _FACE_BUFFERS]))
        self._wait(list(self.pending))
        self._write("preview.jpg", preview_stripe(self.smallest, self.plan.profile.preview_face), 75)
        self._write("thumbnail.jpg", thumbnail(self.smallest["f"], self.plan.profile.thumbnail_size), 82)
        self.progress.advance(2)

    def stop(self) -> None:
        self.stopped.set()
        for job in self.pending:
            job.cancel()
        wait(self.pending)

    # -- tasks (run in the pool) ---------------------------------------------------------
    def _strip(self, image: np.ndarray, frame: SourceFrame, face: str, buf: np.ndarray, r0: int) -> int:
        if self.stopped.is_set():
            return 0
        n = buf.shape[0]
        scratch = getattr(self.local, "maps", None)
        if scratch is None or scratch[0].shape != (TILE_SIZE, n):
            scratch = self.local.maps = (np.empty((TILE_SIZE, n), np.float32), np.empty((TILE_SIZE, n), np.float32))
        map_x, map_y = face_maps(face, n, frame, rows=(r0, r0 + TILE_SIZE), out=scratch)
        rows = buf[r0:r0 + TILE_SIZE]
        cv2.remap(image, map_x, map_y, cv2.INTER_LINEAR, dst=rows, borderMode=cv2.BORDER_CONSTANT, borderValue=0)
        top = len(self.plan.levels) - 1
        for col in range(n // TILE_SIZE):
            self._write(TILE_TEMPLATE.format(level=top, face=face, row=r0 // TILE_SIZE, col=col),
                        rows[:, col * TILE_SIZE:(col + 1) * TILE_SIZE], self.quality)
        return n // TILE_SIZE

    def _lower_levels(self, face: str, top: np.ndarray) -> int:
        if self.stopped.is_set():
            return 0
        written, level_image = 0, top
        for level in range(len(self.plan.levels) - 2, -1, -1):
            size = level_image.shape[0] // 2
            level_image = cv2.resize(level_image, (size, size), interpolation=cv2.INTER_AREA)
            for row in range(size // TILE_SIZE):
                for col in range(size // TILE_SIZE):
                    self._write(TILE_TEMPLATE.format(level=level, face=face, row=row, col=col),
                                level_image[row * TILE_SIZE:(row + 1) * TILE_SIZE,
                                            col * TILE_SIZE:(col + 1) * TILE_SIZE], self.quality)
                    written += 1
        # the level-0 face, kept for the preview and thumbnail (top may be a reused buffer)
        self.smallest[face] = level_image.copy()
        return written

    def _fallback(self, image: np.ndarray, frame: SourceFrame) -> int:
        self._write("fallback.jpg", fallback(image, frame, self.plan.fallback_size), self.quality)
        return 1

    # -- plumbing ----------------------------------------------------------------------
    def _submit(self, fn, *args) -> Future:
        job = self.pool.submit(fn, *args)
        self.pending.add(job)
        return job

    def _wait(self, jobs: list[Future]) -> None:
        """Wait for ``jobs``, reporting every finished task and checking for cancel."""
        waiting = set(jobs) & self.pending  # some may have been reported by an earlier wait
        while waiting:
            self.progress.check()
            done, _ = wait(self.pending, timeout=0.2, return_when=FIRST_COMPLETED)
            for job in done:
                self.pending.discard(job)
                waiting.discard(job)
                count = job.result()  # re-raises a task's error here
                if count:
                    self.progress.advance(count)

    def _write(self, name: str, pixels: np.ndarray, quality: int) -> None:
        data = simplejpeg.encode_jpeg(pixels, quality=quality, colorspace="RGB", colorsubsampling="420")
        with open(self.out / name, "wb") as f:
            f.write(data)


def decode(plan: TilePlan, jpeg: bytes) -> np.ndarray:
    """The photo as RGB pixels, at the plan's reduced size when it allows one."""
    width, height = plan.decode_min_size
    try:
        if (width, height) == (plan.facts.width, plan.facts.height):
            return simplejpeg.decode_jpeg(jpeg, colorspace="RGB", strict=False)
        return simplejpeg.decode_jpeg(jpeg, colorspace="RGB", min_width=width, min_height=height, strict=False)
    except ValueError as e:
        raise MediaError(f"panorama {plan.sha256[:12]}…: stored photo no longer decodes ({e})") from None


def fallback(image: np.ndarray, frame: SourceFrame, size: tuple[int, int]) -> np.ndarray:
    """The photo on its full 2:1 canvas (black where it has no pixels) at ``size``."""
    width, height = size
    if frame.covers_width and frame.covers_height:
        return _shrink(image, width, height)
    canvas = np.zeros((height, width, 3), np.uint8)
    left = round(frame.crop_left * width / frame.full_width)
    top = round(frame.crop_top * height / frame.full_height)
    w = max(1, min(width - left, round(frame.crop_width * width / frame.full_width)))
    h = max(1, min(height - top, round(frame.crop_height * height / frame.full_height)))
    canvas[top:top + h, left:left + w] = cv2.resize(image, (w, h), interpolation=cv2.INTER_AREA)
    return canvas


def _shrink(image: np.ndarray, width: int, height: int) -> np.ndarray:
    # Bilinear sampling at exactly half size averages 2×2 pixels: the same result as
    # INTER_AREA at a third of its cost on a 16384-px photo. The last step is exact.
    while image.shape[1] >= 2 * width and image.shape[0] >= 2 * height:
        image = cv2.resize(image, (image.shape[1] // 2, image.shape[0] // 2), interpolation=cv2.INTER_LINEAR)
    if image.shape[:2] == (height, width):
        return image
    return cv2.resize(image, (width, height), interpolation=cv2.INTER_AREA)


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


@contextlib.contextmanager
def _single_threaded_opencv():
    # The pool already keeps every core busy; OpenCV's own threads on top would only
    # add synchronisation (a remap waits for its slowest slice).
    before = cv2.getNumThreads()
    cv2.setNumThreads(1)
    try:
        yield
    finally:
        cv2.setNumThreads(before)
