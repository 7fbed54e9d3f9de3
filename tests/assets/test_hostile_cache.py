"""A damaged cache (a 0-byte or cut-short file left by a full disk or a crash) is
rebuilt, never copied into the next export."""

from __future__ import annotations

import numpy as np
import simplejpeg

from assets.cube_tiles import jpeg_looks_whole, panorama_tiles
from assets.panorama import ingest_panorama


def _panorama(project, tmp_path):
    rng = np.random.default_rng(1)
    pixels = rng.integers(0, 255, (512, 1024, 3), dtype=np.uint8)
    path = tmp_path / "hall.jpg"
    path.write_bytes(simplejpeg.encode_jpeg(pixels, quality=70))
    return ingest_panorama(project, path)


def test_a_zero_byte_or_cut_tile_in_the_cache_is_rebuilt(project, tmp_path):
    sha = _panorama(project, tmp_path)
    tiles = panorama_tiles(project, sha, profile="mobile")
    files = [f for f in tiles.files() if f.endswith(".jpg")]
    empty, cut = tiles.root / files[0], tiles.root / files[-1]
    good_size = empty.stat().st_size
    empty.write_bytes(b"")
    cut.write_bytes(cut.read_bytes()[: cut.stat().st_size // 2])
    again = panorama_tiles(project, sha, profile="mobile")
    assert again.root == tiles.root
    assert empty.stat().st_size == good_size
    assert all(jpeg_looks_whole(again.root / f) for f in files)


def test_a_zero_byte_derived_picture_is_made_again(project, tmp_path):
    from scenes.export.derived import DerivedCache

    cache = DerivedCache(project)
    made = []

    def make() -> bytes:
        made.append(1)
        return simplejpeg.encode_jpeg(np.zeros((8, 8, 3), np.uint8))

    path = cache.get("hero", {"k": 1}, "jpg", make)
    path.write_bytes(b"")
    again = cache.get("hero", {"k": 1}, "jpg", make)
    assert len(made) == 2 and jpeg_looks_whole(again)
