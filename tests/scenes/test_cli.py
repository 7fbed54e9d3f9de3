"""The hall, hotspot, exhibition and tour commands, as a user types them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from assets.project import Project
from scenes import model
from studio.cli import main

from .conftest import add_object, snapshot

REPO = Path(__file__).resolve().parents[2]


def run(capsys, *args) -> tuple[int, str, str]:
    try:
        main([str(a) for a in args])
    except SystemExit as e:
        code = e.code
    else:  # pragma: no cover - main always exits
        code = None
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def museum(tmp_path, capsys) -> Path:
    path = tmp_path / "museum.yunzhan"
    assert run(capsys, "new", path)[0] == 0
    return path


def test_authoring_halls_from_the_command_line(museum, pano_files, capsys):
    assert run(capsys, "hall", "add", museum, "lobby", "--image", pano_files[0], "--title", "大厅",
               "--title-en", "Lobby") == (0, "added hall lobby (大厅 / Lobby), panorama "
                                          f"{_sha(museum, 'lobby')[:12]}…\n", "")
    assert run(capsys, "hall", "add", museum, "east", "--image", pano_files[1], "--title", "东厅",
               "--yaw", "-90", "--pitch", "-5")[0] == 0
    assert run(capsys, "hotspot", "add", museum, "lobby", "--yaw", "30", "--pitch", "-5", "--to", "east",
               "--arrive-yaw", "180", "--label", "去东厅") == (
        0, "added hotspot 1 in hall lobby: → hall east (arrive yaw -180) [去东厅]\n", "")
    assert run(capsys, "hotspot", "add", museum, "east", "--yaw", "10", "--pitch", "20", "--note", "穹顶",
               "--note-en", "The dome") == (0, "added hotspot 2 in hall east: note: 穹顶\n", "")
    assert run(capsys, "hall", "list", museum) == (0, (
        "lobby\t大厅 / Lobby\t1 hotspot\tview yaw 0, pitch 0, fov 90\n"
        "east\t东厅\t1 hotspot\tview yaw -90, pitch -5, fov 90\n"), "")
    assert run(capsys, "hotspot", "list", museum) == (0, (
        "lobby\t1\tyaw 30, pitch -5\t→ hall east (arrive yaw -180) [去东厅]\n"
        "east\t2\tyaw 10, pitch 20\tnote: 穹顶\n"), "")
    assert run(capsys, "hall", "view", museum, "east", "--yaw", "45", "--pitch", "0", "--fov", "70") == (
        0, "hall east: initial view yaw 45, pitch 0, fov 70\n", "")
    assert run(capsys, "exhibition", "set", museum, "--title", "青铜", "--intro-en", "Bronzes.") == (
        0, "exhibition: 青铜, 2 halls\n", "")
    assert run(capsys, "tour", "add", museum, "main", "lobby", "east", "--default") == (
        0, "added tour main: lobby → east (default)\n", "")
    assert run(capsys, "check", museum)[1].endswith(f"{museum}: 0 errors, 0 warnings\n")

    before = _snapshot(museum)
    code, out, err = run(capsys, "hall", "remove", museum, "east")
    assert (code, out, err) == (1, "", f"yunzhan: {museum}: hall 'east' cannot be removed: 1 hotspot links to it "
                                       "(in 'lobby') (remove those hotspots first, or use --force to remove them "
                                       "with the hall)\n")
    assert _snapshot(museum) == before
    assert run(capsys, "hall", "remove", museum, "east", "--force") == (
        0, "removed hall east (and 1 hotspot in it, 1 hotspot linking to it, 1 tour stop)\n", "")
    assert run(capsys, "hotspot", "list", museum) == (0, "no hotspots\n", "")


def _sha(museum, slug):
    with Project.open(museum) as p:
        return model.get_hall(p, slug).panorama_sha


def _snapshot(museum):
    with Project.open(museum) as p:
        return snapshot(p)


def test_bad_input_gives_one_line_and_changes_nothing(museum, pano_files, tmp_path, capsys):
    run(capsys, "hall", "add", museum, "lobby", "--image", pano_files[0], "--title", "大厅")
    before = _snapshot(museum)
    missing = tmp_path / "nope.jpg"
    assert run(capsys, "hall", "add", museum, "east", "--image", missing, "--title", "东厅") == (
        1, "", f"yunzhan: {missing}: no such file\n")
    assert run(capsys, "hall", "add", museum, "lobby", "--image", pano_files[1], "--title", "又") == (
        1, "", f"yunzhan: {museum}: hall 'lobby' already exists (choose another slug)\n")
    assert run(capsys, "hotspot", "add", museum, "lobby", "--yaw", "30", "--pitch", "-5", "--to", "east") == (
        1, "", f"yunzhan: {museum}: no target hall 'east' (see 'yunzhan hall list')\n")
    assert run(capsys, "hotspot", "add", museum, "lobby", "--yaw", "30", "--pitch", "-5") == (
        1, "", f"yunzhan: {museum}: hotspot in hall 'lobby': give exactly one of a hall to open, an object "
               "or a note text\n")
    assert run(capsys, "hotspot", "add", museum, "lobby", "--yaw", "30", "--pitch", "-95", "--note", "x") == (
        1, "", f"yunzhan: {museum}: hotspot in hall 'lobby': pitch -95 is out of range (-90 to 90)\n")
    assert run(capsys, "hotspot", "remove", museum, "7") == (
        1, "", f"yunzhan: {museum}: no hotspot 7 (see 'yunzhan hotspot list')\n")
    code, out, err = run(capsys, "hotspot", "add", museum, "lobby", "--yaw", "west", "--pitch", "0")
    assert code == 2 and "'west' is not a valid float" in err
    assert _snapshot(museum) == before


def test_editing_halls_hotspots_and_the_floor_plan(museum, pano_files, capsys):
    run(capsys, "hall", "add", museum, "lobby", "--image", pano_files[0], "--title", "大厅")
    run(capsys, "hall", "add", museum, "east", "--image", pano_files[1], "--title", "东厅")
    run(capsys, "hotspot", "add", museum, "lobby", "--yaw", "30", "--pitch", "-5", "--to", "east")
    assert run(capsys, "hall", "set", museum, "east", "--slug", "east-wing", "--title-en", "East wing",
               "--north", "-90", "--horizon-roll", "1.5") == (
        0, "hall east-wing: 东厅 / East wing, north -90, horizon pitch 0, roll 1.5\n", "")
    assert run(capsys, "hotspot", "set", museum, "1", "--yaw", "45", "--label-en", "East") == (
        0, "hotspot 1 in hall lobby: yaw 45, pitch -5, → hall east-wing [East]\n", "")
    assert run(capsys, "hall", "order", museum, "east-wing", "lobby") == (0, "halls: east-wing, lobby\n", "")
    code, out, err = run(capsys, "hall", "pin", museum, "lobby", "--x", "0.5", "--y", "0.5")
    assert (code, err) == (1, f"yunzhan: {museum}: floor plan pin of hall 'lobby': the exhibition has no floor "
                              "plan (set one first)\n")
    code, out, err = run(capsys, "exhibition", "floor-plan", museum, pano_files[2], "--alt", "平面图",
                         "--alt-en", "Floor plan")
    assert code == 0 and out.startswith("floor plan: pano2.jpg (")
    assert run(capsys, "hall", "pin", museum, "lobby", "--x", "0.5", "--y", "0.25") == (
        0, "hall lobby: pinned at x 0.5, y 0.25\n", "")
    code, out, err = run(capsys, "hall", "pin", museum, "lobby", "--x", "0.5")
    assert code == 2 and "give --x and --y, or --remove" in err
    assert run(capsys, "exhibition", "show", museum) == (0, (
        "title: (no title)\n"
        "halls: 2 (east-wing, lobby); starts in east-wing\n"
        "hotspots: 1; objects pinned: 0\n"
        "tours: none\n"
        "floor plan: 1 hall pinned\n"), "")
    assert run(capsys, "exhibition", "floor-plan", museum, "--remove") == (0, "floor plan removed\n", "")


def test_every_command_has_help(capsys):
    import click

    from studio.cli import _register_commands, cli

    _register_commands()
    for name in ("hall", "hotspot", "exhibition", "tour"):
        group = cli.commands[name]
        assert group.help
        for command_name, command in group.commands.items():
            assert command.help, f"yunzhan {name} {command_name} has no help"
            code, out, _ = run(capsys, name, command_name, "--help")
            assert code == 0 and out.startswith(f"Usage: yunzhan {name} {command_name} "), out
            assert isinstance(command, click.Command)


def test_check_warns_of_an_exhibition_with_no_halls(museum, capsys):
    """A catalog-only project is sound: no halls is a warning (export refuses it)."""
    code, out, err = run(capsys, "check", museum)
    assert code == 0
    assert "warning: exhibition: has no halls (add one with 'yunzhan hall add')\n" in out


def test_object_hotspots_by_accession(museum, pano_files, capsys):
    run(capsys, "hall", "add", museum, "lobby", "--image", pano_files[0], "--title", "大厅")
    with Project.open(museum) as p:
        add_object(p, "1977.12", title_zh="铜鼎")
    assert run(capsys, "hotspot", "add", museum, "lobby", "--yaw", "90", "--pitch", "0", "--object", "1977.12",
               "--label-en", "Ding") == (0, "added hotspot 1 in hall lobby: → object 1977.12 [Ding]\n", "")
    assert run(capsys, "hotspot", "remove", museum, "1") == (0, "removed hotspot 1 from hall lobby\n", "")


def test_exhibition_files_and_tour_import(museum, pano_files, tmp_path, realdata, capsys):
    run(capsys, "hall", "add", museum, "lobby", "--image", pano_files[0], "--title", "大厅")
    run(capsys, "hall", "add", museum, "east", "--image", pano_files[1], "--title", "东厅")
    run(capsys, "hotspot", "add", museum, "lobby", "--yaw", "30", "--pitch", "-5", "--to", "east")
    out_file = tmp_path / "repo" / "exhibition.toml"
    out_file.parent.mkdir()
    assert run(capsys, "exhibition", "export", museum, out_file) == (
        0, f"wrote {out_file}: 2 halls, 1 hotspot, 0 tours\n", "")
    copy = tmp_path / "copy.yunzhan"
    run(capsys, "new", copy)
    assert run(capsys, "exhibition", "import", copy, out_file) == (
        0, f"imported {out_file}: 2 halls, 1 hotspot, 0 tours\n", "")
    missing = tmp_path / "repo" / "missing.toml"
    missing.write_text(out_file.read_text().replace("panoramas/east.jpg", "panoramas/gone.jpg"))
    assert run(capsys, "exhibition", "import", copy, missing) == (
        1, "", f"yunzhan: {missing}: halls[1].panorama: file panoramas/gone.jpg not found "
               f"(looked in {missing.parent})\n")

    tour = tmp_path / "tour.json"
    tour.write_text(json.dumps({"default": {"firstScene": "a"}, "scenes": {
        "a": {"panorama": str(realdata / "panoramas" / "polyhaven_lebombo_2k.jpg"), "title": "Room",
              "hotSpots": [{"type": "scene", "sceneId": "b", "yaw": 10, "pitch": 0, "targetYaw": "same"}]},
        "b": {"panorama": str(realdata / "panoramas" / "polyhaven_kiara_interior_2k.jpg"), "title": "客厅"}}}))
    assert run(capsys, "tour", "import", copy, tour, "--replace") == (0, (
        f"imported {tour}: 2 halls (a, b), 1 hotspot\n"
        "  note: scenes.a.hotSpots[0].targetYaw: 'same' is not supported; arrives at the hall's initial view "
        "instead\n"), "")
    assert run(capsys, "hall", "list", copy)[1] == (
        "a\tRoom\t1 hotspot\tview yaw 0, pitch 0, fov 100\nb\t客厅\t0 hotspots\tview yaw 0, pitch 0, fov 100\n")


def test_the_installed_command(museum, tmp_path):
    """The console script itself: exit codes and one-line errors, no traceback."""
    exe = Path(sys.executable).with_name("yunzhan")
    if not exe.exists():
        pytest.skip(f"{exe} is not installed (pip install -e .)")
    done = subprocess.run([str(exe), "hall", "remove", str(museum), "lobby"], capture_output=True, text=True)
    assert (done.returncode, done.stdout, done.stderr) == (
        1, "", f"yunzhan: {museum}: no hall 'lobby' (see 'yunzhan hall list')\n")
    done = subprocess.run([str(exe), "hall", "list", str(museum)], capture_output=True, text=True)
    assert (done.returncode, done.stdout) == (0, "no halls (add one with 'yunzhan hall add')\n")


def test_tour_stops_from_the_command_line(museum, pano_files, capsys):
    for slug, pano in (("lobby", pano_files[0]), ("east", pano_files[1])):
        assert run(capsys, "hall", "add", museum, slug, "--image", pano, "--title", slug)[0] == 0
    with Project.open(museum) as p:
        add_object(p, "1977.12")
    assert run(capsys, "tour", "add", museum, "main", "lobby", "east", "--title", "主线", "--default")[0] == 0
    assert run(capsys, "tour", "stop", museum, "main", "2", "--view", "30", "-5", "70", "--object", "1977.12") == (
        0, "tour main stop 2. east, view yaw 30, pitch -5, fov 70, object 1977.12\n", "")
    assert run(capsys, "tour", "list", museum) == (0, (
        "main\t主线 (default)\n  1. lobby\n  2. east, view yaw 30, pitch -5, fov 70, object 1977.12\n"), "")
    assert run(capsys, "tour", "stop", museum, "main", "2", "--no-view", "--no-object") == (
        0, "tour main stop 2. east\n", "")
    with Project.open(museum) as p:
        before = snapshot(p)
    code, out, err = run(capsys, "tour", "stop", museum, "main", "3")
    assert (code, out, err) == (1, "", f"yunzhan: {museum}: tour 'main' has no stop 3 (it has 2 stops)\n")
    code, out, err = run(capsys, "tour", "stop", museum, "main", "1", "--view", "0", "95", "90")
    assert (code, err) == (1, f"yunzhan: {museum}: tour 'main' stop 1: pitch 95 is out of range (-90 to 90)\n")
    with Project.open(museum) as p:
        assert snapshot(p) == before
