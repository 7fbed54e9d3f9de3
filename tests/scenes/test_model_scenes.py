"""3D exhibit scenes: start camera, look, annotations on the surface and their tour;
every edit undoable with its label; the scene as exhibition.json data."""

from __future__ import annotations

import shutil

import pytest

from assets import history
from assets.project import Project
from scenes import model_scenes as ms
from scenes.errors import ExhibitionError
from scenes.model import load_exhibition
from scenes.opendata.exhibition_json import exhibition_json, validate_exhibition_json
from scenes.opendata.model_json import model_entry


@pytest.fixture(scope="module")
def model_file(tmp_path_factory):
    """A project file holding one imported model: a 1 m × 1 m × 0.5 m box (STL, in m)."""
    import trimesh

    from assets.models.store import import_model

    folder = tmp_path_factory.mktemp("scene")
    trimesh.creation.box(extents=(1.0, 1.0, 0.5)).export(folder / "box.stl")
    path = folder / "model.yunzhan"
    with Project.create(path) as p:
        sha = import_model(p, folder / "box.stl", units="m", up="y").sha256
    return path, sha


@pytest.fixture
def scene(model_file, tmp_path):
    """(a fresh copy of the project, the model's hash)."""
    copy = tmp_path / "p.yunzhan"
    shutil.copy(model_file[0], copy)
    p = Project.open(copy)
    yield p, model_file[1]
    p.close()


def test_default_scene_frames_the_model(scene):
    project, sha = scene
    s = ms.load_scene(project, sha)
    assert not s.stored and s.annotations == () and s.tour == ()
    assert s.camera.target == pytest.approx((0, 0, 0), abs=1e-6)
    assert s.camera.position[2] > 1.0  # in front of the box, looking at its centre


def test_annotations_number_and_tour_and_undo(scene):
    project, sha = scene
    crack = ms.add_annotation(project, sha, position=(0.1, 0.2, 0.25), normal=(0, 0, 2),
                              title_zh="裂纹", title_en="Crack", text_zh="烧制时形成。")
    mark = ms.add_annotation(project, sha, position=(0.5, 0.0, 0.0), normal=(1, 0, 0), title_en="Maker's mark")
    assert (crack.number, mark.number) == (1, 2) and crack.normal == (0.0, 0.0, 1.0)
    assert ms.load_scene(project, sha).tour == (crack.id, mark.id)
    assert history.next_undo(project).label == "add annotation"
    ms.set_annotation_tour(project, sha, [mark.id, crack.id])
    assert ms.load_scene(project, sha).tour == (mark.id, crack.id)
    ms.update_annotation(project, crack.id, title_en="Firing crack", position=(0.0, 0.3, 0.25))
    assert ms.get_annotation(project, crack.id).position == (0.0, 0.3, 0.25)
    assert history.next_undo(project).label == "edit annotation"
    history.undo(project)
    assert ms.get_annotation(project, crack.id).title_en == "Crack"
    ms.remove_annotation(project, mark.id)
    after = ms.load_scene(project, sha)
    assert after.tour == (crack.id,) and [a.number for a in after.annotations] == [1]
    history.undo(project)
    assert ms.load_scene(project, sha).tour == (mark.id, crack.id)
    history.undo(project)  # the tour order
    assert ms.load_scene(project, sha).tour == (crack.id, mark.id)


def test_start_camera_and_look_are_undoable(scene):
    project, sha = scene
    ms.set_start_camera(project, sha, position=(0, 0.5, 3), target=(0, 0, 0), fov=35)
    ms.set_look(project, sha, lighting="dramatic", background="#202020")
    s = ms.load_scene(project, sha)
    assert s.stored and s.camera == ms.Camera((0, 0.5, 3), (0, 0, 0), 35) and s.lighting == "dramatic"
    assert [step.label for step in history.steps(project, "undo")[:2]] == ["edit model scene", "set start camera"]
    history.undo(project)
    history.undo(project)
    assert not ms.load_scene(project, sha).stored


def test_bad_edits_are_refused_with_one_line(scene):
    project, sha = scene
    where = f"{project.path}: model {sha[:12]}"
    cases = [
        (lambda: ms.add_annotation(project, sha, position=(3, 0, 0), normal=(1, 0, 0), title_en="x"),
         f"{where}: position (3.0, 0.0, 0.0) is not on the model"),
        (lambda: ms.add_annotation(project, sha, position=(0, 0, 0), normal=(0, 0, 0), title_en="x"),
         f"{where}: normal has no direction (zero length)"),
        (lambda: ms.add_annotation(project, sha, position=(0, 0, 0), normal=(0, 0, 1), title_en=" "),
         f"{where}: an annotation needs a title in Chinese or English"),
        (lambda: ms.add_annotation(project, sha, position=("a", 0, 0), normal=(0, 0, 1), title_en="x"),
         f"{where}: position must be three numbers (x, y, z)"),
        (lambda: ms.set_annotation_tour(project, sha, [99]), f"{where}: annotation 99 is not on this model"),
        (lambda: ms.set_look(project, sha, background="red"), f"{where}: background 'red' is not a colour like #f4f1ea"),
        (lambda: ms.set_start_camera(project, sha, position=(0, 0, 0), target=(0, 0, 0)),
         f"{where}: the camera cannot stand on the point it looks at"),
    ]
    for call, message in cases:
        with pytest.raises(ExhibitionError) as e:
            call()
        assert str(e.value).startswith(message)
        assert "\n" not in str(e.value)
    assert history.next_undo(project).label == "import model"


def test_scene_is_valid_exhibition_json(scene):
    project, sha = scene
    note = ms.add_annotation(project, sha, position=(0, 0.5, 0), normal=(0, 1, 0), title_zh="顶", title_en="Top")
    entry = model_entry(ms.load_scene(project, sha), accession="1977.12", glb="media/x-web.glb",
                        poster="media/x-poster.jpg")
    doc = exhibition_json(load_exhibition(project), [], base_url=None, halls={}, models=[entry])
    validate_exhibition_json(doc)
    assert doc["models"][0]["annotations"][0]["title"] == {"zh": "顶", "en": "Top"}
    assert doc["models"][0]["tour"] == [note.id] and doc["models"][0]["size"] == [1.0, 1.0, 0.5]
    broken = dict(entry, background="white")
    with pytest.raises(ExhibitionError):
        validate_exhibition_json(dict(doc, models=[broken]))
