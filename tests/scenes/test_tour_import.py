"""Importing a Pannellum tour configuration, on the real panoramas."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from assets.media_store import MediaStore
from assets.panorama import panorama_facts
from scenes import model
from scenes.errors import ExhibitionError
from scenes.tour_import import TourImport, import_pannellum

from .conftest import make_panorama, snapshot

REAL = {"summit.jpg": "pannellum_examplepano.jpg", "chalet.jpg": "polyhaven_kiara_interior_2k.jpg",
        "room.jpg": "polyhaven_lebombo_2k.jpg"}


def _tour(tmp_path, realdata, **changes) -> dict:
    """A tour as Pannellum users write them (after Pannellum's own tour example),
    the photos linked beside the configuration file."""
    folder = tmp_path / "tour" / "img"
    folder.mkdir(parents=True, exist_ok=True)
    for name, real in REAL.items():
        if not (folder / name).exists():
            (folder / name).symlink_to(realdata / "panoramas" / real)
    config = {
        "default": {"firstScene": "chalet", "author": "Matthew Petroff", "sceneFadeDuration": 1000,
                    "autoLoad": True, "basePath": "img/", "title": "Acadia and a chalet"},
        "scenes": {
            "summit": {"title": "Cadillac Mountain", "hfov": 110, "pitch": -3, "yaw": 117,
                       "type": "equirectangular", "panorama": "summit.jpg", "northOffset": 240,
                       "hotSpots": [
                           {"pitch": -2.1, "yaw": 132.9, "type": "scene", "text": "Back to the chalet",
                            "sceneId": "chalet", "targetYaw": -23, "targetPitch": 2},
                           {"pitch": 14.1, "yaw": 1.5, "type": "info", "text": "Acadia National Park",
                            "URL": "https://www.nps.gov/acad/"},
                           {"pitch": 0, "yaw": 40, "cssClass": "custom", "type": "custom"}]},
            "chalet": {"title": "木屋客厅", "panorama": "chalet.jpg", "yaw": 5, "horizonPitch": 1.5,
                       "hotSpots": [
                           {"pitch": -0.6, "yaw": 37.1, "type": "scene", "text": "<b>To the</b> summit",
                            "sceneId": "summit", "targetYaw": "sameAzimuth"},
                           {"pitch": 0, "yaw": 200, "type": "scene", "sceneId": "Empty Room"},
                           {"pitch": 30, "yaw": -20, "type": "info", "text": "石板桌面"}]},
            "Empty Room": {"title": "Empty room", "panorama": "room.jpg", "hfov": 90, "horizonRoll": -1},
        },
    }
    for key, value in changes.items():
        scope, _, name = key.partition("__")
        target = config["default"] if scope == "default" else config["scenes"][scope]
        if value is None:
            target.pop(name)
        else:
            target[name] = value
    return config


def _write(tmp_path, config) -> Path:
    path = tmp_path / "tour" / "tour.json"
    path.write_text(json.dumps(config, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


def test_pannellum_tour_becomes_halls_and_hotspots(project, realdata, tmp_path):
    path = _write(tmp_path, _tour(tmp_path, realdata))
    result = import_pannellum(project, path)
    assert result == TourImport(("chalet", "summit", "empty-room"), 5, (
        "scenes.chalet.hotSpots[0].targetYaw: 'sameAzimuth' is not supported; "
        "arrives at the hall's initial view instead",
        "scenes.summit.hotSpots[2]: skipped (hot spot type 'custom' is not supported)",
    ))
    ex = model.load_exhibition(project)
    assert ex.title_en == "Acadia and a chalet" and ex.start_hall.slug == "chalet"
    chalet, summit, room = ex.halls
    assert (chalet.title_zh, chalet.title_en, chalet.view, chalet.horizon_pitch) == (
        "木屋客厅", "", model.View(5.0, 0.0, 100.0), 1.5)
    assert (summit.title_en, summit.view, summit.north_offset) == (
        "Cadillac Mountain", model.View(117.0, -3.0, 110.0), -120.0)
    assert (room.title_en, room.view.fov, room.horizon_roll) == ("Empty room", 90.0, -1.0)
    assert [(s.kind, s.yaw, s.pitch, s.target_hall, s.arrive_yaw, s.arrive_pitch, s.label_en, s.note_zh,
             s.note_en) for s in chalet.hotspots + summit.hotspots] == [
        ("hall", 37.1, -0.6, "summit", None, None, "To the summit", "", ""),
        ("hall", -160.0, 0.0, "empty-room", None, None, "", "", ""),
        ("note", -20.0, 30.0, None, None, None, "", "石板桌面", ""),
        ("hall", 132.9, -2.1, "chalet", -23.0, 2.0, "Back to the chalet", "", ""),
        ("note", 1.5, 14.1, None, None, None, "", "", "Acadia National Park\nhttps://www.nps.gov/acad/"),
    ]
    assert (realdata / "panoramas" / REAL["summit.jpg"]).read_bytes() == MediaStore(project).read(summit.panorama_sha)


def test_a_single_panorama_configuration(project, realdata, tmp_path):
    _tour(tmp_path, realdata)
    path = _write(tmp_path, {"type": "equirectangular", "panorama": "img/room.jpg", "title": "Room", "pitch": 10})
    result = import_pannellum(project, path)
    assert result.halls == ("tour",)
    assert model.get_hall(project, "tour").view == model.View(0.0, 10.0, 100.0)


def test_a_partial_panorama_keeps_its_coverage(project, tmp_path):
    (tmp_path / "tour").mkdir()
    make_panorama(tmp_path / "tour" / "wide.jpg", 50, size=(2048, 512))
    path = _write(tmp_path, {"panorama": "wide.jpg", "haov": 180, "vaov": 45})
    import_pannellum(project, path)
    facts = panorama_facts(project, model.get_hall(project, "tour").panorama_sha)
    assert (facts.source, facts.hfov_deg) == ("fov", 180.0)


@pytest.mark.parametrize("changes, problem", [
    ({"summit__hotSpots": [{"yaw": 1, "pitch": 2, "type": "scene", "sceneId": "attic"}]},
     "scenes.summit.hotSpots[0].sceneId: no scene 'attic' in this file"),
    ({"summit__type": "multires"},
     "scenes.summit.type: 'multires' panoramas cannot be imported (only equirectangular photos)"),
    ({"summit__panorama": "gone.jpg"}, "scenes.summit.panorama: file img/gone.jpg not found (looked in {dir})"),
    ({"summit__panorama": "https://pannellum.org/images/alma.jpg"},
     "scenes.summit.panorama: https://pannellum.org/images/alma.jpg is a web address; "
     "download the photo and refer to the file"),
    ({"default__firstScene": "attic"}, "default.firstScene: no scene 'attic' in this file"),
    ({"summit__hfov": "wide"}, "scenes.summit.hfov: must be a number, not 'wide'"),
    ({"summit__pitch": -120}, "scenes.summit: hall 'summit': pitch -120 is out of range (-90 to 90)"),
])
def test_bad_tours_are_refused_and_the_project_is_unchanged(halls, realdata, tmp_path, changes, problem):
    path = _write(tmp_path, _tour(tmp_path, realdata, **changes))
    before = snapshot(halls)
    with pytest.raises(ExhibitionError) as e:
        import_pannellum(halls, path)
    assert e.value.message == f"{path}: " + problem.format(dir=path.parent)
    assert snapshot(halls) == before


def test_a_panorama_of_the_wrong_shape_is_refused_mid_import(halls, realdata, tmp_path):
    config = _tour(tmp_path, realdata)
    make_panorama(tmp_path / "tour" / "img" / "strip.jpg", 70, size=(3072, 1024))
    config["scenes"]["Empty Room"]["panorama"] = "strip.jpg"
    path = _write(tmp_path, config)
    before = snapshot(halls)
    with pytest.raises(ExhibitionError) as e:
        import_pannellum(halls, path)
    assert e.value.message.startswith(
        f"{path}: scenes.Empty Room.panorama: {tmp_path / 'tour' / 'img' / 'strip.jpg'}: not a 360° panorama")
    assert snapshot(halls) == before


def test_scene_ids_that_clash_with_halls(halls, realdata, tmp_path, pano_files):
    config = _tour(tmp_path, realdata)
    config["scenes"]["lobby"] = {"panorama": "room.jpg"}
    path = _write(tmp_path, config)
    with pytest.raises(ExhibitionError) as e:
        import_pannellum(halls, path)
    assert e.value.user_text() == (f"{path}: scenes.lobby: hall 'lobby' already exists in test.yunzhan "
                                   "(import with --replace, or remove that hall first)")
    result = import_pannellum(halls, path, replace=True)
    assert [h.slug for h in model.list_halls(halls)] == list(result.halls) == [
        "chalet", "summit", "empty-room", "lobby"]


def test_json_syntax_errors_name_the_line(project, tmp_path):
    path = tmp_path / "tour.json"
    path.write_text('{\n  "scenes": {\n    "a": {"panorama": "a.jpg",}\n  }\n}\n')
    with pytest.raises(ExhibitionError) as e:
        import_pannellum(project, path)
    assert e.value.message == f"{path}: not valid JSON: line 3, column 31: Expecting property name enclosed in " \
                              "double quotes"


# -- Photo Sphere Viewer virtual tours ------------------------------------------------
def _nodes(tmp_path, realdata) -> dict:
    _tour(tmp_path, realdata)  # links the photos into tour/img
    return {"startNodeId": "2", "nodes": [
        {"id": "1", "panorama": "img/summit.jpg", "name": "Summit", "caption": "Cadillac Mountain",
         "sphereCorrection": {"tilt": "2deg", "roll": -0.05},
         "links": [{"nodeId": "2", "position": {"textureX": 3072, "textureY": 1024}, "name": "Chalet"}],
         "markers": [{"id": "m1", "position": {"yaw": "45deg", "pitch": 0.5},
                      "tooltip": "Pond", "content": "<p>A <b>glacial</b> pond</p>"},
                     {"id": "m2", "position": {"yaw": 0, "pitch": 0}, "image": "pin.png"}]},
        {"id": "2", "panorama": "img/chalet.jpg", "name": "客厅", "description": "<p>木屋</p>",
         "links": [{"nodeId": "1", "position": {"yaw": -1.5708, "pitch": "-10deg"}},
                   {"nodeId": "1", "gps": [-68.2, 44.35]}]},
    ]}


def test_photo_sphere_viewer_nodes(project, realdata, tmp_path):
    from scenes.tour_import import import_tour

    path = _write(tmp_path, _nodes(tmp_path, realdata))
    result = import_tour(project, path)
    assert result == TourImport(("2", "1"), 3, (
        "nodes[1].links[1]: skipped (no position; links placed by GPS are not supported)",
        "nodes[0].markers[1]: skipped (only markers with a position and a tooltip or content are imported, "
        "as notes)",
    ))
    chalet, summit = model.load_exhibition(project).halls
    assert (chalet.title_zh, chalet.description_zh) == ("客厅", "木屋")
    assert (summit.title_en, summit.horizon_pitch, round(summit.horizon_roll, 3)) == ("Summit", 2.0, -2.865)
    (back,) = chalet.hotspots
    assert (back.target_hall, round(back.yaw, 3), back.pitch) == ("1", -90.0, -10.0)
    link, pond = summit.hotspots
    # textureX 3072 of 4096 px is 90° right of the centre; textureY 1024 of 2048 is the horizon
    assert (link.target_hall, link.yaw, link.pitch, link.label_en) == ("2", 90.0, 0.0, "Chalet")
    assert (pond.kind, pond.yaw, round(pond.pitch, 3), pond.note_en, pond.label_en) == (
        "note", 45.0, 28.648, "A glacial pond", "Pond")


@pytest.mark.parametrize("change, problem", [
    (lambda d: d["nodes"][0]["links"][0].update(nodeId="9"), "nodes[0].links[0].nodeId: no node '9' in this file"),
    (lambda d: d["nodes"][1].update(id="1"), "nodes[1].id: '1' is also the id of nodes[0]"),
    (lambda d: d.update(startNodeId="7"), "startNodeId: no node '7' in this file"),
    (lambda d: d["nodes"][0]["markers"][0]["position"].update(yaw="north"),
     "nodes[0].markers[0].position.yaw: 'north' is not an angle (a number of radians, or '30deg')"),
    (lambda d: d["nodes"][1].update(panorama="img/none.jpg"),
     "nodes[1].panorama: file img/none.jpg not found (looked in {dir})"),
])
def test_bad_photo_sphere_viewer_tours(halls, realdata, tmp_path, change, problem):
    from scenes.tour_import import import_tour

    doc = _nodes(tmp_path, realdata)
    change(doc)
    path = _write(tmp_path, doc)
    before = snapshot(halls)
    with pytest.raises(ExhibitionError) as e:
        import_tour(halls, path)
    assert e.value.message == f"{path}: " + problem.format(dir=path.parent)
    assert snapshot(halls) == before


# -- Marzipano tool exports -------------------------------------------------------------
MARZIPANO = """var APP_DATA = {
  "scenes": [
    {
      "id": "0-summit",
      "name": "Summit",
      "levels": [{"tileSize": 256, "size": 256, "fallbackOnly": true}, {"tileSize": 512, "size": 512}],
      "faceSize": 1024,
      "initialViewParameters": {"yaw": 1.5707963267948966, "pitch": 0.1, "fov": 1.5707963267948966},
      "linkHotspots": [{"yaw": -0.5, "pitch": 0.25, "rotation": 0, "target": "1-chalet"}],
      "infoHotspots": [{"yaw": 3.0, "pitch": -0.2, "title": "Pond", "text": "<div>A glacial pond</div>"}]
    },
    {
      "id": "1-chalet",
      "name": "Chalet",
      "levels": [{"tileSize": 512, "size": 512}],
      "faceSize": 512,
      "initialViewParameters": {"pitch": 0, "yaw": 0, "fov": 1.2},
      "linkHotspots": [{"yaw": 0, "pitch": 0, "rotation": 0, "target": "0-summit"}],
      "infoHotspots": []
    }
  ],
  "name": "Acadia",
  "settings": {"mouseViewMode": "drag", "autorotateEnabled": true, "fullscreenButton": false}
};
"""


def _marzipano(tmp_path, realdata, text=MARZIPANO):
    app = tmp_path / "app-files"
    photos = tmp_path / "photos"
    app.mkdir(exist_ok=True)
    photos.mkdir(exist_ok=True)
    for name, real in (("Summit.jpg", REAL["summit.jpg"]), ("Chalet.jpg", REAL["chalet.jpg"])):
        if not (photos / name).exists():
            (photos / name).symlink_to(realdata / "panoramas" / real)
    (app / "data.js").write_text(text, encoding="utf-8")
    return app / "data.js", photos


def test_marzipano_tool_export(project, realdata, tmp_path):
    from scenes.tour_import import import_tour

    data, photos = _marzipano(tmp_path, realdata)
    result = import_tour(project, data, photos=photos)
    assert result == TourImport(("0-summit", "1-chalet"), 3, ())
    ex = model.load_exhibition(project)
    assert ex.title_en == "Acadia"
    summit, chalet = ex.halls
    # radians, pitch positive downwards; a 90° vertical fov is 121.9° across a 16:9 screen (kept to 120)
    assert (summit.title_en, summit.view.yaw, round(summit.view.pitch, 3), summit.view.fov) == (
        "Summit", 90.0, -5.73, 120.0)
    assert round(chalet.view.fov, 3) == 101.146
    link, pond = summit.hotspots
    assert (link.target_hall, round(link.yaw, 3), round(link.pitch, 3)) == ("1-chalet", -28.648, -14.324)
    assert (pond.kind, pond.note_en, pond.label_en, round(pond.pitch, 3)) == ("note", "Pond\nA glacial pond", "Pond",
                                                                               11.459)


def test_marzipano_reformatted_as_plain_javascript(project, realdata, tmp_path):
    from scenes.tour_import import import_marzipano

    plain = re.sub(r'"(\w+)":', r"\1:", MARZIPANO).replace('"infoHotspots": []', "infoHotspots: [],")
    plain = plain.replace("}\n  ],", "},\n  ],")
    data, photos = _marzipano(tmp_path, realdata, plain)
    assert "scenes: [" in plain and "},\n  ]," in plain
    assert import_marzipano(project, data, photos=photos).halls == ("0-summit", "1-chalet")


def test_marzipano_without_the_original_photos(halls, realdata, tmp_path):
    from scenes.tour_import import import_tour

    data, photos = _marzipano(tmp_path, realdata)
    before = snapshot(halls)
    with pytest.raises(ExhibitionError) as e:
        import_tour(halls, data)
    assert e.value.user_text() == (
        f"{data}: scenes[0]: no photo Summit.jpg for this scene in {data.parent} or {tmp_path} (the Marzipano tool "
        "keeps only tiles: give the folder of the original photos (--photos))")
    assert snapshot(halls) == before
