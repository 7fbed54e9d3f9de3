"""Decoding JPEGs to planes for the tiler: which photos take the planar path, what
shapes come out, and that the planes hold the photo's colours."""

from __future__ import annotations

import numpy as np
import pytest
import simplejpeg

from assets.errors import MediaError
from assets.jpeg_planes import decode_planes, encode_planes, planar_decoding_available, plane_layout


def photo(height: int, width: int) -> np.ndarray:
    """Four flat colour quarters: easy to check after any chroma averaging."""
    image = np.empty((height, width, 3), np.uint8)
    image[: height // 2, : width // 2] = (200, 40, 40)
    image[: height // 2, width // 2:] = (40, 200, 40)
    image[height // 2:, : width // 2] = (40, 40, 200)
    image[height // 2:, width // 2:] = (230, 230, 230)
    return image


def test_libturbojpeg_is_here_so_the_planar_path_is_what_runs():
    # `make test` installs Debian's libturbojpeg0; without it every tiling would take
    # the RGB path and the planar one would go untested.
    assert planar_decoding_available()


@pytest.mark.parametrize("subsampling", ["420", "444", "422", "440"])
def test_colour_jpegs_decode_to_420_planes_whatever_their_subsampling(subsampling):
    jpeg = simplejpeg.encode_jpeg(photo(63, 130), quality=95, colorsubsampling=subsampling)
    y, cb, cr = decode_planes(jpeg, None, "test.jpg")
    assert (y.step, cb.step, cr.step) == (1, 2, 2)
    assert y.pixels.shape == (63, 130) and cb.pixels.shape == cr.pixels.shape == (32, 65)
    back = simplejpeg.decode_jpeg(encode_planes([y.pixels, cb.pixels, cr.pixels], 95))
    for (row, col), colour in {(10, 20): (200, 40, 40), (10, 110): (40, 200, 40),
                               (50, 20): (40, 40, 200), (50, 110): (230, 230, 230)}.items():
        assert np.abs(back[row, col].astype(int) - colour).max() < 12, (subsampling, row, col, back[row, col])


def test_a_reduced_decode_halves_every_plane():
    jpeg = simplejpeg.encode_jpeg(photo(512, 1024), colorsubsampling="420")
    y, cb, _ = decode_planes(jpeg, (256, 128), "test.jpg")
    assert y.pixels.shape == (128, 256) and cb.pixels.shape == (64, 128)


@pytest.mark.parametrize("size", [None, (300, 150), (130, 70), (20, 10)])
@pytest.mark.parametrize("subsampling", ["420", "444"])
def test_the_layout_read_from_the_header_is_what_decoding_gives(size, subsampling):
    # The tiler reserves its memory from the layout while the photo decodes.
    jpeg = simplejpeg.encode_jpeg(photo(301, 1003), colorsubsampling=subsampling)
    decoded = decode_planes(jpeg, size, "test.jpg")
    assert plane_layout(jpeg, size, "test.jpg") == [(p.step, p.pixels.shape[1], p.pixels.shape[0]) for p in decoded]
    assert decoded[0].pixels.shape[1] >= (size or (1003,))[0]
    grey = simplejpeg.encode_jpeg(np.full((64, 128, 1), 90, np.uint8), colorspace="GRAY", colorsubsampling="Gray")
    assert plane_layout(grey, size, "grey.jpg") is None and plane_layout(jpeg, size, "x", planar=False) is None


def test_grey_and_411_jpegs_and_a_missing_library_take_the_rgb_path(monkeypatch):
    grey = simplejpeg.encode_jpeg(np.full((64, 128, 1), 90, np.uint8), colorspace="GRAY", colorsubsampling="Gray")
    (plane,) = decode_planes(grey, None, "grey.jpg")
    assert plane.step == 1 and plane.pixels.shape == (64, 128, 3) and (plane.pixels == 90).all()
    odd = simplejpeg.encode_jpeg(photo(64, 128), colorsubsampling="411")
    assert [p.pixels.shape for p in decode_planes(odd, None, "odd.jpg")] == [(64, 128, 3)]
    colour = simplejpeg.encode_jpeg(photo(64, 128), colorsubsampling="420")
    assert [p.pixels.shape for p in decode_planes(colour, None, "x.jpg", planar=False)] == [(64, 128, 3)]


def test_damaged_data_is_a_media_error_naming_the_photo():
    jpeg = simplejpeg.encode_jpeg(photo(64, 128), colorsubsampling="420")
    broken = jpeg[:20] + b"\x00" * 40
    with pytest.raises(MediaError) as e:
        decode_planes(broken, None, "panorama 0123456789ab…")
    assert str(e.value).startswith("panorama 0123456789ab…: stored photo no longer decodes (")
