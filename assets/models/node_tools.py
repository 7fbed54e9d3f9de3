"""Running the pinned Node tools for models (glTF-Transform, glTF-Validator).

They live in ``assets/models/node`` with their own package.json and lock file,
installed by ``make model-tools`` (``npm ci``). Node is found lazily, when a model
is processed, and a missing Node or a missing install is a clear
:class:`~assets.errors.ToolMissing`.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

from assets.errors import MediaError, ToolMissing

TOOLS_DIR = Path(__file__).with_name("node")
TIMEOUT_S = 900


def node_executable() -> str:
    """The ``node`` to run (``$YUNZHAN_NODE`` or the one on PATH)."""
    explicit = os.environ.get("YUNZHAN_NODE")
    if explicit:
        if not (Path(explicit).is_file() and os.access(explicit, os.X_OK)):
            raise ToolMissing(f"node: the configured program '{explicit}' does not exist or is not executable")
        return explicit
    found = shutil.which("node")
    if not found:
        raise ToolMissing("node: not found on PATH (needed to make the web version of 3D models)",
                          hint="install Node.js 18 or newer, e.g. apt-get install nodejs npm")
    return found


def tools_dir() -> Path:
    """The installed tools folder; :class:`ToolMissing` if ``npm ci`` has not run there."""
    if not (TOOLS_DIR / "node_modules" / "@gltf-transform" / "core").is_dir():
        raise ToolMissing(f"model tools: glTF-Transform is not installed in {TOOLS_DIR}",
                          hint="run 'make model-tools' (npm ci in assets/models/node)")
    return TOOLS_DIR


def run_script(script: str, args: list[str], *, subject: Path) -> dict:
    """Run ``script`` (in the tools folder) with ``args`` and return the JSON it prints.

    :param subject: the file the work is about, named in errors.
    :raises MediaError: the script reports an error (its one-line message).
    """
    argv = [node_executable(), str(tools_dir() / script), *args]
    # YUNZHAN_TIMING=1: the script's phase times go straight to our stderr (bench/models.py).
    stderr = None if os.environ.get("YUNZHAN_TIMING") else subprocess.PIPE
    try:
        done = subprocess.run(argv, stdout=subprocess.PIPE, stderr=stderr, timeout=TIMEOUT_S, cwd=TOOLS_DIR)
    except subprocess.TimeoutExpired:
        raise MediaError(f"{subject}: processing the model took longer than {TIMEOUT_S} s") from None
    try:
        result = json.loads(done.stdout.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        tail = (done.stderr or b"").decode("utf-8", "replace").strip().splitlines()[-1:] or ["no output"]
        raise MediaError(f"{subject}: the model tools failed (exit {done.returncode}: {tail[0][:200]})") from None
    if "error" in result:
        raise MediaError(f"{subject}: {result['error']}")
    return result


def validate(path: Path) -> dict:
    """The Khronos glTF-Validator's report on ``path``: ``errors``, ``warnings``,
    ``infos``, the first ``messages``, ``triangles`` and ``extensions``."""
    return run_script("validate.mjs", [str(Path(path).resolve())], subject=Path(path))
