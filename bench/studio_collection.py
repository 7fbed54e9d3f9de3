"""Studio Collection pane benchmark: open, scroll and search 100,000 objects offscreen.

Goals (2-core machine): opening the project in the window ≤ 0.5 s; a scroll to the
end repaints in ≤ 50 ms; a search as you type (ids + count + table reset) ≤ 150 ms
for typical queries; only the pages on screen are read.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/studio_collection.py [--objects 100000]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication  # noqa: E402

from assets.catalog import Catalog, CatalogObject  # noqa: E402
from assets.project import Project  # noqa: E402
from studio.gui.app import use_cjk_fallback  # noqa: E402
from studio.gui.main_window import MainWindow  # noqa: E402

MATERIALS = [("瓷", "porcelain"), ("青铜", "bronze"), ("玉", "jade"), ("陶", "pottery"), ("漆", "lacquer")]
QUERIES = ["瓷", "青铜", "青铜 鼎", "bronze", "maker:Workshop", "Object 4242", "器"]


def build(path: Path, n: int) -> float:
    started = time.perf_counter()
    with Project.create(path) as project:
        Catalog(project).upsert_many(
            (f"generated {i}", CatalogObject(
                accession=f"G-{i:06d}", title_zh=f"{MATERIALS[i % 5][0]}器 第{i}号",
                title_en=f"{MATERIALS[i % 5][1].capitalize()} object {i}", maker=f"Workshop {i % 97}",
                date_text="清", culture="清", medium=MATERIALS[i % 5][0]))
            for i in range(n))
    return time.perf_counter() - started


def settle(app: QApplication) -> None:
    for _ in range(3):
        app.processEvents()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--objects", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    app = QApplication([])
    use_cjk_fallback(app)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.yunzhan"
        print(f"build {args.objects:,} objects (upsert_many): {build(path, args.objects):.2f} s")

        window = MainWindow("zh")
        window.show()
        settle(app)
        started = time.perf_counter()
        window.open_project(path)
        settle(app)
        pane = window.collection
        model = pane.model
        print(f"open in the window and paint: {(time.perf_counter() - started) * 1000:.0f} ms "
              f"(rows {model.rowCount():,}, pages read {model.page_fetches})")

        started = time.perf_counter()
        pane.table.scrollToBottom()
        settle(app)
        print(f"scroll to the last row and paint: {(time.perf_counter() - started) * 1000:.1f} ms "
              f"(pages read {model.page_fetches})")

        for query in QUERIES:
            times = []
            for _ in range(args.repeat):
                started = time.perf_counter()
                model.set_query(query)
                settle(app)
                times.append((time.perf_counter() - started) * 1000)
            print(f"search {query!r:18} {model.hit_count:>7,} hits: median {statistics.median(times):6.1f} ms, "
                  f"max {max(times):6.1f} ms")

        model.set_query("")
        settle(app)
        started = time.perf_counter()
        pane.select_row(54_321)
        settle(app)
        print(f"select a row and show its record: {(time.perf_counter() - started) * 1000:.1f} ms")
        window.close()


if __name__ == "__main__":
    main()
