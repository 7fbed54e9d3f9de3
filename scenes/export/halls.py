"""Publishing halls: each panorama's cube tiles (from the tile cache, linked as
is), its preview, fallback and thumbnail, and two hero pictures for the first
screen of its page."""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass

from assets.progress import Progress
from assets.project import Project
from scenes.export.derived import HERO_TALL, HERO_WIDE, DerivedCache, hero_jpeg, image_size
from scenes.export.layout import panorama_dir
from scenes.export.plan import ExportPlan
from scenes.export.viewer_data import start_view
from scenes.opendata.published import PublishedHall


@dataclass(frozen=True)
class HallFiles:
    """Where one hall's panorama files are in the package (paths package-relative)."""
    published: PublishedHall
    viewer_panorama: dict          # what viewer.js needs to build PSV's cube-tile panorama
    hero_wide: str
    hero_tall: str
    thumbnail_size: tuple[int, int]
    precache: tuple[str, ...]      # preview, heroes, thumbnail and the smallest tile level


def publish_halls(project: Project, exhibition, plan: ExportPlan, cache: DerivedCache, *, profile: str,
                  progress: Progress, kiosk: bool = False) -> dict[str, HallFiles]:
    """Plan every hall's panorama files; tiles are made (or found in the cache) now.

    :param kiosk: also write ``tiles.js`` per panorama: its tiles as data: URLs, for
        pages opened from disk (images read from files cannot become WebGL textures).
    """
    from assets.cube_tiles import panorama_tiles  # numpy/OpenCV: only when exporting

    out: dict[str, HallFiles] = {}
    tile_sets = {}
    for n, hall in enumerate(exhibition.halls):
        progress.check()
        sha = hall.panorama_sha
        if sha not in tile_sets:
            tile_sets[sha] = panorama_tiles(project, sha, profile=profile, progress=progress)
        tiles = tile_sets[sha]
        base = panorama_dir(sha)
        for rel in tiles.files():
            plan.add_file(base + rel, tiles.root / rel)
        if kiosk:
            script = cache.get("tiles-js", {"tiles": tiles.root.name, "base": base, "v": 1}, "js",
                               lambda t=tiles, b=base: tiles_script(t, b))
            plan.add_file(base + "tiles.js", script)
        heroes = []
        # the first screen shows where the viewer will open: the view fitted to the hotspots
        fitted = start_view(hall)
        yaw, pitch = (fitted["yaw"], fitted["pitch"]) if fitted else (hall.view.yaw, hall.view.pitch)
        for name, size in (("wide", HERO_WIDE), ("tall", HERO_TALL)):
            key = {"tiles": tiles.root.name, "yaw": round(yaw, 1), "pitch": round(pitch, 1), "size": size, "v": 1}
            path = cache.get("hero", key, "jpg", lambda s=size, y=yaw, p=pitch: hero_jpeg(
                tiles.root / tiles.fallback, yaw=y, pitch=p, size=s))
            rel = f"{base}hero-{name}-{_angle_key(yaw, pitch)}.jpg"
            plan.add_file(rel, path)
            heroes.append(rel)
        level0 = [base + tiles.tile_path(face, 0, 0, 0) for face in tiles.face_order]
        viewer_panorama = {
            "tileUrl": base + tiles.tile_template,
            "faces": {tiles.face_names[f]: f for f in tiles.face_order},
            "levels": [dict(level) for level in tiles.levels],
            "base": {"type": "stripe", "path": base + tiles.preview,
                     "order": [tiles.face_names[f] for f in tiles.face_order],
                     "flipTopBottom": tiles.flip_top_bottom},
            "flipTopBottom": tiles.flip_top_bottom,
        }
        if kiosk:
            viewer_panorama["script"] = base + "tiles.js"
        published = PublishedHall(tiles=base + tiles.tile_template, levels=[dict(lv) for lv in tiles.levels],
                                  preview=base + tiles.preview, fallback=base + tiles.fallback,
                                  thumbnail=base + tiles.thumbnail, tile_size=tiles.tile_size)
        out[hall.slug] = HallFiles(published, viewer_panorama, heroes[0], heroes[1],
                                   image_size(tiles.root / tiles.thumbnail),
                                   (base + tiles.preview, base + tiles.thumbnail, *heroes, *level0))
        progress.update(n + 1, len(exhibition.halls), f"hall {hall.slug}")
    return out


def tiles_script(tiles, base: str) -> bytes:
    """A classic script adding every tile and the preview of ``tiles`` to
    ``window.YZ_TILES`` as data: URLs, keyed by package path."""
    entries = {}
    for rel in tiles.files():
        if rel.endswith(".jpg") and (rel.startswith("tiles/") or rel == tiles.preview):
            data = base64.b64encode((tiles.root / rel).read_bytes()).decode("ascii")
            entries[base + rel] = "data:image/jpeg;base64," + data
    return ("window.YZ_TILES = Object.assign(window.YZ_TILES || {}, "
            + json.dumps(entries, separators=(",", ":")) + ");\n").encode("ascii")


def _angle_key(yaw: float, pitch: float) -> str:
    return f"{round(yaw * 10):+d}{round(pitch * 10):+d}".replace("+", "p").replace("-", "m")
