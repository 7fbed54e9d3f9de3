"""Multi-resolution cube tiles of a stored panorama, cached beside the project.

:func:`panorama_tiles` returns a :class:`TileSet`: a folder of ready files that Photo
Sphere Viewer's CubemapTilesAdapter reads as is (the faces and levels are also those
of Pannellum's multires mode and Marzipano, but Pannellum numbers levels from 1 and
these folders from 0):

* ``tiles/{level}/{face}/{row}_{col}.jpg``: square JPEG tiles of :attr:`TileSet.tile_size`
  px (about 512). ``level`` is the index into :attr:`TileSet.levels` (0 = the smallest
  face, as PSV's ``tileUrl`` receives it); faces ``f r b l u d`` oriented as in
  :mod:`assets.cube_geometry`;
* ``preview.jpg``: the six faces at 128 px side by side (order f r b l u d), for the
  first instant (PSV ``baseUrl`` of type ``stripe``);
* ``fallback.jpg``: a small equirectangular JPEG for devices without WebGL tiling;
* ``thumbnail.jpg``: a 3:2 view of the front face;
* ``tiles.json``: the same facts as the :class:`TileSet`.

The largest face keeps the photo's detail, as Pannellum's generator does: about
``canvas width / π`` px (the size whose centre pixels match the photo's), capped by
the profile, and rounded to a tile size times a power of two. Every level is then
whole tiles of one size, levels halve (Pannellum's multires needs that) and
``nbTiles`` is a power of two of at most 16 (PSV's CubemapTilesAdapter accepts any
face size with such a count, and refuses anything else): a 16384-px photo gets
5216-px faces as 8 tiles of 652 (levels 652, 1304, 2608, 5216), an 8192-px one 2608
as 4 tiles of 652. Tile sizes are multiples of 4 (whole rows of 4:2:0 chroma, also
halved) between about 362 and 724.

Orientation (north offset, horizon pitch and roll) is applied by the viewer (PSV
``sphereCorrection``, Pannellum ``northOffset``/``horizonPitch``/``horizonRoll``), so
the tiles depend only on the photo and the profile and survive any scene edit.

Derived folders are cached under ``<project>.cache/tiles/<sha256>-<settings hash>/``,
built in a temporary folder and renamed into place when complete: a cache folder is
whole or absent, and re-exporting an unchanged project only checks a file exists.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path

from assets.cache_folders import STALE_BUILD_S, cached_folder  # noqa: F401  (STALE_BUILD_S: tests)
from assets.cube_geometry import FACES, PSV_FACE_NAMES
from assets.errors import MediaError
from assets.panorama import PanoramaFacts, panorama_facts
from assets.progress import Progress, null_progress
from assets.project import Project

TILE_SIZE = 512  # the tile size aimed at; each panorama gets the one nearest its detail
MAX_TILES = 16  # nbTiles of the largest level, at most (PSV's CubemapTilesAdapter)
TILE_TEMPLATE = "tiles/{level}/{face}/{row}_{col}.jpg"
MAX_DECODED_WIDTH = 16384  # wider photos are decoded at 1/2 (or less) in the DCT: memory stays < 1 GB
TILER_VERSION = 3  # bump when the output changes for the same settings (3: full-resolution faces)
MANIFEST = "tiles.json"


@dataclass(frozen=True)
class TileProfile:
    """What one export target gets: face size cap, JPEG quality and the fallback's width."""
    name: str
    max_face: int
    quality: int
    fallback_width: int
    preview_face: int = 128
    thumbnail_size: tuple[int, int] = (384, 256)


PROFILES = {
    # faces up to 8192 px: a 16384-px photo keeps its detail (5216-px faces)
    "full": TileProfile("full", max_face=8192, quality=85, fallback_width=4096),
    # 1024-px faces (levels 512 and 1024): about 1.5 MB a hall, so a 20-hall
    # exhibition with its objects stays under 50 MB.
    "mobile": TileProfile("mobile", max_face=1024, quality=80, fallback_width=2048),
}


