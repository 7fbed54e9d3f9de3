"""Catalog benchmark: import 100,000 CSV rows, open the project, search it.

Goals (2-core machine): import ≤ 10 s with the search index; search p95 ≤ 20 ms for
English words and Chinese queries of one, two and four characters; open ≤ 0.2 s.

    .venv/bin/python bench/catalog.py [--rows 100000]
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from assets.catalog_import import import_table  # noqa: E402
from assets.project import Project  # noqa: E402
from assets.search import search_ids  # noqa: E402

DYNASTIES = [("商", "Shang"), ("西周", "Western Zhou"), ("汉", "Han"), ("唐", "Tang"), ("宋", "Song"),
             ("元", "Yuan"), ("明", "Ming"), ("清", "Qing"), ("民国", "Republican")]
DECOR = [("青花缠枝莲纹", "blue-and-white lotus scroll"), ("粉彩花鸟纹", "famille-rose bird and flower"),
         ("兽面纹", "taotie mask"), ("云龙纹", "cloud and dragon"), ("山水人物", "landscape with figures"),
         ("素面", "plain"), ("錾花", "chased floral"), ("剔红", "carved red lacquer"), ("鎏金", "gilt")]
FORMS = [("瓷碗", "porcelain bowl"), ("瓷瓶", "porcelain vase"), ("青铜鼎", "bronze ding"), ("玉佩", "jade pendant"),
         ("铜镜", "bronze mirror"), ("漆盒", "lacquer box"), ("笔筒", "brush pot"), ("陶俑", "pottery figure"),
         ("画轴", "hanging scroll"), ("砚台", "inkstone"), ("茶壶", "teapot"), ("香炉", "incense burner")]
MATERIALS = ["瓷", "青铜", "玉", "漆", "竹", "陶", "纸本水墨", "绢本设色", "紫砂", "石"]
MAKERS = ["佚名", "景德镇御窑厂", "王时敏", "陈鸿寿", "Anonymous", "Workshop of the imperial kilns"]


def make_csv(path: Path, rows: int, seed: int = 7) -> None:
    rnd = random.Random(seed)
    with path.open("w", encoding="utf-8") as f:
        f.write("accession,title_zh,title_en,maker,date,culture,medium,description_zh,description_en,keywords\n")
        for i in range(rows):
            (dz, de), (cz, ce), (fz, fe) = rnd.choice(DYNASTIES), rnd.choice(DECOR), rnd.choice(FORMS)
            material = rnd.choice(MATERIALS)
            f.write(f"B{i:06d},{dz}{cz}{fz},{de} {fe} with {ce} decoration,{rnd.choice(MAKERS)},{dz}代,{dz},"
                    f"{material},此件{fz}为{dz}代{material}器，饰{cz}，保存完好，曾于上海展出。,"
                    f"A {fe} of the {de} period decorated with {ce}; well preserved and exhibited in Shanghai.,"
                    f"{fz};{material};{dz}\n")


def p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20)[-1]


def timed_search(project: Project, queries: list[str], repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        for q in queries:
            t = time.perf_counter()
            search_ids(project, q, limit=50)
            out.append((time.perf_counter() - t) * 1000)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--imports", type=int, default=3, help="import runs (the median is reported)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        csv_path = tmp / "objects.csv"
        make_csv(csv_path, args.rows)
        runs = []
        for n in range(args.imports):  # a fresh project each time; the last one is kept
            proj = tmp / f"bench{n}.yunzhan"
            Project.create(proj).close()
            with Project.open(proj) as p:
                t = time.perf_counter()
                import_table(p, csv_path)
                runs.append(time.perf_counter() - t)
        print(f"import {args.rows} rows (with search index): median {statistics.median(runs):.2f} s of "
              f"{len(runs)} ({', '.join(f'{r:.2f}' for r in runs)}) (goal <= 10 s)")
        print(f"project file: {proj.stat().st_size / 1e6:.1f} MB")

        # Open in a fresh process, so nothing is warm but the OS file cache.
        code = ("import time; t=time.perf_counter(); from assets.project import Project; "
                f"p=Project.open({str(proj)!r}); p.db.execute('SELECT count(*) FROM objects').fetchone(); "
                "print(time.perf_counter()-t)")
        opens = [float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                      cwd=Path(__file__).resolve().parents[1], check=True).stdout) for _ in range(5)]
        print(f"open a {args.rows}-object project: median {statistics.median(opens) * 1000:.0f} ms (goal <= 200 ms)")

        with Project.open(proj) as p:
            groups = {
                "English words": ["porcelain", "bronze", "dragon", "lacquer box", "shanghai", "tea"],
                "Chinese, 1 character": ["瓷", "铜", "玉", "漆", "明", "壶"],
                "Chinese, 2 characters": ["青花", "青铜", "铜镜", "笔筒", "山水", "上海"],
                "Chinese, 4 characters": ["青花缠枝", "粉彩花鸟", "兽面纹鼎", "保存完好", "云龙纹瓶", "剔红漆盒"],
            }
            timed_search(p, [q for qs in groups.values() for q in qs], 2)  # warm the page cache
            for name, queries in groups.items():
                samples = timed_search(p, queries, 20)
                hits = [len(search_ids(p, q, limit=None)) for q in queries]
                print(f"search p95, {name}: {p95(samples):.1f} ms (goal <= 20 ms; matches per query "
                      f"{min(hits)}–{max(hits)})")


if __name__ == "__main__":
    main()
