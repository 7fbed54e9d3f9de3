"""Where tests save the phone-size screenshots for the lead's notes (a temporary
folder where /work/notes does not exist, as in CI)."""

from __future__ import annotations

import tempfile
from pathlib import Path

NOTES = Path("/work/notes/screens")


def screen_path(name: str) -> str:
    folder = NOTES if NOTES.parent.is_dir() else Path(tempfile.gettempdir())
    folder.mkdir(parents=True, exist_ok=True)
    return str(folder / name)
