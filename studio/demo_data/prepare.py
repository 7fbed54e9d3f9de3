"""Make the demo's shipped subset from ``../shared/realdata`` (a maintainer's tool).

    PYTHONPATH=. .venv/bin/python -m studio.demo_data.prepare [REALDATA]

Writes, beside this file: ``npm_jades.csv`` (the twelve National Palace Museum jades,
their published English records with Chinese fields added), ``photos/*.jpg`` (the
photographs at 1600 px), the statue scan and the lobby panorama unchanged,
``CREDITS.json`` / ``CREDITS.md``, and the rendered hall panoramas (``halls/``, see
:func:`studio.demo.render_shipped_halls`). Nothing here runs during ``make demo``.
"""

from __future__ import annotations

import csv
import json
import shutil
import sys
from pathlib import Path

from PIL import Image

HERE = Path(__file__).resolve().parent
PHOTO_SIDE = 1600
PHOTO_QUALITY = 82

NPM = {
    "author": "National Palace Museum, Taipei (國立故宮博物院)",
    "licence": "Taiwan Open Government Data License, version 1.0 (attribution required; compatible with CC BY 4.0)",
    "licence_url": "https://data.gov.tw/license",
    "credit": "National Palace Museum, Taipei (國立故宮博物院), Open Government Data License v1.0",
}
# Reign years of the emperors whose poems are carved on the jades.
_REIGNS = {"乾隆": ("Qianlong", 1736), "嘉庆": ("Jiaqing", 1796)}
_NUMERALS = "〇一二三四五六七八九"
_MADE = {"Mughal": ("莫卧儿帝国（今印度、巴基斯坦一带）", "the Mughal empire (India)"),
         "Ottoman": ("奥斯曼帝国", "the Ottoman empire"),
         "India": ("印度（仿中国古器形）", "India, in an archaistic Chinese form")}


def _reign_year(year: int) -> tuple[str, str, str]:
    """(Chinese reign year, the emperor's name in English, Chinese reign name) of a year."""
    name = "乾隆" if year < 1796 else "嘉庆"
    n = year - _REIGNS[name][1] + 1
    tens, ones = divmod(n, 10)
    text = ("" if tens == 0 else ("十" if tens == 1 else _NUMERALS[tens] + "十")) + ("" if ones == 0 else _NUMERALS[ones])
    return f"{name}{text}年", _REIGNS[name][0], name


