"""The files of a IIIF Image API 3 level-0 image: which tiles, at which paths.

A level-0 ("static") image service is a folder a plain web server can serve:
``info.json`` and, for every scale factor s (1, 2, 4, … until the whole image fits in
one tile), the tiles ``{region}/{w},{h}/0/default.jpg`` where ``region`` is
``x,y,w,h`` in full-size pixels (a ``tile_size·s`` square, cut at the image's right
and bottom edges) and ``{w},{h}`` its size at that scale, rounded up. A tile that
covers the whole image is named ``full``, and a size equal to the image's ``max``,
as the API's canonical forms ask. These are exactly the URLs OpenSeadragon's IIIF
tile source requests (its ``getTileUrl`` for version 3), so every tile it asks
for exists. A few whole-image sizes (``full/{w},{h}/0/default.jpg``, at most
:data:`MAX_SIZE_SIDE` px) are listed in ``sizes`` for viewers that want a single
picture (thumbnails, a first view).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

TILE_SIZES = (256, 512)
MAX_SIZE_SIDE = 2048
IMAGE_CONTEXT = "http://iiif.io/api/image/3/context.json"


def _ceil_div(a: int, b: int) -> int:
    return -(-a // b)


@dataclass(frozen=True)
class Tile:
    """One file: the image at scale factor ``scale`` cut to level pixels (``x``, ``y``,
    ``width``, ``height``) of that level (a level is the image at 1/scale, rounded up)."""
    scale: int
    x: int
    y: int
    width: int
    height: int
    path: str


@dataclass(frozen=True)
class Layout:
    """The level-0 layout of a ``width`` × ``height`` image in ``tile_size`` tiles."""
    width: int
    height: int
    tile_size: int = 512

    def __post_init__(self):
        if self.tile_size not in TILE_SIZES:
            raise ValueError(f"tile size {self.tile_size} is not one of {TILE_SIZES}")
        if self.width < 1 or self.height < 1:
            raise ValueError(f"image size {self.width}×{self.height} is empty")

    @cached_property
    def scale_factors(self) -> list[int]:
        """1, 2, 4, … up to the first at which the whole image is one tile."""
        factors = [1]
        while max(self.level_size(factors[-1])) > self.tile_size:
            factors.append(factors[-1] * 2)
        return factors

    def level_size(self, scale: int) -> tuple[int, int]:
        """The image's size at scale factor ``scale`` (rounded up, as IIIF and OpenSeadragon do)."""
        return _ceil_div(self.width, scale), _ceil_div(self.height, scale)

    def level_tiles(self, scale: int) -> list[Tile]:
        """The tiles of one level, row by row."""
        level_w, level_h = self.level_size(scale)
        t = self.tile_size
        return [Tile(scale, x, y, min(t, level_w - x), min(t, level_h - y), self._tile_path(scale, x, y))
                for y in range(0, level_h, t) for x in range(0, level_w, t)]

    def owned_tiles(self, scale: int) -> list[Tile]:
        """The tiles of one level that no smaller scale factor has already: a strip one
        pixel wide at the image's edge is the same region at the same size on several
        levels (``x,y,1,h/1,h``), one file that only the first level writes."""
        return [tile for tile in self.level_tiles(scale) if self._first_scale[tile.path] == scale]

    @cached_property
    def _first_scale(self) -> dict[str, int]:
        first: dict[str, int] = {}
        for scale in self.scale_factors:
            for tile in self.level_tiles(scale):
                first.setdefault(tile.path, scale)
        return first

    @cached_property
    def sizes(self) -> list[tuple[int, int]]:
        """Whole-image sizes offered (smallest first): every level at most
        :data:`MAX_SIZE_SIDE` px, the full size excepted."""
        out = [self.level_size(s) for s in self.scale_factors[1:] if max(self.level_size(s)) <= MAX_SIZE_SIDE]
        return sorted(out)

    def size_path(self, size: tuple[int, int]) -> str:
        return f"full/{size[0]},{size[1]}/0/default.jpg"

    @cached_property
    def size_images(self) -> list[Tile]:
        """The whole-image files of :attr:`sizes` that are not already a level's single tile."""
        tiles = set(self.files_of_tiles)
        return [Tile(s, 0, 0, *self.level_size(s), self.size_path(self.level_size(s)))
                for s in self.scale_factors[1:] if self.level_size(s) in self.sizes
                and self.size_path(self.level_size(s)) not in tiles]

    @cached_property
    def files_of_tiles(self) -> list[str]:
        return list(self._first_scale)

    def files(self) -> list[str]:
        """Every image file, relative to the service's folder (``info.json`` excepted)."""
        return [*self.files_of_tiles, *(tile.path for tile in self.size_images)]

    def info(self, service_id: str) -> dict:
        """The service's ``info.json``; ``service_id`` is the folder's URL (no trailing slash)."""
        return {
            "@context": IMAGE_CONTEXT,
            "id": service_id.rstrip("/"),
            "type": "ImageService3",
            "protocol": "http://iiif.io/api/image",
            "profile": "level0",
            "width": self.width,
            "height": self.height,
            "sizes": [{"width": w, "height": h} for w, h in self.sizes],
            "tiles": [{"width": self.tile_size, "height": self.tile_size, "scaleFactors": self.scale_factors}],
        }

    def _tile_path(self, scale: int, x: int, y: int) -> str:
        t = self.tile_size * scale
        region_w, region_h = min(t, self.width - x * scale), min(t, self.height - y * scale)
        if x == 0 and y == 0 and (region_w, region_h) == (self.width, self.height):
            region = "full"
        else:
            region = f"{x * scale},{y * scale},{region_w},{region_h}"
        size_w, size_h = _ceil_div(region_w, scale), _ceil_div(region_h, scale)
        size = "max" if (size_w, size_h) == (self.width, self.height) else f"{size_w},{size_h}"
        return f"{region}/{size}/0/default.jpg"
