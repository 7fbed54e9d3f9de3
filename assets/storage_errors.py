"""One place that turns storage failures into one-line messages.

SQLite and the operating system report a read-only medium, a full disk, a damaged
file or a held lock in many shapes (``sqlite3.OperationalError("attempt to write a
readonly database")``, ``OSError(errno.ENOSPC)``, ``sqlite3.DatabaseError("database
disk image is malformed")``...), and a failed ``ROLLBACK`` after SQLite already
rolled back on its own ("cannot rollback - no transaction is active") hides the real
cause in the exception's context. :func:`project_storage_error` and
:func:`file_storage_error` look through that chain and name the file and the cause.
"""

from __future__ import annotations

import errno
import os
import sqlite3
from pathlib import Path

from assets.errors import ProjectBusy, ProjectError, YunzhanError


class StorageError(ProjectError):
    """The disk under a project or an output file refused: read-only, full, damaged."""


class ReadOnlyStorage(StorageError):
    """The medium or folder cannot be written."""


class DiskFull(StorageError):
    """No space left on the device."""


class DamagedProject(StorageError):
    """SQLite found a damaged page while reading or writing."""


_READ_ONLY = ("readonly database", "read-only file system", "attempt to write a readonly")
_FULL = ("database or disk is full", "disk is full", "no space left")
_DAMAGED = ("malformed", "file is not a database", "database corruption", "database disk image")
_IO = ("disk i/o error",)
LOW_SPACE = 1 << 20  # bytes: with less free, an I/O error is taken for a full disk (tmpfs reports it so)
_LOCKED = ("database is locked", "database is busy")
_OS_READ_ONLY = {errno.EROFS, errno.EACCES, errno.EPERM}
_OS_FULL = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}


def causes(e: BaseException) -> list[BaseException]:
    """``e`` and the exceptions it was raised from or during, innermost last."""
    chain, seen = [], set()
    while e is not None and id(e) not in seen:
        seen.add(id(e))
        chain.append(e)
        e = e.__cause__ or e.__context__
    return chain


def backup_hint(path: Path) -> str:
    """What to do about a damaged project: the newest backup copy beside it, if any."""
    path = Path(path)
    try:
        backups = sorted(path.parent.glob(f"{path.name}.v*.bak"), key=lambda p: p.stat().st_mtime)
    except OSError:
        backups = []
    if backups:
        return f"restore it from the backup copy {backups[-1]}"
    return "restore it from a backup copy"


def project_storage_error(e: BaseException, path: Path) -> YunzhanError | None:
    """The one-line error for a storage failure ``e`` met while using the project at
    ``path``, or None when ``e`` is not one (a programming error stays what it is)."""
    path = Path(path)
    for cause in causes(e):
        if isinstance(cause, YunzhanError):
            return cause
        text = str(cause).lower()
        if isinstance(cause, OSError) and not isinstance(cause, sqlite3.Error):
            mapped = _os_error(cause, path)
            if mapped is not None:
                return mapped
            continue
        if not isinstance(cause, sqlite3.Error):
            continue
        if any(s in text for s in _FULL) or (any(s in text for s in _IO) and _low_space(path)):
            return DiskFull(f"{path}: the disk is full; this change was not saved",
                            hint="free some space, then try again")
        if any(s in text for s in _READ_ONLY):
            return ReadOnlyStorage(f"{path}: cannot save changes: the project is on a read-only disk or folder",
                                   hint="copy it to a writable folder to change it")
        if any(s in text for s in _LOCKED):
            return ProjectBusy(f"{path}: open elsewhere (another program is writing to it)",
                               hint="wait for it to finish, then try again")
        if any(s in text for s in _IO):
            return StorageError(f"{path}: the disk reported an input/output error",
                                hint="check the disk, then run 'yunzhan check' on the project")
        if "unable to open database" in text and not _writable(path):
            return ReadOnlyStorage(f"{path}: cannot save changes: the project is on a read-only disk or folder",
                                   hint="copy it to a writable folder to change it")
        if any(s in text for s in _DAMAGED) or isinstance(cause, sqlite3.DatabaseError) and (
                "unable to open" not in text and not isinstance(cause, sqlite3.OperationalError)):
            return DamagedProject(f"{path}: damaged project file ({cause})", hint=backup_hint(path))
        if "unable to open database" in text:
            return ReadOnlyStorage(f"{path}: cannot open the project file here (its folder cannot be read or "
                                   "written)", hint="copy it to a writable folder")
    return None


def _low_space(path: Path) -> bool:
    try:
        stat = os.statvfs(path.parent)
    except OSError:
        return False
    return stat.f_bavail * stat.f_frsize < LOW_SPACE


def _writable(path: Path) -> bool:
    return os.access(path.parent, os.W_OK) and (not path.exists() or os.access(path, os.W_OK))


def file_storage_error(e: BaseException) -> YunzhanError | None:
    """The one-line error for an ``OSError`` met while writing an output file, or None."""
    for cause in causes(e):
        if isinstance(cause, YunzhanError):
            return cause
        if isinstance(cause, OSError) and not isinstance(cause, sqlite3.Error):
            name = cause.filename if cause.filename is not None else "output"
            mapped = _os_error(cause, Path(str(name)))
            if mapped is not None:
                return mapped
    return None


def _os_error(e: OSError, path: Path) -> YunzhanError | None:
    if e.errno in _OS_FULL:
        return DiskFull(f"{path}: the disk is full ({e.strerror})", hint="free some space, then try again")
    if e.errno in _OS_READ_ONLY:
        return ReadOnlyStorage(f"{path}: cannot write here ({e.strerror})",
                               hint="choose a writable folder")
    if e.errno == errno.EISDIR:
        return StorageError(f"{path}: is a folder, not a file")
    if e.errno == errno.ENOTDIR:
        return StorageError(f"{path}: a part of this path is a file, not a folder")
    if e.errno in (errno.ENOENT, errno.EIO, errno.ENAMETOOLONG, errno.ELOOP, errno.EXDEV, errno.EMLINK):
        return StorageError(f"{path}: cannot write ({e.strerror})")
    return None
