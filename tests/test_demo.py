"""`yunzhan demo` (what `make demo` runs) works from its shipped content alone: no
../shared, no network; the shipped subset is small, credited and matches its layout."""

from __future__ import annotations

import fnmatch
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import numpy as np
from PIL import Image

from assets.project import Project
from studio import demo

JADES = [row["accession"] for row in demo.jade_rows()]


def test_demo_without_realdata_builds_the_real_content_project_and_package(run_cli, tmp_path):
    out = tmp_path / "demo out"
    r = run_cli("demo", "--out", out, timeout=900, env={**os.environ, "YUNZHAN_REALDATA": str(tmp_path / "none"),
                                           "XDG_CACHE_HOME": str(tmp_path / "cache")})
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    text = "\n".join(lines)
    assert lines[0] == f"demo project: {out / 'demo.yunzhan'}"
    assert "National Palace Museum jades: 12 records with photographs" in lines
    assert "halls: 3 (lobby photograph, plates shipped, bowls shipped)" in lines  # nothing rendered here
    assert "narration: 30 clips with captions (zh, en)" in lines  # 3 stops and the 12 jades
    assert re.search(r"^deep-zoom picture: (\d+)x\d+ px", text, re.M) and \
        int(re.search(r"^deep-zoom picture: (\d+)x", text, re.M).group(1)) > 4000
    assert re.search(r"^replay: event \d+, \d+ s, 3 chapters$", text, re.M)
    assert "web package: " in text and "published at http://127.0.0.1:8000/" in text

    site = out / "site"
    data = json.loads((site / "data" / "exhibition.json").read_text(encoding="utf-8"))
    assert [h["slug"] for h in data["halls"]] == ["lobby", "plates", "bowls"]
    published = {o["accession"] for o in data["objects"]}
    assert set(JADES) | {demo.MOSAIC_ACCESSION, demo.SCAN_ACCESSION} <= published
    assert data["events"][0]["title_zh"] == "玉器馆直播导览"
    assert data["replays"] and data["replays"][0]["title_en"] == "Tour rehearsal (replay)"
    assert (site / data["replays"][0]["video"]).is_file()

    credits = (site / "credits.html").read_text(encoding="utf-8")
    for needed in ("National Palace Museum, Taipei", "Geoffrey Marchal", "CC BY 4.0", "Poly Haven", "CC0 1.0",
                   "Taiwan Open Government Data License v1.0", *JADES):
        assert needed in credits, needed
    for page in ("index.html", "halls/plates.html"):
        assert 'credits.html"' in (site / page).read_text(encoding="utf-8")
    assert (site / "iiif" / "collection.json").is_file()
    assert list(site.rglob("*.svg")), "QR codes"
    assert (site / "guide.html").is_file()
    for name, size in (("tour-16x9.mp4", (1280, 720)), ("tour-9x16.mp4", (720, 1280))):
        assert f"tour video {name[5:-4].replace('x', ':')}: {out / name} ({size[0]}x{size[1]}," in text

    with Project.open(out / "demo.yunzhan") as project:
        from scenes import hall_panorama, model

        exhibition = model.load_exhibition(project)
        assert exhibition.floor_plan is not None and len(exhibition.floor_plan.pins) == 3
        for slug in demo.GALLERIES:
            expected = hall_panorama.item_directions(demo.gallery_layout(project, slug), demo.gallery_eye())
            spots = [s for s in exhibition.hall(slug).hotspots if s.kind == "object"]
            ids = dict(project.db.execute("SELECT id, accession FROM objects"))
            got = {ids[s.object_id]: (s.yaw, s.pitch) for s in spots}
            assert got.keys() == set(demo.GALLERIES[slug])
            for accession, (yaw, pitch) in expected.items():  # each hotspot sits on its picture
                assert abs(got[accession][0] - yaw) < 0.01 and abs(got[accession][1] - pitch) < 0.01
            doors = [s for s in exhibition.hall(slug).hotspots if s.kind == "hall"]
            assert len(doors) == 1  # the doorway back to the lobby, in the works' wall
            yaw, _pitch = hall_panorama.direction(demo.gallery_door(slug)[0], 1.2, -demo.ROOM["depth"] / 2,
                                                  demo.gallery_eye())
            assert abs(doors[0].yaw - yaw) < 0.01
            spread = [s.yaw for s in exhibition.hall(slug).hotspots]
            assert max(spread) - min(spread) < 70  # a portrait phone's first view holds them all
    listing = subprocess.run([shutil.which("sqlite3"), str(out / "demo.yunzhan"), "-At"], capture_output=True,
                             text=True, check=True).stdout.split()
    assert sum(name.startswith("media/") for name in listing) >= 15  # photos, panoramas, scan, mosaic
    r = run_cli("check", out / "demo.yunzhan")
    assert r.returncode == 0 and r.stdout.endswith("0 errors, 0 warnings\n"), r.stdout


