"""Benchmark: a 20,000 × 20,000 JPEG → IIIF level-0 deep-zoom tiles, against libvips.

Each run times, in fresh processes and in alternating order, (1) Yunzhan's
``assets.deepzoom.build_folder`` (reading the file included) and (2) libvips
``vips dzsave --layout iiif3`` with the same tile size, no overlap and the same
JPEG quality, on the same input, and reads each one's peak memory (max RSS of
that process alone). The best of --repeat runs is reported for each (the machine
is shared), with the CPU seconds each used (all threads and worker processes) and
its peak memory: for Yunzhan the main process's and, apart, the largest worker
process's (forked: the pages it shares with the main process are counted in both).

    .venv/bin/python bench/deepzoom.py [--size 20000] [--tile 512] [--repeat 3]

The input is made once into --workdir (default ~/.cache/yunzhan-bench/deepzoom): a
procedural "painting" (smooth colour fields, fine brush-like texture and noise, so
the JPEG has detail to code), quality 90, 4:2:0. Needs Debian's ``libvips-tools``
(``vips``). Goals: faster than ``vips dzsave`` in the same run; peak RSS < 1.5 GB.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
QUALITY = 85


def make_input(size: int, workdir: Path) -> Path:
    """The test image (made once): Y/Cb/Cr planes encoded directly, 1.5 bytes a pixel."""
    import numpy as np
    import simplejpeg

    path = workdir / f"painting{size}.jpg"
    if path.exists():
        return path
    rng = np.random.default_rng(1)
    y = np.empty((size, size), np.uint8)
    half = -(-size // 2)
    cb, cr = np.empty((half, half), np.uint8), np.empty((half, half), np.uint8)
    x = np.linspace(0, 40 * np.pi, size, dtype=np.float32)
    band = 1000
    for r0 in range(0, size, band):
        rows = np.arange(r0, min(size, r0 + band), dtype=np.float32)[:, None] * np.float32(40 * np.pi / size)
        pixels = 96 + 60 * np.sin(x * 0.37 + rows) * np.cos(x * 0.05 - rows * 0.3) + 40 * np.sin(x * 3.1 + rows * 2.7)
        pixels += rng.normal(0, 6, pixels.shape).astype(np.float32)
        y[r0:r0 + band] = np.clip(pixels, 0, 255)
    xs = x[::2][:half]
    for r0 in range(0, half, band):
        rows = np.arange(r0, min(half, r0 + band), dtype=np.float32)[:, None] * np.float32(80 * np.pi / size)
        cb[r0:r0 + band] = np.clip(128 + 30 * np.sin(xs * 0.2 + rows * 0.5), 0, 255)
        cr[r0:r0 + band] = np.clip(128 + 30 * np.cos(xs * 0.13 - rows * 0.7), 0, 255)
    tmp = path.with_suffix(".part")
    tmp.write_bytes(simplejpeg.encode_jpeg_yuv_planes(y, cb, cr, quality=90))
    os.replace(tmp, path)
    return path


def child_yunzhan(jpeg: str, out: str, tile: int) -> dict:
    """Runs in a fresh process, the modules already imported (as in an exporter)."""
    import assets.deepzoom.tiler  # noqa: F401
    from assets.deepzoom import build_folder

    c0, t0 = _cpu(), time.perf_counter()
    layout = build_folder(Path(jpeg).read_bytes(), Path(out), tile_size=tile, quality=QUALITY)
    (Path(out) / "info.json").write_text(json.dumps(layout.info("https://example.org/iiif/image")))
    import resource

    # the workers are forked children reading the parent's planes: their RSS counts
    # those shared pages again, so parent + largest worker overstates the memory used
    worker = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"s": time.perf_counter() - t0, "cpu": _cpu() - c0, "rss_mb": _peak_rss_mb(), "worker_mb": worker,
            "files": len(layout.files())}


def run_vips(jpeg: Path, out: Path, tile: int) -> dict:
    argv = ["vips", "dzsave", str(jpeg), str(out / "image"), "--layout", "iiif3", "--tile-size", str(tile),
            "--overlap", "0", "--suffix", f".jpg[Q={QUALITY}]"]
    t0 = time.perf_counter()
    proc = subprocess.Popen(argv, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        sys.exit(f"vips dzsave failed: {proc.stderr.read().decode(errors='replace')}")
    files = sum(1 for _ in (out / "image").rglob("*.jpg"))
    return {"s": seconds, "cpu": usage.ru_utime + usage.ru_stime, "rss_mb": usage.ru_maxrss / 1024, "files": files}


def run_yunzhan(jpeg: Path, out: Path, tile: int) -> dict:
    result = subprocess.run([sys.executable, __file__, "--child", str(jpeg), str(out), str(tile)],
                            capture_output=True, text=True, cwd=REPO)
    if result.returncode:
        sys.exit(f"benchmark child failed:\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def _peak_rss_mb() -> float:
    with open("/proc/self/status") as f:
        return next(int(line.split()[1]) for line in f if line.startswith("VmHWM:")) / 1024


def _cpu() -> float:
    t = os.times()  # with the worker processes' (children_*), as vips's threads count in its own
    return t.user + t.system + t.children_user + t.children_system


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=20000)
    parser.add_argument("--tile", type=int, default=512, choices=[256, 512])
    parser.add_argument("--repeat", type=int, default=3, help="runs of each; the best is reported")
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    parser.add_argument("--workdir", type=Path, default=cache / "yunzhan-bench" / "deepzoom")
    parser.add_argument("--settle", type=float, default=3.0, help="seconds to wait before each run")
    args = parser.parse_args()
    if shutil.which("vips") is None:
        sys.exit("bench/deepzoom.py needs libvips' command line: apt-get install libvips-tools")
    args.workdir.mkdir(parents=True, exist_ok=True)
    jpeg = make_input(args.size, args.workdir)
    version = subprocess.run(["vips", "--version"], capture_output=True, text=True).stdout.strip()
    print(f"{os.cpu_count()} CPUs, {jpeg.name} ({jpeg.stat().st_size / 1e6:.0f} MB), {args.tile}-px tiles, "
          f"Q{QUALITY}, {version}, best of {args.repeat}; load average {os.getloadavg()[0]:.2f}")
    runs: dict[str, list[dict]] = {"yunzhan": [], "vips dzsave": []}
    ways = {"yunzhan": run_yunzhan, "vips dzsave": run_vips}
    for n in range(args.repeat):
        order = list(ways) if n % 2 == 0 else list(ways)[::-1]
        for name in order:
            out = args.workdir / f"out-{name.split()[0]}"
            shutil.rmtree(out, ignore_errors=True)
            out.mkdir()
            time.sleep(args.settle)  # freed memory and deleted files settle (see bench/tiling.py)
            runs[name].append(ways[name](jpeg, out, args.tile))
            shutil.rmtree(out, ignore_errors=True)
    print(f"{'':>12} {'best s':>7} {'runs s':>20} {'cpu s':>6} {'peak MB':>8} {'worker MB':>9} {'files':>6}")
    for name, results in runs.items():
        best = min(results, key=lambda r: r["s"])
        each = " ".join(f"{r['s']:.2f}" for r in results)
        worker = max(r.get("worker_mb", 0) for r in results)
        print(f"{name:>12} {best['s']:>7.2f} {each:>20} {best['cpu']:>6.2f} "
              f"{max(r['rss_mb'] for r in results):>8.0f} {worker:>9.0f} {best['files']:>6}")
    ours, theirs = (min(r["s"] for r in runs[k]) for k in ways)
    print(f"yunzhan / vips dzsave: {ours / theirs:.2f} (peak MB: the largest of the runs)")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        print(json.dumps(child_yunzhan(sys.argv[2], sys.argv[3], int(sys.argv[4]))))
    else:
        main()
