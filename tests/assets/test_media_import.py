"""Images and other media: checked before anything is stored, linked by accession."""

from __future__ import annotations

import io
import struct
import zlib

import pytest
from PIL import Image

from assets.catalog import Catalog, CatalogObject
from assets.errors import MediaError
from assets.media_import import import_media
from assets.media_store import MediaStore


def _jpeg(path, size=(640, 480), color=(180, 60, 30), exif_orientation=None):
    im = Image.new("RGB", size, color)
    im.paste((20, 20, 200), (0, 0, size[0] // 4, size[1] // 4))  # a blue corner shows orientation
    kw = {}
    if exif_orientation:
        exif = Image.Exif()
        exif[0x0112] = exif_orientation
        kw["exif"] = exif.tobytes()
    im.save(path, "JPEG", quality=90, **kw)
    return path


def _media_rows(project):
    return project.db.execute("SELECT count(*) FROM media").fetchone()[0]


@pytest.fixture
def with_objects(project):
    Catalog(project).upsert_many([("t", CatalogObject("1977.12", title_zh="青花瓷碗")),
                                  ("t", CatalogObject("A-2", title_en="Vase"))])
    return project


def test_chinese_name_with_spaces_links_by_accession(with_objects, tmp_path):
    photo = _jpeg(tmp_path / "1977.12 青花 正面.jpg")
    result = import_media(with_objects, [photo])
    assert result.linked == [(photo, "1977.12")]
    obj = Catalog(with_objects).get("1977.12")
    store = MediaStore(with_objects)
    info = store.info(obj.media[0])
    assert (info.kind, info.mime, info.width, info.height) == ("image", "image/jpeg", 640, 480)
    assert info.original_name == "1977.12 青花 正面.jpg"
    thumb = Image.open(io.BytesIO(store.get_derived(obj.media[0], "thumb.jpg")))
    assert max(thumb.size) == 256


def test_exif_orientation_is_applied(with_objects, tmp_path):
    photo = _jpeg(tmp_path / "A-2.jpg", size=(400, 200), exif_orientation=6)  # rotate 90° CW to view
    import_media(with_objects, [photo])
    store = MediaStore(with_objects)
    sha = Catalog(with_objects).get("A-2").media[0]
    assert (store.info(sha).width, store.info(sha).height) == (200, 400)
    display = Image.open(io.BytesIO(store.get_derived(sha, "display.jpg")))
    assert display.size == (200, 400)
    r, g, b = display.getpixel((display.width - 10, 10))  # the blue corner is now top right
    assert b > 150 and r < 100


def test_truncated_jpeg_is_refused(with_objects, tmp_path):
    good = _jpeg(tmp_path / "ok.jpg", size=(800, 600))
    bad = tmp_path / "1977.12-broken.jpg"
    bad.write_bytes(good.read_bytes()[:3000])
    with pytest.raises(MediaError) as e:
        import_media(with_objects, [good, bad])
    assert str(e.value) == f"{bad}: damaged image (the file is truncated)"
    assert _media_rows(with_objects) == 0  # the good one was not kept either: one transaction


def _png_claiming(path, width, height):
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 64))
                     + chunk(b"IEND", b""))
    return path


def test_decompression_bomb_png_is_refused_without_decoding(with_objects, tmp_path):
    bomb = _png_claiming(tmp_path / "A-2.png", 100000, 100000)
    with pytest.raises(MediaError) as e:
        import_media(with_objects, [bomb])
    assert str(e.value) == f"{bomb}: image too large to open safely"
    assert _media_rows(with_objects) == 0


def test_text_file_named_jpg_is_refused(with_objects, tmp_path):
    fake = tmp_path / "A-2.jpg"
    fake.write_text("this is not a picture")
    with pytest.raises(MediaError) as e:
        import_media(with_objects, [fake])
    assert str(e.value) == f"{fake}: not an image (content is not JPEG, PNG, TIFF or WebP)"


