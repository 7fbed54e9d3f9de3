"""Benchmark: the Collection of a large catalog (scenes.export.collection*).

Builds a 20-hall project with 10,000 generated catalog records (generated_records below;
the halls' panoramas as in bench/export.py), exports it once, then measures:

- the search index and object list for 10,000 objects, gzipped (goal: index ≤ 1.5 MB);
- re-export of the unchanged project (median of 3; goal ≤ 3 s);
- in Chromium with the CPU slowed 4× (CDP Emulation.setCPUThrottlingRate, a
  mid-range phone), offline: loading the index, and queries (瓷, 青铜, a
  three-character phrase, an English prefix, a filter) answered and their first
  results drawn (median of 5 each; goal < 50 ms).

    .venv/bin/python bench/collection.py [--objects 10000] [--halls 20] [--workdir /tmp/yunzhan-bench-collection]
"""

from __future__ import annotations

import argparse
import gzip
import random
import statistics
import sys
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))
CHROME_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync"]
QUERIES = ["瓷", "青铜", "缠枝莲", "porc", "dragons", "清 瓷"]

# -- generated records: Chinese museum-style titles, dates, materials, makers and
# descriptions in both languages, seeded so every run makes the same objects
DYNASTIES = [("商", "晚期", -1300), ("西周", "", -1000), ("战国", "", -400), ("西汉", "", -150), ("东汉", "", 100),
             ("唐", "", 700), ("北宋", "", 1050), ("南宋", "", 1200), ("元", "", 1320),
             ("明", "永乐", 1410), ("明", "宣德", 1430), ("明", "成化", 1475), ("明", "万历", 1590),
             ("清", "康熙", 1690), ("清", "雍正", 1730), ("清", "乾隆", 1760), ("清", "道光", 1830), ("民国", "", 1920)]
MEDIA = [("瓷", "porcelain", "碗瓶盘罐杯壶"), ("青铜", "bronze", "鼎爵觚尊镜剑"), ("玉", "jade", "璧佩琮璜环"),
         ("陶", "earthenware", "俑罐壶"), ("纸本水墨", "ink on paper", "卷轴册"), ("绢本设色", "ink and colour on silk", "卷轴"),
         ("漆", "lacquer", "盒盘"), ("铜鎏金", "gilt bronze", "像炉"), ("石", "stone", "像碑"), ("木", "wood", "椅案")]
MOTIFS = ["缠枝莲纹", "龙纹", "凤纹", "花鸟", "山水", "兽面纹", "云纹", "鱼藻纹", "婴戏图", "八宝纹", "螭龙", "人物"]
GLAZES = ["青花", "粉彩", "斗彩", "五彩", "白釉", "青釉", "霁蓝釉", "黄釉", "素", "剔红", "錾花", "白玉"]
MAKERS = ["", "", "", "佚名", "景德镇御窑", "龙泉窑", "黄公望", "文徵明", "唐寅", "沈周", "郎世宁", "王翚"]
EN_MOTIF = ["lotus scrolls", "dragons", "phoenixes", "birds and flowers", "landscape", "taotie masks", "clouds",
            "fish and water plants", "children at play", "eight treasures", "chi dragons", "figures"]
PHRASES = ["器形规整", "胎质细腻", "釉色莹润", "纹饰繁密", "为宫廷用器", "出土于墓葬", "保存完好", "造型端庄",
           "工艺精湛", "线条流畅", "色彩鲜艳", "为祭祀礼器", "具有时代特征", "旧藏", "经修复"]


def generated_records(count: int, seed: int = 7) -> list[dict]:
    rng = random.Random(seed)
    out = []
    for i in range(count):
        dynasty, reign, year = rng.choice(DYNASTIES)
        medium, medium_en, forms = rng.choice(MEDIA)
        form = rng.choice(forms)
        motif_n = rng.randrange(len(MOTIFS))
        title = f"{rng.choice(GLAZES)}{MOTIFS[motif_n]}{form}"
        description = "，".join(rng.sample(PHRASES, rng.randint(3, 6))) + "。"
        out.append({
            "accession": f"C{i:06d}", "title_zh": title,
            "title_en": f"{medium_en.capitalize()} {rng.choice(['vessel', 'piece', 'object'])} with "
                        f"{EN_MOTIF[motif_n]}" if rng.random() < 0.8 else "",
            "maker": rng.choice(MAKERS), "date_text": dynasty + reign, "culture": dynasty, "medium": medium,
            "year_earliest": year, "year_latest": year + 20,
            "description_zh": description,
            "description_en": f"A {medium_en} {form and 'object'} decorated with {EN_MOTIF[motif_n]}, "
                              f"from the {dynasty} collection, number {i}.",
            "keywords": ";".join([medium, MOTIFS[motif_n][:2], form]),
            "rights": rng.choice(["CC0", "CC0", "CC BY 4.0", "© museum"]),
        })
    return out