@dataclass(frozen=True)
class TilePlan:
    """Everything :func:`panorama_tiles` will write for one panorama and profile,
    computed without decoding anything."""
    sha256: str
    profile: TileProfile
    facts: PanoramaFacts
    face_size: int
    levels: list[dict]
    tile_size: int
    decode_min_size: tuple[int, int]  # (width, height) asked of the scaled JPEG decoder
    fallback_size: tuple[int, int]
    settings_hash: str

    @property
    def folder_name(self) -> str:
        return f"{self.sha256}-{self.settings_hash}"

    def tile_paths(self) -> list[str]:
        return [TILE_TEMPLATE.format(level=i, face=face, row=row, col=col)
                for i, level in enumerate(self.levels) for face in FACES
                for row in range(level["nbTiles"]) for col in range(level["nbTiles"])]

    def files(self) -> list[str]:
        return [*self.tile_paths(), "preview.jpg", "fallback.jpg", "thumbnail.jpg", MANIFEST]


@dataclass(frozen=True)
class TileSet:
    """A folder of ready tile files. Paths are relative to :attr:`root`, with ``/``."""
    root: Path
    levels: list[dict]  # [{"faceSize": 652, "nbTiles": 1}, {"faceSize": 1304, "nbTiles": 2}, ...]
    preview: str = "preview.jpg"
    fallback: str = "fallback.jpg"
    thumbnail: str = "thumbnail.jpg"
    tile_template: str = TILE_TEMPLATE
    face_order: tuple[str, ...] = FACES
    face_names: dict[str, str] = field(default_factory=lambda: dict(PSV_FACE_NAMES))
    tile_size: int = TILE_SIZE
    flip_top_bottom: bool = True  # what PSV needs for these (Pannellum-oriented) up/down faces
    fallback_size: tuple[int, int] = (0, 0)

    @property
    def face_size(self) -> int:
        return self.levels[-1]["faceSize"]

    def tile_path(self, face: str, level: int, col: int, row: int) -> str:
        """Relative path of one tile; ``face`` is a letter (``f``) or PSV's name (``front``)."""
        letter = face if face in FACES else {v: k for k, v in self.face_names.items()}[face]
        return self.tile_template.format(level=level, face=letter, row=row, col=col)

    def files(self) -> list[str]:
        """Every file in the set, relative to :attr:`root`."""
        tiles = [self.tile_path(face, i, col, row) for i, level in enumerate(self.levels) for face in FACES
                 for row in range(level["nbTiles"]) for col in range(level["nbTiles"])]
        return [*tiles, self.preview, self.fallback, self.thumbnail, MANIFEST]

    def total_bytes(self) -> int:
        """The size of every file in the set (for an export's size report)."""
        return sum((self.root / f).stat().st_size for f in self.files())

    def psv_panorama(self, base_url: str = "") -> dict:
        """PSV CubemapTilesAdapter ``panorama`` options except ``tileUrl`` (a function:
        build it from :attr:`tile_template` and :attr:`face_names`)."""
        return {
            "levels": [dict(level) for level in self.levels],
            "flipTopBottom": self.flip_top_bottom,
            "baseUrl": {"type": "stripe", "path": base_url + self.preview,
                        "order": [self.face_names[f] for f in self.face_order],
                        "flipTopBottom": self.flip_top_bottom},
        }


def face_layout(canvas_width: int, max_face: int) -> tuple[int, int]:
    """(largest face, tile size) for a photo ``canvas_width`` px round: the face
    nearest ``canvas_width / π`` (at most ``max_face``) that is a tile size (a
    multiple of 4 near :data:`TILE_SIZE`) times a power of two up to :data:`MAX_TILES`."""
    ideal = min(canvas_width / math.pi, max_face)
    tiles = 2 ** max(0, min(round(math.log2(MAX_TILES)), round(math.log2(ideal / TILE_SIZE))))
    tile = max(4, round(ideal / tiles / 4) * 4)
    return tile * tiles, tile


def face_size_for(canvas_width: int, max_face: int) -> int:
    """The largest face of :func:`face_layout`."""
    return face_layout(canvas_width, max_face)[0]


