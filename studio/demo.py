"""The demo project: shipped sample records, generated photos, real data when present.

``yunzhan demo --out DIR`` writes ``DIR/demo.yunzhan``. Everything comes from files
shipped in ``studio/demo_data`` or generated here, plus the openly licensed records
in ``../shared/realdata`` when that folder sits beside the checkout, so it works
with no network.
"""

from __future__ import annotations

import colorsys
import os
import shutil
import tempfile
from importlib import resources
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

from assets.catalog_import import import_table
from assets.media_import import import_media
from assets.progress import Progress, null_progress
from assets.project import Project

REALDATA = Path(__file__).resolve().parents[2] / "shared" / "realdata"
_MATERIAL_HUE = {"瓷": 0.58, "青铜": 0.35, "玉": 0.3, "陶": 0.08, "漆": 0.0, "紫砂": 0.04, "铜鎏金": 0.12}


def realdata_dir() -> Path | None:
    """../shared/realdata beside the checkout (or $YUNZHAN_REALDATA), if present."""
    env = os.environ.get("YUNZHAN_REALDATA")
    path = Path(env) if env else REALDATA
    return path if path.is_dir() else None


def object_photo(accession: str, material: str, size: tuple[int, int] = (1200, 900)) -> Image.Image:
    """A generated studio photo of a vessel: a stand-in where no real photo ships."""
    w, h = size
    seed = sum(map(ord, accession))
    hue = _MATERIAL_HUE.get(material, (seed % 100) / 100)
    im = Image.new("RGB", size)
    draw = ImageDraw.Draw(im)
    for y in range(h):  # a soft studio backdrop
        v = 0.92 - 0.35 * y / h
        r, g, b = colorsys.hsv_to_rgb(0.1, 0.05, v)
        draw.line([(0, y), (w, y)], fill=(int(r * 255), int(g * 255), int(b * 255)))
    r, g, b = colorsys.hsv_to_rgb(hue, 0.55, 0.75)
    body = (int(r * 255), int(g * 255), int(b * 255))
    cx, top = w // 2, int(h * 0.18)
    neck = 60 + seed % 60
    belly = 180 + seed % 120
    draw.ellipse([cx - w // 4, int(h * 0.84), cx + w // 4, int(h * 0.92)], fill=(90, 85, 80))  # shadow
    draw.rectangle([cx - neck // 2, top, cx + neck // 2, top + h // 5], fill=body)
    draw.ellipse([cx - belly, top + h // 8, cx + belly, int(h * 0.86)], fill=body)
    draw.ellipse([cx - neck, top - 18, cx + neck, top + 18], fill=tuple(min(255, c + 40) for c in body))
    draw.arc([cx - belly + 30, top + h // 6, cx + belly - 30, int(h * 0.8)], 200, 340, fill=(255, 255, 255), width=6)
    return im.filter(ImageFilter.GaussianBlur(1.2))


def build_demo(out_dir: Path, *, progress: Progress | None = None) -> list[str]:
    """Build ``out_dir/demo.yunzhan`` afresh; returns lines that say what was built."""
    progress = progress or null_progress()
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / "demo.yunzhan"
    work = Path(tempfile.mkdtemp(prefix=".demo-", dir=out_dir))
    summary = []
    try:
        project = Project.create(work / "demo.yunzhan")
        try:
            data = resources.files("studio.demo_data")
            with resources.as_file(data / "objects.csv") as csv_path:
                result = import_table(project, csv_path, mapping={"名称": "title_zh"}, progress=progress)
            summary.append(f"sample objects: {result.rows}")
            photos = work / "photos"
            photos.mkdir()
            from assets.catalog import Catalog
            for obj in Catalog(project).iter_all():
                object_photo(obj.accession, obj.medium).save(photos / f"{obj.accession}.jpg", quality=88)
            media = import_media(project, sorted(photos.iterdir()), progress=progress)
            summary.append(f"object photos: {len(media.linked)}")
            real = realdata_dir()
            if real:
                tate = real / "collection" / "tate_artworks_subset_300.json"
                if tate.exists():
                    result = import_table(project, tate, progress=progress)
                    summary.append(f"Tate collection records (CC0): {result.rows}")
            else:
                summary.append("../shared/realdata not found: demo uses shipped and generated data only")
            summary += _build_exhibition(project, work, real, progress)
        finally:
            project.close()
        os.replace(work / "demo.yunzhan", target)
        for stale in (Path(f"{target}-wal"), Path(f"{target}-shm")):
            stale.unlink(missing_ok=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    summary.insert(0, f"demo project: {target}")
    return summary


def _build_exhibition(project: Project, work: Path, real: Path | None, progress: Progress) -> list[str]:
    """Halls, hotspots and the exported package (see the exhibition issue)."""
    return []