def build(work: Path, halls: int, count: int):
    from assets.catalog import Catalog, CatalogObject
    from assets.project import Project
    from export import distinct_panoramas
    from tests.export.sample_project import build_project

    path = work / "collection.yunzhan"
    if path.exists():
        return Project.open(path)
    project = build_project(path, distinct_panoramas(work, halls), objects=6)
    Catalog(project).upsert_many((f"generated {n}", CatalogObject(**r)) for n, r in
                                 enumerate(generated_records(count)))
    return project


def timed(fn) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def browser_figures(base: str) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=CHROME_FLAGS)
        context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True,
                                      service_workers="block", locale="zh-CN")
        context.route("**/*", lambda r: r.continue_() if r.request.url.startswith(base) else r.abort())
        page = context.new_page()
        page.goto(base + "collection.html")
        cdp = context.new_cdp_session(page)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
        load = page.evaluate("""async () => { const t = performance.now();
            await window.YunzhanCollection.load(); return performance.now() - t; }""")
        print(f"chromium, CPU 4x slower: object list + index fetched and parsed in {load:.0f} ms (once, lazily)")
        for q in QUERIES:
            runs = page.evaluate("""(q) => { const out = [];
                for (let i = 0; i < 6; i += 1) { window.YunzhanCollection.run(''); const t = performance.now();
                  const n = window.YunzhanCollection.run(q); out.push([performance.now() - t, n]); }
                return out.slice(1); }""", q)
            print(f"  query {q!r}: {runs[0][1]} results, median {statistics.median(r[0] for r in runs):.1f} ms "
                  f"(goal < 50 ms)")
        runs = page.evaluate("""() => { const out = []; const s = document.querySelector('#filter-medium');
            for (let i = 0; i < 6; i += 1) { s.value = s.options[1 + (i % 2)].value; const t = performance.now();
              const n = window.YunzhanCollection.run(''); out.push([performance.now() - t, n]); }
            s.value = ''; return out.slice(1); }""")
        print(f"  filter by medium alone: median {statistics.median(r[0] for r in runs):.1f} ms")
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": 1})
        browser.close()


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--objects", type=int, default=10_000)
    ap.add_argument("--halls", type=int, default=20)
    ap.add_argument("--workdir", type=Path, default=Path("/tmp/yunzhan-bench-collection"))
    args = ap.parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)

    from scenes.export import export_package
    from scenes.export.collection_index import COLLECTION_JSON, SEARCH_JSON
    from studio.cli.export import make_server

    project = build(args.workdir, args.halls, args.objects)
    site = args.workdir / "site"
    first = timed(lambda: export_package(project, site))
    again = [timed(lambda: export_package(project, site)) for _ in range(3)]
    report = export_package(project, site)
    print(f"halls: {report.halls}, objects: {report.objects}, package: {report.sizes.total / 1e6:.1f} MB "
          f"in {report.sizes.file_count} files")
    for name in (SEARCH_JSON, COLLECTION_JSON):
        data = (site / name).read_bytes()
        print(f"{name}: {len(data) / 1e6:.2f} MB, gzipped {len(gzip.compress(data, 6)) / 1e6:.2f} MB"
              + (" (goal <= 1.5 MB)" if name == SEARCH_JSON else ""))
    print(f"first export: {first:.2f} s")
    print(f"re-export, unchanged project: median {statistics.median(again):.2f} s "
          f"(runs {', '.join(f'{t:.2f}' for t in again)}; goal <= 3 s)")

    server = make_server(site, 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        browser_figures(f"http://127.0.0.1:{server.server_address[1]}/")
    finally:
        server.shutdown()
        server.server_close()
        project.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
