"""Deep-zoom tiles written for real images: every file of the layout, each the right
region of the image at the right size; turned and transparent images upright and
flat; cached by content hash; cancel leaves nothing behind."""

from __future__ import annotations

import io
import json

import numpy as np
import pytest
import simplejpeg
from PIL import Image

from assets.deepzoom import build_folder, deepzoom_tiles
from assets.deepzoom.layout import Layout
from assets.errors import Cancelled, MediaError
from assets.progress import Progress


def painting(width: int, height: int) -> np.ndarray:
    """Smooth colour fields with a grid of darker lines: every region looks different."""
    x = np.arange(width, dtype=np.float32)[None, :] / 60  # a few cycles a thousand pixels
    y = np.arange(height, dtype=np.float32)[:, None] / 80
    image = np.empty((height, width, 3), np.uint8)
    image[..., 0] = 128 + 100 * np.sin(x + y / 3)
    image[..., 1] = 128 + 100 * np.cos(x / 2 - y)
    image[..., 2] = 128 + 100 * np.sin(y / 2)
    image[::97] //= 2
    image[:, ::89] //= 2
    return image


def read(path) -> np.ndarray:
    return simplejpeg.decode_jpeg(path.read_bytes(), colorspace="RGB")


def check_folder(out, layout: Layout, image: np.ndarray) -> None:
    """Every file is there, is the size its name says, and shows its region of ``image``."""
    for scale in layout.scale_factors:
        level_w, level_h = layout.level_size(scale)
        level = np.asarray(Image.fromarray(image).resize((level_w, level_h), Image.Resampling.BOX))
        for tile in layout.level_tiles(scale):
            pixels = read(out / tile.path)
            assert pixels.shape[:2] == (tile.height, tile.width), tile.path
            want = level[tile.y:tile.y + tile.height, tile.x:tile.x + tile.width].astype(int)
            assert np.abs(pixels.astype(int) - want).mean() < 6, (tile.path, np.abs(pixels.astype(int) - want).mean())
    for tile in layout.size_images:
        assert read(out / tile.path).shape[:2] == (tile.height, tile.width)
    assert not [f for f in layout.files() if not (out / f).stat().st_size]


@pytest.mark.parametrize("size", [(1300, 900), (1025, 513), (77, 1201)], ids=["wide", "odd", "narrow"])
@pytest.mark.parametrize("planar, processes", [(True, True), (False, True), (True, False), (False, False)],
                         ids=["planes-processes", "rgb-processes", "planes-threads", "rgb-threads"])
def test_a_jpeg_becomes_every_tile_of_its_layout(tmp_path, size, planar, processes):
    image = painting(*size)
    data = simplejpeg.encode_jpeg(image, quality=95, colorsubsampling="444")
    layout = build_folder(data, tmp_path, tile_size=256, planar=planar, processes=processes)
    assert (layout.width, layout.height) == size
    check_folder(tmp_path, layout, image)


def test_a_turned_jpeg_is_tiled_upright(tmp_path):
    image = painting(700, 300)
    upright = Image.fromarray(image)
    stored = upright.transpose(Image.Transpose.ROTATE_90)  # what a camera held sideways writes
    exif = Image.Exif()
    exif[0x0112] = 6  # "turn 90° clockwise to view"
    buffer = io.BytesIO()
    stored.save(buffer, "JPEG", quality=95, exif=exif, subsampling=0)
    layout = build_folder(buffer.getvalue(), tmp_path, tile_size=256)
    assert (layout.width, layout.height) == (700, 300)
    check_folder(tmp_path, layout, image)


@pytest.mark.parametrize("processes", [True, False], ids=["processes", "threads"])
def test_a_transparent_png_is_tiled_over_white(tmp_path, processes):
    rgba = np.zeros((300, 600, 4), np.uint8)
    rgba[..., :3] = painting(600, 300)
    rgba[:, 300:, 3] = 255  # the left half fully transparent
    buffer = io.BytesIO()
    Image.fromarray(rgba, "RGBA").save(buffer, "PNG")
    layout = build_folder(buffer.getvalue(), tmp_path, tile_size=256, processes=processes)
    flat = rgba[..., :3].copy()
    flat[:, :300] = 255
    check_folder(tmp_path, layout, flat)


