"""3D model ingest: real scans and generated OBJ/PLY/STL become valid web GLBs
within budget with textured posters; broken or unsafe input is refused in one line
and leaves nothing stored."""

from __future__ import annotations

import io
import struct
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from PIL import Image

from assets import history
from assets.errors import MediaError, ToolMissing
from assets.media_store import MediaStore
from assets.models import node_tools, sources, store
from assets.models.profiles import PROFILES
from assets.project import Project

REAL_MODELS = ["webgltf_barrel.glb", "USNM_1145291-150k-2048-medium-100k-2048_draco.glb",
               "thorvaldsen_dancing_girl_scan.glb", "glyptotek_bust_man_wearing_wreath_scan.glb"]


def _picture(data: bytes) -> Image.Image:
    return Image.open(io.BytesIO(data)).convert("RGB")


def _rows(project: Project, table: str) -> int:
    return project.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


@pytest.fixture(scope="module")
def real_project(tmp_path_factory):
    from tests.conftest import REALDATA

    if not REALDATA.is_dir():
        pytest.skip(f"real test data not found at {REALDATA} (../shared is absent)")
    project = Project.create(tmp_path_factory.mktemp("models") / "real.yunzhan")
    imported = {name: store.import_model(project, REALDATA / "models" / name) for name in REAL_MODELS}
    yield project, imported
    project.close()


@pytest.mark.parametrize("name", REAL_MODELS)
def test_real_model_web_version_is_valid_and_within_budget(real_project, name, tmp_path):
    project, imported = real_project
    model = imported[name]
    desktop = PROFILES["desktop"]
    glb = store.web_glb(project, model.sha256)
    assert len(glb) <= desktop.max_bytes
    assert 0 < model.triangles <= desktop.max_triangles
    (tmp_path / "web.glb").write_bytes(glb)
    report = node_tools.validate(tmp_path / "web.glb")
    assert report["errors"] == 0, report["messages"]
    assert report["triangles"] == model.triangles
    assert "EXT_meshopt_compression" in report["extensions"]
    # The original is kept byte for byte.
    assert MediaStore(project).read(model.sha256) == (Path(REAL_PATH) / name).read_bytes()


REAL_PATH = "/work/shared/realdata/models"


def test_posters_show_texture_colours(real_project):
    project, imported = real_project
    barrel = _picture(store.poster(project, imported["webgltf_barrel.glb"].sha256))
    browns = sum(1 for r, g, b in barrel.getdata() if r > g > b and r - b > 30)
    assert browns > barrel.width * barrel.height // 20
    # The Smithsonian scan is Draco-compressed; its poster still shows its textures.
    fossil = _picture(store.poster(project, imported[REAL_MODELS[1]].sha256))
    covered = sum(1 for r, g, b in fossil.getdata() if min(r, g, b) < 200)
    assert covered > fossil.width * fossil.height // 10 and len(set(fossil.getdata())) > 2000


def test_real_scale_is_kept(real_project):
    _, imported = real_project
    # The Dancing Girl is 1.80 m tall, the bust 0.61 m (SOURCES.md), Y up.
    assert imported["thorvaldsen_dancing_girl_scan.glb"].size[1] == pytest.approx(1.80, abs=0.01)
    assert imported["glyptotek_bust_man_wearing_wreath_scan.glb"].size[1] == pytest.approx(0.61, abs=0.01)


def test_mobile_version_is_smaller_and_cached(real_project, monkeypatch):
    project, imported = real_project
    sha = imported[REAL_MODELS[1]].sha256
    mobile = store.web_glb(project, sha, "mobile")
    assert len(mobile) <= PROFILES["mobile"].max_bytes < len(store.web_glb(project, sha))
    # Cached by hash: a second request needs no Node at all.
    monkeypatch.setenv("YUNZHAN_NODE", "/nonexistent/node")
    assert store.web_glb(project, sha, "mobile") == mobile


def test_same_file_twice_is_one_model(real_project):
    project, imported = real_project
    again = store.import_model(project, f"{REAL_PATH}/webgltf_barrel.glb")
    assert again == imported["webgltf_barrel.glb"] and _rows(project, "models") == len(REAL_MODELS)


# -- generated OBJ, PLY, STL ------------------------------------------------------------
def _textured_obj(folder, texture=True):
    """A 1 m square in the XY plane, textured half red, half green."""
    if texture:
        im = Image.new("RGB", (64, 64), (220, 20, 20))
        im.paste((20, 200, 20), (32, 0, 64, 64))
        im.save(folder / "paint.png")
    (folder / "square.mtl").write_text("newmtl paint\nKd 1 1 1\nmap_Kd paint.png\n")
    (folder / "square.obj").write_text(
        "mtllib square.mtl\n"
        "v 0 0 0\nv 1 0 0\nv 1 1 0\nv 0 1 0\n"
        "vt 0 0\nvt 1 0\nvt 1 1\nvt 0 1\nvn 0 0 1\n"
        "usemtl paint\nf 1/1/1 2/2/1 3/3/1\nf 1/1/1 3/3/1 4/4/1\n")
    return folder / "square.obj"


