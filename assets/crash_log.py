"""The last line of defence: an unexpected exception's traceback, saved to a file.

A bug must never pour a traceback over the user, nor vanish. The CLI and the GUI
show one line (:func:`internal_error_line`) and keep the details in a log file in
the user's state folder (``$YUNZHAN_LOG_DIR``, else ``$XDG_STATE_HOME/yunzhan``, else
``~/.local/state/yunzhan``; the system's temporary folder when none can be written).
"""

from __future__ import annotations

import os
import platform
import sys
import tempfile
import traceback
from datetime import datetime, timezone
from pathlib import Path


def log_dir() -> Path:
    """Where crash logs go (not created here)."""
    if os.environ.get("YUNZHAN_LOG_DIR"):
        return Path(os.environ["YUNZHAN_LOG_DIR"])
    state = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(state) / "yunzhan"


def save_crash(error: BaseException, *, context: str = "") -> Path | None:
    """Write ``error``'s traceback (and what was being done) to a new log file; its path,
    or None when no folder at all could be written."""
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S.%fZ")
    text = "".join([
        f"Yunzhan internal error at {stamp}\n",
        f"while: {context}\n" if context else "",
        f"python {sys.version.split()[0]} on {platform.platform()}\n\n",
        *traceback.format_exception(error),
    ])
    for folder in (log_dir(), Path(tempfile.gettempdir()) / "yunzhan"):
        try:
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / f"crash-{stamp}-{os.getpid()}.log"
            path.write_text(text, encoding="utf-8")
            return path
        except OSError:
            continue
    return None


def internal_error_line(error: BaseException, saved: Path | None) -> str:
    """``internal error: KeyError: 'x' — details saved to FILE`` (one line)."""
    what = " ".join(f"{type(error).__name__}: {error}".split())
    if len(what) > 200:
        what = what[:199] + "…"
    where = f"details saved to {saved}" if saved else "details could not be saved (no writable folder)"
    return f"internal error: {what} — {where}"