def test_the_shipped_subset_is_small_and_every_file_is_credited():
    files = [p for p in demo.DATA.rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    total = sum(p.stat().st_size for p in files)
    assert total <= 15 * 1000 * 1000, f"studio/demo_data is {total / 1e6:.1f} MB"
    entries = json.loads((demo.DATA / "CREDITS.json").read_text(encoding="utf-8"))
    own = {"__init__.py", "prepare.py", "CREDITS.json", "CREDITS.md", "npm_jades.csv", "halls/keys.json"}
    for path in files:
        rel = path.relative_to(demo.DATA).as_posix()
        if rel in own:
            continue
        entry = next((e for e in entries if fnmatch.fnmatch(rel, e["file"])), None)
        assert entry is not None, f"{rel} has no credits entry"
        assert entry["licence"] and entry["credit"] and entry["author"]
    markdown = (demo.DATA / "CREDITS.md").read_text(encoding="utf-8")
    assert all(f"## {e['file']}" in markdown for e in entries)


def test_the_shipped_gallery_panoramas_are_renders_of_the_current_layout(tmp_path):
    """The shipped 8192-px panoramas match a small fresh render of the same layout (so
    the hotspots computed from the layout sit on the pictures in them)."""
    from scenes import hall_panorama

    project = Project.create(tmp_path / "halls.yunzhan")
    try:
        demo._add_jades(project, demo.null_progress())
        keys = json.loads((demo.DATA / "halls" / "keys.json").read_text())
        for slug in demo.GALLERIES:
            hall = demo.gallery_layout(project, slug)
            assert keys[slug] == demo._layout_key(project, hall), "run studio/demo_data/prepare.py again"
            with Image.open(demo.DATA / "halls" / f"{slug}.jpg") as shipped:
                assert shipped.size == (demo.PANORAMA_WIDTH, demo.PANORAMA_WIDTH // 2)
                small = np.asarray(shipped.convert("RGB").resize((512, 256), Image.Resampling.BOX), float)
            fresh = np.asarray(hall_panorama.render(project, hall, width=512, eye=demo.gallery_eye(),
                                                    north_door=demo.gallery_door(slug)).resize((512, 256)), float)
            assert np.abs(small - fresh).mean() < 12
            directions = hall_panorama.item_directions(hall, demo.gallery_eye())
            top = max(pitch for _yaw, pitch in directions.values())
            for yaw, pitch in directions.values():  # each hotspot's point is on a picture, not the wall
                x, y = int((yaw / 360 + 0.5) * 512), int((0.5 - pitch / 180) * 256)
                wall = small[int((0.5 - (top + 7) / 180) * 256), x]  # the bare wall above the top row
                assert np.abs(small[y, x] - wall).sum() > 30
            yaw, pitch = hall_panorama.direction(demo.gallery_door(slug)[0], 1.2, -demo.ROOM["depth"] / 2,
                                                 demo.gallery_eye())
            door = small[int((0.5 - pitch / 180) * 256), int((yaw / 360 + 0.5) * 512)]
            assert np.abs(door - hall_panorama.BACKGROUND).sum() < 40  # the door hotspot is in the doorway
    finally:
        project.close()
