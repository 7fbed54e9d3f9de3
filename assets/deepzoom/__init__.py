"""Deep zoom: large images as IIIF Image API 3 level-0 static tiles.

- :mod:`assets.deepzoom.layout`: which files, at which IIIF paths, and ``info.json``;
- :mod:`assets.deepzoom.source`: the image decoded at full and at half size;
- :mod:`assets.deepzoom.tiler`: writing the files, on every core;
- :mod:`assets.deepzoom.tiles`: the tiles of a stored image, cached by content hash.
"""

from assets.deepzoom.layout import Layout
from assets.deepzoom.tiles import DeepZoomSet, build_folder, deepzoom_tiles

__all__ = ["DeepZoomSet", "Layout", "build_folder", "deepzoom_tiles"]
