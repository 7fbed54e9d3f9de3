"""The exhibition file: export, import, round trip, and bad files refused whole."""

from __future__ import annotations

import dataclasses
import wave

import pytest

from assets.media_store import MediaStore
from assets.project import Project
from scenes import model
from scenes.errors import ExhibitionError
from scenes.exhibition_file import export_exhibition_file, import_exhibition_file

from .conftest import add_object, make_panorama, snapshot


def _wav(path):
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(8000)
        w.writeframes(bytes(1600))
    return path


def _build(project, panos, tmp_path):
    """An exhibition using every feature of the file."""
    add_object(project, "1977.12", title_zh="铜鼎", title_en="Bronze ding")
    model.set_exhibition(project, title_zh="青铜时代", title_en="The Bronze Age", intro_zh="三千年的青铜。",
                         intro_en='Three thousand years; "quoted" <b>text</b>.')
    shas = [model.store_panorama(project, p) for p in panos]
    model.add_hall(project, slug="lobby", title_zh="大厅", title_en="Lobby", panorama_sha=shas[0],
                   description_zh="入口", view=model.View(15, -5, 80), north_offset=120)
    model.add_hall(project, slug="east", title_zh="东厅", panorama_sha=shas[1], horizon_pitch=1.5, horizon_roll=-2)
    model.add_hall(project, slug="west", title_zh="西厅", title_en="West", panorama_sha=shas[2])
    model.add_hotspot(project, "lobby", yaw=30, pitch=-5, to="east", arrive_yaw=170, label_zh="去东厅")
    model.add_hotspot(project, "lobby", yaw=-30, pitch=-5, to="west", label_en="West hall")
    model.add_hotspot(project, "east", yaw=90, pitch=2, object="1977.12")
    model.add_hotspot(project, "east", yaw=-150, pitch=0, to="lobby", arrive_pitch=-10)
    model.add_hotspot(project, "west", yaw=0, pitch=60, note_zh="穹顶为原物\n1931 年", note_en="Original dome")
    plan = MediaStore(project).add_file(make_panorama(tmp_path / "plan.jpg", 200), kind="image", mime="image/jpeg")
    MediaStore(project).set_alt(plan, zh="平面图", en="Floor plan")
    model.set_floor_plan(project, plan)
    model.pin_hall(project, "lobby", x=0.5, y=0.9)
    model.pin_hall(project, "west", x=0.1, y=0.2)
    narration = MediaStore(project).add_file(_wav(tmp_path / "east.wav"), kind="audio", mime="audio/x-wav")
    model.add_tour(project, slug="main", title_zh="主线", default=True, stops=[
        "lobby", model.TourStop("east", narration),
        model.TourStop("west", view=model.View(40, -5, 70), object_accession="1977.12")])
    model.add_tour(project, slug="short", stops=["west"])


def _comparable(ex: model.Exhibition):
    """The exhibition without database ids (which differ between projects)."""
    halls = tuple(dataclasses.replace(h, id=0, hotspots=tuple(dataclasses.replace(s, id=0, object_id=None)
                                                              for s in h.hotspots)) for h in ex.halls)
    tours = tuple(dataclasses.replace(t, id=0) for t in ex.tours)
    return dataclasses.replace(ex, halls=halls, tours=tours, object_ids=())


def _fresh(tmp_path, name):
    p = Project.create(tmp_path / name)
    add_object(p, "1977.12", title_zh="铜鼎")
    return p


def test_toml_round_trip_with_real_panoramas(project, realdata, tmp_path):
    panos = sorted((realdata / "panoramas").glob("*.jpg"))
    _build(project, panos, tmp_path)
    out = tmp_path / "repo" / "exhibition.toml"
    out.parent.mkdir()
    export_exhibition_file(project, out)
    text = out.read_text(encoding="utf-8")
    assert 'panorama = "panoramas/lobby.jpg"' in text and 'to = "east"' in text and 'object = "1977.12"' in text
    assert ('stops = [\n    "lobby",\n    { hall = "east", narration = "narration/main-2.wav" },\n'
            '    { hall = "west", yaw = 40.0, pitch = -5.0, fov = 70.0, object = "1977.12" },\n]') in text
    assert (out.parent / "panoramas" / "lobby.jpg").read_bytes() == panos[0].read_bytes()
    assert sorted(p.name for p in out.parent.iterdir()) == ["exhibition.toml", "floor-plan.jpg", "narration",
                                                             "panoramas"]
    with _fresh(tmp_path, "copy.yunzhan") as copy:
        imported = import_exhibition_file(copy, out)
        assert _comparable(imported) == _comparable(model.load_exhibition(project))
        assert MediaStore(copy).info(imported.floor_plan.media_sha).alt_en == "Floor plan"
        # exporting the copy gives the very same file: it is stable under version control
        again = tmp_path / "again" / "exhibition.toml"
        again.parent.mkdir()
        export_exhibition_file(copy, again)
        assert again.read_text(encoding="utf-8") == text


