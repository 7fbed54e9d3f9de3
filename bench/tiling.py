"""Benchmark: equirectangular JPEG → multi-resolution cube tiles (assets.cube_tiles).

For a 16384×8192 and an 8192×4096 panorama it measures, each in a fresh child
process: the wall time and peak memory (max RSS) of ``panorama_tiles`` (profile
"full" unless --profile), then, in the same run, the floor any tiler must pay:
decoding the input JPEG once and encoding the same output JPEGs once (with the
same number of encoder threads), and prints the ratio.

    .venv/bin/python bench/tiling.py [--sizes 16384,8192] [--repeat 3] [--input X.jpg] [--rgb]

The inputs are made once into --workdir (default ~/.cache/yunzhan-bench/tiling; the
projects and their tiles are written there too, as beside a user's project): the
real Pannellum example photo from ../shared/realdata upscaled when present, a
procedural panorama otherwise. The faces keep the photo's detail (16384 px: 5216-px
faces, 8 tiles of 652). Goals: 16384 ≤ 3 s and ≤ 1 GB, 8192 ≤ 1 s, ratio ≤ 2 (also in
CPU seconds, the figure that holds on a busy machine).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
REAL = REPO.parent / "shared" / "realdata" / "panoramas" / "pannellum_examplepano.jpg"
sys.path.insert(0, str(REPO))


def make_input(width: int, workdir: Path, source: Path | None) -> Path:
    import cv2
    import numpy as np
    import simplejpeg

    path = workdir / f"pano{width}.jpg"
    if path.exists():
        return path
    if source and source.exists():
        small = simplejpeg.decode_jpeg(source.read_bytes())
        image = cv2.resize(small, (width, width // 2), interpolation=cv2.INTER_CUBIC)
    else:  # procedural: smooth colour bands plus fine noise (so JPEG has texture to code)
        h = width // 2
        x = np.linspace(0, 8 * np.pi, width, dtype=np.float32)
        y = np.linspace(0, 4 * np.pi, h, dtype=np.float32)[:, None]
        image = np.empty((h, width, 3), np.uint8)
        for c in range(3):
            image[..., c] = (127 + 100 * np.sin(x * (c + 1) + y)).astype(np.uint8)
        image += np.random.default_rng(1).integers(0, 12, image.shape, dtype=np.uint8)
    tmp = path.with_suffix(".part")
    tmp.write_bytes(simplejpeg.encode_jpeg(image, quality=90, colorsubsampling="420"))
    os.replace(tmp, path)
    return path


def child_tile(jpeg: str, profile: str, way: str, workdir: str) -> dict:
    """Runs in a fresh process: ingest (untimed), then time panorama_tiles twice, into
    two projects: "cold" is the first tiling in the process (fresh memory, angle tables
    computed), "warm" the next one, as when an export tiles hall after hall."""
    import assets.cube_tiler  # noqa: F401  (an exporter has it imported: time tiling, not imports)
    import assets.jpeg_planes

    if way == "rgb":  # as on a machine without libturbojpeg
        assets.jpeg_planes._turbojpeg = lambda: None
    from assets.cube_tiles import panorama_tiles
    from assets.panorama import ingest_panorama
    from assets.project import Project

    # The projects stay until the whole benchmark is over: deleting a thousand files
    # slows the next file creations on ext4 for some seconds (seen here: 5×), which
    # would charge one run's clean-up to the next run's tiling.
    tmp = Path(tempfile.mkdtemp(dir=workdir, prefix="run-"))
    result = {"run": str(tmp)}
    for run in ("cold", "warm"):
        project = Project.create(tmp / f"{run}.yunzhan")
        sha = ingest_panorama(project, jpeg)
        c0, t0 = _cpu(), time.perf_counter()
        tiles = panorama_tiles(project, sha, profile=profile)
        result[run], result[f"{run}_cpu"] = time.perf_counter() - t0, _cpu() - c0
        project.close()
    with Project.open(tmp / "warm.yunzhan") as project:
        t1 = time.perf_counter()
        panorama_tiles(project, sha, profile=profile)
        result["cached"] = time.perf_counter() - t1
    files = [tiles.root / f for f in tiles.files() if f.endswith(".jpg")]
    result.update(files=len(files), bytes=sum(f.stat().st_size for f in files),
                  outputs=[str(f) for f in files], levels=tiles.levels)
    result["maxrss_mb"] = _peak_rss_mb()
    return result


def _peak_rss_mb() -> float:
    """This process's peak resident memory. Linux's VmHWM belongs to the process image,
    whereas ru_maxrss also keeps the parent's peak across fork and exec."""
    try:
        with open("/proc/self/status") as f:
            return next(int(line.split()[1]) for line in f if line.startswith("VmHWM:")) / 1024
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child_floor(jpeg: str, outputs: list[str], quality: int) -> dict:
    """Runs in a fresh process: decode the input once and encode the same outputs once,
    twice (cold, then warm, as for the tiling), in each of two ways: through RGB (what
    most tilers do) and through the JPEG's own Y/Cb/Cr planes (what this tiler does
    when libturbojpeg is installed; the lower floor of the two)."""
    import simplejpeg

    from assets.cube_tiler import _WORKERS
    from assets.jpeg_planes import decode_planes, encode_planes, planar_decoding_available

    files = [Path(f) for f in outputs]
    data = Path(jpeg).read_bytes()
    header = simplejpeg.decode_jpeg_header(data)
    size = (header[1], header[0])
    ways = {"rgb": False}
    if planar_decoding_available() and header[2:] == ("YCbCr", "420"):
        ways["yuv"] = True
    result = {}
    with ThreadPoolExecutor(_WORKERS) as pool:
        for way, planar in ways.items():
            outputs = [[p.pixels for p in decode_planes(f.read_bytes(), None, str(f), planar=planar)]
                       for f in files]
            for run in ("cold", "warm"):
                c0, t0 = _cpu(), time.perf_counter()
                decoded = decode_planes(data, size, jpeg, planar=planar)
                list(pool.map(lambda pieces: encode_planes(pieces, quality), outputs))
                result[f"{way}_{run}"], result[f"{way}_{run}_cpu"] = time.perf_counter() - t0, _cpu() - c0
                del decoded
    return result


