"""Benchmark: the web exhibition package (scenes.export).

Builds a 20-hall project (distinct panoramas made from the real ones in
../shared/realdata, shifted so each has its own hash; generated ones otherwise),
exports it once (tiling included), then measures:

- re-export of the unchanged project (median of 3; goal ≤ 2 s);
- the mobile profile's size (goal < 50 MB);
- bytes the browser loads before the first hall is visible (Playwright network
  events, fresh cache; goal ≤ 600 KB): landing on a hall page (its first screen:
  title and picture), and walking in from the home page until the panorama
  canvas shows (the viewer bundle included; also its gzip size, as most web
  servers compress scripts);
- Lighthouse 12 mobile scores (default throttling) of the home page, a hall
  page and an object page (goals: performance ≥ 90, accessibility 100, best practices 100). Lighthouse
  is installed by ``npm ci`` in bench/lighthouse (done here when missing).

    .venv/bin/python bench/export.py [--halls 20] [--workdir /tmp/yunzhan-bench-export] [--no-lighthouse]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
REALDATA = REPO.parent / "shared" / "realdata"
LIGHTHOUSE = REPO / "bench" / "lighthouse"
CHROME_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def distinct_panoramas(work: Path, count: int) -> list[Path]:
    from PIL import Image, ImageChops

    from tests.export.sample_project import generated_panorama, panorama_files

    sources = panorama_files(REALDATA if REALDATA.is_dir() else None, work, 3)
    out = []
    for i in range(count):
        path = work / f"pano-{i:02d}.jpg"
        if not path.exists():
            with Image.open(sources[i % len(sources)]) as im:
                ImageChops.offset(im.convert("RGB"), i * 97, 0).save(path, "JPEG", quality=88)
        out.append(path)
    return out or [generated_panorama(work / "g.jpg")]


def build(work: Path, halls: int):
    from assets.project import Project
    from tests.export.sample_project import build_project

    path = work / "bench.yunzhan"
    if path.exists():
        return Project.open(path)
    return build_project(path, distinct_panoramas(work, halls), objects=6)


def timed(fn) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def bytes_until(browser, url: str, *, click: str | None, ready: str) -> tuple[int, int, list[tuple[str, int]]]:
    """Bytes of response bodies (and their gzip size for text) fetched by a fresh
    page from ``url`` until ``ready`` matches (after clicking ``click``, if given)."""
    context = browser.new_context(viewport={"width": 412, "height": 823}, device_scale_factor=1.75,
                                  is_mobile=True, has_touch=True, locale="zh-CN", service_workers="block")
    page = context.new_page()
    seen: list[tuple[str, bytes]] = []

    def finished(request) -> None:
        response = request.response()
        if response is not None and not 300 <= response.status < 400:
            seen.append((request.url, response.body()))

    page.on("requestfinished", finished)
    page.goto(url)
    if click:
        page.locator(click).click()
    page.wait_for_selector(ready, state="visible", timeout=120_000)
    page.wait_for_timeout(200)
    context.close()
    raw = sum(len(body) for _, body in seen)
    packed = sum(len(gzip.compress(body, 6)) if url.endswith((".js", ".css", ".html", ".json", ".svg"))
                 else len(body) for url, body in seen)
    return raw, packed, [(url.rsplit("/", 1)[-1], len(body)) for url, body in seen]


def lighthouse(url: str) -> dict:
    if not (LIGHTHOUSE / "node_modules" / ".bin" / "lighthouse").exists():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=LIGHTHOUSE, check=True)
    out = LIGHTHOUSE / "report.json"
    subprocess.run([str(LIGHTHOUSE / "node_modules" / ".bin" / "lighthouse"), url, "--quiet", "--output=json",
                    f"--output-path={out}", "--only-categories=performance,accessibility,best-practices",
                    "--chrome-flags=--headless=new " + " ".join(CHROME_FLAGS)],
                   check=True, env={**os.environ, "CHROME_PATH": "/usr/bin/chromium"}, timeout=600)
    report = json.loads(out.read_text(encoding="utf-8"))
    out.unlink()
    scores = {k: round(v["score"] * 100) for k, v in report["categories"].items()}
    scores["LCP"] = report["audits"]["largest-contentful-paint"]["displayValue"]
    scores["TBT"] = report["audits"]["total-blocking-time"]["displayValue"]
    return scores


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--halls", type=int, default=20)
    ap.add_argument("--workdir", type=Path, default=Path("/tmp/yunzhan-bench-export"))
    ap.add_argument("--no-lighthouse", action="store_true")
    args = ap.parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)

    from scenes.export import export_package
    from studio.cli.export import make_server

    project = build(args.workdir, args.halls)
    site = args.workdir / "site"
    shutil.rmtree(project.path.with_name(project.path.name + ".cache"), ignore_errors=True)  # a cold first export
    first = timed(lambda: export_package(project, site))
    again = [timed(lambda: export_package(project, site)) for _ in range(3)]
    report = export_package(project, site)
    print(f"halls: {report.halls}, objects: {report.objects}, package: {report.sizes.total / 1e6:.1f} MB "
          f"in {report.sizes.file_count} files")
    print(f"first export (tiling included): {first:.2f} s")
    print(f"re-export, unchanged project: median {statistics.median(again):.2f} s "
          f"(runs {', '.join(f'{t:.2f}' for t in again)}; goal <= 2 s)")
    mobile = export_package(project, args.workdir / "site-mobile", profile="mobile")
    print(f"mobile profile: {mobile.sizes.total / 1e6:.1f} MB (goal < 50 MB)")
    shutil.rmtree(args.workdir / "site-mobile")

    from playwright.sync_api import sync_playwright

    server = make_server(site, 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=CHROME_FLAGS)
            raw, packed, _ = bytes_until(browser, base + "halls/hall-1.html", click=None, ready="img.viewer-preview")
            print(f"bytes before the first hall is visible (hall page, first screen): {raw / 1000:.0f} KB "
                  f"({packed / 1000:.0f} KB gzipped; goal <= 600 KB)")
            raw, packed, _ = bytes_until(browser, base + "index.html", click="a[data-hall-link='hall-1']",
                                         ready="#viewer.is-ready canvas")
            print(f"bytes until the panorama canvas shows (home page, then the first hall): {raw / 1000:.0f} KB "
                  f"({packed / 1000:.0f} KB gzipped)")
            browser.close()
        if not args.no_lighthouse:
            for name, path in (("home page", "index.html"), ("hall page", "halls/hall-1.html"),
                               ("object page", "objects/2024.1.html")):
                s = lighthouse(base + path)
                print(f"lighthouse {name}: performance {s['performance']}, accessibility {s['accessibility']}, "
                      f"best practices {s['best-practices']} (LCP {s['LCP']}, TBT {s['TBT']})")
    finally:
        server.shutdown()
        project.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
