"""The studio's 3D pane under a real X server (Xvfb): a note placed by a click lands
on the model's surface, the start camera is set, each an undoable step. pyvistaqt
cannot start under QT_QPA_PLATFORM=offscreen, so the pane runs in a subprocess
with its own Xvfb; the test skips where Xvfb is not installed."""

from __future__ import annotations

import tempfile
import json
import math
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from assets import history
from assets.project import Project

pytestmark = pytest.mark.gui
HERE = Path(__file__).resolve().parent
REPO = HERE.parents[2]
# Screenshots for people to look at: $YUNZHAN_SCREENSHOTS, else a folder in the temporary directory.
SCREENS = Path(os.environ.get("YUNZHAN_SCREENSHOTS") or Path(tempfile.gettempdir()) / "yunzhan-screens")


@pytest.fixture
def xvfb():
    exe = shutil.which("Xvfb")
    if exe is None:
        pytest.skip("Xvfb is not installed (Debian: apt-get install xvfb); pyvistaqt needs an X display")
    read, write = os.pipe()
    server = subprocess.Popen([exe, "-displayfd", str(write), "-screen", "0", "1280x1024x24", "-nolisten", "tcp"],
                              pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write)
    with os.fdopen(read) as f:
        display = f.readline().strip()
    yield f":{display}"
    server.terminate()
    server.wait(timeout=10)


def test_a_click_pins_a_note_on_the_surface(xvfb, realdata, tmp_path):
    from assets.models.store import import_model

    path = tmp_path / "p.yunzhan"
    with Project.create(path) as p:
        import_model(p, realdata / "models" / "webgltf_barrel.glb")
    shot = tmp_path / "pane.png"
    env = dict(os.environ, DISPLAY=xvfb, QT_QPA_PLATFORM="xcb", PYTHONPATH=str(REPO))
    done = subprocess.run([sys.executable, str(HERE / "model_pane_scenario.py"), str(path), str(shot)],
                          capture_output=True, text=True, timeout=240, env=env)
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    # The barrel is a 3 m tall, 1.27 m radius cask: the click at the middle of the view
    # hits its side (distance from the axis about the radius), facing outwards.
    x, y, z = result["position"]
    assert 0.9 < math.hypot(x, z) < 1.3 and -1.5 < y < 1.5
    nx, _, nz = result["normal"]
    assert (x * nx + z * nz) > 0
    assert result["missed"] and result["listed"] == ["1. 中心"] and result["status"] == "Start camera set."
    assert result["tabs"] == ["Collection", "Halls", "Tours", "Live", "3D", "Virtual hall", "Publish"]
    with Project.open(path) as p:
        labels = [s.label for s in history.steps(p, "undo")[:2]]
        assert labels == ["set start camera", "add annotation"]
        history.undo(p)
        history.undo(p)
        assert p.db.execute("SELECT count(*) FROM annotations").fetchone()[0] == 0
    picture = Image.open(shot).convert("RGB")
    assert len(picture.getcolors(1 << 24)) > 1000  # the textured barrel, not a blank pane
    SCREENS.mkdir(parents=True, exist_ok=True)
    shutil.copy(shot, SCREENS / "model.png")
