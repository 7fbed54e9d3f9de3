"""Virtual halls: a 50-work hall generated and exported as one validated GLB.

Builds a project with 46 paintings (true sizes in their dimensions, a photo each) and
4 box models, then times generating the hall's layout (hanging, plinths, the
reachability check) and writing its GLB (room and pictures with trimesh, the models
merged, meshopt, the validator on the room and on the result). Goal: at most 5 s.

    .venv/bin/python bench/vhall.py [--works 50] [--repeat 3]
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from assets.project import Project  # noqa: E402
from scenes import virtual_halls as vh  # noqa: E402
from scenes.virtual_hall_glb import hall_glb  # noqa: E402
from tests.scenes.vhall_sample import add_box_model, add_paintings  # noqa: E402


def _cpu() -> float:
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--works", type=int, default=50)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    models = 4
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        with Project.create(folder / "p.yunzhan") as project:
            add_paintings(project, args.works - models)
            for k in range(models):
                add_box_model(project, folder, k + 1, (0.3 + 0.1 * k, 0.5, 0.3))
            gen_s, glb_s, cpu_s = [], [], []
            for n in range(args.repeat):
                t, cpu = time.perf_counter(), _cpu()
                hall = vh.generate_hall(project, slug="bench", width=24, depth=16, height=4)
                gen_s.append(time.perf_counter() - t)
                t = time.perf_counter()
                result = hall_glb(project, hall, folder / f"hall{n}.glb")
                glb_s.append(time.perf_counter() - t)
                cpu_s.append(_cpu() - cpu)
            total = [a + b for a, b in zip(gen_s, glb_s)]
            print(f"hall: {len(hall.items)} works, GLB {result['bytes'] / 2**20:.2f} MB, validator errors "
                  f"{result['errors']}, room errors/warnings {result['room']['errors']}/{result['room']['warnings']}")
            print(f"generate: median {statistics.median(gen_s):.3f} s; export GLB: median {statistics.median(glb_s):.2f} s")
            print(f"generate + export: median {statistics.median(total):.2f} s "
                  f"({', '.join(f'{s:.2f}' for s in total)}); goal <= 5 s")
            print(f"  CPU time (Python and Node): median {statistics.median(cpu_s):.2f} s")


if __name__ == "__main__":
    main()
