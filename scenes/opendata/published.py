"""What the exporter tells the open-data writers about the files it publishes.

The exporter decides where media land in the package (and whether they were
resized); the open-data writers (exhibition.json, IIIF, JSON-LD) only need the
package-relative path and the facts below. They never read the project's media
store themselves, so they stay pure functions.
"""

from __future__ import annotations

from dataclasses import dataclass, field

MEDIA_KINDS = ("image", "audio", "video", "model", "document")


@dataclass(frozen=True)
class PublishedMedia:
    """One media file as published in the package.

    :param path: package-relative POSIX path, e.g. ``"media/ab12….jpg"``.
    :param thumbnail: package-relative path of a small version (images), if any.
    :param zoom: for a large image, its deep-zoom tiles' ``info.json`` (an IIIF image service).
    """
    kind: str
    path: str
    mime: str
    width: int | None = None
    height: int | None = None
    duration_s: float | None = None
    alt_zh: str = ""
    alt_en: str = ""
    thumbnail: str | None = None
    thumbnail_width: int | None = None
    thumbnail_height: int | None = None
    sha256: str | None = None
    zoom: str | None = None  # package-relative path of the image's IIIF level-0 info.json (deep zoom)

    def __post_init__(self):
        if self.kind not in MEDIA_KINDS:
            raise ValueError(f"media kind {self.kind!r} is not one of {', '.join(MEDIA_KINDS)}")
        if self.path.startswith("/") or ".." in self.path.split("/"):
            raise ValueError(f"media path {self.path!r} must be package-relative")


@dataclass(frozen=True)
class PublishedHall:
    """Where a hall's panorama files are in the package.

    :param tiles: the tile URL template, package-relative, with ``{face}``,
        ``{level}``, ``{row}``, ``{col}`` placeholders as the exporter writes them.
    :param levels: the cube levels, smallest first: ``[{"faceSize": 512, "nbTiles": 1}, ...]``.
    :param preview: a small equirectangular or cube preview shown while tiles load.
    :param fallback: a single equirectangular image for weak devices.
    :param thumbnail: a small picture of the hall for lists.
    """
    tiles: str
    levels: list[dict] = field(default_factory=list)
    preview: str | None = None
    fallback: str | None = None
    thumbnail: str | None = None
    tile_size: int = 512
