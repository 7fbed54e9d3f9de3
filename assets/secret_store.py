"""Where secrets live outside the project: the system keyring, else a private file.

Stream keys (:mod:`streaming.keys`) and storage logins (:mod:`scenes.publish.credentials`)
are never written into a project file. They go to the operating system's keyring
(Windows Credential Manager, macOS Keychain, Secret Service) when one really works,
otherwise to a JSON file only the user can read (created 0600, replaced atomically).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Callable


def usable_keyring():
    """The system keyring backend when one really works here, else None."""
    import keyring
    from keyring.backends import chainer, fail

    backend = keyring.get_keyring()
    usable = not isinstance(backend, fail.Keyring) and not (
        isinstance(backend, chainer.ChainerBackend) and not backend.backends)
    return backend if usable else None


def read_private_json(path: Path, refuse: Callable[[OSError | ValueError], Exception]) -> dict:
    """The JSON object in ``path`` ({} when the file does not exist); ``refuse(error)``
    builds the one-line error raised for a file that cannot be read or is not JSON."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as e:
        raise refuse(e) from None


def write_private_json(path: Path, data: dict) -> None:
    """Write ``data`` to ``path``, readable by the user alone from its first byte, and
    replace the old file only once the new one is whole on disk."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(data, f, indent=1)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o600)  # an existing temporary file keeps its mode through O_CREAT
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
