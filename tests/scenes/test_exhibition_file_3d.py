"""The exhibition file's 3D sections: model scenes (camera, light, background,
annotations with narration, annotation tour) and virtual halls (room and layout)
round-trip through a fresh project unchanged; the file validates against its JSON
Schema; bad files are refused in one line naming the key, the project untouched."""

from __future__ import annotations

import tempfile
import tomllib
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assets.media_store import MediaStore
from assets.models.store import get_model
from assets.project import Project
from scenes import exhibition_file_3d, model, model_scenes
from scenes import virtual_halls as vh
from scenes.errors import ExhibitionError
from scenes.exhibition_file import export_exhibition_file, import_exhibition_file
from tests.export.sample_project import tone_wav
from tests.scenes.conftest import make_panorama
from tests.scenes.vhall_sample import make_sample, opened_copy

TABLES = ("halls", "model_scenes", "annotations", "annotation_tour_steps", "virtual_halls", "virtual_hall_items")


def build(project: Project, folder: Path) -> None:
    """To the sample's catalog: a panorama hall, a model scene with two notes (one narrated) and a toured order,
    and a virtual hall arranged by hand."""
    model.add_hall(project, slug="lobby", title_zh="大厅", panorama_sha=model.store_panorama(
        project, make_panorama(folder / "lobby.jpg", 90)))
    sha = model_scenes.model_of_object(project, "M.1")
    m = get_model(project, sha)
    model_scenes.set_start_camera(project, sha, position=(0.6, 0.5, 1.4), target=m.centre, fov=35)
    model_scenes.set_look(project, sha, lighting="soft", background="#20242A")
    top = model_scenes.add_annotation(project, sha, position=(m.centre[0], m.bounds_max[1], m.centre[2]),
                                      normal=(0, 1, 0), title_zh="顶面", title_en="Top", text_zh="平整。")
    (folder / "side.wav").write_bytes(tone_wav(0.2))
    audio = MediaStore(project).add_file(folder / "side.wav", kind="audio", mime="audio/x-wav")
    side = model_scenes.add_annotation(project, sha, position=(m.bounds_max[0], m.centre[1], m.centre[2]),
                                       normal=(3, 0.2, 0.1), title_en="Side", text_en='A "quoted" side.',
                                       narration_sha=audio)
    model_scenes.set_annotation_tour(project, sha, [side.id, top.id])
    hall = vh.generate_hall(project, slug="gallery", title_zh="画廊", title_en="Gallery", width=12, depth=8,
                            wall_colour="#dde4e8", floor="stone", light="cool")
    picture = next(i for i in hall.items if i.wall == "north")
    vh.place_picture(project, picture.id, wall="west", along=1.0)
    plinth = next(i for i in hall.items if i.kind == "model")
    vh.place_model(project, plinth.id, x=plinth.x - 1.0, z=plinth.z + 0.4)


def snapshot(project: Project) -> list:
    return [(t, project.db.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall()) for t in TABLES]


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    """The built project's file, exported once: (project path, exhibition.toml)."""
    folder = tmp_path_factory.mktemp("file3d")
    path = make_sample(folder, 6, name="source.yunzhan")
    with Project.open(path) as p:
        build(p, folder)
        out = folder / "out" / "exhibition.toml"
        out.parent.mkdir()
        export_exhibition_file(p, out)
    return path, out


@pytest.fixture(scope="module")
def fresh_file(tmp_path_factory):
    """A project with the same catalog and nothing else."""
    return make_sample(tmp_path_factory.mktemp("fresh3d"), 6, name="fresh.yunzhan")


@pytest.fixture
def fresh(fresh_file, tmp_path):
    with opened_copy(fresh_file, tmp_path) as p:
        yield p


