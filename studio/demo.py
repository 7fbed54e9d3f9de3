"""The demo project: real, openly licensed museum content shipped with the studio.

``yunzhan demo --out DIR`` writes ``DIR/demo.yunzhan``, its web package and tour
videos from ``studio/demo_data`` alone (no network, no ../shared): twelve jades of
the National Palace Museum, Taipei (records and photographs, Open Government Data
License), a marble bust scan (CC BY 4.0) and a museum lobby panorama (CC0); see
``studio/demo_data/CREDITS.md``. The two galleries are 360° panoramas rendered from
a virtual hall hung with the jade photographs (shipped pre-rendered; rendered again,
and cached, if their layout changes). With ../shared/realdata beside the checkout
the Tate records are added to the catalog.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import shutil
import tempfile
from importlib import resources
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from assets.catalog_import import import_table
from assets.media_import import import_media
from assets.progress import Progress, null_progress
from assets.project import Project

REALDATA = Path(__file__).resolve().parents[2] / "shared" / "realdata"
DEMO_BASE_URL = "http://127.0.0.1:8000/"
DATA = Path(str(resources.files("studio.demo_data")))
JADES_CSV = "npm_jades.csv"
LOBBY_PANORAMA = "panoramas/polyhaven_st_fagans_interior_1024x512.jpg"
SCAN = "models/glyptotek_bust_man_wearing_wreath_scan.glb"
SCAN_ACCESSION = "SCAN-NEMI-BUST"
MOSAIC_ACCESSION = "NPM-JADES-MOSAIC"


def realdata_dir() -> Path | None:
    """../shared/realdata beside the checkout (or $YUNZHAN_REALDATA), if present."""
    env = os.environ.get("YUNZHAN_REALDATA")
    path = Path(env) if env else REALDATA
    return path if path.is_dir() else None


def jade_rows() -> list[dict]:
    """The shipped records of the twelve jades (``npm_jades.csv``)."""
    with open(DATA / JADES_CSV, encoding="utf-8") as f:
        return list(csv.DictReader(f))


def build_demo(out_dir: Path, *, base_url: str | None = DEMO_BASE_URL, extras: bool = True,
               progress: Progress | None = None) -> list[str]:
    """Build ``out_dir/demo.yunzhan`` afresh and, with ``extras``, render its tour videos,
    keep the 16:9 one as a replay and export its web package (published at ``base_url``,
    so it has IIIF and QR codes); returns lines that say what was built. The studio
    opens the project alone (``extras=False``: a minute rather than three)."""
    progress = progress or null_progress()
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / "demo.yunzhan"
    work = Path(tempfile.mkdtemp(prefix=".demo-", dir=out_dir))
    summary = []
    try:
        project = Project.create(work / "demo.yunzhan")
        try:
            summary += _add_jades(project, progress)
            summary += _add_mosaic(project, work, progress)
            summary += _add_scan(project, progress)
            real = realdata_dir()
            if real:
                tate = real / "collection" / "tate_artworks_subset_300.json"
                if tate.exists():
                    result = import_table(project, tate, progress=progress)
                    summary.append(f"Tate collection records (CC0): {result.rows}")
            else:
                summary.append("../shared/realdata not found: the demo uses its shipped content only")
            _describe_images(project)
            _record_credits(project)
            summary += _build_exhibition(project, work, progress)
            summary += _narrate_tour(project, progress)
        finally:
            project.close()
        os.replace(work / "demo.yunzhan", target)
        for stale in (Path(f"{target}-wal"), Path(f"{target}-shm")):
            stale.unlink(missing_ok=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    summary.insert(0, f"demo project: {target}")
    if not extras:
        return summary
    summary += render_demo_videos(target, out_dir, progress=progress)
    summary += _add_replay(target, out_dir / "tour-16x9.mp4")
    summary += export_demo_site(target, out_dir / "site", base_url=base_url, progress=progress)
    return summary


def _add_jades(project: Project, progress: Progress) -> list[str]:
    """The jades' records and photographs."""
    rows = jade_rows()
    result = import_table(project, DATA / JADES_CSV, mapping={"image": "-"},
                          progress=progress)
    for row in rows:
        import_media(project, [DATA / "photos" / row["image"]], object_key=row["accession"], progress=progress)
    return [f"National Palace Museum jades: {result.rows} records with photographs"]


