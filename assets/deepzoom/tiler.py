"""Writing a :class:`~assets.deepzoom.layout.Layout`'s files: two decodes at once,
then every core encoding.

The full-size decode of a large JPEG is one long call that only one core can run.
So while it runs, another worker decodes the image again at half size (the JPEG
decoder's DCT scaling: far cheaper than a full decode) and makes every lower level
from it (encode a level's tiles, halve, repeat), then creates the full-size level's
folders and files empty (on this kind of disk creating a file costs several times
what filling it does). When the full size is decoded, the workers encode its tiles,
rows shared out among them, straight from the decoded planes. Planes are Y/Cb/Cr at
4:2:0 (see :mod:`assets.jpeg_planes`): half the samples of RGB to hold and to encode,
and the encoder takes them as they are.

Where the system can fork (Linux, macOS), the workers are child processes: the
encoders are forked once the full size is decoded, so they read its planes from the
parent's memory (shared, never copied, as nobody writes them). Threads would share
them too, but every thread needs Python's global lock between two tiles, and on a
machine busy with other programs a thread that holds it and loses its core stalls
the others (measured here under load: 4× the wall time of the CPU time, against 2×
with processes). Elsewhere the workers are threads.

Memory: the full-size planes (1.5 bytes a pixel: 600 MB for 20,000 × 20,000) and the
half-size ones (a quarter of that); nothing else is of that order.

Tried and dropped: decoding the full size in bands with libjpeg-turbo's ``djpeg
-crop`` (a band lower down only entropy-decodes the rows above it), one per worker,
each streaming RGB strips through a pipe: memory fell to a strip per worker, but
moving 1.2 GB of RGB through pipes cost 4–6 s of system time, twice the wall time of
decoding whole.
"""

from __future__ import annotations

import builtins
import os
import select
import signal
import threading
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from pathlib import Path
from typing import Callable

from assets.deepzoom.layout import Layout, Tile
from assets.deepzoom.source import Source, halve_planes
from assets.errors import MediaError
from assets.jpeg_planes import Plane, encode_planes
from assets.progress import Progress

WORKERS = max(2, min(4, os.cpu_count() or 2))
Report = Callable[[int], None]  # a worker's count of files written since its last report


def build_deepzoom(layout: Layout, source: Source, out: Path, progress: Progress, *, quality: int = 85,
                   planar: bool = True, processes: bool | None = None) -> None:
    """Write every image file of ``layout`` (not ``info.json``) into the folder ``out``.

    :param planar: decode JPEGs to Y/Cb/Cr planes when possible (False: RGB).
    :param processes: workers are child processes (default: where the system can fork).
    :raises Cancelled: ``progress`` was cancelled (files already written stay).
    :raises MediaError: the image does not decode.
    """
    progress.start(len(layout.files()), "decoding the image")
    work = _Work(layout, source, out, quality, planar)
    if processes if processes is not None else hasattr(os, "fork"):
        _run_forked(work, progress)
    else:
        _run_threaded(work, progress)
    progress.finish("deep-zoom tiles ready")


class _Work:
    """What the workers do, whichever way they run."""

    def __init__(self, layout: Layout, source: Source, out: Path, quality: int, planar: bool):
        self.layout, self.source, self.out, self.quality, self.planar = layout, source, out, quality, planar
        self.stopped = threading.Event()

    @property
    def has_lower(self) -> bool:
        return len(self.layout.scale_factors) > 1

    def full_size(self) -> list[Plane]:
        return self.source.planes(1, planar=self.planar)

    def lower_levels(self, full: list[Plane] | None, report: Report) -> None:
        """Every level below the full size, from the half-size decode (a JPEG decodes at
        half size by itself) or from the full-size planes; then the full size's files
        created empty."""
        planes = halve_planes(full) if full is not None else self.source.planes(2, planar=self.planar)
        del full
        for scale in self.layout.scale_factors[1:]:
            if scale > 2:
                planes = halve_planes(planes)
            self.encode(planes, self.layout.owned_tiles(scale), report)
            self.encode(planes, [tile for tile in self.layout.size_images if tile.scale == scale], report)
        del planes
        for tile in self.layout.owned_tiles(1):
            if self.stopped.is_set():
                return
            path = self.out / tile.path
            try:
                open(path, "ab").close()  # never truncates a tile a worker has written
            except FileNotFoundError:
                path.parent.mkdir(parents=True, exist_ok=True)
                open(path, "ab").close()

    def full_size_rows(self, planes: list[Plane], share: int, shares: int, report: Report) -> None:
        """Encode rows ``share``, ``share + shares``, … of the full size's tiles."""
        tiles = self.layout.owned_tiles(1)
        rows = sorted({tile.y for tile in tiles})[share::shares]
        for y in rows:
            self.encode(planes, [tile for tile in tiles if tile.y == y], report)

    def encode(self, planes: list[Plane], tiles: list[Tile], report: Report) -> None:
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
            report(1)


