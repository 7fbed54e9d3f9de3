"""Writing a :class:`~assets.deepzoom.layout.Layout`'s files: two decodes at once,
then every core encoding.

The full-size decode of a large JPEG is one long call that only one core can run.
So while one worker decodes the full size, the other decodes the image again at
half size (the JPEG decoder's DCT scaling: far cheaper than a full decode) and
makes every lower level from it (encode a level's tiles, halve, repeat), then
creates the full-size level's folders and files empty (on this kind of disk
creating a file costs several times what filling it does). When the full size is
decoded, both workers encode its tiles a row at a time, straight from the decoded
planes. Planes are Y/Cb/Cr at 4:2:0 (see :mod:`assets.jpeg_planes`): half the
samples of RGB to hold and to encode, and the encoder takes them as they are.

Memory: the full-size planes (1.5 bytes a pixel: 600 MB for 20,000 × 20,000) and the
half-size ones (a quarter of that); nothing else is of that order. libjpeg-turbo,
simplejpeg and OpenCV release the GIL, so the workers are threads sharing them.
"""

from __future__ import annotations

import os
import threading
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from pathlib import Path

from assets.deepzoom.layout import Layout, Tile
from assets.deepzoom.source import Source, halve_planes
from assets.jpeg_planes import Plane, encode_planes
from assets.progress import Progress

WORKERS = max(2, min(4, os.cpu_count() or 2))


def build_deepzoom(layout: Layout, source: Source, out: Path, progress: Progress, *, quality: int = 85,
                   planar: bool = True) -> None:
    """Write every image file of ``layout`` (not ``info.json``) into the folder ``out``.

    :param planar: decode JPEGs to Y/Cb/Cr planes when possible (False: RGB).
    :raises Cancelled: ``progress`` was cancelled (files already written stay).
    :raises MediaError: the image does not decode.
    """
    progress.start(len(layout.files()), "decoding the image")
    with ThreadPoolExecutor(WORKERS) as pool:
        run = _Run(layout, source, out, pool, quality, planar)
        try:
            run.go(progress)
        except BaseException:
            run.stop()
            raise
    progress.finish("deep-zoom tiles ready")


class _Run:
    def __init__(self, layout: Layout, source: Source, out: Path, pool: ThreadPoolExecutor, quality: int,
                 planar: bool):
        self.layout, self.source, self.out, self.pool = layout, source, out, pool
        self.quality, self.planar = quality, planar
        self.stopped = threading.Event()
        self.pending: set[Future] = set()
        self.lock = threading.Lock()
        self.written = 0
        self.reported = 0

    def go(self, progress: Progress) -> None:
        lower = len(self.layout.scale_factors) > 1
        # a JPEG decodes at half size by itself; anything else is halved from the full size
        full = self._submit(self.source.planes, 1, planar=self.planar)
        low = self._submit(self._lower_levels, None) if lower and self.source.direct else None
        self._wait_for(full, progress)
        planes = full.result()
        if lower and low is None:
            low = self._submit(self._lower_levels, planes)
        tiles = self.layout.level_tiles(1)
        rows = sorted({tile.y for tile in tiles})
        for y in rows:
            self._submit(self._encode, planes, [tile for tile in tiles if tile.y == y])
        del planes
        while self.pending:
            self._collect(progress)

    def stop(self) -> None:
        self.stopped.set()
        for job in self.pending:
            job.cancel()
        wait(self.pending)

    # -- tasks ---------------------------------------------------------------------
    def _lower_levels(self, full: list[Plane] | None) -> None:
        """Every level below the full size, from the half-size decode (or from the
        full-size planes), then the full size's files created empty."""
        planes = halve_planes(full) if full is not None else self.source.planes(2, planar=self.planar)
        del full
        for scale in self.layout.scale_factors[1:]:
            if self.stopped.is_set():
                return
            if scale > 2:
                planes = halve_planes(planes)
            self._encode(planes, self.layout.level_tiles(scale))
            self._encode(planes, [tile for tile in self.layout.size_images if tile.scale == scale])
        del planes
        for tile in self.layout.level_tiles(1):
            if self.stopped.is_set():
                return
            path = self.out / tile.path
            try:
                open(path, "ab").close()  # never truncates a tile a worker has written
            except FileNotFoundError:
                path.parent.mkdir(parents=True, exist_ok=True)
                open(path, "ab").close()

    def _encode(self, planes: list[Plane], tiles: list[Tile]) -> None:
        for tile in tiles:
            if self.stopped.is_set():
                return
            pieces = [p.pixels[tile.y // p.step:-(-(tile.y + tile.height) // p.step),
                               tile.x // p.step:-(-(tile.x + tile.width) // p.step)] for p in planes]
            data = encode_planes(pieces, self.quality)
            path = self.out / tile.path
            try:
                f = open(path, "wb")
            except FileNotFoundError:
                path.parent.mkdir(parents=True, exist_ok=True)
                f = open(path, "wb")
            with f:
                f.write(data)
            with self.lock:
                self.written += 1

    # -- plumbing ----------------------------------------------------------------------
    def _submit(self, fn, *args, **kwargs) -> Future:
        job = self.pool.submit(fn, *args, **kwargs)
        self.pending.add(job)
        return job

    def _wait_for(self, job: Future, progress: Progress) -> None:
        while not job.done():
            self._collect(progress)
        self._collect(progress)

    def _collect(self, progress: Progress) -> None:
        """Wait (briefly) for tasks: report the files written, re-raise a task's error,
        check for cancel."""
        progress.check()
        done, _ = wait(self.pending, timeout=0.2, return_when=FIRST_COMPLETED)
        for job in done:
            self.pending.discard(job)
            job.result()  # re-raises a task's error here
        with self.lock:
            written = self.written
        if written > self.reported:
            progress.advance(written - self.reported, message="tiling")
            self.reported = written
