"""Undo and redo of a large import: the history kept in the project file.

Imports ``--rows`` generated bilingual records in one step (the way `yunzhan import`
does), then times undo and redo of that step, and a small edit's undo, in a fresh
project on disk. Prints the figures; the goal is undo of a 20,000-row import in at
most 2 s.

    .venv/bin/python bench/history.py [--rows 20000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from assets import history  # noqa: E402
from assets.catalog import Catalog, CatalogObject  # noqa: E402
from assets.project import Project  # noqa: E402


def records(n: int):
    for i in range(n):
        yield (f"row {i + 2}", CatalogObject(
            f"YZ-{i:06d}", title_zh=f"青花缠枝莲纹瓷碗{i}", title_en=f"Blue-and-white bowl {i}",
            maker="景德镇御窑厂", date_text="明宣德", culture="明", medium="瓷",
            description_zh="口沿饰卷草纹，腹部绘缠枝莲纹，足内青花双圈。" * 2,
            description_en="Scroll pattern on the rim, lotus scrolls on the body." * 2,
            year_earliest=1426, year_latest=1435))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=20_000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    undo_s, redo_s, small_s, import_s = [], [], [], []
    with tempfile.TemporaryDirectory(dir=Path.cwd()) as tmp:
        for n in range(args.repeat):
            with Project.create(Path(tmp) / f"p{n}.yunzhan") as p:
                catalog = Catalog(p)
                t = time.perf_counter()
                catalog.upsert_many(records(args.rows), total=args.rows)
                import_s.append(time.perf_counter() - t)
                log_bytes = p.db.execute("SELECT sum(length(sql)) FROM history_log").fetchone()[0]
                t = time.perf_counter()
                history.undo(p)
                undo_s.append(time.perf_counter() - t)
                assert catalog.count() == 0
                t = time.perf_counter()
                history.redo(p)
                redo_s.append(time.perf_counter() - t)
                assert catalog.count() == args.rows
                obj = catalog.get("YZ-000007")
                obj.title_en = "Bowl"
                catalog.add(obj)
                t = time.perf_counter()
                history.undo(p)
                small_s.append(time.perf_counter() - t)
    med = statistics.median
    print(f"import {args.rows} rows as one step: median {med(import_s):.2f} s; history log {log_bytes / 1e6:.1f} MB")
    print(f"undo of the {args.rows}-row import: median {med(undo_s):.2f} s of {args.repeat} "
          f"({', '.join(f'{s:.2f}' for s in undo_s)}) (goal <= 2 s)")
    print(f"redo of it: median {med(redo_s):.2f} s")
    print(f"undo of one record edit: median {med(small_s) * 1000:.1f} ms")


if __name__ == "__main__":
    main()
