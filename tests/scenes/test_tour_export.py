"""Exporting the halls as a Pannellum, Photo Sphere Viewer or Marzipano tour, and
reading each back with the importer (scenes.tour_import)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from assets.panorama import panorama_facts
from assets.project import Project
from scenes import model
from scenes.errors import ExhibitionError
from scenes.tour_export import export_tour
from scenes.tour_import import import_tour
from tests.scenes.conftest import add_object, make_panorama

YUNZHAN = Path(sys.executable).with_name("yunzhan")


@pytest.fixture
def exhibit(project, pano_files, tmp_path):
    """Lobby (view, north, horizon, a description), east hall (a partial 180° panorama),
    linked both ways with an arrival view; a note and an object in the lobby."""
    wide = make_panorama(tmp_path / "wide.jpg", 90, size=(2048, 512))
    model.set_exhibition(project, title_zh="青铜时代", title_en="The Bronze Age")
    model.add_hall(project, slug="lobby", title_zh="大厅", title_en="Lobby", description_zh="入口大厅。",
                   panorama_sha=model.store_panorama(project, pano_files[0]), view=model.View(30, -5, 80),
                   north_offset=10, horizon_pitch=2, horizon_roll=-1)
    model.add_hall(project, slug="east", title_zh="东厅", title_en="East hall",
                   panorama_sha=model.store_panorama(project, wide, fov_deg=180))
    model.add_hotspot(project, "lobby", yaw=45, pitch=-3, to="east", arrive_yaw=90, arrive_pitch=4,
                      label_zh="去东厅")
    model.add_hotspot(project, "east", yaw=-60, pitch=0, to="lobby")
    model.add_hotspot(project, "lobby", yaw=-20, pitch=10, note_zh="请勿触摸", label_zh="提示")
    add_object(project, "2024.1", title_zh="青铜鼎", title_en="Bronze ding")
    model.add_hotspot(project, "lobby", yaw=100, pitch=-8, object="2024.1")
    return project


def reimported(tmp_path, path: Path, **options) -> model.Exhibition:
    with Project.create(tmp_path / "again.yunzhan") as again:
        import_tour(again, path, lang="zh", **options)
        ex = model.load_exhibition(again)
        facts = {h.slug: panorama_facts(again, h.panorama_sha) for h in ex.halls}
    return ex, facts


def spots(hall: model.Hall) -> list[tuple]:
    return sorted((round(s.yaw, 6), round(s.pitch, 6), s.kind, s.target_hall, s.arrive_yaw, s.arrive_pitch,
                   s.note_zh, s.label_zh) for s in hall.hotspots)


def test_pannellum_round_trip(exhibit, tmp_path):
    result = export_tour(exhibit, tmp_path / "tour", fmt="pannellum")
    assert result.files == ("tour.json", "panoramas/lobby.jpg", "panoramas/east.jpg")
    assert result.notes == ("scenes.lobby: 1 object hotspot exported as information hotspots with the object's "
                            "title", "scenes.lobby: Pannellum scenes have no description; left out")
    config = json.loads((tmp_path / "tour" / "tour.json").read_text("utf-8"))
    assert config["default"] == {"firstScene": "lobby", "autoLoad": True, "sceneFadeDuration": 1000,
                                 "escapeHTML": True, "title": "青铜时代"}
    assert config["scenes"]["east"]["haov"] == 180.0
    ex, facts = reimported(tmp_path, tmp_path / "tour" / "tour.json")
    lobby, east = ex.halls
    assert (lobby.slug, lobby.title_zh, lobby.view, lobby.north_offset, lobby.horizon_pitch, lobby.horizon_roll) == \
        ("lobby", "大厅", model.View(30, -5, 80), 10, 2, -1)
    assert spots(lobby) == [
        (-20.0, 10.0, model.NOTE, None, None, None, "请勿触摸", ""),
        (45.0, -3.0, model.HALL, "east", 90.0, 4.0, "", "去东厅"),
        (100.0, -8.0, model.NOTE, None, None, None, "青铜鼎", "")]
    assert spots(east) == [(-60.0, 0.0, model.HALL, "lobby", None, None, "", "大厅")]
    assert (facts["east"].source, facts["east"].hfov_deg) == ("fov", 180.0)
    original = MediaBytes(exhibit)
    assert (tmp_path / "tour" / "panoramas" / "lobby.jpg").read_bytes() == original("lobby")


def MediaBytes(project):
    from assets.media_store import MediaStore

    return lambda slug: MediaStore(project).read(model.get_hall(project, slug).panorama_sha)


def test_photo_sphere_viewer_round_trip(exhibit, tmp_path):
    export_tour(exhibit, tmp_path / "tour", fmt="psv", lang="en")
    doc = json.loads((tmp_path / "tour" / "tour.json").read_text("utf-8"))
    assert doc["startNodeId"] == "lobby"
    assert [n["id"] for n in doc["nodes"]] == ["lobby", "east"]
    assert doc["nodes"][1]["panoData"]["croppedWidth"] * 2 == doc["nodes"][1]["panoData"]["fullWidth"]
    ex, facts = reimported(tmp_path, tmp_path / "tour" / "tour.json")
    lobby, east = ex.halls
    # the partial panorama's coverage travels in the photo's GPano tags
    assert (facts["east"].source, facts["east"].hfov_deg) == ("gpano", 180.0)
    assert (lobby.title_zh, lobby.description_zh) == ("Lobby", "入口大厅。")  # --lang zh on import: as written
    assert (lobby.horizon_pitch, lobby.horizon_roll) == (pytest.approx(2), pytest.approx(-1))
    assert [(round(s.yaw, 6), round(s.pitch, 6), s.kind, s.target_hall, s.note_zh, s.label_zh)
            for s in sorted(lobby.hotspots, key=lambda s: s.yaw)] == [
        (-20.0, 10.0, model.NOTE, None, "请勿触摸", "提示"),
        (45.0, -3.0, model.HALL, "east", "", "去东厅"),
        (100.0, -8.0, model.NOTE, None, "Bronze ding", "Bronze ding")]
    assert [(s.kind, s.target_hall) for s in east.hotspots] == [(model.HALL, "lobby")]


def test_marzipano_round_trip(exhibit, tmp_path):
    result = export_tour(exhibit, tmp_path / "tour", fmt="marzipano")
    assert result.files[0] == "data.js"
    assert "scenes[1]: a partial panorama; Marzipano shows it as a full sphere" in result.notes
    text = (tmp_path / "tour" / "data.js").read_text("utf-8")
    assert text.startswith("var APP_DATA = {")
    ex, _ = reimported(tmp_path, tmp_path / "tour" / "data.js", photos=tmp_path / "tour" / "panoramas")
    lobby, east = ex.halls
    assert (lobby.slug, lobby.title_zh, east.slug) == ("0-lobby", "大厅", "1-east")
    assert (lobby.view.yaw, lobby.view.pitch, lobby.view.fov) == \
        (pytest.approx(30), pytest.approx(-5), pytest.approx(80))
    link = next(s for s in lobby.hotspots if s.kind == model.HALL)
    assert (link.target_hall, link.yaw, link.pitch) == ("1-east", pytest.approx(45), pytest.approx(-3))
    notes = sorted((s.note_zh, s.label_zh) for s in lobby.hotspots if s.kind == model.NOTE)
    assert notes == [("提示\n请勿触摸", "提示"), ("青铜鼎\n青铜鼎", "青铜鼎")]


HOSTILE = "<img src=x onerror=alert(1)> & \"引号\""


@pytest.mark.parametrize("fmt, file", [("pannellum", "tour.json"), ("psv", "tour.json"), ("marzipano", "data.js")])
def test_markup_in_texts_stays_text_through_every_format(project, pano_files, tmp_path, fmt, file):
    model.add_hall(project, slug="lobby", title_zh=HOSTILE, description_zh=HOSTILE,
                   panorama_sha=model.store_panorama(project, pano_files[0]))
    model.add_hall(project, slug="east", title_zh="东厅", panorama_sha=model.store_panorama(project, pano_files[1]))
    model.add_hotspot(project, "lobby", yaw=10, pitch=0, to="east", label_zh=HOSTILE)
    model.add_hotspot(project, "lobby", yaw=-10, pitch=0, note_zh=HOSTILE, label_zh=HOSTILE)
    export_tour(project, tmp_path / "tour", fmt=fmt)
    text = (tmp_path / "tour" / file).read_text("utf-8")
    if fmt != "pannellum":  # Pannellum escapes itself (escapeHTML); the others read HTML
        assert "<img" not in text.replace('"name": "' + HOSTILE.replace('"', '\\"'), "")
    ex, _ = reimported(tmp_path, tmp_path / "tour" / file,
                       **({"photos": tmp_path / "tour" / "panoramas"} if fmt == "marzipano" else {}))
    lobby = ex.halls[0]
    # the Marzipano tool escapes scene names itself, so they stay plain text in data.js;
    # the importer reads them as markup and drops the tag (its choice, not the export's)
    assert lobby.title_zh == (HOSTILE if fmt != "marzipano" else '& "引号"')
    note = next(s for s in lobby.hotspots if s.kind == model.NOTE)
    assert HOSTILE in note.note_zh


def test_re_export_replaces_a_previous_tour_but_never_another_folder(exhibit, tmp_path):
    export_tour(exhibit, tmp_path / "tour", fmt="pannellum")
    export_tour(exhibit, tmp_path / "tour", fmt="psv")
    assert json.loads((tmp_path / "tour" / "tour.json").read_text("utf-8"))["startNodeId"] == "lobby"
    keep = tmp_path / "keep"
    keep.mkdir()
    (keep / "thesis.docx").write_bytes(b"precious")
    with pytest.raises(ExhibitionError) as e:
        export_tour(exhibit, keep, fmt="psv")
    assert str(e.value) == f"{keep}: exists and is not an exported tour; choose a new folder"
    assert [p.name for p in keep.iterdir()] == ["thesis.docx"]


def test_refusals(project, tmp_path):
    with pytest.raises(ExhibitionError) as e:
        export_tour(project, tmp_path / "t", fmt="pannellum")
    assert str(e.value) == "the exhibition has no halls: there is no tour to export"
    with pytest.raises(ExhibitionError) as e:
        export_tour(project, tmp_path / "t", fmt="krpano")
    assert str(e.value) == "unknown tour format 'krpano' (use pannellum, psv, marzipano)"
    assert not (tmp_path / "t").exists()


def test_cli(exhibit, tmp_path):
    exhibit.close()
    done = subprocess.run([str(YUNZHAN), "exhibition", "export", str(exhibit.path), str(tmp_path / "out"),
                           "--format", "pannellum", "--lang", "en"], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0] == f"wrote a pannellum tour to {tmp_path / 'out'}: tour.json and 2 photos"
    assert json.loads((tmp_path / "out" / "tour.json").read_text("utf-8"))["scenes"]["lobby"]["title"] == "Lobby"
