"""The IIIF level-0 layout of deep-zoom tiles: every URL OpenSeadragon asks for is a
file of the layout, the tiles of each level cover it exactly, and info.json says so."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assets.deepzoom.layout import MAX_SIZE_SIDE, Layout


def openseadragon_urls(info: dict) -> set[str]:
    """Every tile path OpenSeadragon 6.1.1 can request for this info.json: its
    IIIFTileSource (version 3, one tiles entry, no ``sizes`` matching every level)
    computes levels, tile counts and getTileUrl as transcribed here."""
    width, height = info["width"], info["height"]
    tile = info["tiles"][0]["width"]
    max_level = round(math.log2(max(info["tiles"][0]["scaleFactors"])))
    urls = set()
    for level in range(max_level + 1):
        scale = 0.5 ** (max_level - level)
        level_w, level_h = math.ceil(width * scale), math.ceil(height * scale)
        iiif_tile = round(tile / scale)
        for y in range(math.ceil(level_h / tile)):
            for x in range(math.ceil(level_w / tile)):
                if level_w < tile and level_h < tile:
                    if level_w == width and level_h == height:
                        size = "max"
                    else:
                        size = f"{level_w},{level_h}"
                    region = "full"
                else:
                    tx, ty = x * iiif_tile, y * iiif_tile
                    tw, th = min(iiif_tile, width - tx), min(iiif_tile, height - ty)
                    region = "full" if (x, y, tw, th) == (0, 0, width, height) else f"{tx},{ty},{tw},{th}"
                    sw, sh = min(tile, level_w - x * tile), min(tile, level_h - y * tile)
                    size = "max" if (sw, sh) == (width, height) else f"{sw},{sh}"
                urls.add(f"{region}/{size}/0/default.jpg")
    return urls


# up to a few thousand tiles a case: every size class (one tile, one row, odd edges) is reached
sizes = st.integers(min_value=1, max_value=9_000)


@settings(deadline=None, max_examples=60)
@given(width=sizes, height=sizes, tile=st.sampled_from([256, 512]))
def test_every_url_openseadragon_requests_is_a_tile_of_the_layout(width, height, tile):
    layout = Layout(width, height, tile)
    assert openseadragon_urls(layout.info("https://example.org/iiif/x")) == set(layout.files_of_tiles)


@settings(deadline=None, max_examples=60)
@given(width=sizes, height=sizes, tile=st.sampled_from([256, 512]))
def test_each_level_is_covered_exactly_once_and_the_last_is_one_tile(width, height, tile):
    layout = Layout(width, height, tile)
    factors = layout.scale_factors
    assert factors == [2 ** k for k in range(len(factors))]
    assert max(layout.level_size(factors[-1])) <= tile
    assert len(factors) == 1 or max(layout.level_size(factors[-2])) > tile
    for scale in factors[:2] + factors[-1:]:  # the largest levels, and the last
        level_w, level_h = layout.level_size(scale)
        tiles = layout.level_tiles(scale)
        assert sum(t.width * t.height for t in tiles) == level_w * level_h
        assert all(0 < t.width <= tile and 0 < t.height <= tile and t.x % tile == 0 == t.y % tile for t in tiles)
        assert max(t.x + t.width for t in tiles) == level_w and max(t.y + t.height for t in tiles) == level_h
    files = layout.files()
    assert len(files) == len(set(files))
    owned = [tile.path for scale in factors for tile in layout.owned_tiles(scale)]
    assert sorted(owned) == sorted(layout.files_of_tiles)  # every tile file written once


def test_an_edge_strip_one_pixel_wide_is_one_file_on_every_level():
    layout = Layout(1, 2049, 256)
    strip = "0,2048,1,1/1,1/0/default.jpg"
    assert [s for s in layout.scale_factors if strip in {t.path for t in layout.level_tiles(s)}] == [1, 2, 4, 8]
    assert [s for s in layout.scale_factors if strip in {t.path for t in layout.owned_tiles(s)}] == [1]


def test_info_json_of_a_20000_px_image():
    layout = Layout(20000, 15000, 512)
    info = layout.info("https://museum.example/iiif/images/abc/")
    assert info == {
        "@context": "http://iiif.io/api/image/3/context.json", "id": "https://museum.example/iiif/images/abc",
        "type": "ImageService3", "protocol": "http://iiif.io/api/image", "profile": "level0",
        "width": 20000, "height": 15000,
        "sizes": [{"width": 313, "height": 235}, {"width": 625, "height": 469}, {"width": 1250, "height": 938}],
        "tiles": [{"width": 512, "height": 512, "scaleFactors": [1, 2, 4, 8, 16, 32, 64]}],
    }
    assert all(max(w, h) <= MAX_SIZE_SIDE for w, h in layout.sizes)
    files = set(layout.files())
    assert {"full/313,235/0/default.jpg", "full/625,469/0/default.jpg", "full/1250,938/0/default.jpg",
            "0,0,512,512/512,512/0/default.jpg", "19968,14848,32,152/32,152/0/default.jpg",
            "16384,0,3616,15000/113,469/0/default.jpg"} <= files


def test_a_small_image_is_one_tile_named_full_max():
    layout = Layout(300, 200, 512)
    assert layout.scale_factors == [1]
    assert layout.files() == ["full/max/0/default.jpg"]
    assert layout.info("x")["sizes"] == []


@pytest.mark.parametrize("size", [(0, 10), (10, 0)])
def test_an_empty_image_or_odd_tile_size_is_refused(size):
    with pytest.raises(ValueError):
        Layout(*size)
    with pytest.raises(ValueError):
        Layout(100, 100, 300)