def test_bytes_that_are_not_an_image_are_refused_by_name(tmp_path):
    with pytest.raises(MediaError) as e:
        build_folder(b"\xff\xd8\xff\xe0 not really a jpeg", tmp_path, label="scan.jpg")
    assert str(e.value).startswith("scan.jpg: ")


def test_an_image_over_the_pixel_limit_is_refused_before_decoding(tmp_path):
    from assets.deepzoom.source import open_source

    data = simplejpeg.encode_jpeg(painting(64, 64))
    with pytest.raises(MediaError) as e:
        open_source(data, "huge.jpg", max_pixels=4000)
    assert str(e.value) == "huge.jpg: image too large for deep zoom (64×64 pixels; at most 0 megapixels)"


@pytest.fixture
def project_with_image(tmp_path):
    from assets.media_import import store_image
    from assets.media_store import MediaStore
    from assets.project import Project

    path = tmp_path / "scan.jpg"
    image = painting(1100, 700)
    path.write_bytes(simplejpeg.encode_jpeg(image, quality=95))
    project = Project.create(tmp_path / "p.yunzhan")
    sha = store_image(MediaStore(project), path)
    yield project, sha, image
    project.close()


def test_tiles_of_a_stored_image_are_cached_by_content_hash(project_with_image):
    from assets.deepzoom.tiles import cache_root

    project, sha, image = project_with_image
    events = []
    tiles = deepzoom_tiles(project, sha, tile_size=256, progress=Progress(events.append))
    assert tiles.root.parent == cache_root(project) and tiles.root.name.startswith(sha)
    check_folder(tiles.root, tiles.layout, image)
    info = tiles.info("https://museum.example/iiif/images/x")
    assert (info["width"], info["height"]) == (1100, 700) and json.dumps(info)
    assert events[-1].finished and events[-1].done == len(tiles.files())

    events.clear()
    again = deepzoom_tiles(project, sha, tile_size=256, progress=Progress(events.append))
    assert again == tiles and [e.message for e in events] == ["deep-zoom tiles up to date"] * 2

    damaged = tiles.root / tiles.files()[0]
    damaged.write_bytes(damaged.read_bytes()[:100])  # a disk that filled up mid-write
    rebuilt = deepzoom_tiles(project, sha, tile_size=256)
    check_folder(rebuilt.root, rebuilt.layout, image)


def test_cancel_leaves_no_cache_folder(project_with_image):
    from assets.deepzoom.tiles import cache_root

    project, sha, _ = project_with_image
    progress = Progress()
    progress.cancel()
    with pytest.raises(Cancelled):
        deepzoom_tiles(project, sha, tile_size=256, progress=progress)
    assert not any(cache_root(project).iterdir())


@pytest.mark.parametrize("processes", [True, False], ids=["processes", "threads"])
def test_cancel_mid_way_stops_every_worker(tmp_path, processes):
    import os

    data = simplejpeg.encode_jpeg(painting(2000, 1500), quality=90)
    progress = Progress()
    progress.subscribe(lambda event: event.done > 0 and progress.cancel())
    with pytest.raises(Cancelled):
        build_folder(data, tmp_path, tile_size=256, progress=progress, processes=processes)
    with pytest.raises(ChildProcessError):  # no worker process left behind
        os.waitpid(-1, os.WNOHANG)


def test_a_worker_that_cannot_write_reports_an_os_error(tmp_path):
    data = simplejpeg.encode_jpeg(painting(1300, 900), quality=90)
    (tmp_path / "0,0,512,512").write_text("a file where a tile's folder must go")
    with pytest.raises(OSError):
        build_folder(data, tmp_path, tile_size=256, processes=True)


def test_a_progressive_jpeg_is_tiled_the_same(tmp_path):
    image = painting(1300, 900)
    buffer = io.BytesIO()
    Image.fromarray(image).save(buffer, "JPEG", quality=95, progressive=True, subsampling=0)
    layout = build_folder(buffer.getvalue(), tmp_path, tile_size=256, processes=True)
    check_folder(tmp_path, layout, image)