def test_yaml_round_trip_and_reimport_replaces(project, pano_files, tmp_path):
    _build(project, pano_files, tmp_path)
    out = tmp_path / "exhibition.yaml"
    export_exhibition_file(project, out)
    assert "title_zh: 青铜时代" in out.read_text(encoding="utf-8")
    with _fresh(tmp_path, "copy.yunzhan") as copy:
        model.add_hall(copy, slug="old", title_zh="旧", panorama_sha=model.store_panorama(copy, pano_files[0]))
        import_exhibition_file(copy, out)
        first = model.load_exhibition(copy)
        assert [h.slug for h in first.halls] == ["lobby", "east", "west"]
        import_exhibition_file(copy, out)  # importing again replaces, never duplicates
        assert _comparable(model.load_exhibition(copy)) == _comparable(first) == _comparable(
            model.load_exhibition(project))


def _write(tmp_path, text, name="exhibition.toml"):
    path = tmp_path / "src" / name
    path.parent.mkdir(exist_ok=True)
    (path.parent / "panoramas").mkdir(exist_ok=True)
    make_panorama(path.parent / "panoramas" / "a.jpg", 10)
    make_panorama(path.parent / "panoramas" / "b.jpg", 90)
    path.write_text(text, encoding="utf-8")
    return path


GOOD = '''format = "yunzhan-exhibition"
version = 1
[exhibition]
title_zh = "展"
[[halls]]
slug = "a"
title_zh = "甲"
panorama = "panoramas/a.jpg"
hotspots = [{ yaw = 10, pitch = 0, to = "b" }]
[[halls]]
slug = "b"
title_zh = "乙"
panorama = "panoramas/b.jpg"
'''


B_PANORAMA = 'panorama = "panoramas/b.jpg"\n'


@pytest.mark.parametrize("change, problem", [
    (("panoramas/b.jpg", "panoramas/missing.jpg"),
     "halls[1].panorama: file panoramas/missing.jpg not found (looked in {dir})"),
    (('to = "b"', 'to = "west"'), "halls[0].hotspots[0].to: no hall 'west' in this file"),
    (('title_zh = "甲"', 'titel_zh = "甲"'), "halls[0].titel_zh: unknown key"),
    (('slug = "b"', 'slug = "B b"'), "halls[1].slug: 'B b' is not a valid slug (1-64 of a-z, 0-9 and '-', "
                                     "not starting with '-')"),
    (('slug = "b"', 'slug = "a"'), "halls[1].slug: hall 'a' appears twice"),
    (("pitch = 0", "pitch = 95"), "halls[0].hotspots[0]: hotspot in hall 'a': pitch 95 is out of range (-90 to 90)"),
    (("pitch = 0", 'pitch = "level"'), "halls[0].hotspots[0].pitch: must be a number, not 'level'"),
    (('to = "b"', 'object = "NO.1"'), "halls[0].hotspots[0].object: no catalog object 'NO.1' in test.yunzhan"),
    (('to = "b"', "object = 1977.12"), "halls[0].hotspots[0].object: must be text, not 1977.12 (put it in quotes)"),
    (("version = 1", "version = 2"), "version: version 2 is not supported (this Yunzhan reads 1)"),
    (('[exhibition]\ntitle_zh = "展"', '[exhibition]\ndefault_tour = "main"'),
     "exhibition.default_tour: no tour 'main' in this file"),
    ((B_PANORAMA, B_PANORAMA + '[[tours]]\nslug = "t"\nstops = [{ hall = "a", yaw = 10 }]'),
     "tours[0].stops[0].pitch: is missing (a stop's view needs yaw and pitch; yaw is given)"),
    ((B_PANORAMA, B_PANORAMA + '[[tours]]\nslug = "t"\nstops = [{ hall = "a", fov = 60 }]'),
     "tours[0].stops[0].yaw: is missing (a stop's view needs yaw and pitch; fov is given)"),
    ((B_PANORAMA, B_PANORAMA + '[[tours]]\nslug = "t"\nstops = [{ hall = "a", object = "NO.1" }]'),
     "tours[0].stops[0].object: no catalog object 'NO.1' in test.yunzhan"),
    ((B_PANORAMA, B_PANORAMA + '[[tours]]\nslug = "t"\nstops = [{ hall = "a", yaw = 0, pitch = 91 }]'),
     "tours[0]: tour 't' stop 1: pitch 91 is out of range (-90 to 90)"),
    (('title_zh = "乙"', 'title_zh = "乙'),
     "not valid TOML: Illegal character '\\n' (at line 12, column 14)"),
])
def test_bad_files_are_refused_and_the_project_is_unchanged(halls, tmp_path, change, problem):
    path = _write(tmp_path, GOOD.replace(*change))
    before = snapshot(halls)
    with pytest.raises(ExhibitionError) as e:
        import_exhibition_file(halls, path)
    assert e.value.message == f"{path}: " + problem.format(dir=path.parent)
    assert snapshot(halls) == before