def plan_tiles(facts: PanoramaFacts, profile: TileProfile | str = "full") -> TilePlan:
    """What to build for ``facts`` under ``profile`` (no decoding, no writing)."""
    if isinstance(profile, str):
        try:
            profile = PROFILES[profile]
        except KeyError:
            raise MediaError(f"unknown tile profile {profile!r} (known: {', '.join(PROFILES)})") from None
    # The canvas in the photo's own pixels (GPano sizes may describe a larger original).
    canvas = facts.full_width * facts.width / facts.crop_width
    face, tile = face_layout(round(canvas), profile.max_face)
    levels = []
    size = tile
    while size <= face:
        levels.append({"faceSize": size, "nbTiles": size // tile})
        size *= 2
    # Decode at the smallest power-of-two reduction whose canvas still has ~π pixels
    # per face pixel (bilinear sampling needs no more), and never wider than the cap.
    scale = 1
    while (canvas / (scale * 2) >= face * math.pi * 0.9 or
           facts.width / scale > MAX_DECODED_WIDTH) and scale < 8:
        scale *= 2
    decode = (math.ceil(facts.width / scale), math.ceil(facts.height / scale))
    fallback_w = min(profile.fallback_width, 2 * int(canvas / scale / 2))
    settings = {"tiler": TILER_VERSION, "profile": asdict(profile), "face": face, "tile": tile, "decode": decode,
                "coverage": [facts.full_width, facts.full_height, facts.crop_left, facts.crop_top,
                             facts.crop_width, facts.crop_height]}
    digest = hashlib.sha256(json.dumps(settings, sort_keys=True).encode()).hexdigest()[:16]
    return TilePlan(facts.sha256, profile, facts, face, levels, tile, decode, (fallback_w, fallback_w // 2), digest)


def cache_root(project: Project) -> Path:
    """``<project>.cache/tiles``: derived tile folders, safe to delete at any time."""
    return project.path.with_name(project.path.name + ".cache") / "tiles"


def panorama_tiles(project: Project, sha: str, *, profile: str = "full",
                   progress: Progress | None = None) -> TileSet:
    """The tile set of the stored panorama ``sha``, built now unless already cached.

    :raises NotFound: ``sha`` is not an ingested panorama.
    :raises MediaError: its stored bytes no longer decode, or ``profile`` is unknown.
    :raises Cancelled: ``progress`` was cancelled; no cache folder is left behind.
    :raises ProjectError: the cache folder beside the project cannot be written (disk full,
        read-only medium); nothing half-written is left.
    """
    progress = progress or null_progress()
    plan = plan_tiles(panorama_facts(project, sha), profile)

    def build(tmp: Path) -> None:
        from assets.cube_tiler import build_tiles  # numpy/OpenCV imported only when tiling

        from assets.media_store import MediaStore
        build_tiles(plan, MediaStore(project).read(sha), tmp, progress)
        (tmp / MANIFEST).write_text(json.dumps(_manifest(plan), indent=1), encoding="utf-8")
    final = cached_folder(cache_root(project), plan.folder_name, intact=lambda f: cached_tiles_intact(f, plan),
                          build=build, done=MANIFEST, what="tile cache",
                          up_to_date="tiles up to date", progress=progress)
    return _tileset(final, plan)


def cached_tiles_intact(folder: Path, plan: TilePlan) -> bool:
    """Every file of ``plan`` is in ``folder`` and each JPEG starts and ends like one
    (a disk that filled up or a crash can leave a 0-byte or cut-short tile behind)."""
    if not (folder / MANIFEST).is_file():
        return False
    return all(jpeg_looks_whole(folder / rel) for rel in plan.files() if rel.endswith(".jpg"))


def jpeg_looks_whole(path: Path) -> bool:
    """``path`` is a regular file that starts with a JPEG SOI and ends with an EOI marker."""
    try:
        with open(path, "rb") as f:
            head = f.read(3)
            f.seek(0, os.SEEK_END)
            if f.tell() < 4:
                return False
            f.seek(-2, os.SEEK_END)
            tail = f.read(2)
    except OSError:
        return False
    return head == b"\xff\xd8\xff" and tail == b"\xff\xd9"


def _manifest(plan: TilePlan) -> dict:
    return {"version": TILER_VERSION, "sha256": plan.sha256, "profile": plan.profile.name,
            "faceSize": plan.face_size, "tileSize": plan.tile_size, "levels": plan.levels,
            "tileTemplate": TILE_TEMPLATE, "faceOrder": list(FACES), "flipTopBottom": True,
            "preview": "preview.jpg", "fallback": "fallback.jpg", "fallbackSize": list(plan.fallback_size),
            "thumbnail": "thumbnail.jpg"}


def _tileset(root: Path, plan: TilePlan) -> TileSet:
    return TileSet(root=root, levels=[dict(level) for level in plan.levels], fallback_size=plan.fallback_size,
                   tile_size=plan.tile_size)
