"""Lighthouse (mobile) on every kind of page of the demo's web package.

Issue 13's goal: performance >= 90, accessibility 100 and best practices 100 on the
home, hall, object, collection and deep-zoom pages; the replay, 3D object, walkable
hall, audio-guide and credits pages are measured too. Lighthouse's default mobile
profile (Moto G Power screen, 4x CPU slowdown, slow 4G) is used; the scores move a
few points with the load on the machine, so run it on a quiet machine.

    .venv/bin/python bench/lighthouse_pages.py [--site DIR]

Without ``--site`` the demo is built first (``yunzhan demo``, about a minute).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from export import lighthouse  # noqa: E402 - the bench's own Lighthouse runner

REPO = Path(__file__).resolve().parents[1]

PAGES = (  # (name, path in the package or a glob for the first match, goal applies)
    ("home", "index.html", True),
    ("hall", "halls/plates.html", True),
    ("object", "objects/*-*.html", True),
    ("collection", "collection.html", True),
    ("deep-zoom object", "objects/npm-jades-mosaic.html", True),
    ("3D object", "objects/scan-nemi-bust.html", False),
    ("walkable hall", "virtual/*.html", False),
    ("replay", "replays/*.html", False),
    ("audio guide", "guide.html", False),
    ("credits", "credits.html", False),
)


def page_path(site: Path, pattern: str) -> str | None:
    found = sorted(site.glob(pattern))
    return found[0].relative_to(site).as_posix() if found else None


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--site", type=Path, help="an exported package (default: build the demo)")
    args = ap.parse_args()
    from scenes.export.serve import make_server

    with tempfile.TemporaryDirectory(prefix="yunzhan-lighthouse-") as tmp:
        site = args.site
        if site is None:
            subprocess.run([str(Path(sys.executable).with_name("yunzhan")), "demo", "--out", tmp],
                           check=True, stdout=subprocess.DEVNULL)
            site = Path(tmp) / "site"
        server = make_server(site, 0)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        short = []
        try:
            for name, pattern, goal in PAGES:
                path = page_path(site, pattern)
                if path is None:
                    print(f"{name}: no such page in the package ({pattern})")
                    continue
                s = lighthouse(base + path)
                print(f"lighthouse {name} ({path}): performance {s['performance']}, accessibility "
                      f"{s['accessibility']}, best practices {s['best-practices']} (LCP {s['LCP']}, TBT {s['TBT']})")
                if goal and (s["performance"] < 90 or s["accessibility"] < 100 or s["best-practices"] < 100):
                    short.append(name)
        finally:
            server.shutdown()
            server.server_close()
    print("goal (>= 90 / 100 / 100) met on every goal page" if not short else f"goal missed on: {', '.join(short)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
