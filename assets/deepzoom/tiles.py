"""Deep-zoom tiles of a stored image, cached beside the project by content hash.

:func:`deepzoom_tiles` returns a :class:`DeepZoomSet`: a folder of IIIF level-0
tiles (:mod:`assets.deepzoom.layout`) under
``<project>.cache/deepzoom/<sha256>-<settings hash>/``, made once per image and
settings, and re-used (after checking every file is a whole JPEG) by every export.
``info.json`` is not in the folder: its ``id`` is the address the folder is
published at, so :meth:`DeepZoomSet.info` writes it for that address.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from assets.cache_folders import cached_folder
from assets.cube_tiles import jpeg_looks_whole
from assets.deepzoom.layout import Layout
from assets.progress import Progress, null_progress
from assets.project import Project

DEEPZOOM_VERSION = 1  # bump when the output changes for the same settings
QUALITY = 85
MANIFEST = "deepzoom.json"


@dataclass(frozen=True)
class DeepZoomSet:
    """A folder of ready tile files; paths relative to :attr:`root`, with ``/``."""
    root: Path
    layout: Layout

    def files(self) -> list[str]:
        """Every image file (``info.json`` excepted: see :meth:`info`)."""
        return self.layout.files()

    def info(self, service_id: str) -> dict:
        """``info.json`` for the folder published at ``service_id``."""
        return self.layout.info(service_id)


def settings_hash(tile_size: int, quality: int) -> str:
    settings = {"version": DEEPZOOM_VERSION, "tile": tile_size, "quality": quality}
    return hashlib.sha256(json.dumps(settings, sort_keys=True).encode()).hexdigest()[:16]


def cache_root(project: Project) -> Path:
    """``<project>.cache/deepzoom``: derived folders, safe to delete at any time."""
    return project.path.with_name(project.path.name + ".cache") / "deepzoom"


def deepzoom_tiles(project: Project, sha: str, *, tile_size: int = 512, quality: int = QUALITY,
                   progress: Progress | None = None) -> DeepZoomSet:
    """The deep-zoom tiles of the stored image ``sha``, built now unless cached.

    :raises NotFound: ``sha`` is not in the media store.
    :raises MediaError: its stored bytes do not decode.
    :raises Cancelled: ``progress`` was cancelled; no cache folder is left behind.
    :raises ProjectError: the cache folder cannot be written; nothing half-written is left.
    """
    from assets.media_store import MediaStore

    progress = progress or null_progress()
    store = MediaStore(project)
    info = store.info(sha)
    known = Layout(info.width, info.height, tile_size) if info.width and info.height else None
    name = f"{sha}-{settings_hash(tile_size, quality)}"

    def intact(folder: Path) -> bool:
        try:
            facts = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return False
        layout = Layout(facts["width"], facts["height"], tile_size)
        return (known is None or layout == known) and all(jpeg_looks_whole(folder / rel) for rel in layout.files())

    def build(tmp: Path) -> None:
        layout = build_folder(store.read(sha), tmp, tile_size=tile_size, quality=quality, progress=progress,
                              label=f"image {sha[:12]}…")
        (tmp / MANIFEST).write_text(json.dumps({"version": DEEPZOOM_VERSION, "sha256": sha, "width": layout.width,
                                                "height": layout.height, "tileSize": tile_size,
                                                "quality": quality}), encoding="utf-8")
    root = cached_folder(cache_root(project), name, intact=intact, build=build, done=MANIFEST,
                         what="deep-zoom cache", up_to_date="deep-zoom tiles up to date", progress=progress)
    facts = json.loads((root / MANIFEST).read_text(encoding="utf-8"))
    return DeepZoomSet(root, Layout(facts["width"], facts["height"], tile_size))


def build_folder(image: bytes, out: Path, *, tile_size: int = 512, quality: int = QUALITY,
                 progress: Progress | None = None, label: str = "image", planar: bool = True,
                 processes: bool | None = None) -> Layout:
    """Write the deep-zoom tiles of the image ``image`` (JPEG, PNG, TIFF…) into the
    empty folder ``out``; returns their layout (no ``info.json`` is written).

    :param processes: workers are child processes (default: where the system can fork).
    :raises MediaError: ``image`` does not decode.
    :raises Cancelled: ``progress`` was cancelled (``out`` is left part-written).
    """
    from assets.deepzoom.source import open_source  # numpy/OpenCV imported only when tiling
    from assets.deepzoom.tiler import build_deepzoom

    source = open_source(image, label)
    layout = Layout(source.width, source.height, tile_size)
    build_deepzoom(layout, source, out, progress or null_progress(), quality=quality, planar=planar,
                   processes=processes)
    return layout
