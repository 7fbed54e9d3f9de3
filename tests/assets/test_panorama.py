"""Panorama ingest and cube tiling: real photos, synthetic photos whose every direction
has a known colour, bad input with the exact messages, the cache and cancelling."""

from __future__ import annotations

import struct

import numpy as np
import pytest
import simplejpeg

from assets.cube_tiles import (PROFILES, TILE_TEMPLATE, cache_root, face_layout, face_size_for, panorama_tiles,
                               plan_tiles)
from assets.errors import Cancelled, MediaError
from assets.panorama import PanoramaFacts, ingest_panorama, panorama_facts
from assets.progress import Progress

REAL = ["pannellum_examplepano.jpg", "polyhaven_kiara_interior_2k.jpg", "polyhaven_lebombo_2k.jpg"]

# Colours by yaw sector of 45°, starting at −180°; below the horizon at half intensity;
# above +60° white, below −60° black.
SECTORS = [(255, 0, 0), (0, 255, 0), (0, 0, 255), (255, 255, 0),
           (255, 0, 255), (0, 255, 255), (255, 128, 0), (128, 0, 255)]


def sector_colour(yaw_deg: float, pitch_deg: float) -> tuple[int, int, int]:
    if pitch_deg > 60:
        return (255, 255, 255)
    if pitch_deg < -60:
        return (0, 0, 0)
    colour = SECTORS[int((yaw_deg + 180) // 45) % 8]
    return colour if pitch_deg >= 0 else tuple(c // 2 for c in colour)


def sector_panorama(width: int) -> np.ndarray:
    """An equirectangular image painted with :func:`sector_colour` (yaw 0 at the centre
    column, growing to the right; pitch +90° on the top row)."""
    height = width // 2
    yaw = (np.arange(width) + 0.5) / width * 360 - 180
    pitch = 90 - (np.arange(height) + 0.5) / height * 180
    sector = ((yaw + 180) // 45).astype(int) % 8
    palette = np.array(SECTORS, np.uint8)
    image = np.broadcast_to(palette[sector][None, :, :], (height, width, 3)).copy()
    image[pitch < 0] //= 2
    image[pitch > 60] = 255
    image[pitch < -60] = 0
    return image


def write_jpeg(path, pixels: np.ndarray, *, xmp: bytes | None = None, subsampling: str = "444"):
    data = simplejpeg.encode_jpeg(np.ascontiguousarray(pixels), quality=95, colorsubsampling=subsampling)
    if xmp is not None:
        payload = b"http://ns.adobe.com/xap/1.0/\x00" + xmp
        data = data[:2] + b"\xff\xe1" + struct.pack(">H", len(payload) + 2) + payload + data[2:]
    path.write_bytes(data)
    return path


def tile_pixel(tileset, face: str, u: float, v: float, level: int = -1) -> np.ndarray:
    """Mean colour of a 5×5 patch around face coordinates u (−1 left … 1 right),
    v (−1 top … 1 bottom) of one face, read back from the tile files."""
    level = level % len(tileset.levels)
    n = tileset.levels[level]["faceSize"]
    x, y = int((u + 1) / 2 * n), int((v + 1) / 2 * n)
    size = tileset.tile_size
    path = tileset.root / tileset.tile_path(face, level, x // size, y // size)
    tile = simplejpeg.decode_jpeg(path.read_bytes())
    tx, ty = x % size, y % size
    return tile[max(0, ty - 2):ty + 3, max(0, tx - 2):tx + 3].reshape(-1, 3).mean(axis=0)


def assert_colour(actual, expected, where):
    assert np.abs(np.asarray(actual) - np.asarray(expected)).max() < 40, f"{where}: {actual} ≠ {expected}"


def media_count(project) -> int:
    return project.db.execute("SELECT count(*) FROM media").fetchone()[0]


# -- real photos -----------------------------------------------------------------------

@pytest.mark.parametrize("name", REAL)
def test_real_panoramas_ingest_and_tile(project, realdata, name):
    path = realdata / "panoramas" / name
    sha = ingest_panorama(project, path)
    facts = panorama_facts(project, sha)
    assert facts.source == "full" and facts.is_full
    assert facts.full_width == 2 * facts.full_height
    tiles = panorama_tiles(project, sha, profile="mobile")
    # the photo's detail kept: faces ≈ width / π (652 for 2048 px), capped at 1024 on mobile
    expected_face = 1024 if facts.width == 4096 else 652
    assert tiles.face_size == expected_face
    assert tiles.levels[0] == {"faceSize": tiles.tile_size, "nbTiles": 1}
    assert all((tiles.root / f).is_file() for f in tiles.files())
    some_tile = simplejpeg.decode_jpeg((tiles.root / tiles.tile_path("front", len(tiles.levels) - 1, 0, 0)).read_bytes())
    assert some_tile.shape == (tiles.tile_size, tiles.tile_size, 3)
    assert some_tile.std() > 5  # a real photo, not a blank face
    preview = simplejpeg.decode_jpeg((tiles.root / tiles.preview).read_bytes())
    assert preview.shape == (128, 6 * 128, 3)
    fallback = simplejpeg.decode_jpeg((tiles.root / tiles.fallback).read_bytes())
    assert fallback.shape == (min(1024, facts.height), min(2048, facts.width), 3)
    thumb = simplejpeg.decode_jpeg((tiles.root / tiles.thumbnail).read_bytes())
    assert thumb.shape == (256, 384, 3)


def test_ingesting_the_same_photo_twice_stores_it_once(project, realdata):
    path = realdata / "panoramas" / "polyhaven_lebombo_2k.jpg"
    assert ingest_panorama(project, path) == ingest_panorama(project, path)
    assert media_count(project) == 1


# -- orientation -------------------------------------------------------------------------

# (face, u, v) → (yaw°, pitch°) of that view direction, worked out by hand.
DIRECTIONS = [
    ("f", 0.2, -0.2, 11.3, 11), ("f", -0.2, -0.2, -11.3, 11),
    ("f", 0.2, -0.5, 11.3, 26), ("f", 0.2, 0.5, 11.3, -26),
    ("r", 0.2, -0.2, 101.3, 11), ("r", -0.2, -0.5, 78.7, 26),
    ("b", 0.2, -0.2, -168.7, 11), ("b", -0.2, -0.2, 168.7, 11),
    ("l", 0.2, -0.2, -78.7, 11), ("l", -0.2, 0.5, -101.3, -26),
    ("u", 0.0, 0.0, 0, 90), ("u", 0.3, 0.8, 20.6, 49.5), ("u", 0.8, -0.3, 110.6, 49.5),
    ("u", -0.3, -0.8, -159.4, 49.5),
    ("d", 0.0, 0.0, 0, -90), ("d", 0.3, -0.8, 20.6, -49.5), ("d", 0.8, 0.3, 110.6, -49.5),
    ("d", -0.8, -0.3, -69.4, -49.5),
]


# Colour JPEGs are tiled from their Y/Cb/Cr planes (4:2:0 as stored, 4:4:4 averaged
# down), and through RGB when libturbojpeg is absent: the geometry tests run each way.
@pytest.fixture
def way(request, monkeypatch):
    """Which decoding a test's tiling takes: its JPEGs' subsampling, or RGB."""
    if request.param == "RGB":
        import assets.jpeg_planes

        monkeypatch.setattr(assets.jpeg_planes, "_turbojpeg", lambda: None)  # as on a machine without it
        return "444"
    return request.param[-5:].replace(":", "")


@pytest.mark.parametrize("way", ["planes 4:2:0", "planes 4:4:4", "RGB"], indirect=True)
def test_faces_are_oriented_as_viewers_expect(project, tmp_path, way):
    path = write_jpeg(tmp_path / "sectors.jpg", sector_panorama(4096), subsampling=way)
    tiles = panorama_tiles(project, ingest_panorama(project, path), profile="full")
    assert tiles.levels == [{"faceSize": 652, "nbTiles": 1}, {"faceSize": 1304, "nbTiles": 2}]
    assert tiles.tile_size == 652
    assert tiles.face_order == ("f", "r", "b", "l", "u", "d")
    assert tiles.flip_top_bottom is True
    for level in (0, 1):
        for face, u, v, yaw, pitch in DIRECTIONS:
            assert_colour(tile_pixel(tiles, face, u, v, level), sector_colour(yaw, pitch),
                          f"level {level} face {face} at ({u}, {v})")


def test_preview_stripe_and_thumbnail_show_the_right_faces(project, tmp_path):
    path = write_jpeg(tmp_path / "sectors.jpg", sector_panorama(2048))
    tiles = panorama_tiles(project, ingest_panorama(project, path))
    preview = simplejpeg.decode_jpeg((tiles.root / tiles.preview).read_bytes())
    # Face k's centre-right point (u = 0.2, v = −0.5) in the stripe, order f r b l.
    for k, yaw in enumerate((11.3, 101.3, -168.7, -78.7)):
        x, y = int(k * 128 + 0.6 * 128), int(0.25 * 128)
        assert_colour(preview[y, x], sector_colour(yaw, 26), f"preview face {k}")
    assert_colour(preview[64, 4 * 128 + 64], (255, 255, 255), "preview up face")
    assert_colour(preview[64, 5 * 128 + 64], (0, 0, 0), "preview down face")
    thumb = simplejpeg.decode_jpeg((tiles.root / tiles.thumbnail).read_bytes())
    assert_colour(thumb[60, 250], sector_colour(10, 10), "thumbnail upper right")
    assert_colour(thumb[200, 130], sector_colour(-10, -10), "thumbnail lower left")
    assert tiles.psv_panorama("halls/1/")["baseUrl"] == {
        "type": "stripe", "path": "halls/1/preview.jpg",
        "order": ["front", "right", "back", "left", "top", "bottom"], "flipTopBottom": True}


# -- partial panoramas -------------------------------------------------------------------

GPANO = b"""<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:GPano="http://ns.google.com/photos/1.0/panorama/"
 GPano:ProjectionType="equirectangular" GPano:UsePanoramaViewer="True"
 GPano:FullPanoWidthPixels="%d" GPano:FullPanoHeightPixels="%d"
 GPano:CroppedAreaLeftPixels="%d" GPano:CroppedAreaTopPixels="%d">
<GPano:CroppedAreaImageWidthPixels>%d</GPano:CroppedAreaImageWidthPixels>
<GPano:CroppedAreaImageHeightPixels>%d</GPano:CroppedAreaImageHeightPixels>
</rdf:Description></rdf:RDF></x:xmpmeta>"""


@pytest.mark.parametrize("way", ["planes 4:2:0", "planes 4:4:4", "RGB"], indirect=True)
def test_gpano_partial_panorama_covers_only_its_area(project, tmp_path, way):
    # A 180° × 60° red photo, centred on yaw 0 and the horizon, of a 4096 × 2048 canvas
    # (683 rows: odd, so 4:2:0 planes carry a padding row).
    photo = np.zeros((683, 2048, 3), np.uint8)
    photo[:] = (255, 0, 0)
    path = write_jpeg(tmp_path / "partial.jpg", photo, xmp=GPANO % (4096, 2048, 1024, 682, 2048, 683),
                      subsampling=way)
    sha = ingest_panorama(project, path)
    facts = panorama_facts(project, sha)
    assert (facts.source, facts.full_width, facts.full_height, facts.crop_left, facts.crop_top) == (
        "gpano", 4096, 2048, 1024, 682)
    assert round(facts.hfov_deg) == 180 and round(facts.vfov_deg) == 60
    tiles = panorama_tiles(project, sha)
    assert tiles.face_size == 1304  # from the full canvas (4096 / π), not the photo
    assert_colour(tile_pixel(tiles, "f", 0, 0), (255, 0, 0), "front centre")
    assert_colour(tile_pixel(tiles, "r", -0.5, 0), (255, 0, 0), "right face, towards the front")
    assert_colour(tile_pixel(tiles, "b", 0, 0), (0, 0, 0), "back centre")
    assert_colour(tile_pixel(tiles, "u", 0, 0), (0, 0, 0), "zenith")
    fallback = simplejpeg.decode_jpeg((tiles.root / tiles.fallback).read_bytes())
    assert fallback.shape == (2048, 4096, 3)
    assert_colour(fallback[1024, 2048], (255, 0, 0), "fallback centre")
    assert_colour(fallback[200, 2048], (0, 0, 0), "fallback sky")
    assert_colour(fallback[1024, 200], (0, 0, 0), "fallback behind")


def test_field_of_view_makes_a_wide_photo_a_partial_panorama(project, tmp_path):
    path = write_jpeg(tmp_path / "wide.jpg", np.full((1024, 3072, 3), 90, np.uint8))
    facts = panorama_facts(project, ingest_panorama(project, path, fov_deg=180))
    assert (facts.source, facts.full_width, facts.full_height) == ("fov", 6144, 3072)
    assert (facts.crop_left, facts.crop_top, facts.crop_width, facts.crop_height) == (1536, 1024, 3072, 1024)
    assert facts.pano_data() == {"fullWidth": 6144, "fullHeight": 3072, "croppedWidth": 3072,
                                 "croppedHeight": 1024, "croppedX": 1536, "croppedY": 1024}


def test_inconsistent_gpano_tags_are_refused(project, tmp_path):
    path = write_jpeg(tmp_path / "bad-gpano.jpg", np.zeros((512, 1536, 3), np.uint8),
                      xmp=GPANO % (4096, 2048, 3000, 0, 1536, 512))
    with pytest.raises(MediaError) as e:
        ingest_panorama(project, path)
    assert str(e.value) == (f"{path}: GPano tags do not fit the photo (the cropped area 1536×512 at "
                            f"(3000, 0) lies outside 4096×2048)")
    assert media_count(project) == 0


# -- bad input -------------------------------------------------------------------------------

def test_three_to_one_photo_is_refused(project, tmp_path):
    path = write_jpeg(tmp_path / "hall.jpg", np.full((1024, 3072, 3), 128, np.uint8))
    with pytest.raises(MediaError) as e:
        ingest_panorama(project, path)
    assert str(e.value) == f"{path}: not a 360° panorama (3:1; an equirectangular photo is 2:1)"
    assert e.value.hint == "for a partial panorama give its horizontal field of view"
    assert media_count(project) == 0


def test_fifty_thousand_pixel_panorama_is_refused_from_its_header(project, tmp_path):
    small = bytearray(simplejpeg.encode_jpeg(np.zeros((8, 16, 3), np.uint8), quality=90))
    sof = small.index(b"\xff\xc0")
    small[sof + 5:sof + 9] = struct.pack(">HH", 25000, 50000)  # height, width
    path = tmp_path / "huge.jpg"
    path.write_bytes(bytes(small))
    with pytest.raises(MediaError) as e:
        ingest_panorama(project, path)
    assert str(e.value) == f"{path}: panorama too large (50000×25000 pixels; at most 32768 pixels wide)"
    assert media_count(project) == 0


def test_twelve_bit_and_cmyk_jpegs_are_refused_from_their_header(project, tmp_path):
    base = bytearray(simplejpeg.encode_jpeg(np.zeros((1024, 2048, 3), np.uint8), quality=90))
    sof = base.index(b"\xff\xc0")
    twelve = bytearray(base)
    twelve[sof + 4] = 12
    (tmp_path / "deep.jpg").write_bytes(bytes(twelve))
    with pytest.raises(MediaError) as e:
        ingest_panorama(project, tmp_path / "deep.jpg")
    assert str(e.value) == f"{tmp_path / 'deep.jpg'}: a 12-bit JPEG; save it as an ordinary 8-bit JPEG first"
    cmyk = bytearray(base)
    cmyk[sof + 9] = 4
    (tmp_path / "print.jpg").write_bytes(bytes(cmyk))
    with pytest.raises(MediaError) as e:
        ingest_panorama(project, tmp_path / "print.jpg")
    assert str(e.value) == f"{tmp_path / 'print.jpg'}: a CMYK JPEG; save it as an RGB JPEG first"


def test_grey_panorama_is_accepted(project, tmp_path):
    path = tmp_path / "grey.jpg"
    path.write_bytes(simplejpeg.encode_jpeg(np.full((1024, 2048, 1), 100, np.uint8), colorspace="GRAY",
                                            colorsubsampling="Gray"))
    tiles = panorama_tiles(project, ingest_panorama(project, path), profile="mobile")
    assert_colour(tile_pixel(tiles, "u", 0, 0), (100, 100, 100), "zenith")


def test_truncated_jpeg_is_refused(project, realdata, tmp_path):
    data = (realdata / "panoramas" / "polyhaven_lebombo_2k.jpg").read_bytes()
    path = tmp_path / "cut.jpg"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(MediaError) as e:
        ingest_panorama(project, path)
    assert str(e.value) == f"{path}: damaged JPEG (the file is truncated)"
    assert media_count(project) == 0


def test_jpeg_with_a_broken_header_is_refused(project, tmp_path):
    path = tmp_path / "broken.jpg"
    path.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"garbage that is no marker" * 4)
    with pytest.raises(MediaError) as e:
        ingest_panorama(project, path)
    assert str(e.value) == f"{path}: damaged JPEG (a segment does not start with a marker)"


def test_text_file_named_jpg_is_refused(project, tmp_path):
    path = tmp_path / "notes.jpg"
    path.write_text("this is not a photo\n", encoding="utf-8")
    with pytest.raises(MediaError) as e:
        ingest_panorama(project, path)
    assert str(e.value) == f"{path}: not a JPEG image"


def test_png_and_missing_files_are_refused(project, tmp_path):
    png = tmp_path / "hall.png"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 32)
    with pytest.raises(MediaError) as e:
        ingest_panorama(project, png)
    assert str(e.value) == f"{png}: a PNG image; panoramas must be JPEG photos"
    with pytest.raises(MediaError) as e:
        ingest_panorama(project, tmp_path / "absent.jpg")
    assert str(e.value) == f"{tmp_path / 'absent.jpg'}: no such file"


def test_impossible_field_of_view_is_refused(project, tmp_path):
    path = write_jpeg(tmp_path / "square.jpg", np.zeros((1024, 1024, 3), np.uint8))
    with pytest.raises(MediaError) as e:
        ingest_panorama(project, path, fov_deg=360)
    assert str(e.value) == f"{path}: 360° wide makes it 360° tall, more than 180°"


# -- big photos ----------------------------------------------------------------------------------

@pytest.mark.parametrize("way", ["planes 4:2:0", "RGB"], indirect=True)
def test_16k_panorama_is_accepted_and_tiled_from_a_reduced_decode(project, tmp_path, way):
    image = np.empty((8192, 16384, 3), np.uint8)
    image[:] = (40, 90, 160)
    image[:, 8192:] = (200, 120, 40)  # right half of the world (yaw 0…180°) orange
    path = write_jpeg(tmp_path / "big.jpg", image, subsampling=way)
    del image
    sha = ingest_panorama(project, path)
    assert (panorama_facts(project, sha).width, panorama_facts(project, sha).height) == (16384, 8192)
    plan = plan_tiles(panorama_facts(project, sha), "mobile")
    assert plan.decode_min_size == (4096, 2048)  # DCT-scaled to 1/4: 24 MB instead of 400 MB
    tiles = panorama_tiles(project, sha, profile="mobile")
    assert tiles.face_size == 1024
    assert_colour(tile_pixel(tiles, "r", 0, 0), (200, 120, 40), "right face")
    assert_colour(tile_pixel(tiles, "l", 0, 0), (40, 90, 160), "left face")


def test_plans_choose_face_sizes_and_decode_scales():
    def facts(w, h):
        return PanoramaFacts("0" * 64, w, h, w, h, 0, 0, w, h, "full")

    # faces ≈ width / π rounded to a tile size (a multiple of 4 near 512) times a power of two
    assert [face_layout(w, 8192) for w in (1024, 2048, 4096, 8192, 16384, 32768, 65536)] == [
        (324, 324), (652, 652), (1304, 652), (2608, 652), (5216, 652), (8192, 512), (8192, 512)]
    assert [face_size_for(w, 1024) for w in (2048, 4096, 16384)] == [652, 1024, 1024]
    full16 = plan_tiles(facts(16384, 8192), "full")
    assert full16.levels == [{"faceSize": s, "nbTiles": s // 652} for s in (652, 1304, 2608, 5216)]
    assert full16.tile_size == 652 and full16.face_size == 5216  # 8 tiles of 652, as in Pannellum
    assert full16.decode_min_size == (16384, 8192) and full16.fallback_size == (4096, 2048)
    assert len(full16.tile_paths()) == 6 * (1 + 4 + 16 + 64)
    assert plan_tiles(facts(32768, 16384), "full").decode_min_size == (16384, 8192)
    mobile8 = plan_tiles(facts(8192, 4096), "mobile")
    assert (mobile8.face_size, mobile8.decode_min_size, mobile8.fallback_size) == (1024, (4096, 2048), (2048, 1024))
    assert full16.settings_hash != plan_tiles(facts(16384, 8192), "mobile").settings_hash
    with pytest.raises(MediaError) as e:
        plan_tiles(facts(4096, 2048), "tiny")
    assert str(e.value) == "unknown tile profile 'tiny' (known: full, mobile)"
    assert set(PROFILES) == {"full", "mobile"}
    # GPano sizes of an 8192-px original, stored photo downscaled by 4: sized by its pixels
    scaled = PanoramaFacts("0" * 64, 1024, 512, 8192, 4096, 2048, 1024, 4096, 2048, "gpano")
    assert (plan_tiles(scaled).face_size, plan_tiles(scaled).fallback_size) == (652, (2048, 1024))


# -- cache and cancel ------------------------------------------------------------------------------

def test_second_call_reuses_the_cached_tiles(project, realdata):
    sha = ingest_panorama(project, realdata / "panoramas" / "polyhaven_lebombo_2k.jpg")
    first = panorama_tiles(project, sha)
    stamps = {f: (first.root / f).stat().st_mtime_ns for f in first.files()}
    events = []
    again = panorama_tiles(project, sha, progress=Progress(events.append))
    assert again.root == first.root
    assert {f: (again.root / f).stat().st_mtime_ns for f in again.files()} == stamps
    assert [e.message for e in events] == ["tiles up to date", "tiles up to date"]
    mobile = panorama_tiles(project, sha, profile="mobile")
    assert mobile.root != first.root
    assert sorted(p.name for p in cache_root(project).iterdir()) == sorted([first.root.name, mobile.root.name])
    assert first.total_bytes() == sum((first.root / f).stat().st_size for f in first.files()) > 0
    assert first.tile_template == TILE_TEMPLATE == "tiles/{level}/{face}/{row}_{col}.jpg"
    assert first.tile_path("front", 0, 0, 0) == first.tile_path("f", 0, 0, 0) == "tiles/0/f/0_0.jpg"


def test_cancel_leaves_no_cache_folder(project, realdata):
    sha = ingest_panorama(project, realdata / "panoramas" / "pannellum_examplepano.jpg")
    progress = Progress()
    seen = []

    def cancel_midway(event):
        seen.append(event)
        if len(seen) == 10:
            progress.cancel()

    progress.subscribe(cancel_midway)
    with pytest.raises(Cancelled):
        panorama_tiles(project, sha, progress=progress)
    assert list(cache_root(project).iterdir()) == []
    tiles = panorama_tiles(project, sha)  # and the next try builds it whole
    assert all((tiles.root / f).is_file() for f in tiles.files())


def test_a_killed_build_is_cleaned_up_and_a_tampered_folder_rebuilt(project, realdata):
    import os

    from assets.cube_tiles import STALE_BUILD_S

    sha = ingest_panorama(project, realdata / "panoramas" / "polyhaven_lebombo_2k.jpg")
    plan = plan_tiles(panorama_facts(project, sha))
    root = cache_root(project)
    dead = root / f".{plan.folder_name}.dead"
    (dead / "tiles").mkdir(parents=True)
    old = dead.stat().st_mtime - STALE_BUILD_S - 10
    os.utime(dead, (old, old))
    tiles = panorama_tiles(project, sha)
    assert not dead.exists()
    (tiles.root / "tiles.json").unlink()
    (tiles.root / tiles.tile_path("f", 0, 0, 0)).unlink()
    again = panorama_tiles(project, sha)
    assert all((again.root / f).is_file() for f in again.files())


@pytest.mark.parametrize("frame", [(2048, 1024, 0, 0, 2048, 1024, 2048, 1024),
                                   (4096, 2048, 1024, 682, 2048, 683, 1024, 342),
                                   (4096, 2048, 0, 512, 4096, 1024, 2048, 512)])
def test_fast_lookup_maps_match_the_reference_geometry(frame):
    from assets.cube_geometry import FACES, SourceFrame, direction_angles, face_direction, face_maps

    frame = SourceFrame(*frame)
    n = 64
    c = (np.arange(n) + 0.5) * 2 / n - 1
    u, v = np.meshgrid(c, c)
    sx, sy = frame.decoded_width / frame.crop_width, frame.decoded_height / frame.crop_height
    for face in FACES:
        yaw, pitch = direction_angles(*face_direction(face, u, v))
        x = ((yaw / (2 * np.pi) + 0.5) * frame.full_width - frame.crop_left) * sx - 0.5
        y = ((0.5 - pitch / np.pi) * frame.full_height - frame.crop_top) * sy - 0.5
        if frame.covers_width:  # a full turn, or the whole sphere: kept inside on that axis
            x = np.clip(x, 0, frame.decoded_width - 1)
        if frame.covers_height:
            y = np.clip(y, 0, frame.decoded_height - 1)
        map_x, map_y = face_maps(face, n, frame)
        strip_x, strip_y = face_maps(face, n, frame, rows=(16, 48))
        dx = np.abs(map_x - x)
        if frame.covers_width:  # either side of the seam is the same place
            dx = np.minimum(dx, frame.decoded_width - 1 - dx)
        assert dx.max() < 0.01 and np.abs(map_y - y).max() < 0.01, face
        assert np.array_equal(strip_x, map_x[16:48]) and np.array_equal(strip_y, map_y[16:48]), face


@pytest.mark.parametrize("frame", [(2048, 1024, 0, 0, 2048, 1024, 2048, 1024),
                                   (2048, 1024, 0, 160, 2048, 600, 1024, 300),
                                   (2048, 1024, 0, 0, 2048, 400, 2048, 400)])
def test_quarter_turn_packings_sample_the_faces_a_plain_remap_does(frame):
    # The four side faces through the front face's maps, and each polar face from one
    # quadrant's maps, read from the photo packed by quarter turns, against a remap of
    # the photo through each face's own maps. The last photo never reaches the down face.
    import cv2

    from assets import quarter_turns
    from assets.cube_geometry import (FACES, SourceFrame, border_mode, face_maps, quadrant_maps, side_columns_x,
                                      split_at_middle, strip_maps)

    frame = SourceFrame(*frame)
    rng = np.random.default_rng(7)
    small = rng.integers(0, 256, (frame.decoded_height // 8 + 1, frame.decoded_width // 8), dtype=np.uint8)
    photo = cv2.resize(small, (frame.decoded_width, frame.decoded_height), interpolation=cv2.INTER_CUBIC)
    n, border = 256, border_mode(frame)
    expected = {face: cv2.remap(photo, *face_maps(face, n, frame), cv2.INTER_LINEAR, borderMode=border)
                for face in FACES}

    def packed(region):
        assert quarter_turns.applies(frame)
        out = quarter_turns.empty(region)
        for a in range(0, region.height, 100):
            quarter_turns.pack_rows(photo, region, out, (a, min(a + 100, region.height)))
        return out

    region = quarter_turns.side_region(frame)
    map_x, map_y = np.empty((n, n), np.float32), np.empty((n, n), np.float32)
    map_x[:] = side_columns_x("f", n, frame) - region.left
    for a, b in split_at_middle(0, n, n):
        if strip_maps("f", n, frame, (a, b), map_x[a:b], map_y[a:b], (0, region.top)):
            map_y[a:b] = map_y[a:b][::-1].copy()
    sides = cv2.remap(packed(region), map_x, map_y, cv2.INTER_LINEAR, borderMode=border, borderValue=(0,) * 4)
    actual = dict(zip(quarter_turns.SIDE_FACES, cv2.split(sides)))
    h = n // 2
    for face in ("u", "d"):  # the quadrant in bands of rows, as the tiler samples it
        region, actual[face] = quarter_turns.polar_region(frame, face), np.empty((n, n), np.uint8)
        for a, b in ((0, 48), (48, h)):
            qx, qy = np.empty((b - a, h), np.float32), np.empty((b - a, h), np.float32)
            flipped = quadrant_maps(face, n, frame, qx, qy, region.origin, (a, b))
            band = cv2.remap(packed(region), qx, qy, cv2.INTER_LINEAR, borderMode=border, borderValue=(0,) * 4)
            rows = (h - b, h - a) if flipped else (a, b)
            quarter_turns.place_quadrant_rows(face, cv2.split(band[::-1].copy() if flipped else band), rows,
                                              actual[face])
    for face in FACES:
        assert expected[face].std() > 10 or face == "d", face
        assert np.abs(actual[face].astype(int) - expected[face]).max() <= 1, face


def test_unwritable_cache_folder_is_reported(project, realdata):
    from assets.errors import ProjectError

    sha = ingest_panorama(project, realdata / "panoramas" / "polyhaven_lebombo_2k.jpg")
    cache_root(project).parent.mkdir()
    cache_root(project).write_text("a file where the tile folder should be")
    with pytest.raises(ProjectError) as e:
        panorama_tiles(project, sha)
    assert str(e.value).startswith(f"{cache_root(project)}: cannot write the tile cache (")


@pytest.mark.parametrize("subsampling", ["420", "444"])
def test_planar_and_rgb_tilings_of_a_real_photo_agree(project, realdata, tmp_path, subsampling):
    from assets.cube_tiler import build_tiles
    from assets.media_store import MediaStore

    pixels = simplejpeg.decode_jpeg((realdata / "panoramas" / "pannellum_examplepano.jpg").read_bytes())
    sha = ingest_panorama(project, write_jpeg(tmp_path / "pano.jpg", pixels, subsampling=subsampling))
    plan = plan_tiles(panorama_facts(project, sha))
    jpeg = MediaStore(project).read(sha)
    for planar in (True, False):
        (tmp_path / str(planar)).mkdir()
        build_tiles(plan, jpeg, tmp_path / str(planar), Progress(), planar=planar)
    names = [*plan.tile_paths(), "preview.jpg", "fallback.jpg", "thumbnail.jpg"]
    for name in names:
        a, b = (simplejpeg.decode_jpeg((tmp_path / str(planar) / name).read_bytes()).astype(int)
                for planar in (True, False))
        difference = np.abs(a - b)
        assert a.std() > 5 and difference.mean() < 3 and np.percentile(difference, 99) < 16, name


def test_quarter_turn_and_plane_by_plane_tilings_of_a_real_photo_agree(project, realdata, tmp_path, monkeypatch):
    # A full-turn photo is sampled from its quarter-turn packings; switched off, plane
    # by plane. Both must give the same tiles: samples at most a level apart before
    # JPEG coding, which now and then turns that into a larger step in one block.
    from assets import quarter_turns
    from assets.cube_tiler import build_tiles
    from assets.media_store import MediaStore

    sha = ingest_panorama(project, realdata / "panoramas" / "pannellum_examplepano.jpg")
    plan = plan_tiles(panorama_facts(project, sha))
    jpeg = MediaStore(project).read(sha)
    packed, pack_rows = [], quarter_turns.pack_rows

    def counted(*task):
        packed.append(task)
        pack_rows(*task)
    monkeypatch.setattr(quarter_turns, "pack_rows", counted)
    build_tiles(plan, jpeg, tmp_path / "turns", Progress())
    assert packed, "a full-turn photo is tiled from its quarter-turn packings"
    monkeypatch.setattr(quarter_turns, "applies", lambda frame: False)
    count = len(packed)
    build_tiles(plan, jpeg, tmp_path / "planes", Progress())
    assert len(packed) == count
    for name in plan.tile_paths():
        a, b = (simplejpeg.decode_jpeg((tmp_path / way / name).read_bytes()).astype(int) for way in ("turns", "planes"))
        difference = np.abs(a - b)
        assert a.std() > 5 and difference.mean() < 0.2 and np.percentile(difference, 99.9) < 8, name