@pytest.mark.parametrize("name", ["exhibition.toml", "exhibition.yaml"])
def test_models_and_virtual_halls_round_trip_through_a_fresh_project(exported, fresh, tmp_path, name):
    source, _ = exported
    first = tmp_path / "first" / name
    first.parent.mkdir()
    with Project.open(source) as p:
        export_exhibition_file(p, first)
        hall = vh.get_hall(p, "gallery")
        scene = model_scenes.load_scene(p, model_scenes.model_of_object(p, "M.1"))
    import_exhibition_file(fresh, first)
    again = tmp_path / "again" / name
    again.parent.mkdir()
    export_exhibition_file(fresh, again)
    assert again.read_text(encoding="utf-8") == first.read_text(encoding="utf-8")
    assert sorted(p.relative_to(again.parent) for p in again.parent.rglob("*")) == \
        sorted(p.relative_to(first.parent) for p in first.parent.rglob("*"))
    # What the studio and the exporter read is what was there.
    copy = vh.get_hall(fresh, "gallery")
    assert (copy.width, copy.depth, copy.wall_colour, copy.floor, copy.light) == (12, 8, "#dde4e8", "stone", "cool")
    assert [(i.accession, i.kind, i.wall) for i in copy.items] == [(i.accession, i.kind, i.wall) for i in hall.items]
    for a, b in zip(copy.items, hall.items):
        assert (a.x, a.y, a.z, a.yaw, a.plinth) == pytest.approx((b.x, b.y, b.z, b.yaw, b.plinth), abs=1e-6)
    got = model_scenes.load_scene(fresh, model_scenes.model_of_object(fresh, "M.1"))
    assert (got.camera, got.lighting, got.background) == (scene.camera, "soft", "#20242a")
    assert [(a.position, a.normal, a.title_zh, a.title_en, a.text_zh, a.text_en, a.narration_sha)
            for a in got.annotations] == [(a.position, a.normal, a.title_zh, a.title_en, a.text_zh, a.text_en,
                                           a.narration_sha) for a in scene.annotations]
    assert [got.annotation(i).number for i in got.tour] == [2, 1]


def test_the_file_says_it_plainly_and_validates_against_its_schema(exported):
    import json

    import jsonschema

    _, out = exported
    text = out.read_text(encoding="utf-8")
    doc = tomllib.loads(text)
    schema = json.loads((Path(exhibition_file_3d.__file__).parent / "schema" / exhibition_file_3d.SCHEMA_FILE)
                        .read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(doc)
    (entry,) = doc["models"]
    assert entry["object"] == "M.1" and entry["lighting"] == "soft" and entry["tour"] == [2, 1]
    assert entry["annotations"][1]["narration"].startswith("narration/model-")
    works = doc["virtual_halls"][0]["works"]
    assert works[0] == {"object": "P.1", "wall": "west", "along": 1.0}
    assert {"x", "z"} <= set(next(w for w in works if w["object"] == "M.1"))
    assert doc["virtual_halls"][0]["room"] == {"width": 12.0, "depth": 8.0, "height": 3.6,
                                               "wall_colour": "#dde4e8", "floor": "stone", "light": "cool"}


def _edit(doc: dict, path: tuple, value=None, *, delete: bool = False) -> dict:
    doc = yaml.safe_load(yaml.safe_dump(doc))  # a deep copy
    target = doc
    for part in path[:-1]:
        target = target[part]
    if delete:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return doc


@pytest.mark.parametrize("path, value, problem", [
    (("models", 0, "camera", "fov"), 400, "models[0].camera.fov: 400 is out of range (1 to 179)"),
    (("models", 0, "annotations", 0, "normal"), [0, 1], "models[0].annotations[0].normal: must be 3 numbers"),
    (("models", 0, "lighting"), "disco", "models[0].lighting: 'disco' is not one of: studio, soft, dramatic"),
    (("models", 0, "background"), "red", "models[0].background: 'red' is not a colour like #efebe4"),
    (("models", 0, "tour"), [5], "models[0].tour[0]: there is no annotation 5 (the model has 2)"),
    (("models", 0, "tour"), [1, 1], "models[0].tour: names the same pin twice"),
    (("models", 0, "object"), "P.1", "models[0].sha256: is not a 3D model of object 'P.1'"),
    (("models", 0, "annotations", 0, "normal"), [0, 0, 0],
     "models[0].annotations[0]: model {sha}: normal has no direction (zero length)"),
    (("models", 0, "annotations", 0, "position"), [9, 9, 9], "models[0].annotations[0]: model {sha}: position "),
    (("models", 0, "annotations", 0, "colour"), "red", "models[0].annotations[0].colour: unknown key"),
    (("virtual_halls", 0, "room", "width"), 2, "virtual_halls[0].room.width: 2 is out of range (4 to 100)"),
    (("virtual_halls", 0, "room", "floor"), "lava", "virtual_halls[0].room.floor: 'lava' is not one of: "),
    (("virtual_halls", 0, "works", 0, "wall"), "up", "virtual_halls[0].works[0].wall: 'up' is not one of: "),
    (("virtual_halls", 0, "works", 0, "object"), "NO.1",
     "virtual_halls[0].works[0].object: no catalog object 'NO.1' in fresh.yunzhan"),
    (("virtual_halls", 0, "works", 0, "along"), float("nan"), "virtual_halls[0].works[0].along: nan is not a usable"),
    (("virtual_halls", 0, "works", 0, "along"), "1.0", "virtual_halls[0].works[0].along: must be a number, not '1.0'"),
    (("virtual_halls", 0, "works", 0, "along"), 0.0, "virtual_halls[0]: virtual hall 'gallery', object P.1: at 0.0 m "
                                                     "it would leave the west wall or overlap a neighbour or the door"),
    (("virtual_halls", 0, "slug"), "Big Hall", "virtual_halls[0].slug: 'Big Hall' is not a valid slug"),
])
def test_bad_3d_sections_are_refused_naming_the_key(exported, fresh, tmp_path, path, value, problem):
    _, out = exported
    doc = _edit(tomllib.loads(out.read_text(encoding="utf-8")), path, value)
    bad = out.parent / f"bad-{tmp_path.name}.yaml"
    bad.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    before = snapshot(fresh)
    with pytest.raises(ExhibitionError) as e:
        import_exhibition_file(fresh, bad)
    sha = model_scenes.model_of_object(fresh, "M.1")[:12]
    assert e.value.message.startswith(f"{bad}: " + problem.format(sha=sha))
    assert "\n" not in e.value.user_text()
    assert snapshot(fresh) == before


def test_a_missing_work_place_is_named(exported, fresh):
    _, out = exported
    doc = _edit(tomllib.loads(out.read_text(encoding="utf-8")), ("virtual_halls", 0, "works", 0, "along"),
                delete=True)
    bad = out.parent / "missing-along.yaml"
    bad.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ExhibitionError) as e:
        import_exhibition_file(fresh, bad)
    assert e.value.message == f"{bad}: virtual_halls[0].works[0].along: is missing (wall is given)"


