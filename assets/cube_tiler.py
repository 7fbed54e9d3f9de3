"""Applying a :class:`~assets.cube_tiles.TilePlan`: decode once, remap the six faces
in strips, encode every tile in parallel.

The JPEG is decoded once, to its own Y/Cb/Cr planes where it can be (see
:mod:`assets.jpeg_planes`), at a reduced DCT scale when the plan allows. Meanwhile
the workers compute the angle tables, create the output files empty (creating a file
costs more than filling it) and reserve the memory the sampling will need (freshly
touched memory costs page faults).

A full-turn photo's planes are then packed by quarter turns
(:mod:`assets.quarter_turns`): the four side faces are sampled together, a strip one
tile high at a time, by one 4-channel ``cv2.remap`` (bilinear) of the front face's
maps; each polar face is one quadrant sampled four times over and turned into place.
Other photos (a partial turn, RGB) are sampled plane by plane: a strip task of the up
face, of the down face, or of the four side faces (they share their y map, and their
x depends on the column only).

Each strip's top-level tiles are encoded and the strip is halved into its face's next
level. Once a face's strips are done, one task encodes its lower levels. Strips are
fed to the pool a few at a time, so a face's lower levels start as soon as it is
whole. OpenCV, numpy, simplejpeg and TurboJPEG all release the GIL; only the decoded
photo (or its packings) and the half-size faces stay in memory.
"""

from __future__ import annotations

import contextlib
import threading
from collections import deque
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from pathlib import Path

import cv2
import numpy as np
import simplejpeg

from assets import quarter_turns
from assets.cube_geometry import (FACES, SourceFrame, border_mode, quadrant_maps, side_columns_x, split_at_middle,
                                  strip_maps, warm_up)
from assets.cube_tiles import MANIFEST, TILE_TEMPLATE, TilePlan
from assets.jpeg_planes import Plane, decode_planes, encode_planes, plane_layout
from assets.progress import Progress

_WORKERS = max(2, min(8, cv2.getNumberOfCPUs() or 2))
_SIDE_FACES = quarter_turns.SIDE_FACES
_STRIPS = (_SIDE_FACES, ("u",), ("d",))  # the order of warm_up's tables


def build_tiles(plan: TilePlan, jpeg: bytes, out: Path, progress: Progress, *, planar: bool = True) -> None:
    """Write every file of ``plan`` except the manifest into the empty folder ``out``.

    :param planar: decode to Y/Cb/Cr planes when possible (False: always RGB).
    """
    progress.start(len(plan.tile_paths()) + 4, "decoding the panorama")
    for i in range(len(plan.levels)):
        for face in FACES:
            (out / f"tiles/{i}/{face}").mkdir(parents=True)
    with _single_threaded_opencv(), ThreadPoolExecutor(_WORKERS) as pool:
        run = _Run(plan, out, pool, progress)
        try:
            run.go(jpeg, planar)
        except BaseException:
            run.stop()
            raise
    progress.finish("tiles ready")