def mosaic_image(paths: list[Path], *, columns: int = 6, cell: tuple[int, int] = (1600, 1200),
                 gutter: int = 16) -> Image.Image:
    """The photographs side by side on a light ground, each fitted into its cell: one
    large image for the deep-zoom viewer (9,600+ px wide for twelve 1600-px photos)."""
    rows = -(-len(paths) // columns)
    w, h = cell
    canvas = Image.new("RGB", (columns * w + (columns + 1) * gutter, rows * h + (rows + 1) * gutter), (236, 233, 226))
    for n, path in enumerate(paths):
        with Image.open(path) as im:
            im = im.convert("RGB")
            im.thumbnail(cell, Image.Resampling.LANCZOS)
            x = gutter + (n % columns) * (w + gutter) + (w - im.width) // 2
            y = gutter + (n // columns) * (h + gutter) + (h - im.height) // 2
            canvas.paste(im, (x, y))
    return canvas


def _add_mosaic(project: Project, work: Path, progress: Progress) -> list[str]:
    """One large picture (the twelve photographs together) as an object, for deep zoom."""
    from assets.catalog import Catalog, CatalogObject

    path = work / "npm-jades-mosaic.jpg"
    mosaic_image([DATA / "photos" / row["image"] for row in jade_rows()]).save(path, quality=85)
    Catalog(project).add(CatalogObject(
        accession=MOSAIC_ACCESSION, title_zh="十二件痕都斯坦玉（照片拼合）",
        title_en="The twelve Hindustan jades (photographs assembled)",
        credit_line="National Palace Museum, Taipei (國立故宮博物院)",
        rights="Taiwan Open Government Data License v1.0",
        description_zh="本展十二件玉器的照片拼合成的一张大图，可放大查看细部。拼图由云展演示制作，照片来自国立故宫博物院开放资料。",
        description_en="The photographs of the exhibition's twelve jades assembled into one large picture to zoom "
                       "into. Assembled by the Yunzhan demo from the National Palace Museum's open data photographs.",
        keywords="玉;拼图;deep zoom"))
    import_media(project, [path], object_key=MOSAIC_ACCESSION, progress=progress)
    with Image.open(path) as im:
        return [f"deep-zoom picture: {im.width}x{im.height} px from the twelve photographs"]


# The panorama halls: (slug, zh, en). The lobby is a real museum's (CC0); the two
# galleries are rendered, hung with the jades in ``GALLERIES`` order.
HALLS = [
    ("lobby", "序厅", "Entrance hall"),
    ("plates", "玉盘厅", "Gallery of jade plates"),
    ("bowls", "玉碗厅", "Gallery of jade bowls and cups"),
]
GALLERIES = {
    "plates": ["古玉2471", "古玉2472", "古玉3231", "古玉3238", "古玉3861", "古玉3878"],
    "bowls": ["故玉1668", "古玉2430", "古玉3165", "古玉2860", "古玉1863", "故玉003631"],
}
# Each gallery hangs its six works on the north wall in two rows of three (so each is
# large in the view) with its doorway back to the lobby at one end of that wall, and
# is photographed from near the south wall: the whole wall, works and doorway, spans
# under 70° of yaw and fits a portrait phone's first view.
ROOM = {"width": 7.2, "depth": 6.0, "height": 3.3}
WALL_COLOUR = "#f3eee6"
PANEL_HEIGHT = 0.9          # the photographs hang as 90 cm panels
ROW_CENTRES = (2.25, 1.05)  # the two rows' centre lines, metres above the floor
COLUMN_GAP = 0.35
END_MARGIN = 0.3            # between a wall's end and the first work or the doorway
DOOR = {"width": 1.2, "gap": 0.45}  # the doorway to the lobby, and its distance from the works
DOOR_END = {"plates": "east", "bowls": "west"}  # the ends nearer the lobby's middle (see floor_plan_image)
EYE_FROM_SOUTH = 0.6        # the panorama's eye: this far from the south wall, on the room's axis
PANORAMA_WIDTH = 8192
RENDER_VERSION = 2          # bump when the renderer's look changes: the shipped panoramas are made again
# Hotspots in the lobby photograph: (yaw, pitch) of its doors and reception desk.
LOBBY_DOORS = {"plates": (-15.0, -1.5), "bowls": (22.0, -1.5)}
LOBBY_NOTE = (-58.0, -3.0)

# What the guide says at each stop of the demo tour.
STOP_TEXTS = {
    "lobby": ("欢迎来到“痕都斯坦玉”展。这些玉器来自莫卧儿帝国等地，后入清宫，刻有乾隆皇帝的御制诗。",
              "Welcome to Hindustan Jades. These jades were made in the Mughal empire and its neighbours, entered "
              "the Qing imperial collection and carry poems by the Qianlong emperor."),
    "plates": ("玉盘厅陈列花式盘、笔盒与长柄杓，请留意莲瓣的薄胎与金丝镶嵌。",
               "The gallery of plates shows lotus dishes, a pen case and a ladle. Look at the thin lotus petals "
               "and the gold-wire inlay."),
    "bowls": ("玉碗厅是导览的最后一站：双耳碗、瓜瓣瓢与玉爵杯。感谢您的参观。",
              "The gallery of bowls and cups is the last stop: bowls with two handles, a half-gourd cup and a "
              "small jue cup. Thank you for visiting."),
}


def _narrate_tour(project: Project, progress: Progress) -> list[str]:
    """Spoken guides (zh and en) for the tour's stops and the jades hung in its halls."""
    from assets.errors import ToolMissing
    from scenes.narration.narrate import narrate
    from scenes.narration.store import set_text
    from scenes.narration.subjects import list_subjects

    for n, (slug, _zh, _en) in enumerate(HALLS, 1):
        zh, en = STOP_TEXTS[slug]
        set_text(project, f"highlights:{n}", "zh", zh)
        set_text(project, f"highlights:{n}", "en", en)
    pinned = {accession for accessions in GALLERIES.values() for accession in accessions}
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


# -- the rendered galleries -------------------------------------------------------------
def gallery_layout(project: Project, slug: str):
    """The virtual hall (not stored) whose panorama is gallery ``slug``: its jades hung
    as ``PANEL_HEIGHT`` panels on the north wall, in two rows of columns (first row
    left to right, then the second), clear of the doorway at the ``DOOR_END`` end."""
    from scenes import virtual_halls as vh

    works = [vh.Work(w.object_id, w.accession, w.kind, w.width * PANEL_HEIGHT / w.height, PANEL_HEIGHT)
             for w in vh.works_for(project, GALLERIES[slug])]
    columns = -(-len(works) // len(ROW_CENTRES))
    widths = [max(w.width for w in works[c::columns]) for c in range(columns)]
    block = sum(widths) + COLUMN_GAP * (columns - 1)
    width, depth, height = ROOM["width"], ROOM["depth"], ROOM["height"]
    along = END_MARGIN + (DOOR["width"] + DOOR["gap"] if DOOR_END[slug] == "west" else 0.0)
    if along + block + END_MARGIN + (DOOR["width"] + DOOR["gap"] if DOOR_END[slug] == "east" else 0.0) > width:
        raise ValueError(f"demo gallery {slug}: the works need more than the {width} m north wall")
    items = []
    for n, work in enumerate(works):
        column, row = n % columns, n // columns
        centre = along + sum(widths[:column]) + COLUMN_GAP * column + widths[column] / 2
        item = {"object_id": work.object_id, "accession": work.accession, "kind": work.kind, "width": work.width,
                "height": work.height, "depth": work.depth, "plinth": 0.0}
        items.append(dict(vh.hang_at(item, "north", centre, width, depth, height), y=ROW_CENTRES[row]))
    return vh.VirtualHall(0, slug, "", "", width, depth, height, WALL_COLOUR, "wood", "warm",
                          tuple(vh.Item(id=n, position=n, **it) for n, it in enumerate(items)))


def gallery_door(slug: str) -> tuple[float, float]:
    """The gallery's doorway in its north wall: (x of its centre, width)."""
    offset = ROOM["width"] / 2 - END_MARGIN - DOOR["width"] / 2
    return (offset if DOOR_END[slug] == "east" else -offset), DOOR["width"]


def gallery_eye() -> tuple[float, float, float]:
    """Where the galleries' panoramas are taken: near the south wall, facing the works."""
    from scenes.virtual_halls import EYE_LEVEL

    return (0.0, EYE_LEVEL, ROOM["depth"] / 2 - EYE_FROM_SOUTH)


def _layout_key(project: Project, hall) -> str:
    """What a gallery's panorama depends on: the layout, the photographs, the renderer."""
    from assets.catalog import Catalog

    catalog = Catalog(project)
    photos = {it.accession: catalog.media_of(it.object_id)[0] for it in hall.items}
    doc = {"v": RENDER_VERSION, "room": ROOM, "wall": WALL_COLOUR, "width": PANORAMA_WIDTH, "photos": photos,
           "eye": gallery_eye(), "door": gallery_door(hall.slug),
           "items": [[it.accession, round(it.x, 3), round(it.y, 3), round(it.z, 3), it.yaw, round(it.width, 3)]
                     for it in hall.items]}
    return hashlib.sha256(json.dumps(doc, sort_keys=True).encode()).hexdigest()[:16]


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "yunzhan" / "demo-halls"


def gallery_panorama(project: Project, slug: str, *, fresh: bool = False,
                     progress: Progress | None = None) -> tuple[Path, str]:
    """The gallery's panorama file and where it came from ("shipped", "cached" or "rendered").

    The shipped file (``demo_data/halls/<slug>.jpg``) serves while its recorded key
    matches the layout; otherwise (or when ``fresh``) the panorama is rendered once
    into the user's cache."""
    hall = gallery_layout(project, slug)
    key = _layout_key(project, hall)
    shipped = DATA / "halls" / f"{slug}.jpg"
    keys = DATA / "halls" / "keys.json"
    if not fresh and shipped.exists() and keys.exists() and json.loads(keys.read_text()).get(slug) == key:
        return shipped, "shipped"
    cached = _cache_dir() / f"{slug}-{key}.jpg"
    if not fresh and cached.exists():
        return cached, "cached"
    from scenes import hall_panorama

    cached.parent.mkdir(parents=True, exist_ok=True)
    part = cached.with_name(cached.name + ".part")
    hall_panorama.render(project, hall, width=PANORAMA_WIDTH, eye=gallery_eye(), north_door=gallery_door(slug),
                         progress=progress).save(
        part, format="JPEG", quality=80, optimize=True, progressive=True)
    part.replace(cached)
    return cached, "rendered"


def render_shipped_halls() -> None:
    """Render the galleries into ``demo_data/halls`` (the maintainer's step after a
    layout or look change; see demo_data/prepare.py)."""
    with tempfile.TemporaryDirectory(prefix="yunzhan-demo-halls-") as tmp:
        project = Project.create(Path(tmp) / "halls.yunzhan")
        try:
            _add_jades(project, null_progress())
            (DATA / "halls").mkdir(exist_ok=True)
            keys = {}
            for slug in GALLERIES:
                path, _how = gallery_panorama(project, slug, fresh=True)
                shutil.copyfile(path, DATA / "halls" / f"{slug}.jpg")
                keys[slug] = _layout_key(project, gallery_layout(project, slug))
            (DATA / "halls" / "keys.json").write_text(json.dumps(keys, indent=1) + "\n")
        finally:
            project.close()


def floor_plan_image(size: tuple[int, int] = (1200, 800)) -> tuple[Image.Image, dict[str, tuple[float, float]]]:
    """A plan of the three rooms (north up: the lobby above, the two galleries below
    it, each entered by a doorway at the lobby's end of its north wall, where its works
    hang; see ``DOOR_END``), and each hall's pin position as fractions of the image."""
    w, h = size
    im = Image.new("RGB", size, (250, 248, 243))
    draw = ImageDraw.Draw(im)
    try:
        font = ImageFont.truetype("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 30)
    except OSError:
        font = ImageFont.load_default()
    rooms = {"lobby": (0.2, 0.08, 0.8, 0.4), "plates": (0.08, 0.48, 0.48, 0.92), "bowls": (0.52, 0.48, 0.92, 0.92)}
    for slug, zh, en in HALLS:
        x0, y0, x1, y1 = rooms[slug]
        draw.rectangle([x0 * w, y0 * h, x1 * w, y1 * h], fill=(236, 230, 218), outline=(60, 56, 50), width=6)
        for line, dy in ((zh, 90), (en, 45)):  # two lines: side by side they overrun the room
            draw.text(((x0 + x1) / 2 * w, y1 * h - dy), line, fill=(40, 38, 34), font=font, anchor="mm")
    for slug in GALLERIES:
        x0, y0, x1, _y1 = rooms[slug]
        # the works' wall (north), and the doorway up into the lobby at its end
        draw.line([x0 * w + 16, y0 * h + 16, x1 * w - 16, y0 * h + 16], fill=(150, 120, 70), width=10)
        along = (x1 * w - 90) if DOOR_END[slug] == "east" else (x0 * w + 90)
        top, bottom = rooms["lobby"][3] * h, y0 * h
        draw.rectangle([along - 40, top - 6, along + 40, bottom + 6], fill=(236, 230, 218))
        for side in (along - 43, along + 43):
            draw.line([side, top, side, bottom], fill=(60, 56, 50), width=6)
    pins = {slug: ((x0 + x1) / 2, (y0 + y1) / 2) for slug, (x0, y0, x1, y1) in rooms.items()}
    return im, pins


def _build_exhibition(project: Project, work: Path, progress: Progress) -> list[str]:
    """The halls with hotspots on the works and doors, a floor plan, a tour, a walkable
    virtual hall and a scheduled live tour."""
    from assets.media_store import MediaStore
    from scenes import hall_panorama, model

    model.set_exhibition(
        project, title_zh="痕都斯坦玉：乾隆皇帝珍藏的异域玉器",
        title_en="Hindustan Jades: Foreign Jades in the Qianlong Emperor's Collection",
        intro_zh="十二件莫卧儿帝国等地制作、后入清宫的玉器，器上刻有乾隆皇帝的御制诗。照片与资料来自国立故宫博物院（台北）开放资料；"
                 "本展为云展的演示，并非该院的展览。",
        intro_en="Twelve jades made in the Mughal empire and its neighbours and later kept by the Qing court, carved "
                 "with the Qianlong emperor's poems. Photographs and records: National Palace Museum, Taipei, open "
                 "data. A Yunzhan demonstration, not an exhibition of that museum.")
    project.set_setting("museum.name_zh", "云展演示馆")
    project.set_setting("museum.name_en", "Yunzhan Demo Museum")
    sources = {}
    sha = model.store_panorama(project, DATA / LOBBY_PANORAMA, progress=progress)
    model.add_hall(project, slug="lobby", title_zh=HALLS[0][1], title_en=HALLS[0][2], panorama_sha=sha)
    sources["lobby"] = "photograph"
    directions = {}
    for slug, zh, en in HALLS[1:]:
        path, how = gallery_panorama(project, slug, progress=progress)
        sources[slug] = how
        sha = model.store_panorama(project, path, progress=progress)
        model.add_hall(project, slug=slug, title_zh=zh, title_en=en, panorama_sha=sha)
    for slug in GALLERIES:
        layout = gallery_layout(project, slug)
        directions[slug] = hall_panorama.item_directions(layout, gallery_eye())
        # the doorway back to the lobby, chest high
        yaw, pitch = hall_panorama.direction(gallery_door(slug)[0], 1.2, -ROOM["depth"] / 2, gallery_eye())
        model.add_hotspot(project, slug, yaw=yaw, pitch=pitch, to="lobby", arrive_yaw=0,
                          label_zh=f"前往{HALLS[0][1]}", label_en=f"To the {HALLS[0][2].lower()}")
        model.set_initial_view(project, slug, yaw=0, pitch=0)
    for to, (yaw, pitch) in LOBBY_DOORS.items():
        title = next(h for h in HALLS if h[0] == to)
        model.add_hotspot(project, "lobby", yaw=yaw, pitch=pitch, to=to, arrive_yaw=0,
                          label_zh=f"前往{title[1]}", label_en=f"To the {title[2].lower()}")
    model.add_hotspot(project, "lobby", yaw=LOBBY_NOTE[0], pitch=LOBBY_NOTE[1],
                      note_zh="欢迎来到云展。拖动画面环顾四周，点击圆点走进展厅；点击展品查看图文介绍。",
                      note_en="Welcome. Drag to look around, select a dot to walk into a gallery, and select a "
                              "work to read about it.",
                      label_zh="参观提示", label_en="How to visit")
    model.set_initial_view(project, "lobby", yaw=3, pitch=-2)
    pinned = 0
    for slug, spots in directions.items():
        for accession, (yaw, pitch) in spots.items():
            model.add_hotspot(project, slug, yaw=yaw, pitch=pitch, object=accession)
            pinned += 1
    plan, pins = floor_plan_image()
    plan.save(work / "floor-plan.png")
    plan_sha = model.store_image(project, work / "floor-plan.png")
    MediaStore(project).set_alt(plan_sha, zh="展览平面图：序厅在上，玉盘厅与玉碗厅在下",
                                en="Floor plan: the entrance hall above, the galleries of plates and bowls below")
    model.set_floor_plan(project, plan_sha)
    for slug, (x, y) in pins.items():
        model.pin_hall(project, slug, x=x, y=y)
    model.add_tour(project, slug="highlights", stops=[h[0] for h in HALLS], title_zh="精品导览",
                   title_en="Highlights tour", default=True)
    summary = [f"halls: {len(HALLS)} (" + ", ".join(f"{s} {how}" for s, how in sources.items()) + ")",
               f"hotspots: {pinned} on the works, {len(LOBBY_DOORS) + len(GALLERIES)} doors, 1 note; "
               f"floor plan with {len(pins)} pins; default tour: {len(HALLS)} stops"]
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


def _add_scan(project: Project, progress: Progress) -> list[str]:
    """A real 3D scan (a marble bust, Geoffrey Marchal, CC BY 4.0) as an object with notes."""
    from assets.catalog import Catalog, CatalogObject

    Catalog(project).add(CatalogObject(
        accession=SCAN_ACCESSION, title_zh="戴花冠的男子胸像（三维扫描）", title_en="Man wearing a wreath (3D scan)",
        date_text="公元1世纪", culture="古罗马", medium="大理石",
        dimensions="高 61 厘米",
        credit_line="Ny Carlsberg Glyptotek, Copenhagen. Scan: Geoffrey Marchal, CC BY 4.0; decimated by Keijiro "
                    "Takahashi (DanishStatues)",
        rights="CC BY 4.0",
        description_zh="出自内米狄安娜圣所的大理石胸像，现藏哥本哈根新嘉士伯美术馆。此为三维扫描模型，可旋转查看。",
        description_en="A marble bust from the Sanctuary of Diana at Nemi, 1st century CE, in the Ny Carlsberg "
                       "Glyptotek, Copenhagen. A 3D scan to turn and look at closely.",
        keywords="三维;雕塑;3D scan"))
    import_media(project, [DATA / SCAN], object_key=SCAN_ACCESSION, progress=progress)
    notes = _annotate_scan(project)
    return [f"3D scan (CC BY 4.0): 1 model, web version and poster, {notes} notes"]


# Notes on the scan: (where on the view, from the centre, in fractions of the model's
# size), zh/en title and text. Each is pinned where a click there meets the surface.
SCAN_NOTES = [
    ((0.0, 0.12), "面部", "Face", "面部的雕刻与表情。", "The carving of the face."),
    ((0.0, 0.36), "花冠", "Wreath", "头戴的花冠。", "The wreath he wears."),
    ((0.0, -0.3), "胸部", "Chest", "胸像的胸部与衣褶。", "The chest and drapery of the bust."),
]


def _annotate_scan(project: Project) -> int:
    """Pin the scan's notes where clicks from the start camera meet its surface."""
    import numpy as np

    from assets.models.picking import pick_surface
    from assets.models.store import studio_glb
    from scenes import model_scenes
    from scenes.model_scenes import model_of_object

    sha = model_of_object(project, SCAN_ACCESSION)
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


def _record_credits(project: Project) -> None:
    """The project's credits record (setting ``credits``) from the shipped CREDITS.json:
    the credits page lists it beside the objects' own credit lines."""
    from scenes.export.credits import set_credits

    entries = json.loads((DATA / "CREDITS.json").read_text(encoding="utf-8"))
    set_credits(project, [e for e in entries if not e["file"].startswith("photos/")])


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
        title_zh="玉器馆直播导览", title_en="Live tour of the jade galleries",
        description="策展人带您走进玉盘厅与玉碗厅。", start=start, end=start + timedelta(hours=1), tz=tz,
        destinations=[make_destination("bilibili", "rtmp://live-push.bilivideo.com/live-bvc/"),
                      make_destination("weibo", "rtmp://ps.live.weibo.com/alive/")])
    return [f"live tour scheduled: event {event_id}, {start:%Y-%m-%d %H:%M} {tz}"]


def _add_replay(project_path: Path, video: Path) -> list[str]:
    """A past event (last week's rehearsal of the tour) whose recording is the rendered
    16:9 tour video, with a chapter per stop: the package's replay."""
    from datetime import datetime, timedelta
    from zoneinfo import ZoneInfo

    from streaming.events import EventStore
    from streaming.recordings import register
    from streaming.tour_video import plan_tour_video

    if not video.is_file():
        return []
    tz = "Asia/Shanghai"
    now = datetime.now(ZoneInfo(tz))
    start = (now - timedelta(days=7)).replace(hour=10, minute=0, second=0, microsecond=0)
    with Project.open(project_path) as project:
        store = EventStore(project)
        event_id = store.add(title_zh="导览彩排（回放）", title_en="Tour rehearsal (replay)",
                             description="精品导览的录制回放。", start=start, end=start + timedelta(minutes=30), tz=tz)
        offset = 0.0
        for shot in plan_tour_video(project, "highlights"):
            store.log(event_id, "cue", detail={"text": shot.title}, at=start + timedelta(seconds=offset))
            offset += shot.seconds
        recording = register(project, event_id, video, started=start)
    if recording is None:
        return []
    return [f"replay: event {event_id}, {recording.duration_s:.0f} s, "
            f"{recording.chapters.count(' --> ')} chapters"]


def export_demo_site(project_path: Path, site: Path, *, base_url: str | None = DEMO_BASE_URL,
                     progress: Progress | None = None) -> list[str]:
    """Export the demo's web package to ``site`` (with its live tour and replay)."""
    from scenes.export.package import export_package
    from streaming.publish import contributions

    with Project.open(project_path) as project:
        report = export_package(project, site, base_url=base_url, contributions=contributions(project),
                                progress=progress)
    total = sum(report.sizes.bytes.values())
    return [f"web package: {site} ({total / 1e6:.1f} MB), published at {base_url or '(no base URL)'}",
            f"preview it: {_program()} serve {site} --port 8000   (then open {base_url or 'the address it prints'})"]


def _program() -> str:
    """How the user called yunzhan (``.venv/bin/yunzhan`` under ``make demo``)."""
    import sys

    called = sys.argv[0] if sys.argv else ""
    return called if Path(called).name == "yunzhan" else "yunzhan"