# -- child processes -------------------------------------------------------------------------
def _run_forked(work: _Work, progress: Progress) -> None:
    read_end, write_end = os.pipe()
    children: list[int] = []
    try:
        if work.has_lower and work.source.direct:
            children.append(_fork(lambda report: work.lower_levels(None, report), read_end, write_end))
        planes = work.full_size()
        if work.has_lower and not work.source.direct:
            children.append(_fork(lambda report: work.lower_levels(planes, report), read_end, write_end))
        progress.advance(0, message="tiling")
        children += [_fork(lambda report, i=i: work.full_size_rows(planes, i, WORKERS, report), read_end, write_end)
                     for i in range(WORKERS)]
        del planes  # the children have their copy-on-write view; the parent's goes
        os.close(write_end)
        write_end = -1
        _watch(children, read_end, progress)
    except BaseException:
        for pid in children:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        raise
    finally:
        for pid in children:
            try:
                os.waitpid(pid, 0)
            except ChildProcessError:
                pass
        os.close(read_end)
        if write_end >= 0:
            os.close(write_end)


def _fork(task: Callable[[Report], None], read_end: int, write_end: int) -> int:
    """Run ``task`` in a child process that reports counts (``"<n>\\n"``) or its error
    (``"!<text>\\n"``) on ``write_end`` and exits."""
    pid = os.fork()
    if pid:
        return pid
    code = 0
    try:
        os.close(read_end)
        task(lambda n: os.write(write_end, f"{n}\n".encode()))
    except BaseException as e:  # noqa: BLE001 (the parent raises it)
        text = str(e).replace("\n", " ")[:400]
        os.write(write_end, f"!{type(e).__name__}\t{text}\n".encode())
        code = 1
    finally:
        os._exit(code)  # never runs the parent's clean-up (atexit, buffered files) twice


def _watch(children: list[int], read_end: int, progress: Progress) -> None:
    """Report the children's counts until they have all closed the pipe; raise the first
    error one reports; check for cancel."""
    buffer = b""
    while True:
        progress.check()
        ready, _, _ = select.select([read_end], [], [], 0.2)
        if not ready:
            continue
        chunk = os.read(read_end, 65536)
        if not chunk:
            break  # every child has exited
        buffer += chunk
        *lines, buffer = buffer.split(b"\n")
        done = 0
        for line in lines:
            if line.startswith(b"!"):
                kind, _, text = line[1:].decode(errors="replace").partition("\t")
                if kind == "MediaError":
                    raise MediaError(text)
                if isinstance(getattr(builtins, kind, None), type) and issubclass(getattr(builtins, kind), OSError):
                    raise OSError(text)  # a full disk, a folder gone: the caller names the folder
                raise RuntimeError(f"deep-zoom worker failed: {kind}: {text}")
            done += int(line)
        if done:
            progress.advance(done)
    for pid in children:
        _, status = os.waitpid(pid, 0)
        if os.waitstatus_to_exitcode(status):
            raise RuntimeError(f"deep-zoom worker {pid} ended with status {os.waitstatus_to_exitcode(status)}")
    children.clear()


# -- threads -----------------------------------------------------------------------------------
def _run_threaded(work: _Work, progress: Progress) -> None:
    written = [0]
    lock = threading.Lock()

    def report(n: int) -> None:
        with lock:
            written[0] += n

    pending: set[Future] = set()
    reported = 0

    def collect() -> None:
        nonlocal reported
        progress.check()
        done, _ = wait(pending, timeout=0.2, return_when=FIRST_COMPLETED)
        for job in done:
            pending.discard(job)
            job.result()  # re-raises a task's error here
        with lock:
            now = written[0]
        if now > reported:
            progress.advance(now - reported, message="tiling")
            reported = now

    with ThreadPoolExecutor(WORKERS) as pool:
        try:
            full = pool.submit(work.full_size)
            pending.add(full)
            if work.has_lower and work.source.direct:
                pending.add(pool.submit(work.lower_levels, None, report))
            while not full.done():
                collect()
            planes = full.result()
            if work.has_lower and not work.source.direct:
                pending.add(pool.submit(work.lower_levels, planes, report))
            pending.update(pool.submit(work.full_size_rows, planes, i, WORKERS, report) for i in range(WORKERS))
            del planes
            while pending:
                collect()
        except BaseException:
            work.stopped.set()
            for job in pending:
                job.cancel()
            wait(pending)
            raise