def _cpu() -> float:
    t = os.times()
    return t.user + t.system


def run_child(*args: str, stdin: str = "") -> dict:
    result = subprocess.run([sys.executable, __file__, *args], input=stdin, capture_output=True, text=True, cwd=REPO)
    if result.returncode:
        sys.exit(f"benchmark child failed:\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="16384,8192")
    parser.add_argument("--profile", default="full", choices=["full", "mobile"])
    parser.add_argument("--repeat", type=int, default=3, help="runs per size; the best is reported")
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    parser.add_argument("--workdir", type=Path, default=cache / "yunzhan-bench" / "tiling")
    parser.add_argument("--input", type=Path, help="an equirectangular JPEG to use instead of the made ones")
    parser.add_argument("--rgb", action="store_true", help="tile through RGB, as without libturbojpeg")
    parser.add_argument("--settle", type=float, default=3.0,
                        help="seconds to wait before each child process (see _bench_one)")
    args = parser.parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)
    inputs = [args.input] if args.input else [make_input(int(w), args.workdir, REAL) for w in args.sizes.split(",")]
    print(f"{os.cpu_count()} CPUs, profile {args.profile}, tiling through {'RGB' if args.rgb else 'Y/Cb/Cr planes'}, "
          f"best of {args.repeat}; load average {os.getloadavg()[0]:.2f}")
    print(f"{'input':>16} {'tiling s':>11} {'cpu s':>5} {'peak MB':>7} {'RGB floor':>11} {'ratio':>11} "
          f"{'YUV floor':>11} {'ratio':>11} {'cached ms':>9} {'files':>5} {'out MB':>6}  levels")
    print(f"{'':>16} {'cold  warm':>11} {'warm':>5} {'':>7} {'cold  warm':>11} {'cold  warm':>11} "
          f"{'cold  warm':>11} {'cold  warm':>11}")
    try:
        for jpeg in inputs:
            _bench_one(jpeg, args)
    finally:
        for run in args.workdir.glob("run-*"):
            shutil.rmtree(run, ignore_errors=True)
    print("floor = decode the input once + encode the same output JPEGs once (same thread count);")
    print("RGB: through RGB pixels; YUV: through the JPEG's own planes (— where libturbojpeg is missing)")


