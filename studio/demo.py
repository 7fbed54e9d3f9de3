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
                summary += _add_scan(project, real, progress)
            else:
                summary.append("../shared/realdata not found: demo uses shipped and generated data only")
            summary += _build_exhibition(project, work, real, progress)
            summary += _narrate_tour(project, progress)
        finally:
            project.close()
        os.replace(work / "demo.yunzhan", target)
        for stale in (Path(f"{target}-wal"), Path(f"{target}-shm")):
            stale.unlink(missing_ok=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    summary.insert(0, f"demo project: {target}")
    summary += export_demo_site(target, out_dir / "site", progress=progress)
    summary += render_demo_videos(target, out_dir, progress=progress)
    return summary


# What the guide says at each stop of the demo tour.
STOP_TEXTS = {
    "lobby": ("欢迎来到云上瓷韵。序厅陈列着三件代表作，带您走进馆藏的一千年。",
              "Welcome to Porcelain in the Cloud. The entrance hall shows three masterpieces from a thousand years "
              "of the collection."),
    "porcelain": ("瓷器馆汇集了宋元明清的名窑瓷器，请留意青花的发色与釉面的光泽。",
                  "The porcelain gallery gathers wares from the great kilns of the Song to the Qing dynasties. "
                  "Look at the colour of the blue and the sheen of the glaze."),
    "garden": ("庭院是导览的最后一站，感谢您的参观。",
               "The garden court is the last stop of the tour. Thank you for visiting."),
}


def _narrate_tour(project: Project, progress: Progress) -> list[str]:
    """Spoken guides (zh and en, eSpeak NG) for the tour's stops and the objects pinned in its halls."""
    from assets.errors import ToolMissing
    from scenes.narration.narrate import narrate
    from scenes.narration.store import set_text
    from scenes.narration.subjects import list_subjects

    for n, (slug, _zh, _en, _real, _hue) in enumerate(HALLS, 1):
        zh, en = STOP_TEXTS[slug]
        set_text(project, f"highlights:{n}", "zh", zh)
        set_text(project, f"highlights:{n}", "en", en)
    pinned = {accession for _hall, accession, _yaw, _pitch in PINNED}
    subjects = [s for s in list_subjects(project)
                if s.kind == "stop" or (s.kind == "object" and s.name.removeprefix("object ") in pinned)]
    try:
        report = narrate(project, subjects=subjects, progress=progress)
    except ToolMissing as e:
        return [f"narration skipped: {e.user_text()}"]
    line = f"narration: {len(report.spoken) + len(report.reused)} clips with captions (zh, en)"
    return [line + (f"; not spoken: {report.failed[0].user_text()}" if report.failed else "")]


def render_demo_videos(project_path: Path, out_dir: Path, *, progress: Progress | None = None) -> list[str]:
    """The demo tour as videos for platforms: 16:9 (Bilibili) and 9:16 (Douyin, Kuaishou, WeChat Channels)."""
    from streaming.tour_video import render_tour

    lines = []
    with Project.open(project_path) as project:
        for aspect, name in (("16:9", "tour-16x9.mp4"), ("9:16", "tour-9x16.mp4")):
            video = render_tour(project, "highlights", out_dir / name, aspect=aspect, progress=progress)
            lines.append(f"tour video {aspect}: {video.path} ({video.width}x{video.height}, {video.seconds:.0f} s)")
    return lines


# Halls of the demo: (slug, zh, en, real panorama file, generated wall hue).
HALLS = [
    ("lobby", "序厅", "Entrance hall", "polyhaven_kiara_interior_2k.jpg", 0.08),
    ("porcelain", "瓷器馆", "Porcelain gallery", "polyhaven_lebombo_2k.jpg", 0.58),
    ("garden", "庭院", "Garden court", "pannellum_examplepano.jpg", 0.33),
]
# Objects pinned in each hall: (hall, accession, yaw, pitch).
PINNED = [
    ("lobby", "YZ-0002", -40, -8), ("lobby", "YZ-0005", 55, -10), ("lobby", "YZ-0011", 150, 5),
    ("porcelain", "YZ-0001", -35, -6), ("porcelain", "YZ-0003", 0, -4), ("porcelain", "YZ-0007", 35, -6),
    ("porcelain", "YZ-0016", 70, -8), ("porcelain", "YZ-0013", -70, -8),
    ("garden", "YZ-0020", 20, -5), ("garden", "YZ-0010", -45, -10),
]
PINNED_WITH_REALDATA = [("garden", "USNM 1145291", 80, -12)]


def generated_panorama(hue: float, size: tuple[int, int] = (2048, 1024)) -> Image.Image:
    """An equirectangular photo of a simple gallery room (walls, pictures, floor):
    a stand-in where no real panorama is at hand."""
    import numpy as np

    w, h = size
    lon = (np.arange(w) + 0.5) / w * 2 * np.pi - np.pi
    lat = np.pi / 2 - (np.arange(h) + 0.5) / h * np.pi
    lon, lat = np.meshgrid(lon, lat)
    d = np.stack([np.cos(lat) * np.sin(lon), np.sin(lat), np.cos(lat) * np.cos(lon)])
    half = np.array([6.0, 3.0, 6.0])[:, None, None]  # room half-sizes x, y (eye at 1.5 m), z
    offset = np.array([0.0, 0.0, 0.0])[:, None, None]
    with np.errstate(divide="ignore"):
        t = np.abs((half - offset * np.sign(d)) / d)
    axis = np.argmin(t, axis=0)
    hit = d * np.min(t, axis=0)
    r, g, b = colorsys.hsv_to_rgb(hue, 0.25, 0.85)
    wall = np.array([r, g, b]) * 255
    img = np.empty((h, w, 3), np.float32)
    img[...] = wall
    floor = (axis == 1) & (d[1] < 0)
    ceiling = (axis == 1) & (d[1] > 0)
    planks = (np.floor(hit[0] * 2) % 2)[..., None]
    img[floor] = (np.array([150, 110, 75]) + 18 * planks[floor]).reshape(-1, 3)
    img[ceiling] = (245, 245, 240)
    # Pictures on the walls: a frame every 3 m, 1.2 m high around eye level.
    along = np.where(axis == 0, hit[2], hit[0])
    framed = (axis != 1) & (np.abs(hit[1]) < 0.8) & ((along % 3.0) > 0.6) & ((along % 3.0) < 2.4)
    pr, pg, pb = colorsys.hsv_to_rgb((hue + 0.5) % 1, 0.5, 0.6)
    img[framed] = (pr * 255, pg * 255, pb * 255)
    shade = (0.75 + 0.25 * np.abs(d[2]))[..., None]
    return Image.fromarray(np.clip(img * shade, 0, 255).astype(np.uint8), "RGB")


def _build_exhibition(project: Project, work: Path, real: Path | None, progress: Progress) -> list[str]:
    """Halls with hotspots and a tour, a scheduled live tour, and the exported package."""
    from scenes import model

    summary = []
    model.set_exhibition(
        project, title_zh="云上瓷韵：馆藏精品展", title_en="Porcelain in the Cloud: Highlights of the Collection",
        intro_zh="走进三个展厅，近看瓷器、青铜与书画。点击展品可查看图文介绍。",
        intro_en="Walk through three halls and look closely at porcelain, bronzes and paintings. "
                 "Select an object to read about it.")
    sources = []
    for slug, zh, en, real_name, hue in HALLS:
        path = real / "panoramas" / real_name if real else None
        if path is None or not path.exists():
            path = work / f"{slug}.jpg"
            generated_panorama(hue).save(path, quality=90)
            sources.append("generated")
        else:
            sources.append("real")
        sha = model.store_panorama(project, path, progress=progress)
        model.add_hall(project, slug=slug, title_zh=zh, title_en=en, panorama_sha=sha)
    summary.append(f"halls: {len(HALLS)} ({sources.count('real')} real panoramas, "
                   f"{sources.count('generated')} generated)")
    links = [("lobby", "porcelain", 20, "前往瓷器馆", "To the porcelain gallery"),
             ("porcelain", "lobby", 180, "返回序厅", "Back to the entrance hall"),
             ("porcelain", "garden", 110, "走到庭院", "Out to the garden court"),
             ("garden", "porcelain", -150, "返回瓷器馆", "Back to the porcelain gallery")]
    for hall, to, yaw, zh, en in links:
        model.add_hotspot(project, hall, yaw=yaw, pitch=-10, to=to, arrive_yaw=0, label_zh=zh, label_en=en)
    pinned = PINNED + (PINNED_WITH_REALDATA if real else [])
    for hall, accession, yaw, pitch in pinned:
        model.add_hotspot(project, hall, yaw=yaw, pitch=pitch, object=accession)
    model.add_hotspot(project, "lobby", yaw=-120, pitch=5,
                      note_zh="欢迎来到云展。拖动画面环顾四周，点击圆点前往下一个展厅。",
                      note_en="Welcome. Drag to look around; select a dot to walk to the next hall.",
                      label_zh="参观提示", label_en="How to visit")
    model.add_tour(project, slug="highlights", stops=[h[0] for h in HALLS], title_zh="精品导览",
                   title_en="Highlights tour", default=True)
    _describe_images(project)
    summary.append(f"hotspots: {len(links) + len(pinned) + 1}; default tour: {len(HALLS)} stops")
    summary += _schedule_live_tour(project)
    summary += _virtual_hall(project)
    return summary


def _virtual_hall(project: Project) -> list[str]:
    """A walkable virtual hall of every object with a photo or a 3D model."""
    from scenes import virtual_halls

    hall = virtual_halls.generate_hall(project, slug="virtual-gallery", title_zh="虚拟展厅",
                                       title_en="Virtual gallery", width=18, depth=12, height=4)
    models = sum(1 for i in hall.items if i.kind == "model")
    return [f"virtual hall: {len(hall.items) - models} pictures, {models} 3D works"]


SCAN = "USNM_1145291-150k-2048-medium-100k-2048_draco.glb"


def _add_scan(project: Project, real: Path, progress: Progress) -> list[str]:
    """A real 3D scan (Smithsonian Open Access, CC0) as an object with a model."""
    from assets.catalog import Catalog, CatalogObject

    scan = real / "models" / SCAN
    if not scan.exists():
        return []
    Catalog(project).add(CatalogObject(
        accession="USNM 1145291", title_zh="化石标本三维扫描", title_en="Fossil specimen, 3D scan",
        credit_line="Smithsonian Institution, National Museum of Natural History", rights="CC0",
        description_zh="史密森尼学会国家自然历史博物馆藏化石标本的三维扫描模型。",
        description_en="A 3D scan of a fossil specimen in the National Museum of Natural History.",
        keywords="三维;化石;3D scan"))
    import_media(project, [scan], object_key="USNM 1145291", progress=progress)
    notes = _annotate_scan(project)
    return [f"3D scan (Smithsonian Open Access, CC0): 1 textured model, web version and poster, {notes} notes"]


# Notes on the scan: (where on the view, from the centre, in fractions of the model's
# size), zh/en title and text. Each is pinned where a click there meets the surface.
SCAN_NOTES = [
    ((0.0, 0.0), "主体", "Main body", "扫描所见的标本主体。", "The body of the specimen as scanned."),
    ((-0.25, 0.2), "分枝", "Branches", "细密的分枝结构。", "Its fine branching structure."),
    ((0.2, -0.2), "底部", "Base", "标本的底部。", "The base of the specimen."),
]


def _annotate_scan(project: Project) -> int:
    """Pin the scan's notes where clicks from the start camera meet its surface."""
    import numpy as np

    from assets.models.picking import pick_surface
    from assets.models.store import studio_glb
    from scenes import model_scenes
    from scenes.model_scenes import model_of_object

    sha = model_of_object(project, "USNM 1145291")
    scene = model_scenes.load_scene(project, sha)
    glb = studio_glb(project, sha)
    camera, target = np.array(scene.camera.position), np.array(scene.camera.target)
    forward = (target - camera) / np.linalg.norm(target - camera)
    right = np.cross(forward, [0.0, 1.0, 0.0])
    right /= np.linalg.norm(right)
    up = np.cross(right, forward)
    size = max(scene.model.size)
    placed = 0
    for (dx, dy), title_zh, title_en, text_zh, text_en in SCAN_NOTES:
        aim = target + right * dx * size + up * dy * size
        hit = pick_surface(glb, camera, aim - camera)
        if hit is None:
            continue
        model_scenes.add_annotation(project, sha, position=hit[0], normal=hit[1], title_zh=title_zh,
                                    title_en=title_en, text_zh=text_zh, text_en=text_en)
        placed += 1
    return placed


def _describe_images(project: Project) -> None:
    """Alt texts for the object photos, from their objects' titles."""
    from assets.catalog import Catalog
    from assets.media_store import MediaStore

    store = MediaStore(project)
    for obj in Catalog(project).iter_all():
        for sha in Catalog(project).media_of(obj.id):
            store.set_alt(sha, zh=f"{obj.title_zh}（展品照片）" if obj.title_zh else None,
                          en=f"Photo of {obj.title_en}" if obj.title_en else None)


def _schedule_live_tour(project: Project) -> list[str]:
    """A live guided tour next Thursday 15:00 Shanghai time (server addresses only; keys never)."""
    from datetime import datetime, timedelta
    from zoneinfo import ZoneInfo

    from streaming.destinations import make_destination
    from streaming.events import EventStore

    tz = "Asia/Shanghai"
    now = datetime.now(ZoneInfo(tz))
    days = (3 - now.weekday()) % 7 or 7
    start = (now + timedelta(days=days)).replace(hour=15, minute=0, second=0, microsecond=0)
    event_id = EventStore(project).add(
        title_zh="瓷器馆直播导览", title_en="Live tour of the porcelain gallery",
        description="策展人带您走进瓷器馆。", start=start, end=start + timedelta(hours=1), tz=tz,
        destinations=[make_destination("bilibili", "rtmp://live-push.bilivideo.com/live-bvc/"),
                      make_destination("weibo", "rtmp://ps.live.weibo.com/alive/")])
    return [f"live tour scheduled: event {event_id}, {start:%Y-%m-%d %H:%M} {tz}"]


def export_demo_site(project_path: Path, site: Path, *, progress: Progress | None = None) -> list[str]:
    """Export the demo's web package to ``site`` (with its upcoming live tour)."""
    from scenes.export.package import export_package
    from streaming.publish import contributions

    with Project.open(project_path) as project:
        report = export_package(project, site, contributions=contributions(project), progress=progress)
    total = sum(report.sizes.bytes.values())
    return [f"web package: {site} ({total / 1e6:.1f} MB)",
            f"preview it: {_program()} serve {site}   (then open the address it prints)"]


def _program() -> str:
    """How the user called yunzhan (``.venv/bin/yunzhan`` under ``make demo``)."""
    import sys

    called = sys.argv[0] if sys.argv else ""
    return called if Path(called).name == "yunzhan" else "yunzhan"
