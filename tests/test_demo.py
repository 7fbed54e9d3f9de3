"""`yunzhan demo` (what `make demo` runs) works with no real data and no network."""

from __future__ import annotations

import json
import os
import shutil
import subprocess


def test_demo_without_realdata_builds_project_and_package(run_cli, tmp_path):
    out = tmp_path / "demo out"
    r = run_cli("demo", "--out", out, env={**os.environ, "YUNZHAN_REALDATA": str(tmp_path / "none")})
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[0] == f"demo project: {out / 'demo.yunzhan'}"
    assert "halls: 3 (0 real panoramas, 3 generated)" in lines
    listing = subprocess.run([shutil.which("sqlite3"), str(out / "demo.yunzhan"), "-At"], capture_output=True,
                             text=True, check=True).stdout.split()
    assert sum(name.startswith("media/") for name in listing) >= 20  # photos and panoramas
    data = json.loads((out / "site" / "data" / "exhibition.json").read_text(encoding="utf-8"))
    assert [h["slug"] for h in data["halls"]] == ["lobby", "porcelain", "garden"]
    assert data["events"][0]["title_zh"] == "瓷器馆直播导览"
    assert "narration: 26 clips with captions (zh, en)" in lines  # 3 stops and 10 pinned objects
    assert (out / "site" / "guide.html").is_file()
    for name, size in (("tour-16x9.mp4", (1280, 720)), ("tour-9x16.mp4", (720, 1280))):
        assert f"tour video {name[5:-4].replace('x', ':')}: {out / name} ({size[0]}x{size[1]}," in "\n".join(lines)
    r = run_cli("check", out / "demo.yunzhan")
    assert r.returncode == 0 and r.stdout.endswith("0 errors, 0 warnings\n")