def test_the_good_file_imports(halls, tmp_path):
    ex = import_exhibition_file(halls, _write(tmp_path, GOOD))
    assert [(h.slug, h.title_zh) for h in ex.halls] == [("a", "甲"), ("b", "乙")]
    assert ex.hall("a").hotspots[0].target_hall == "b" and ex.title_zh == "展"


def test_a_file_with_no_halls_is_refused(halls, tmp_path):
    path = _write(tmp_path, 'format = "yunzhan-exhibition"\nversion = 1\n[exhibition]\ntitle_zh = "空"\n')
    before = snapshot(halls)
    with pytest.raises(ExhibitionError) as e:
        import_exhibition_file(halls, path)
    assert e.value.message == (f"{path}: halls: the file has no halls (an exhibition needs at least one "
                               "[[halls]] table)")
    assert snapshot(halls) == before


def test_a_damaged_panorama_found_mid_import_rolls_everything_back(halls, tmp_path, pano_files):
    model.add_hotspot(halls, "lobby", yaw=0, pitch=0, to="east")
    path = _write(tmp_path, GOOD)
    damaged = path.parent / "panoramas" / "b.jpg"
    data = pano_files[2].read_bytes()
    damaged.write_bytes(data[: len(data) // 2])
    before = snapshot(halls)
    with pytest.raises(ExhibitionError) as e:
        import_exhibition_file(halls, path)
    assert e.value.message.startswith(f"{path}: halls[1].panorama: {damaged}: damaged")
    assert snapshot(halls) == before


def test_yaml_syntax_errors_name_the_line(halls, tmp_path):
    path = _write(tmp_path, "format: yunzhan-exhibition\nversion: 1\nhalls:\n  - slug: a\n   title_zh: [\n",
                  name="exhibition.yaml")
    with pytest.raises(ExhibitionError) as e:
        import_exhibition_file(halls, path)
    assert e.value.message.startswith(f"{path}: not valid YAML: line 5, column ")


def test_export_refuses_an_empty_exhibition_and_unknown_file_types(project, halls, tmp_path):
    with pytest.raises(ExhibitionError) as e:
        export_exhibition_file(halls, tmp_path / "exhibition.json")
    assert e.value.user_text() == f"{tmp_path / 'exhibition.json'}: unknown exhibition file type '.json' " \
                                  "(use a .toml, .yaml or .yml file)"
    for slug in ("lobby", "east"):
        model.remove_hall(halls, slug)
    with pytest.raises(ExhibitionError) as e:
        export_exhibition_file(halls, tmp_path / "exhibition.toml")
    assert e.value.message == f"{halls.path}: the exhibition has no halls; nothing to export"
    assert not (tmp_path / "exhibition.toml").exists()


def test_exporting_again_leaves_unchanged_media_alone(halls, tmp_path):
    out = tmp_path / "e.toml"
    export_exhibition_file(halls, out)
    pano = tmp_path / "panoramas" / "lobby.jpg"
    stamp = pano.stat().st_mtime_ns
    export_exhibition_file(halls, out)
    assert pano.stat().st_mtime_ns == stamp
    assert not list(tmp_path.glob("**/*.part"))


def test_export_into_an_unwritable_place(halls, tmp_path):
    (tmp_path / "panoramas").write_text("a file where the folder should be")
    with pytest.raises(ExhibitionError) as e:
        export_exhibition_file(halls, tmp_path / "e.toml")
    assert e.value.message.startswith(f"{tmp_path / 'panoramas' / 'lobby.jpg'}: cannot write (")
    assert not (tmp_path / "e.toml").exists()
