"""Studio start and search-as-you-type benchmark with a 100,000-object project.

Goals (issue 14, on this 2-core machine):

- cold start to an interactive window with the project open: at most 2 s. Measured
  from launching a fresh Python process (``yunzhan-studio PROJECT``'s own code:
  imports, QApplication, the main window, opening the project, the table's first
  paint) until the event loop runs its first queued call after the window is shown;
- search as you type: results on screen within 100 ms of the last key. A query is
  typed key by key (``QTest`` key clicks, 120 ms apart, as a quick typist), and the
  time from the last key to the table showing the answer for the whole text (its
  rows painted) is measured.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/studio_start.py [--objects 100000] [--starts 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# The child: what `yunzhan-studio PROJECT` runs, plus one line when the window answers.
CHILD = r"""
import sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from studio.gui.app import make_window, use_cjk_fallback
app = QApplication(sys.argv[:1])
use_cjk_fallback(app)
window = make_window(sys.argv[1:])
window.show()
def ready():
    assert window.collection is not None and window.collection.model.rowCount() > 0
    print("interactive", window.collection.model.rowCount(), flush=True)
    app.quit()
QTimer.singleShot(0, ready)
app.exec()
"""

TYPED = ["青铜", "bronze", "maker:Workshop 4", "Object 4242", "器"]


def cold_starts(path: Path, times: int, env: dict) -> list[float]:
    seconds = []
    for _ in range(times):
        started = time.perf_counter()
        child = subprocess.Popen([sys.executable, "-c", CHILD, str(path)], stdout=subprocess.PIPE, text=True,
                                 env=env, cwd=ROOT)
        line = child.stdout.readline()
        seconds.append(time.perf_counter() - started)
        child.wait(timeout=60)
        if not line.startswith("interactive"):
            raise SystemExit(f"the studio did not start: {line!r}")
    return seconds


def type_and_wait(app, pane, text: str) -> float:
    """Type ``text`` key by key; ms from the last key until its whole answer is painted."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtTest import QTest

    pane.search_box.clear()
    pause(app, 0.3)
    last = 0.0
    for n, char in enumerate(text, start=1):
        if ord(char) < 128:
            QTest.keyClick(pane.search_box, char)
        else:  # Chinese arrives from the input method as a committed string
            event = QInputMethodEvent()
            event.setCommitString(char)
            QCoreApplication.sendEvent(pane.search_box, event)
        last = time.perf_counter()
        if n < len(text):
            pause(app, 0.12)
    while not (pane.model.query == text.strip() and pane.model.rowCount() > 0 or
               pane.model.query == text.strip() and pane.model.hit_count == 0):
        app.processEvents()
        if time.perf_counter() - last > 5:
            raise SystemExit(f"no answer for {text!r}")
    pane.table.viewport().repaint()  # the rows on screen, painted
    return (time.perf_counter() - last) * 1000


def pause(app, seconds: float) -> None:
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        app.processEvents()
        time.sleep(0.002)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--objects", type=int, default=100_000)
    parser.add_argument("--starts", type=int, default=5)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    from bench.studio_collection import build  # noqa: E402  (the same generated collection)

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.yunzhan"
        print(f"build {args.objects:,} objects: {build(path, args.objects):.1f} s")
        env = dict(os.environ, YUNZHAN_SETTINGS=str(Path(tmp) / "settings.ini"), YUNZHAN_LANG="zh",
                   PYTHONPATH=str(ROOT))
        starts = cold_starts(path, args.starts, env)
        print(f"cold start to an interactive window ({args.starts} fresh processes): "
              f"median {statistics.median(starts):.2f} s, max {max(starts):.2f} s (goal ≤ 2 s)")

        os.environ["YUNZHAN_SETTINGS"] = env["YUNZHAN_SETTINGS"]
        from PySide6.QtWidgets import QApplication

        from studio.gui.app import use_cjk_fallback
        from studio.gui.main_window import MainWindow

        app = QApplication([])
        use_cjk_fallback(app)
        window = MainWindow("zh")
        window.show()
        window.open_project(path)
        pause(app, 0.3)
        pane = window.collection
        worst = 0.0
        for text in TYPED:
            times = [type_and_wait(app, pane, text) for _ in range(args.repeat)]
            worst = max(worst, max(times))
            print(f"typed {text!r:20} {pane.model.hit_count:>7,} hits: last key → results "
                  f"median {statistics.median(times):5.0f} ms, max {max(times):5.0f} ms")
        print(f"search as you type, worst: {worst:.0f} ms (goal ≤ 100 ms)")
        window.close()


if __name__ == "__main__":
    main()
