"""Open data and print for a big catalog: how long each part of the package takes.

Run: .venv/bin/python bench/opendata.py [N]   (N objects, default 1000; real Tate
records from ../shared/realdata when present, repeated with new accession numbers).
Prints seconds and sizes for data/exhibition.json (build + schema check), the IIIF
manifests and collection, the QR code SVGs, and the PDF gallery kit.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from assets.catalog import CatalogObject  # noqa: E402
from scenes.model import Exhibition  # noqa: E402
from scenes.opendata.exhibition_json import exhibition_json, exhibition_json_text, validate_exhibition_json  # noqa: E402
from scenes.opendata.gallery_kit import gallery_kit_pdf  # noqa: E402
from scenes.opendata.iiif import collection, object_manifest  # noqa: E402
from scenes.opendata.published import PublishedMedia  # noqa: E402
from scenes.opendata.qr import qr_svg  # noqa: E402
from scenes.opendata.urls import object_url  # noqa: E402

BASE = "https://museum.example/expo/"
TATE = REPO.parent / "shared" / "realdata" / "collection" / "tate_artworks_subset_300.json"


def objects(n: int) -> list[CatalogObject]:
    records = json.loads(TATE.read_text("utf-8")) if TATE.is_file() else [
        {"acno": "X", "title": "Untitled", "all_artists": "Unknown", "dateText": "", "medium": "", "creditLine": ""}]
    out = []
    for i in range(n):
        r = records[i % len(records)]
        out.append(CatalogObject(accession=f"{r['acno']}-{i}", title_en=r["title"], title_zh=f"藏品第{i}号",
                                 maker=r["all_artists"], date_text=r["dateText"] or "", medium=r["medium"] or "",
                                 credit_line=r["creditLine"] or "", rights="CC0",
                                 description_zh="这是一件馆藏作品的简短说明文字，用于展签。" * 3))
    return out


def timed(label: str, fn):
    start = time.perf_counter()
    result = fn()
    print(f"{label:<44} {time.perf_counter() - start:7.2f} s")
    return result


def main(n: int) -> None:
    objs = objects(n)
    media = {o.accession: [PublishedMedia(kind="image", path=f"media/{i:06d}.jpg", mime="image/jpeg",
                                          width=2048, height=1536, thumbnail=f"media/{i:06d}-t.jpg")]
             for i, o in enumerate(objs)}
    exhibition = Exhibition(title_zh="基准", title_en="Benchmark")
    print(f"{n} objects")
    doc = timed("data/exhibition.json: build", lambda: exhibition_json(
        exhibition, objs, base_url=BASE, halls={}, object_media=media))
    text = exhibition_json_text(doc)
    timed("data/exhibition.json: schema check", lambda: validate_exhibition_json(doc))
    print(f"{'  size':<44} {len(text.encode()) / 1e6:7.2f} MB")
    manifests = timed("IIIF: one manifest per object", lambda: [
        object_manifest(o, media[o.accession], base_url=BASE) for o in objs])
    timed("IIIF: collection", lambda: collection({"zh": "基准", "en": "Benchmark"}, objs, media, base_url=BASE))
    print(f"{'  manifests':<44} {len(manifests):7d}")
    svgs = timed("QR codes (SVG)", lambda: [qr_svg(object_url(BASE, o.accession)) for o in objs])
    print(f"{'  average SVG':<44} {sum(map(len, svgs)) / len(svgs) / 1e3:7.2f} kB")
    pdf = timed("gallery kit PDF (8 labels a page)", lambda: gallery_kit_pdf(objs, base_url=BASE))
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(pdf)
    print(f"{'  pages, size':<44} {-(-n // 8):7d} pages, {len(pdf) / 1e6:.2f} MB")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
