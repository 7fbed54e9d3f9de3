"""The studio's per-user settings: preferences and recent projects, kept in QSettings.

``$YUNZHAN_SETTINGS`` names an INI file to use instead of the platform's own
store (tests and portable installs); ``$YUNZHAN_DATA_DIR`` the folder where the
studio writes its own files (the demo project).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths

MAX_RECENT = 10
EXPORT_PROFILES = ("full", "mobile", "kiosk")


class Settings:
    """Typed access to the studio's QSettings."""

    def __init__(self) -> None:
        path = os.environ.get("YUNZHAN_SETTINGS")
        self.store = (QSettings(path, QSettings.Format.IniFormat) if path
                      else QSettings("Yunzhan", "Yunzhan Studio"))

    def _get(self, key: str, default: str = "") -> str:
        value = self.store.value(key, default)
        return value if isinstance(value, str) else default

    def _set(self, key: str, value: str) -> None:
        self.store.setValue(key, value)
        self.store.sync()

    # -- preferences ------------------------------------------------------------------
    def language(self) -> str | None:
        """``zh``, ``en``, or None to follow the system."""
        return self._get("language") or None

    def set_language(self, language: str | None) -> None:
        self._set("language", language or "")

    def ffmpeg_path(self) -> str:
        """The ffmpeg program chosen by the user ('' to search PATH and the bundled one)."""
        return self._get("ffmpeg")

    def set_ffmpeg_path(self, path: str) -> None:
        self._set("ffmpeg", path.strip())

    def export_profile(self) -> str:
        profile = self._get("export_profile", "full")
        return profile if profile in EXPORT_PROFILES else "full"

    def set_export_profile(self, profile: str) -> None:
        if profile not in EXPORT_PROFILES:
            raise ValueError(f"unknown export profile {profile!r}")
        self._set("export_profile", profile)

    # -- recent projects -------------------------------------------------------------
    def recent_projects(self) -> list[Path]:
        """Recently opened projects, newest first (files since moved away are kept, shown as missing)."""
        try:
            paths = json.loads(self._get("recent", "[]"))
        except json.JSONDecodeError:
            return []
        return [Path(p) for p in paths if isinstance(p, str)]

    def add_recent(self, path: str | os.PathLike) -> None:
        path = Path(path).resolve()
        recent = [p for p in self.recent_projects() if p != path]
        self._set("recent", json.dumps([str(p) for p in [path, *recent][:MAX_RECENT]], ensure_ascii=False))

    def forget_recent(self, path: str | os.PathLike) -> None:
        path = Path(path).resolve()
        self._set("recent", json.dumps([str(p) for p in self.recent_projects() if p != path], ensure_ascii=False))


def data_dir() -> Path:
    """The folder for the studio's own files (``$YUNZHAN_DATA_DIR`` or the user's app data)."""
    env = os.environ.get("YUNZHAN_DATA_DIR")
    if env:
        return Path(env)
    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation) or
                Path.home() / ".local" / "share" / "yunzhan")