def test_obj_with_mtl_and_texture_keeps_its_colours(project, tmp_path):
    obj = _textured_obj(tmp_path)
    model = store.import_model(project, obj)
    assert (model.format, model.units, model.up_axis) == ("obj", "m", "y")
    assert model.size[0] == pytest.approx(1.0) and model.size[1] == pytest.approx(1.0)
    info = MediaStore(project).info(model.sha256)
    assert (info.ext, info.mime) == ("zip", "application/zip")  # obj + mtl + png kept together
    poster = _picture(store.poster(project, model.sha256))
    reds = sum(1 for r, g, b in poster.getdata() if r > 100 and g < 60 and b < 60)
    greens = sum(1 for r, g, b in poster.getdata() if g > 90 and r < 60 and b < 60)
    assert reds > 5000 and greens > 5000


def test_obj_textures_in_its_folder_are_the_models_not_catalog_images(project, tmp_path):
    from assets.catalog import Catalog, CatalogObject
    from assets.collection_import import sort_dropped
    from assets.media_import import import_media, media_files_in

    folder = tmp_path / "scans"
    folder.mkdir()
    obj = _textured_obj(folder)
    obj = obj.rename(folder / "2024.3.obj")
    (folder / "paint.png").rename(folder / "2024.3_paint.png")  # named like the object: the trap
    (folder / "square.mtl").write_text("newmtl paint\nKd 1 1 1\nmap_Kd 2024.3_paint.png\n")
    Image.new("RGB", (40, 30), (10, 10, 200)).save(folder / "2024.3_photo.jpg")  # a real photo stays
    oid = Catalog(project).add(CatalogObject(accession="2024.3", title_zh="方块", title_en="Square"))
    found = media_files_in(folder)
    assert {p.name for p in found} == {"2024.3.obj", "2024.3_paint.png", "2024.3_photo.jpg"}
    assert {p.name for p in sort_dropped([folder]).media} == {"2024.3.obj", "2024.3_photo.jpg"}
    result = import_media(project, found)
    assert sorted(p.name for p, _ in result.stored) == ["2024.3.obj", "2024.3_photo.jpg"]
    kinds = sorted(MediaStore(project).info(sha).kind for sha in Catalog(project).media_of(oid))
    assert kinds == ["image", "model"]
    assert _rows(project, "media") == 2  # the texture lives only inside the model's zip


def test_stl_in_millimetres_becomes_metres_with_y_up(project, tmp_path):
    import trimesh

    # A 300 × 200 × 100 mm box, Z up as a CAD program writes it.
    trimesh.creation.box(extents=(300, 200, 100)).export(tmp_path / "box.stl")
    model = store.import_model(project, tmp_path / "box.stl")
    assert (model.units, model.up_axis) == ("mm", "z")
    assert model.size == pytest.approx((0.3, 0.1, 0.2), abs=1e-4)


def test_ply_vertex_colours_reach_the_web_version_and_poster(project, tmp_path):
    import trimesh

    sphere = trimesh.creation.icosphere(subdivisions=3, radius=0.2)
    colours = np.where(sphere.vertices[:, :1] > 0, [[230, 120, 0, 255]], [[0, 60, 220, 255]]).astype(np.uint8)
    sphere.visual = trimesh.visual.ColorVisuals(sphere, vertex_colors=colours)
    sphere.export(tmp_path / "ball.ply")
    model = store.import_model(project, tmp_path / "ball.ply", units="m")
    assert model.size == pytest.approx((0.4, 0.4, 0.4), abs=0.01)
    glb = store.web_glb(project, model.sha256)
    (tmp_path / "ball.glb").write_bytes(glb)
    assert node_tools.validate(tmp_path / "ball.glb")["errors"] == 0
    poster = _picture(store.poster(project, model.sha256))
    oranges = sum(1 for r, g, b in poster.getdata() if r > 150 and 50 < g < 170 and b < 60)
    blues = sum(1 for r, g, b in poster.getdata() if b > 120 and r < 60)
    assert oranges > 3000 and blues > 3000


def test_placement_edit_is_undoable(project, tmp_path):
    import trimesh

    trimesh.creation.box(extents=(300, 200, 100)).export(tmp_path / "box.stl")
    model = store.import_model(project, tmp_path / "box.stl")
    edited = store.set_placement(project, model.sha256, units="cm", up="y")
    assert edited.size == pytest.approx((3.0, 2.0, 1.0), abs=1e-3)
    assert history.next_undo(project).label == "set model units"
    history.undo(project)
    assert store.get_model(project, model.sha256) == model


