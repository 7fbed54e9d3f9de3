"""``yunzhan model`` and ``yunzhan vhall``: thin commands, exact output and errors."""

from __future__ import annotations

import struct

import pytest

from assets.catalog import Catalog, CatalogObject
from assets.project import Project


@pytest.fixture
def proj(tmp_path):
    path = tmp_path / "p.yunzhan"
    with Project.create(path) as p:
        Catalog(p).add(CatalogObject(accession="V.1", title_zh="方盒", title_en="Box"))
    return path


def test_import_annotate_tour_and_show(run_cli, proj, tmp_path):
    import trimesh

    trimesh.creation.box(extents=(300, 200, 100)).export(tmp_path / "box.stl")
    done = run_cli("model", "import", proj, tmp_path / "box.stl", "--object", "V.1")
    assert done.returncode == 0, done.stderr
    assert done.stdout.endswith("stl (mm, z up), 12 → 12 triangles, 0.300 × 0.100 × 0.200 m, linked to V.1\n")
    first = run_cli("model", "annotate", proj, "V.1", "--at", "0,0.05,0", "--normal", "0,1,0", "--title-en", "Lid")
    second = run_cli("model", "annotate", proj, "V.1", "--at", "0.15,0,0", "--normal", "1,0,0", "--title-zh", "侧面")
    assert first.stdout == "annotation 1 (pin 1)\n" and second.stdout == "annotation 2 (pin 2)\n"
    assert run_cli("model", "tour", proj, "V.1", "2", "1").stdout == "tour: 2 → 1\n"
    shown = run_cli("model", "show", proj, "V.1").stdout.splitlines()
    assert shown[1] == "1. [1] Lid / Lid at 0.000,0.050,0.000" and shown[-1] == "tour: 2 → 1"
    assert run_cli("undo", proj).stdout == "undone: set annotation tour\n"
    out = tmp_path / "web.glb"
    assert run_cli("model", "web", proj, "V.1", "--out", out).returncode == 0 and out.read_bytes()[:4] == b"glTF"
    clip = tmp_path / "turn.webp"
    assert run_cli("model", "turntable", proj, "V.1", "--out", clip).returncode == 0
    assert clip.read_bytes()[8:12] == b"WEBP"


def test_errors_are_one_line(run_cli, proj, tmp_path):
    bad = tmp_path / "bad.glb"
    json_chunk = b'{"asset":{"version":"2.0"}}     '  # 32 bytes
    bad.write_bytes(struct.pack("<4sII", b"glTF", 2, 20 + len(json_chunk)) + struct.pack("<II", len(json_chunk), 7)
                    + json_chunk)
    done = run_cli("model", "import", proj, bad)
    assert done.returncode == 1
    assert done.stderr == f"yunzhan: {bad}: bad GLB chunk header (the first chunk is not JSON)\n"
    done = run_cli("model", "annotate", proj, "V.1", "--at", "0,0,0", "--normal", "0,1,0", "--title-en", "x")
    assert done.returncode == 1 and done.stderr.startswith(f"yunzhan: {proj}: catalog object 'V.1' has no 3D model")


def test_vhall_generate_list_move_glb(run_cli, tmp_path):
    from tests.scenes.vhall_sample import add_paintings

    path = tmp_path / "h.yunzhan"
    with Project.create(path) as p:
        add_paintings(p, 6)
    done = run_cli("vhall", "generate", path, "room", "--title-en", "Room", "--width", "8", "--depth", "6")
    assert done.stdout == "room: 6 pictures, 0 3D works in a 8 × 6 × 3.6 m room\n", done.stderr
    listed = run_cli("vhall", "list", path).stdout.splitlines()
    assert listed[0] == "room  Room  8 × 6 × 3.6 m  6 works" and len(listed) == 7
    assert run_cli("vhall", "move", path, "1", "--along", "0.1").returncode == 0
    out = tmp_path / "room.glb"
    done = run_cli("vhall", "glb", path, "room", "--out", out)
    assert done.returncode == 0 and done.stdout.endswith("validator: 0 errors, 0 warnings\n"), done.stderr
    small = run_cli("vhall", "generate", path, "tiny", "--width", "4", "--depth", "4", "--height", "2.6")
    assert small.returncode == 1 and "the pictures need" in small.stderr