# -- hostile files --------------------------------------------------------------------
def _paths(value, prefix=()):
    """Every key path inside the 3D sections (at least an entry's own key deep)."""
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _paths(v, prefix + (k,))
    elif isinstance(value, list):
        for n, v in enumerate(value):
            yield from _paths(v, prefix + (n,))
    if len(prefix) >= 3 and prefix[0] in ("models", "virtual_halls"):
        yield prefix


HOSTILE = st.one_of(
    st.none(), st.booleans(), st.integers(-10 ** 30, 10 ** 30), st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12), st.lists(st.floats(-3, 3), max_size=4), st.dictionaries(st.text(max_size=4), st.integers(),
                                                                                   max_size=2),
    st.sampled_from(["north", "south", "#ffffff", "M.1", "M.2", "P.1", "wood", "soft", 5e-324, 10 ** 400, "", [0, 0, 1],
                     [1, 2], 0, -1, 3]))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, 10 ** 6), st.sampled_from(["replace", "delete", "add"]), HOSTILE)
def test_any_damaged_3d_section_imports_whole_or_is_refused_in_one_line(exported_plain, which, how, value):
    fresh_file, out, doc = exported_plain
    paths = sorted(set(_paths(doc)), key=repr)
    path = paths[which % len(paths)]
    if how == "add":
        parent = path if isinstance(_get(doc, path), dict) else path[:-1]
        if not isinstance(_get(doc, parent), dict):
            parent = path[:2]
        damaged = _edit(doc, parent + ("extra_key",), value)
    else:
        damaged = _edit(doc, path, value, delete=how == "delete")
    with tempfile.TemporaryDirectory() as folder:
        bad = out.parent / "hostile.yaml"
        bad.write_text(yaml.safe_dump(damaged, allow_unicode=True), encoding="utf-8")
        with opened_copy(fresh_file, Path(folder)) as project:
            before = snapshot(project)
            try:
                import_exhibition_file(project, bad)
            except ExhibitionError as e:
                assert "\n" not in e.user_text()
                assert e.message.startswith(f"{bad}: {path[0]}[{path[1]}]"), (path, e.message)
                assert snapshot(project) == before
            else:  # a harmless change: what was imported exports again
                export_exhibition_file(project, Path(folder) / "again.toml")


def _get(doc, path):
    for part in path:
        doc = doc[part]
    return doc


@pytest.fixture(scope="module")
def exported_plain(exported, fresh_file, tmp_path_factory):
    """The exported file's 3D sections alone (no panorama halls, so each import is quick)."""
    _, out = exported
    doc = tomllib.loads(out.read_text(encoding="utf-8"))
    doc["halls"] = []
    return fresh_file, out, doc