# -- bad input -------------------------------------------------------------------------
def _glb(json_chunk: bytes, *, chunk_type: int = 0x4E4F534A) -> bytes:
    json_chunk += b" " * (-len(json_chunk) % 4)
    return (struct.pack("<4sII", b"glTF", 2, 20 + len(json_chunk))
            + struct.pack("<II", len(json_chunk), chunk_type) + json_chunk)


def _bad_inputs(folder):
    """(file, the one-line message) for each kind of bad model the issue lists."""
    cases = []
    no_faces = folder / "points.obj"
    no_faces.write_text("v 0 0 0\nv 1 0 0\nv 0 1 0\n")
    cases.append((no_faces, f"{no_faces}: no faces (a point cloud or empty mesh cannot be shown as a model)"))
    sub = folder / "missing"
    sub.mkdir()
    missing = _textured_obj(sub, texture=False)
    cases.append((missing, f"{sub / 'square.mtl'}: line 3 texture 'paint.png' not found beside the model"))
    broken = folder / "broken.obj"
    broken.write_text("v 0 0 0\nv 1 0 0\nv 0 1 0\nf 1 2 7\n")
    cases.append((broken, f"{broken}: line 4: face refers to v 7, but only 3 are defined before it"))
    (folder.parent / "secret.bin").write_bytes(b"\0" * 8)
    outside = folder / "outside.gltf"
    outside.write_text('{"asset": {"version": "2.0"}, "buffers": [{"uri": "../secret.bin", "byteLength": 8}]}')
    cases.append((outside, f"{outside}: buffers[0] points outside the model's folder (../secret.bin)"))
    web = folder / "web.gltf"
    web.write_text('{"asset": {"version": "2.0"}, "images": [{"uri": "https://example.org/t.png"}]}')
    cases.append((web, f"{web}: images[0] points to the web (https://example.org/t.png); "
                       "a model may only use files beside it"))
    bad_chunk = folder / "chunk.glb"
    bad_chunk.write_bytes(_glb(b'{"asset": {"version": "2.0"}}', chunk_type=0x12345678))
    cases.append((bad_chunk, f"{bad_chunk}: bad GLB chunk header (the first chunk is not JSON)"))
    huge = folder / "huge.stl"
    with huge.open("wb") as f:  # sparse: 2 GB on paper, nothing on disk
        f.truncate(2 * 1024 ** 3)
    cases.append((huge, f"{huge}: 2.0 GB is more than the 1.0 GB a model may be"))
    no_faces_ply = folder / "cloud.ply"
    no_faces_ply.write_text("ply\nformat ascii 1.0\nelement vertex 3\nproperty float x\nproperty float y\n"
                            "property float z\nend_header\n0 0 0\n1 0 0\n0 1 0\n")
    cases.append((no_faces_ply, f"{no_faces_ply}: no faces (a point cloud or empty mesh cannot be shown as a model)"))
    return cases


def test_bad_models_are_refused_in_one_line_and_nothing_is_stored(project, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for path, message in _bad_inputs(folder):
        with pytest.raises(MediaError) as e:
            store.import_model(project, path)
        assert str(e.value) == message
        assert "\n" not in e.value.user_text()
    assert _rows(project, "media") == 0 and _rows(project, "models") == 0 and _rows(project, "sqlar") == 0


def test_missing_node_is_named(project, tmp_path, monkeypatch):
    monkeypatch.setenv("YUNZHAN_NODE", "/nonexistent/node")
    with pytest.raises(ToolMissing, match="node: the configured program '/nonexistent/node' does not exist"):
        store.import_model(project, _textured_obj(tmp_path))
    assert _rows(project, "media") == 0


_VALID = _glb(b'{"asset": {"version": "2.0"}}')


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(position=st.integers(0, len(_VALID) - 1), value=st.integers(0, 255), cut=st.integers(0, len(_VALID)))
def test_damaged_glb_headers_give_one_line_errors(tmp_path, position, value, cut):
    data = bytearray(_VALID)
    data[position] = value
    path = tmp_path / "damaged.glb"
    path.write_bytes(bytes(data[:cut]))
    try:
        found = sources.inspect_source(path)
    except MediaError as e:
        assert str(e).startswith(f"{path}: ") and "\n" not in str(e)
    else:  # the damage left a well-formed file (e.g. a changed space)
        assert found.files == (path,)


def test_turntable_is_an_animated_webp_turning_once(real_project):
    project, imported = real_project
    data = store.turntable(project, imported["webgltf_barrel.glb"].sha256)
    clip = Image.open(io.BytesIO(data))
    assert clip.format == "WEBP" and clip.n_frames == 36 and clip.size == (480, 480)
    frames = []
    for n in (0, 9, 18):
        clip.seek(n)
        frames.append(clip.convert("RGB").tobytes())
    assert len(set(frames)) == 3  # the barrel seen from three sides
    assert store.turntable(project, imported["webgltf_barrel.glb"].sha256) == data  # cached