def jade_records(realdata: Path) -> list[dict]:
    """The published records, with Chinese date, culture, medium and short descriptions added."""
    rows = []
    with open(realdata / "collection" / "npm_jades" / "metadata.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            year = int(row["date"].split("dated ")[1][:4])
            reign, emperor, reign_name = _reign_year(year)
            made_key = row["culture"].split(" ")[0].rstrip(";")
            made_zh, made_en = _MADE[made_key]
            # the source has no Chinese title for the pen case: ours, after its English one
            title_zh = row["title_zh"].replace("蒙兀兒帝國 ", "").split(" or ")[0].strip() or "青綠玉筆盒附墨水壺"
            inlaid = "inlaid" in row["medium"]
            rows.append({
                "accession": row["accession"], "title_zh": title_zh, "title_en": row["title_en"],
                "date_text": f"清{reign}（{year}）御题诗", "date_text_en": f"Imperial poem dated {year} ({emperor} reign)",
                "culture": f"{made_zh}；清宫旧藏", "culture_en": f"{made_key}; Qing imperial collection",
                "medium": "软玉嵌金丝、彩色玻璃" if inlaid else "玉（软玉）", "medium_en": row["medium"],
                "dimensions": row["dimensions"], "credit_line": row["credit_line"],
                "rights": "Taiwan Open Government Data License v1.0", "source_url": row["source_url"],
                "image": Path(row["image_file"]).stem.removeprefix("npm_taipei_") + ".jpg",
                "description_zh": f"{title_zh or '此器'}，{made_zh}制作，后入清宫收藏。器上刻有{reign_name}皇帝"
                                  f"{year}年（{reign}）的御制诗；诗的年份不是器物的制作年代，器物制作于此前或前后。",
                "description_en": f"{row['title_en']}, made in {made_en} and later kept in the Qing imperial "
                                  f"collection. A poem by the {emperor} emperor dated {year} is carved on it; the "
                                  f"date is the poem's, the object was made before or around then.",
                "keywords": "玉;痕都斯坦玉;" + ("乾隆" if reign_name == "乾隆" else "嘉庆") + ";jade;Hindustan jade",
            })
    return rows


SCAN = "glyptotek_bust_man_wearing_wreath_scan.glb"
LOBBY = "polyhaven_st_fagans_interior_1024x512.jpg"


def credits(records: list[dict]) -> list[dict]:
    """One entry per shipped file: what it is, who made it, the licence and where it came from."""
    out = [{
        "file": f"photos/{r['image']}", "title": f"{r['title_en']} {r['title_zh']}".strip(),
        "accession": r["accession"], "author": NPM["author"], "licence": NPM["licence"],
        "licence_url": NPM["licence_url"], "credit": NPM["credit"], "url": r["source_url"],
        "source": "Project-Kleutghen/jades-project-9@afc8d1c4 (NPM Open Data image, IIIF derivative)",
        "changes": f"downscaled to {PHOTO_SIDE} px, JPEG quality {PHOTO_QUALITY}"} for r in records]
    out.append({
        "file": f"models/{SCAN}", "title": "Man wearing a wreath (bust), Sanctuary of Diana, Nemi, 1st century CE",
        "accession": "SCAN-NEMI-BUST", "author": "Scan: Geoffrey Marchal; decimated by Keijiro Takahashi",
        "licence": "CC BY 4.0", "licence_url": "https://creativecommons.org/licenses/by/4.0/",
        "credit": "Scan: Geoffrey Marchal, CC BY 4.0; decimated by Keijiro Takahashi (DanishStatues)",
        "url": "https://sketchfab.com/models/1cebca66989a48b091b027e24c561f4c",
        "source": "keijiro/DanishStatues@571dccac", "institution": "Ny Carlsberg Glyptotek, Copenhagen",
        "changes": "FBX converted to GLB, occlusion map and a marble-white material added"})
    out.append({
        "file": f"panoramas/{LOBBY}", "title": "St Fagans Interior (visitor lobby, St Fagans National Museum "
                                               "of History)",
        "author": "Poly Haven (HDRI Haven)", "licence": "CC0 1.0",
        "licence_url": "https://creativecommons.org/publicdomain/zero/1.0/",
        "credit": "“St Fagans Interior”, Poly Haven, CC0", "url": "https://polyhaven.com/a/st_fagans_interior",
        "source": "pmndrs/drei-assets@456060a2 hdri/st_fagans_interior_1k.hdr", "changes": "tone-mapped to JPEG"})
    out.append({
        "file": "halls/*.jpg", "title": "Rendered gallery panoramas hung with the jade photographs",
        "author": "Yunzhan demo (rendered from the photographs above)", "licence": NPM["licence"],
        "licence_url": NPM["licence_url"], "credit": NPM["credit"] + " (photographs shown)",
        "url": "", "source": "rendered by studio.demo.render_shipped_halls", "changes": ""})
    return out


def credits_markdown(entries: list[dict]) -> str:
    lines = ["# Credits of the demo's shipped content", "",
             "Every file in this folder besides the code, with its source and licence. The demo's web package shows",
             "the same credits on its credits page (credits.html).", ""]
    for e in entries:
        lines += [f"## {e['file']}", f"- {e['title']}" + (f" ({e['accession']})" if e.get("accession") else ""),
                  f"- Author / institution: {e['author']}" + (f"; {e['institution']}" if e.get("institution") else ""),
                  f"- Licence: {e['licence']} {e['licence_url']}".rstrip(), f"- Credit line: {e['credit']}"]
        if e["url"]:
            lines.append(f"- URL: {e['url']}")
        lines += [f"- From: {e['source']}" + (f"; {e['changes']}" if e["changes"] else ""), ""]
    return "\n".join(lines)


def prepare(realdata: Path) -> None:
    records = jade_records(realdata)
    fields = list(records[0])
    with open(HERE / "npm_jades.csv", "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fields)
        writer.writeheader()
        writer.writerows(records)
    photos = HERE / "photos"
    photos.mkdir(exist_ok=True)
    for r in records:
        with Image.open(realdata / "collection" / "npm_jades" / f"npm_taipei_{r['image']}") as im:
            im = im.convert("RGB")
            im.thumbnail((PHOTO_SIDE, PHOTO_SIDE), Image.Resampling.LANCZOS)
            im.save(photos / r["image"], quality=PHOTO_QUALITY, optimize=True, progressive=True)
    for folder, name in (("models", SCAN), ("panoramas", LOBBY)):
        (HERE / folder).mkdir(exist_ok=True)
        shutil.copyfile(realdata / folder / name, HERE / folder / name)
    entries = credits(records)
    (HERE / "CREDITS.json").write_text(json.dumps(entries, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    (HERE / "CREDITS.md").write_text(credits_markdown(entries), encoding="utf-8")
    from studio.demo import render_shipped_halls

    render_shipped_halls()


if __name__ == "__main__":
    prepare(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[3] / "shared" / "realdata")
