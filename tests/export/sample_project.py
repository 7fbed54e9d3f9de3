"""A real exhibition project on disk for the exporter's tests and benchmark: halls
from real panoramas (or generated ones), catalog objects with images and audio,
hotspots of every kind, a floor plan."""

from __future__ import annotations

import io
import math
import struct
import wave
from pathlib import Path

from PIL import Image, ImageDraw

from assets.catalog import Catalog, CatalogObject
from assets.media_store import MediaStore
from assets.project import Project
from scenes import model

XSS_TITLE = "<script>alert(1)</script> & \"quotes\""


def generated_panorama(path: Path, seed: int = 0, width: int = 2048) -> Path:
    """A 2:1 JPEG with bands, a grid and coloured blocks, so views differ."""
    im = Image.new("RGB", (width, width // 2))
    draw = ImageDraw.Draw(im)
    for y in range(0, width // 2, 8):
        shade = int(60 + 150 * y / (width // 2))
        draw.rectangle([0, y, width, y + 8], fill=(shade, (shade + 40 * seed) % 255, 255 - shade))
    for x in range(0, width, width // 16):
        draw.line([x, 0, x, width // 2], fill=(255, 255, 255), width=3)
        draw.rectangle([x + 20, width // 4 - 40, x + 70, width // 4 + 40],
                       fill=((x * 7 + seed * 50) % 255, (x * 3) % 255, 90))
    im.save(path, "JPEG", quality=85)
    return path


def object_image(seed: int) -> bytes:
    im = Image.new("RGB", (900, 700), (240 - seed * 20, 220, 200))
    draw = ImageDraw.Draw(im)
    draw.ellipse([200, 150, 700, 550], fill=(140, 60 + seed * 30, 40), outline=(30, 30, 30), width=8)
    out = io.BytesIO()
    im.save(out, "JPEG", quality=85)
    return out.getvalue()


def tone_wav(seconds: float = 1.0, rate: int = 8000) -> bytes:
    out = io.BytesIO()
    with wave.open(out, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(b"".join(struct.pack("<h", int(8000 * math.sin(2 * math.pi * 440 * i / rate)))
                               for i in range(int(rate * seconds))))
    return out.getvalue()


def panorama_files(realdata: Path | None, work: Path, count: int) -> list[Path]:
    """``count`` panorama photos: the real ones (interiors first), cycled, else generated."""
    real = []
    if realdata is not None:
        folder = realdata / "panoramas"
        real = [folder / n for n in ("polyhaven_kiara_interior_2k.jpg", "polyhaven_lebombo_2k.jpg",
                                     "pannellum_examplepano.jpg") if (folder / n).is_file()]
    if real:
        return [real[i % len(real)] for i in range(count)]
    return [generated_panorama(work / f"pano-{i}.jpg", seed=i) for i in range(count)]


def build_project(path: Path, panoramas: list[Path], *, title_zh: str = "青铜时代", title_en: str = "The Bronze Age",
                  objects: int = 2) -> Project:
    """A project with one hall per panorama (slugs hall-1, hall-2...), linked in a
    ring with arrival views, ``objects`` catalog objects (images with alt text, the
    first with audio) pinned in the first hall, a note, and a floor plan."""
    project = Project.create(path)
    model.set_exhibition(project, title_zh=title_zh, title_en=title_en,
                         intro_zh="一座用全景照片布置的虚拟展览。", intro_en="A virtual exhibition made of 360° photos.")
    shas = {}
    for n, pano in enumerate(panoramas, 1):
        if pano not in shas:
            shas[pano] = model.store_panorama(project, pano)
        model.add_hall(project, slug=f"hall-{n}", title_zh=f"第{n}展厅", title_en=f"Hall {n}",
                       description_zh=f"第{n}展厅的介绍。", description_en=f"About hall {n}.", panorama_sha=shas[pano],
                       view=model.View(yaw=0, pitch=0))
    count = len(panoramas)
    if count > 1:
        for n in range(1, count + 1):
            nxt = n % count + 1
            model.add_hotspot(project, f"hall-{n}", yaw=20, pitch=-5, to=f"hall-{nxt}", arrive_yaw=90, arrive_pitch=0)
    store = MediaStore(project)
    catalog = Catalog(project)
    for i in range(objects):
        acc = f"2024.{i + 1}"
        oid = catalog.add(CatalogObject(accession=acc, title_zh=f"青铜器{i + 1}", title_en=f"Bronze vessel {i + 1}",
                                        maker="佚名", date_text="商代", medium="青铜",
                                        description_zh="一件青铜器。", description_en="A bronze vessel."))
        sha = store.add_bytes(object_image(i), kind="image", mime="image/jpeg", ext="jpg", width=900, height=700)
        store.set_alt(sha, zh=f"青铜器{i + 1}的照片", en=f"Photo of bronze vessel {i + 1}")
        catalog.link_media(oid, sha)
        if i == 0:
            audio = store.add_bytes(tone_wav(), kind="audio", mime="audio/wav", ext="wav", duration_s=1.0)
            catalog.link_media(oid, audio, role="audio")
        model.add_hotspot(project, "hall-1", yaw=-30 + 25 * i, pitch=0, object=acc,
                          label_zh=f"青铜器{i + 1}", label_en=f"Bronze vessel {i + 1}")
    model.add_hotspot(project, "hall-1", yaw=5, pitch=15, note_zh="请勿触摸展品。", note_en="Please do not touch.",
                      label_zh="提示", label_en="Notice")
    plan = Image.new("RGB", (600, 400), (245, 245, 240))
    ImageDraw.Draw(plan).rectangle([50, 50, 550, 350], outline=(0, 0, 0), width=6)
    buf = io.BytesIO()
    plan.save(buf, "PNG")
    plan_sha = store.add_bytes(buf.getvalue(), kind="image", mime="image/png", ext="png", width=600, height=400)
    store.set_alt(plan_sha, zh="展厅平面图", en="Floor plan")
    model.set_floor_plan(project, plan_sha)
    for n in range(1, count + 1):  # a grid of 5 columns, pins well apart (tap targets)
        row, col = divmod(n - 1, 5)
        model.pin_hall(project, f"hall-{n}", x=0.1 + 0.2 * col, y=min(0.9, 0.15 + 0.2 * row))
    return project
