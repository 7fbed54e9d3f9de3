"""Checks every file offered as input passes before it is opened.

Opening a named pipe blocks until something writes into it, and a device such as
``/dev/zero`` never ends: a path given as an image, a table or a panorama must be
a regular file (a link to one is fine). ``stat`` never blocks, so it is asked first.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from assets.errors import InputError, YunzhanError

_KINDS = ((stat.S_ISFIFO, "a named pipe"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a folder"))


def require_regular_file(path: str | os.PathLike, *, error: type[YunzhanError] = InputError,
                         what: str = "file") -> Path:
    """Return ``path`` when it is a regular file; otherwise raise ``error`` naming it
    and saying what it is instead."""
    path = Path(path)
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        raise error(f"{path}: no such file") from None
    except NotADirectoryError:
        raise error(f"{path}: no such file (a part of the path is a file, not a folder)") from None
    except OSError as e:
        raise error(f"{path}: cannot read ({e.strerror})") from None
    if stat.S_ISREG(mode):
        return path
    kind = next((name for test, name in _KINDS if test(mode)), "not a regular file")
    raise error(f"{path}: is {kind}, not a {what}" if kind != "not a regular file" else f"{path}: not a regular file")
