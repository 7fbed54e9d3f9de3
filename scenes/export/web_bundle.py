"""The built front end (``scenes/web/dist``, made by ``make web``) that every
package carries in ``assets/``."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

from assets.errors import ToolMissing

REQUIRED = ("lang.js", "site.js", "site.css", "viewer.js", "viewer.css")


def web_dist() -> Path:
    """The folder of the built front end.

    :raises ToolMissing: it was not built (``make web`` runs npm and esbuild).
    """
    dist = Path(str(resources.files("scenes").joinpath("web", "dist")))
    missing = [name for name in REQUIRED if not (dist / name).is_file()]
    if missing:
        raise ToolMissing(f"{dist}: the exhibition viewer is not built ({', '.join(missing)} missing)",
                          hint="run 'make web' (npm ci and npm run build in scenes/web)")
    return dist


def web_files() -> dict[str, Path]:
    """Every file of the built front end, by name (``build.json`` excluded)."""
    dist = web_dist()
    listed = json.loads((dist / "build.json").read_text(encoding="utf-8"))["files"] \
        if (dist / "build.json").is_file() else {p.name: None for p in dist.iterdir() if p.is_file()}
    return {name: dist / name for name in sorted(listed) if name != "build.json" and (dist / name).is_file()}
