"""Stream keys: kept in the operating system's keyring, never in the project.

Where no usable keyring runs (a headless Linux box without a Secret Service), keys go
to a JSON file readable only by the user (mode 0600) outside the project, under
``$XDG_CONFIG_HOME/yunzhan/stream-keys.json``; ``YUNZHAN_KEYS_FILE`` names another
file (and forces file storage, which the tests use). Keys are filed under a random
id stored in the project (not secret) plus the destination name, so two projects
never share a key by accident. Keys are shown only masked (:func:`mask`).
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path

from assets.project import Project
from assets.secret_store import read_private_json, usable_keyring, write_private_json
from streaming.errors import LiveError

SERVICE = "yunzhan-stream-keys"
_UID_SETTING = "live.keys_id"


def mask(key: str | None) -> str:
    """``'••••••1234'``: enough to recognise a key, not enough to use it."""
    if not key:
        return "(none)"
    if len(key) < 10:
        return "•" * 6
    return "•" * 6 + key[-4:]


def keys_file() -> Path:
    override = os.environ.get("YUNZHAN_KEYS_FILE")
    if override:
        return Path(override)
    base = os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config"
    return Path(base) / "yunzhan" / "stream-keys.json"


class KeyStore:
    """The stream keys of one project, by destination name."""

    def __init__(self, project: Project):
        self.project = project
        self._backend = None

    @property
    def where(self) -> str:
        """Where keys are kept, for the user: the keyring's name or the file's path."""
        backend = self._keyring()
        return f"keyring ({type(backend).__name__})" if backend else str(keys_file())

    def set(self, destination: str, key: str) -> None:
        key = key.strip()
        if not key:
            raise LiveError(f"destination '{destination}': the stream key is empty")
        if any(c.isspace() for c in key):
            raise LiveError(f"destination '{destination}': a stream key cannot contain spaces or line breaks")
        backend = self._keyring()
        if backend:
            backend.set_password(SERVICE, self._account(destination), key)
        else:
            data = self._read_file()
            data.setdefault(self._project_id(), {})[destination] = key
            self._write_file(data)

    def get(self, destination: str) -> str | None:
        backend = self._keyring()
        if backend:
            return backend.get_password(SERVICE, self._account(destination))
        return self._read_file().get(self._project_id(), {}).get(destination)

    def delete(self, destination: str) -> None:
        backend = self._keyring()
        if backend:
            try:
                backend.delete_password(SERVICE, self._account(destination))
            except Exception:  # keyring raises PasswordDeleteError when absent
                pass
            return
        data = self._read_file()
        if data.get(self._project_id(), {}).pop(destination, None) is not None:
            self._write_file(data)

    # -- internals -----------------------------------------------------------------
    def _project_id(self) -> str:
        uid = self.project.get_setting(_UID_SETTING)
        if uid is None:
            uid = str(uuid.uuid4())
            self.project.set_setting(_UID_SETTING, uid)
        return uid

    def _account(self, destination: str) -> str:
        return f"{self._project_id()}/{destination}"

    def _keyring(self):
        """The OS keyring when one really works here, else ``None`` (use the file)."""
        if os.environ.get("YUNZHAN_KEYS_FILE"):
            return None
        if self._backend is None:
            self._backend = usable_keyring() or False
        return self._backend or None

    def _read_file(self) -> dict:
        path = keys_file()
        return read_private_json(path, lambda e: LiveError(
            f"{path}: cannot read the stream key file ({getattr(e, 'strerror', None) or 'not JSON'})",
            hint="delete it and set the keys again"))

    def _write_file(self, data: dict) -> None:
        write_private_json(keys_file(), data)
