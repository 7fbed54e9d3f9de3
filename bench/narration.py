"""Benchmark: narration (scenes.narration) and tour videos (streaming.tour_video).

- Narrate 200 objects (about 80 Chinese characters each) with eSpeak NG, loudness
  step and the AAC and Opus encodes included, in os.cpu_count() worker processes
  (goal ≤ 60 s), then again with nothing changed (goal ≤ 1 s).
- Render a 2-minute 1280×720 tour video (goal ≤ 2× real time, i.e. ≤ 240 s): a
  tour over halls made from the real panoramas in ../shared/realdata (generated
  ones otherwise), each stop narrated in Chinese.

    .venv/bin/python bench/narration.py [--objects 200] [--workdir /tmp/yunzhan-bench-narration] [--no-video]
"""

from __future__ import annotations

import argparse
import functools
import os
import resource
import random
import shutil
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
REALDATA = REPO.parent / "shared" / "realdata"
print = functools.partial(print, flush=True)  # figures appear as they are measured

PHRASES = ["这件青铜器铸造于商代晚期", "器身饰有精美的饕餮纹", "是研究古代礼制的重要实物", "1976年出土于河南安阳殷墟",
           "同出的还有大量玉器和骨器", "通高45.9厘米", "造型生动而庄重", "体现了当时高超的铸造技术",
           "原为宗庙祭祀所用", "现藏于国家博物馆", "纹饰分为上下三层", "器内壁铸有铭文二十字"]


def text_of(rng: random.Random) -> str:
    out = ""
    while len(out) < 76:
        out += rng.choice(PHRASES) + rng.choice("，，。")
    return out.rstrip("，") + "。" if not out.endswith("。") else out


def _cpu() -> float:
    """CPU seconds used so far by this process and its finished children (ffmpeg): what
    the work costs whatever else the machine is doing."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def bench_narrate(work: Path, count: int) -> None:
    from assets.catalog import Catalog, CatalogObject
    from assets.project import Project
    from scenes.narration.narrate import PROCESSES, narrate

    project = Project.create(work / "narrate.yunzhan")
    rng = random.Random(7)
    Catalog(project).upsert_many([(f"row {i}", CatalogObject(f"B.{i:04d}", title_zh=f"青铜器{i}号",
                                                            description_zh=text_of(rng)))
                                  for i in range(count)])
    lengths = [len(r[0]) for r in project.db.execute("SELECT description_zh FROM objects")]
    chars = sum(lengths) // len(lengths)
    t, cpu = time.perf_counter(), _cpu()
    report = narrate(project, langs=("zh",), objects=None)
    first, cpu = time.perf_counter() - t, _cpu() - cpu
    audio, opus = project.db.execute("SELECT sum(duration_s), count(opus_sha) FROM narrations").fetchone()
    print(f"narrate {count} objects (zh, eSpeak NG, {chars} characters of description each): {first:.1f} s "
          f"({len(report.spoken)} clips, {opus} also as Opus, {audio / 60:.1f} min of audio; goal ≤ 60 s); "
          f"CPU {cpu:.1f} s (this process, {PROCESSES} worker processes and ffmpeg), "
          f"load average {os.getloadavg()[0]:.1f}")
    times = []
    for _ in range(3):
        t = time.perf_counter()
        again = narrate(project, langs=("zh",))
        times.append(time.perf_counter() - t)
    assert not again.spoken
    print(f"narrate again, nothing changed: median {sorted(times)[1] * 1000:.0f} ms of 3 (goal ≤ 1 s)")
    project.close()


def bench_video(work: Path, minutes: float = 2.0) -> None:
    from scenes import model
    from scenes.narration.narrate import narrate
    from streaming.tour_video import render_tour
    from tests.export.sample_project import build_project, panorama_files

    halls = 6
    project = build_project(work / "tour.yunzhan", panorama_files(REALDATA if REALDATA.is_dir() else None, work, halls),
                            objects=1)
    per_stop = minutes * 60 / halls
    rng = random.Random(3)
    for n in range(1, halls + 1):
        text = ""
        while len(text) < per_stop * 3.2:  # eSpeak Mandarin speaks about 3.3 characters a second
            text += rng.choice(PHRASES) + rng.choice("，。")
        model.update_hall(project, f"hall-{n}", description_zh=text)
    model.add_tour(project, slug="main", stops=[f"hall-{n}" for n in range(1, halls + 1)])
    narrate(project, langs=("zh",))
    for aspect in ("16:9", "9:16"):
        t, cpu = time.perf_counter(), _cpu()
        video = render_tour(project, "main", work / f"tour-{aspect.replace(':', 'x')}.mp4", aspect=aspect)
        took, cpu = time.perf_counter() - t, _cpu() - cpu
        print(f"render-tour {aspect} {video.width}x{video.height}, {video.seconds:.0f} s of video: {took:.0f} s "
              f"= {took / video.seconds:.2f}x real time (goal ≤ 2x); CPU {cpu:.0f} s, "
              f"load average {os.getloadavg()[0]:.1f}")
    project.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--objects", type=int, default=200)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/yunzhan-bench-narration"))
    parser.add_argument("--no-video", action="store_true")
    args = parser.parse_args()
    shutil.rmtree(args.workdir, ignore_errors=True)
    args.workdir.mkdir(parents=True)
    bench_narrate(args.workdir, args.objects)
    if not args.no_video:
        bench_video(args.workdir)
    shutil.rmtree(args.workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