def _bench_one(jpeg: Path, args) -> None:
    from assets.cube_tiles import PROFILES
    from assets.jpeg_header import read_jpeg_header

    # Each child starts from the same memory state. On a VM with free page reporting
    # (this one: "Free page reporting enabled" at boot) memory another process freed a
    # moment ago is cheap to touch again, while memory already handed back to the host
    # costs ~1 ms a megabyte on first touch: without a pause the floor's child, started
    # right after the tiling's, would get cheap pages the tiling never had. The kernel
    # reports freed pages after 2 s.
    runs = []
    for _ in range(args.repeat):
        time.sleep(args.settle)
        tiled = run_child("--child-tile", str(jpeg), args.profile, "rgb" if args.rgb else "planes",
                          str(args.workdir))
        time.sleep(args.settle)
        floor = run_child("--child-floor", str(jpeg), str(PROFILES[args.profile].quality),
                          stdin=json.dumps(tiled.pop("outputs")))
        runs.append((tiled, floor))
    # the machine is shared: report the best of the runs for each figure
    tiled = {key: min(run[0][key] for run in runs) for key in ("cold", "warm", "warm_cpu", "cached", "maxrss_mb")}
    tiled.update({key: runs[0][0][key] for key in ("files", "bytes", "levels")})
    floor = {key: min(run[1][key] for run in runs) for key in runs[0][1]}
    with open(jpeg, "rb") as f:
        header = read_jpeg_header(f)
    faces = "/".join(str(level["faceSize"]) for level in tiled["levels"])
    columns = []
    for way in ("rgb", "yuv"):
        if f"{way}_cold" in floor:
            cold, warm = floor[f"{way}_cold"], floor[f"{way}_warm"]
            columns.append(f"{cold:>5.2f} {warm:>5.2f} {tiled['cold'] / cold:>5.2f} {tiled['warm'] / warm:>5.2f}")
        else:
            columns.append(f"{'—':>11} {'—':>11}")
    print(f"{header.width:>7}×{header.height:<8} {tiled['cold']:>5.2f} {tiled['warm']:>5.2f} "
          f"{tiled['warm_cpu']:>5.2f} {tiled['maxrss_mb']:>7.0f} {columns[0]} {columns[1]} "
          f"{tiled['cached'] * 1000:>9.1f} {tiled['files']:>5} {tiled['bytes'] / 1e6:>6.1f}  {faces}")
    # CPU seconds do not stretch when other programs share the cores, wall seconds do:
    # on a busy machine the CPU ratio is the figure to trust
    way = "yuv" if "yuv_warm_cpu" in floor else "rgb"
    print(f"{'':>16} CPU, warm: tiling {tiled['warm_cpu']:.2f} s, {way.upper()} floor {floor[way + '_warm_cpu']:.2f} s, "
          f"ratio {tiled['warm_cpu'] / floor[way + '_warm_cpu']:.2f}")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child-tile":
        print(json.dumps(child_tile(*sys.argv[2:6])))
    elif len(sys.argv) > 1 and sys.argv[1] == "--child-floor":
        print(json.dumps(child_floor(sys.argv[2], json.load(sys.stdin), int(sys.argv[3]))))
    else:
        main()