def test_real_models_store_and_fake_model_is_refused(with_objects, realdata, tmp_path):
    barrel = realdata / "models" / "webgltf_barrel.glb"
    draco = realdata / "models" / "USNM_1145291-150k-2048-medium-100k-2048_draco.glb"
    result = import_media(with_objects, [barrel, draco], object_key="A-2")
    store = MediaStore(with_objects)
    sha, draco_sha = result.stored[0][1], result.stored[1][1]
    assert store.info(sha).kind == "model"
    assert store.read(sha) == barrel.read_bytes()
    # The textured barrel is rendered offscreen: a real picture, mostly wood brown on white.
    thumb = Image.open(io.BytesIO(store.get_derived(sha, "thumb.jpg"))).convert("RGB")
    assert thumb.size == (256, 256) and len(set(thumb.getdata())) > 500
    browns = sum(1 for r, g, b in thumb.getdata() if r > g > b and r - b > 30)
    assert browns > 256 * 256 // 20
    # The Smithsonian scan is Draco-compressed: its web version is decoded, so the picture
    # shows the scan's own textures (many colours, covering much of the frame).
    assert store.read(draco_sha) == draco.read_bytes()
    scan = Image.open(io.BytesIO(store.get_derived(draco_sha, "thumb.jpg"))).convert("RGB")
    covered = sum(1 for r, g, b in scan.getdata() if min(r, g, b) < 200)
    assert covered > 256 * 256 // 10 and len(set(scan.getdata())) > 1000
    fake = tmp_path / "x.glb"
    fake.write_bytes(b"PK\x03\x04 not gltf")
    with pytest.raises(MediaError, match=r"x.glb: not a glTF binary model \(no 'glTF' header\)"):
        import_media(with_objects, [fake])


def test_unmatched_files_are_kept_and_reported(with_objects, tmp_path):
    photo = _jpeg(tmp_path / "unknown-object.jpg")
    result = import_media(with_objects, [photo])
    assert result.unmatched == [photo] and len(result.stored) == 1


def test_same_file_twice_is_stored_once(with_objects, tmp_path):
    a = _jpeg(tmp_path / "1977.12_a.jpg")
    b = tmp_path / "A-2_copy.jpg"
    b.write_bytes(a.read_bytes())
    import_media(with_objects, [a, b])
    assert _media_rows(with_objects) == 1
    assert Catalog(with_objects).get("1977.12").media == Catalog(with_objects).get("A-2").media


@pytest.fixture(scope="module")
def scan_jpeg(tmp_path_factory):
    """A 14,000 × 13,000 JPEG (182 MP, past the limit for a full decode), turned a quarter
    by EXIF: the size of a painting's scan meant for deep zoom."""
    path = tmp_path_factory.mktemp("scan") / "A-2.jpg"
    im = Image.new("L", (14000, 13000), 120)
    im.paste(250, (0, 0, 3500, 3250))  # a bright corner shows orientation
    exif = Image.Exif()
    exif[0x0112] = 6
    im.save(path, "JPEG", quality=60, exif=exif.tobytes())
    return path


def test_a_scan_beyond_the_full_decode_limit_is_stored_at_full_size(with_objects, scan_jpeg):
    import_media(with_objects, [scan_jpeg])
    store = MediaStore(with_objects)
    width, height = with_objects.db.execute("SELECT width, height FROM media").fetchone()
    assert (width, height) == (13000, 14000)  # upright: EXIF turned it a quarter
    sha = with_objects.db.execute("SELECT sha256 FROM media").fetchone()[0]
    assert store.read(sha) == scan_jpeg.read_bytes()  # the original, for deep zoom
    display = Image.open(io.BytesIO(store.get_derived(sha, "display.jpg")))
    assert max(display.size) == 2048 and display.width < display.height
    assert display.convert("L").getpixel((display.width - 5, 5)) > 200  # the bright corner, turned


def test_a_truncated_scan_is_refused_and_nothing_stored(with_objects, scan_jpeg, tmp_path):
    cut = tmp_path / "A-2.jpg"
    cut.write_bytes(scan_jpeg.read_bytes()[: scan_jpeg.stat().st_size // 2])
    with pytest.raises(MediaError) as e:
        import_media(with_objects, [cut])
    assert str(e.value) == f"{cut}: damaged image (the file is truncated)"
    assert _media_rows(with_objects) == 0