class _Source:
    """The decoded photo grouped by sampling step: planes of one step share their maps."""

    def __init__(self, plan: TilePlan, planes: list[Plane]):
        self.groups: list[tuple[int, SourceFrame, list[np.ndarray]]] = []
        for step in sorted({p.step for p in planes}):
            arrays = [p.pixels for p in planes if p.step == step]
            h, w = arrays[0].shape[:2]
            self.groups.append((step, _frame(plan, w, h), arrays))

    def empty_like(self, size: int) -> list[np.ndarray]:
        """Blank face planes for a face of ``size`` px, in plane order."""
        return [np.empty((size // step, size // step, *a.shape[2:]), np.uint8)
                for step, _, arrays in self.groups for a in arrays]


def _frame(plan: TilePlan, width: int, height: int) -> SourceFrame:
    """Where a plane decoded at ``width`` × ``height`` sits in the panorama."""
    f = plan.facts
    return SourceFrame(f.full_width, f.full_height, f.crop_left, f.crop_top, f.crop_width, f.crop_height,
                       width, height)


class _Turns:
    """The photo's planes packed by quarter turns (:mod:`assets.quarter_turns`): per
    plane group, a packing of the region the side faces read and one of each polar
    face's region; and the whole up and down faces sampled from them. Planned from
    the JPEG's header, so that the memory is ready before the photo is decoded."""

    @classmethod
    def for_layout(cls, plan: TilePlan, layout: list[tuple[int, int, int]] | None) -> _Turns | None:
        """The packings for planes of this ``layout`` (:func:`plane_layout`), or None
        when they cannot be packed."""
        if layout is None:
            return None
        frames = [(step, _frame(plan, w, h)) for step, w, h in layout]
        if not all(quarter_turns.applies(frame) for _, frame in frames):
            return None
        return cls(plan.face_size, frames)

    def __init__(self, face_size: int, frames: list[tuple[int, SourceFrame]]):
        self.face_size = face_size
        self.planes: list[tuple[int, SourceFrame, dict[str, quarter_turns.Region]]] = [
            (step, frame, {"side": quarter_turns.side_region(frame), "u": quarter_turns.polar_region(frame, "u"),
                           "d": quarter_turns.polar_region(frame, "d")}) for step, frame in frames]
        self.packed: list[dict[str, np.ndarray]] = []  # per plane, by region
        self.whole: dict[str, list[tuple[int, np.ndarray]]] = {}  # per polar face, its (step, plane)s

    def allocate(self) -> int:
        """Reserve the packings and the polar faces, and touch every page of them (a
        worker does this while the JPEG decodes: fresh memory costs page faults)."""
        self.packed = [{key: quarter_turns.empty(region) for key, region in regions.items()}
                       for _, _, regions in self.planes]
        self.whole = {face: [(step, np.empty((self.face_size // step,) * 2, np.uint8)) for step, _, _ in self.planes]
                      for face in ("u", "d")}
        return _touch([*(p for packed in self.packed for p in packed.values()),
                       *(p for planes in self.whole.values() for _, p in planes)])

    def groups(self):
        """(step, frame, regions, {region: packings}) per plane group (planes of one
        step share their maps)."""
        for step in sorted({step for step, _, _ in self.planes}):
            members = [i for i, (s, _, _) in enumerate(self.planes) if s == step]
            _, frame, regions = self.planes[members[0]]
            yield step, frame, regions, {key: [self.packed[i][key] for i in members] for key in regions}

    def pack_tasks(self, planes: list[Plane], rows: int):
        """(plane, region, packing, row range) in bands of ``rows``, to share among workers."""
        for plane, (step, frame, regions), packed in zip(planes, self.planes, self.packed):
            if plane.pixels.shape != (frame.decoded_height, frame.decoded_width):
                raise RuntimeError(f"decoded plane {plane.pixels.shape} differs from its header's layout")
            for key, region in regions.items():
                for a in range(0, region.height, rows):
                    yield plane.pixels, region, packed[key], (a, min(a + rows, region.height))


class _Run:
    """One tiling: the shared buffers and the futures in flight."""

    def __init__(self, plan: TilePlan, out: Path, pool: ThreadPoolExecutor, progress: Progress):
        self.plan, self.out, self.pool, self.progress = plan, out, pool, progress
        self.quality = plan.profile.quality
        self.tile = plan.tile_size  # a multiple of 4: whole 4:2:0 chroma rows, also once halved
        self.top = len(plan.levels) - 1  # the index of the largest level
        self.label = f"panorama {plan.sha256[:12]}…"
        self.stopped = threading.Event()
        self.pending: set[Future] = set()
        self.local = threading.local()
        # per face, its planes one level below the top (the top face itself when it is
        # the only level), filled strip by strip
        self.next_level: dict[str, list[np.ndarray]] = {}
        self.strips_left: dict[str, int] = {}  # per face, its top-level strips not yet encoded

    def go(self, jpeg: bytes, planar: bool) -> None:
        n = self.plan.face_size
        below = n // 2 if self.top else n  # the next level's face size
        layout = plane_layout(jpeg, self.plan.decode_min_size, self.label, planar=planar)
        steps = sorted({step for step, _, _ in layout}) if layout else [1]
        self._submit(self._prepare, [n // step for step in steps])
        turns = _Turns.for_layout(self.plan, layout)
        self.strips_left = {face: n // self.tile for face in FACES}
        if turns:
            reserved = [self._submit(turns.allocate)]
            self.next_level = {face: [np.empty((below // step,) * 2, np.uint8) for step, _, _ in layout]
                               for face in FACES}
            reserved.append(self._submit(_touch, [p for planes in self.next_level.values() for p in planes]))
        planes = decode_planes(jpeg, self.plan.decode_min_size, self.label, planar=planar)
        self.progress.advance(message="tiling")
        self._submit(self._fallback, planes)
        if turns:
            while not all(job.done() for job in reserved):
                self._collect()
            todo = self._quarter_turn_tasks(turns, planes)
        else:
            source = _Source(self.plan, planes)
            self.next_level = {face: source.empty_like(below) for face in FACES}
            todo = deque((self._strip, (source, faces, r0), self._strips_done(faces))
                         for faces in _STRIPS for r0 in range(0, n, self.tile))
            del source
        del planes
        self._run(todo)
        while self.pending:
            self._collect()
        smallest = {face: simplejpeg.decode_jpeg((self.out / TILE_TEMPLATE.format(
            level=0, face=face, row=0, col=0)).read_bytes(), colorspace="RGB") for face in FACES}
        self._write("preview.jpg", [preview_stripe(smallest, self.plan.profile.preview_face)], 75)
        self._write("thumbnail.jpg", [thumbnail(smallest["f"], self.plan.profile.thumbnail_size)], 82)
        self.progress.advance(2)
        unwritten = [name for name in self.plan.files() if name != MANIFEST and not (self.out / name).stat().st_size]
        if unwritten:  # a file created ahead but never filled: a bug, never a cache entry
            raise RuntimeError(f"tiler left {len(unwritten)} files empty, {unwritten[0]} first")

    def _quarter_turn_tasks(self, turns: _Turns, planes: list[Plane]) -> deque:
        """Pack the planes by quarter turns (all workers, waiting for the end), then the
        tasks that sample the faces from the packings: the side faces a strip of all four
        at a time; the up and down faces a band of quadrant rows at a time, and once a
        face is whole, its strips."""
        packing = [self._submit(quarter_turns.pack_rows, *task) for task in turns.pack_tasks(planes, self.tile)]
        while not all(job.done() for job in packing):
            self._collect()
        n = self.plan.face_size
        bands_left = {face: len(range(0, n // 2, self.tile)) for face in ("u", "d")}

        def band_done(face: str):
            def then():
                bands_left[face] -= 1
                return () if bands_left[face] else [(self._polar_strip, (turns, face, r0), self._strips_done((face,)))
                                                    for r0 in range(0, n, self.tile)]
            return then
        # the side faces first: their last strip completes all four, whose lower levels
        # then overlap with the polar faces' work instead of ending the tiling
        return deque([*((self._side_strip, (turns, r0), self._strips_done(_SIDE_FACES))
                        for r0 in range(0, n, self.tile)),
                      *((self._polar_band, (turns, face, r0), band_done(face))
                        for face in ("u", "d") for r0 in range(0, n // 2, self.tile))])

    def _strips_done(self, faces: tuple[str, ...]):
        """What follows a strip of ``faces``: once a face's strips are all done, its lower levels."""
        def then():
            for face in faces:
                self.strips_left[face] -= 1
                if not self.strips_left[face]:
                    self._submit(self._lower_levels, face)
            return ()
        return then

    def _run(self, todo: deque) -> None:
        """Run the tasks (function, arguments, then), a few at a time so that lower levels
        start promptly. ``then()`` is called here when its task is done, and returns the
        tasks that follow from it, to run next."""
        running: dict[Future, object] = {}
        while todo or running:
            while todo and len(running) <= _WORKERS:
                fn, args, then = todo.popleft()
                running[self._submit(fn, *args)] = then
            for job in self._collect():
                if job in running:
                    todo.extendleft(reversed(list(running.pop(job)())))

    def stop(self) -> None:
        self.stopped.set()
        for job in self.pending:
            job.cancel()
        wait(self.pending)

    # -- tasks (run in the pool) ---------------------------------------------------------
    def _prepare(self, face_sizes: list[int]) -> int:
        """While the JPEG decodes (one core): the angle tables, then every output file,
        created empty, as making a file costs far more than writing into one (here
        ~0.4 ms against ~0.03)."""
        warm_up(*face_sizes)
        for name in self.plan.files():
            if self.stopped.is_set():
                break
            if name != MANIFEST:
                open(self.out / name, "ab").close()  # never truncates one a task has written
        return 0

    def _fallback(self, planes: list[Plane]) -> int:
        if self.stopped.is_set():
            return 0
        self._write("fallback.jpg", fallback(planes, self.plan), self.quality)
        return 1

    def _strip(self, source: _Source, faces: tuple[str, ...], r0: int) -> int:
        """Rows r0 … r0 + tile size of ``faces``: remap, encode the top level, halve."""
        if self.stopped.is_set():
            return 0
        n = self.plan.face_size
        groups = [(step, frame, arrays, self._scratch(n // step, self.tile // step, arrays))
                  for step, frame, arrays in source.groups]
        if faces == _SIDE_FACES:  # one y map serves the four faces
            side_runs = {step: self._maps("f", n // step, frame, r0 // step, maps)
                         for step, frame, _, maps in groups}
        for face in faces:
            strip = []
            for step, frame, arrays, (map_x, map_y, outs) in groups:
                if face in _SIDE_FACES:
                    map_x[:] = side_columns_x(face, n // step, frame)
                    runs, block = side_runs[step], map_x.shape[1]
                else:
                    # the up and down faces read across the photo's rows: a tile-wide
                    # block at a time keeps that in cache (~20 % faster)
                    runs, block = self._maps(face, n // step, frame, r0 // step, (map_x, map_y)), self.tile // step
                for array, out in zip(arrays, outs):
                    _sample(array, map_x, map_y, out, runs, block, border_mode(frame), _black(step))
                    strip.append((step, out))
            self._emit(face, r0, strip)
        return len(faces) * (n // self.tile)

    def _side_strip(self, turns: _Turns, r0: int) -> int:
        """Rows r0 … r0 + tile size of the four side faces, sampled together from the
        packings: the front face's maps, channel k the face k quarter turns right."""
        if self.stopped.is_set():
            return 0
        n = self.plan.face_size
        strips: dict[str, list[tuple[int, np.ndarray]]] = {face: [] for face in _SIDE_FACES}
        for step, frame, regions, packed in turns.groups():
            region, arrays = regions["side"], packed["side"]
            map_x, map_y, outs = self._scratch(n // step, self.tile // step, arrays)
            runs = self._maps("f", n // step, frame, r0 // step, (map_x, map_y), (0, region.top))
            map_x[:] = side_columns_x("f", n // step, frame) - np.float32(region.left)
            for i, (array, out) in enumerate(zip(arrays, outs)):
                _sample(array, map_x, map_y, out, runs, out.shape[1], border_mode(frame), (_black(step),) * 4)
                channels = cv2.split(out, [self._buffer(("face strip", i, k), out.shape[:2]) for k in range(4)])
                for face, channel in zip(quarter_turns.SIDE_FACES, channels):
                    strips[face].append((step, channel))
        for face in _SIDE_FACES:
            self._emit(face, r0, strips[face])
        return len(_SIDE_FACES) * (n // self.tile)

    def _polar_band(self, turns: _Turns, face: str, r0: int) -> int:
        """Quadrant rows r0 … r0 + tile size of the up or down face from its packings,
        sampled four quarter turns at once, each turned into its place in the whole face."""
        if self.stopped.is_set():
            return 0
        wholes = iter(turns.whole[face])
        for step, frame, regions, packed in turns.groups():
            h = self.plan.face_size // step // 2
            a, b = r0 // step, min((r0 + self.tile) // step, h)
            map_x, map_y = self._buffer("map_x", (b - a, h), np.float32), self._buffer("map_y", (b - a, h), np.float32)
            flipped = quadrant_maps(face, 2 * h, frame, map_x, map_y, regions[face].origin, (a, b))
            band = self._buffer("band", (b - a, h, 4))
            channels = [self._buffer(("quadrant", k), (b - a, h)) for k in range(4)]
            for array in packed[face]:
                _sample(array, map_x, map_y, band, [((0, b - a), flipped)], h, border_mode(frame), (_black(step),) * 4)
                rows = (h - b, h - a) if flipped else (a, b)
                quarter_turns.place_quadrant_rows(face, cv2.split(band, channels), rows, next(wholes)[1])
        return 0

    def _polar_strip(self, turns: _Turns, face: str, r0: int) -> int:
        """Rows r0 … r0 + tile size of a polar face made whole by :meth:`_polar_band`."""
        if self.stopped.is_set():
            return 0
        self._emit(face, r0, [(step, whole[r0 // step:(r0 + self.tile) // step]) for step, whole in turns.whole[face]])
        return self.plan.face_size // self.tile

    def _emit(self, face: str, r0: int, strip: list[tuple[int, np.ndarray]]) -> None:
        """Encode a face strip's top-level tiles ((step, plane) pieces) and halve it into
        the face's next level."""
        n = self.plan.face_size
        for col in range(n // self.tile):
            self._write(TILE_TEMPLATE.format(level=self.top, face=face, row=r0 // self.tile, col=col),
                        [out[:, col * self.tile // step:(col + 1) * self.tile // step] for step, out in strip],
                        self.quality)
        for (step, out), below in zip(strip, self.next_level[face]):
            if self.top:  # halved: each pixel the mean of 2×2
                half = self.tile // step // 2
                cv2.resize(out, (below.shape[1], half), dst=below[r0 // step // 2:r0 // step // 2 + half],
                           interpolation=cv2.INTER_LINEAR)
            else:
                below[r0 // step:(r0 + self.tile) // step] = out

    @staticmethod
    def _maps(face: str, size: int, frame: SourceFrame, first: int, maps,
              origin: tuple[int, int] = (0, 0)) -> list[tuple[tuple[int, int], bool]]:
        """Fill the strip's maps from row ``first`` of a ``size``-px face; returns the runs
        of strip rows (at most two: one per half of the face) and whether each comes out
        upside down."""
        map_x, map_y = maps[0], maps[1]
        runs = []
        for a, b in split_at_middle(first, first + map_y.shape[0], size):
            rows = slice(a - first, b - first)
            runs.append(((a - first, b - first),
                         strip_maps(face, size, frame, (a, b), map_x[rows], map_y[rows], origin)))
        return runs

    def _lower_levels(self, face: str) -> int:
        if self.stopped.is_set():
            return 0
        written, planes = 0, self.next_level[face]
        full = planes[0].shape[0]  # step-1 plane: the face size at this level
        for level in range(self.top - 1, -1, -1):
            if level < self.top - 1:
                planes, full = [halve(p) for p in planes], full // 2
            steps = [full // p.shape[0] for p in planes]
            for row in range(full // self.tile):
                for col in range(full // self.tile):
                    self._write(TILE_TEMPLATE.format(level=level, face=face, row=row, col=col),
                                [p[row * self.tile // s:(row + 1) * self.tile // s,
                                   col * self.tile // s:(col + 1) * self.tile // s] for p, s in zip(planes, steps)],
                                self.quality)
                    written += 1
        return written

    # -- plumbing ----------------------------------------------------------------------
    def _scratch(self, width: int, rows: int, arrays: list[np.ndarray]):
        """This thread's maps (rows, width) and strip buffers for one plane group."""
        return (self._buffer("map_x", (rows, width), np.float32), self._buffer("map_y", (rows, width), np.float32),
                [self._buffer(("strip", i), (rows, width, *a.shape[2:])) for i, a in enumerate(arrays)])

    def _buffer(self, name, shape: tuple[int, ...], dtype=np.uint8) -> np.ndarray:
        """This thread's buffer ``name`` of this shape, kept from task to task: memory
        freshly touched costs page faults (on a VM up to ~1 ms a megabyte), and the
        allocator hands large blocks back to the system as soon as they are freed."""
        buffers = self.local.__dict__.setdefault("buffers", {})
        key = (name, shape, np.dtype(dtype).str)
        if key not in buffers:
            buffers[key] = np.empty(shape, dtype)
        return buffers[key]

    def _submit(self, fn, *args) -> Future:
        job = self.pool.submit(fn, *args)
        self.pending.add(job)
        return job

    def _collect(self) -> set[Future]:
        """Wait (briefly) for tasks to finish: report them, re-raise their errors and
        check for cancel. Returns the finished ones."""
        self.progress.check()
        done, _ = wait(self.pending, timeout=0.2, return_when=FIRST_COMPLETED)
        for job in done:
            self.pending.discard(job)
            count = job.result()  # re-raises a task's error here
            if count:
                self.progress.advance(count)
        return done

    def _write(self, name: str, pieces: list[np.ndarray], quality: int) -> None:
        data = encode_planes(pieces, quality)
        with open(self.out / name, "wb") as f:
            f.write(data)


def _touch(arrays: list[np.ndarray]) -> int:
    """Write a byte into every page of ``arrays``, so the page faults of fresh memory
    are paid here (in a worker, while the JPEG decodes) instead of in the sampling."""
    for array in arrays:
        array.reshape(-1)[::4096] = 0
    return 0


def _sample(array: np.ndarray, map_x: np.ndarray, map_y: np.ndarray, out: np.ndarray,
            runs: list[tuple[tuple[int, int], bool]], block: int, border: int, black) -> None:
    """Bilinear samples of ``array`` at the maps into ``out``, ``block`` columns at a
    time, each run of rows flipped back when its maps were upside down."""
    for (a, b), flipped in runs:
        for c0 in range(0, out.shape[1], block):
            cols = slice(c0, c0 + block)
            cv2.remap(array, map_x[a:b, cols], map_y[a:b, cols], cv2.INTER_LINEAR, dst=out[a:b, cols],
                      borderMode=border, borderValue=black)
        if flipped:
            cv2.flip(out[a:b], 0, dst=out[a:b])


def _black(step: int) -> int:
    """Black in a plane of this step: 0 in RGB and Y, 128 (no colour) in Cb and Cr."""
    return 0 if step == 1 else 128


def fallback_region(plan: TilePlan) -> tuple[int, int, int, int]:
    """(left, top, width, height) of the photo on the fallback's 2:1 canvas."""
    f = plan.facts
    width, height = plan.fallback_size
    left = round(f.crop_left * width / f.full_width)
    top = round(f.crop_top * height / f.full_height)
    w = max(1, min(width - left, round(f.crop_width * width / f.full_width)))
    h = max(1, min(height - top, round(f.crop_height * height / f.full_height)))
    return left, top, w, h


def fallback(planes: list[Plane], plan: TilePlan) -> list[np.ndarray]:
    """The decoded photo's planes on its full 2:1 canvas (black where it has no
    pixels), at the plan's fallback size: ready for :func:`encode_planes`."""
    width, height = plan.fallback_size
    left, top, w, h = fallback_region(plan)
    pieces = []
    for plane in planes:
        s = plane.step
        pixels = resize_to(plane.pixels, -(-w // s), -(-h // s))
        if (w, h) != (width, height):
            canvas = np.full((-(-height // s), -(-width // s), *pixels.shape[2:]), _black(s), np.uint8)
            canvas[top // s:top // s + pixels.shape[0], left // s:left // s + pixels.shape[1]] = pixels
            pixels = canvas
        pieces.append(pixels)
    return pieces


def resize_to(image: np.ndarray, width: int, height: int) -> np.ndarray:
    """``image`` at exactly ``width``×``height``: halved while that stays at least as
    large, then area-averaged (or, when smaller, interpolated) to the size."""
    while image.shape[1] >= 2 * width and image.shape[0] >= 2 * height:
        image = halve(image)
    if image.shape[:2] == (height, width):
        return image
    smaller = image.shape[1] < width or image.shape[0] < height
    return cv2.resize(image, (width, height), interpolation=cv2.INTER_LINEAR if smaller else cv2.INTER_AREA)


def halve(image: np.ndarray) -> np.ndarray:
    """``image`` at half its size, each pixel the mean of 2×2 (bilinear sampling at
    exactly half size: the same as INTER_AREA at a fraction of its cost)."""
    return cv2.resize(image, (image.shape[1] // 2, image.shape[0] // 2), interpolation=cv2.INTER_LINEAR)


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
