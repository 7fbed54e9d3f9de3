"""The project file: one SQLite database that holds a museum's whole work.

A project is identified by ``PRAGMA application_id`` and versioned by
``PRAGMA user_version``; its schema changes only through the numbered SQL files in
``assets/migrations`` (forward only, a backup copy taken before each upgrade). It runs
in WAL mode with foreign keys on, and every user action is one transaction opened
with ``BEGIN IMMEDIATE`` so that a second writer waits, then is told the project is
open elsewhere, instead of failing half-way.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
import struct
from importlib import resources
from pathlib import Path
from typing import Iterator

from assets import changes as change_events
from assets import history
from assets.errors import ProjectBusy, ProjectError
from assets.storage_errors import project_storage_error

APPLICATION_ID = 0x59554E5A  # "YUNZ"
SUFFIX = ".yunzhan"
BUSY_TIMEOUT_MS = 5000
_MAGIC = b"SQLite format 3\x00"
_MIGRATION_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


def migrations() -> list[tuple[int, str, str]]:
    """The numbered migrations shipped with this Yunzhan: ``(number, name, sql)``, in order."""
    found = []
    for entry in resources.files("assets.migrations").iterdir():
        match = _MIGRATION_NAME.match(entry.name)
        if match:
            found.append((int(match.group(1)), entry.name, entry.read_text(encoding="utf-8")))
    return sorted(found)


def schema_version() -> int:
    """The newest schema version this Yunzhan knows."""
    known = migrations()
    return known[-1][0] if known else 0


def check_header(path: Path) -> None:
    """Refuse, with a one-line message, a file that is not an intact Yunzhan project.

    Reads only the 100-byte header, so it is cheap enough for every open; the full
    page-by-page check is :meth:`Project.integrity_check`.
    """
    try:
        size = path.stat().st_size
        with path.open("rb") as f:
            header = f.read(100)
    except OSError as e:
        raise ProjectError(f"{path}: cannot read the project file ({e.strerror})") from None
    if not header.startswith(_MAGIC):
        raise ProjectError(f"{path}: not a Yunzhan project (not an SQLite database)")
    if len(header) < 100:
        raise ProjectError(f"{path}: damaged project file (truncated header)")
    page_size = struct.unpack(">H", header[16:18])[0]
    page_size = 65536 if page_size == 1 else page_size
    change_counter, pages = struct.unpack(">II", header[24:32])
    valid_for = struct.unpack(">I", header[92:96])[0]
    if page_size < 512 or size % page_size:
        raise ProjectError(
            f"{path}: damaged project file (truncated mid-page: {size} bytes is not a "
            f"whole number of {page_size}-byte pages)",
            hint="restore it from a backup copy",
        )
    if valid_for == change_counter and pages * page_size > size:
        raise ProjectError(
            f"{path}: damaged project file (truncated: {size} of {pages * page_size} bytes)",
            hint="restore it from a backup copy",
        )
    app_id = struct.unpack(">I", header[68:72])[0]
    if app_id != APPLICATION_ID:
        raise ProjectError(f"{path}: an SQLite database, but not a Yunzhan project")


class Project:
    """An open project file. Use :meth:`create` or :meth:`open`, then :meth:`close`
    (or a ``with`` block)."""

    readonly = False  # opened with ``readonly=True``: nothing may be written

    def __init__(self, path: Path, db: sqlite3.Connection):
        self.path = path
        self.db = db
        self._depth = 0
        self._announce: tuple[str | None, bool] | None = None
        history.install(db)

    # -- opening -----------------------------------------------------------------
    @classmethod
    def create(cls, path: str | os.PathLike) -> "Project":
        """Create a new, empty project at ``path``; refuse to overwrite anything (a
        dangling link included). On failure (a full disk...) nothing is left behind."""
        path = Path(path)
        if os.path.lexists(path):
            what = "a link to a missing file" if path.is_symlink() and not path.exists() else "already exists"
            raise ProjectError(f"{path}: {what}", hint="choose another name or open it")
        if not path.parent.is_dir():
            raise ProjectError(f"{path}: folder {path.parent} does not exist")
        tmp = path.with_name(path.name + ".creating")
        leftovers = (tmp, Path(f"{tmp}-wal"), Path(f"{tmp}-shm"), Path(f"{tmp}-journal"))
        try:
            for leftover in leftovers:
                leftover.unlink(missing_ok=True)
            db = _connect(tmp)
            try:
                db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                _migrate(db, tmp, 0)
                db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            finally:
                db.close()
            if os.path.lexists(path):  # appeared meanwhile: never replace another file or link
                raise ProjectError(f"{path}: already exists", hint="choose another name or open it")
            os.replace(tmp, path)  # the project appears whole or not at all
        except BaseException as e:
            for leftover in leftovers:
                with contextlib.suppress(OSError):
                    leftover.unlink(missing_ok=True)
            mapped = project_storage_error(e, path)
            if mapped is not None and mapped is not e:
                raise mapped from None
            raise
        return cls.open(path)

    @classmethod
    def open(cls, path: str | os.PathLike, *, migrate: bool = True, readonly: bool = False) -> "Project":
        """Open an existing project, upgrading its schema when it is older than this
        Yunzhan (a copy named ``<file>.v<N>.bak`` is kept first).

        :param readonly: for commands that only read: nothing is written, not even
            SQLite's WAL index, so a project on a read-only medium can be read.
        """
        path = Path(path)
        if not path.exists():
            raise ProjectError(f"{path}: no such project file", hint="create one with 'yunzhan new'")
        if path.is_dir():
            raise ProjectError(f"{path}: is a folder, not a project file")
        if not path.is_file():
            raise ProjectError(f"{path}: not a regular file (a pipe or device), so not a project file")
        check_header(path)
        try:
            db = _connect_readonly(path) if readonly else _connect(path)
        except sqlite3.Error as e:
            raise (project_storage_error(e, path) or ProjectError(f"{path}: cannot open ({e})")) from None
        try:
            version = db.execute("PRAGMA user_version").fetchone()[0]
            newest = schema_version()
            if version > newest:
                raise ProjectError(
                    f"{path}: written by a newer Yunzhan (schema {version}; this one knows up to {newest})",
                    hint="upgrade Yunzhan to open it",
                )
            if version < newest:
                if readonly:
                    raise ProjectError(f"{path}: schema {version} needs upgrading to {newest} before it can be read",
                                       hint="open it once from a writable folder")
                if not migrate:
                    raise ProjectError(f"{path}: schema {version} needs upgrading to {newest}")
                _backup(db, path.with_name(f"{path.name}.v{version}.bak"))
                _migrate(db, path, version)
            project = cls(path, db)
        except sqlite3.DatabaseError as e:
            db.close()
            raise (project_storage_error(e, path) or ProjectError(f"{path}: damaged project file ({e})")) from None
        except BaseException:
            db.close()
            raise
        if readonly:
            project.readonly = True
            db.execute("PRAGMA query_only = ON")  # after the history's temporary tables exist
        return project

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> "Project":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- transactions ------------------------------------------------------------
    @contextlib.contextmanager
    def transaction(self, label: str | None = "edit") -> Iterator[sqlite3.Connection]:
        """One user action: all of it is written, or none of it.

        ``label`` names the action in the undo history ("move hotspot"); every
        library edit passes its own. ``label=None`` writes without recording an undo
        step (runtime state, caches, the history's own replays). After the commit,
        the rows it changed are announced through :mod:`assets.changes`. Nested
        calls join the outer transaction (and its step) through a savepoint.
        """
        if self._depth:
            name = f"sp{self._depth}"
            self.db.execute(f"SAVEPOINT {name}")
            self._depth += 1
            try:
                yield self.db
            except BaseException:
                self.db.execute(f"ROLLBACK TO {name}")
                self.db.execute(f"RELEASE {name}")
                raise
            else:
                self.db.execute(f"RELEASE {name}")
            finally:
                self._depth -= 1
            return
        try:
            self.db.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as e:
            if "locked" in str(e) or "busy" in str(e):
                raise ProjectBusy(
                    f"{self.path}: open elsewhere (another program is writing to it)",
                    hint="wait for it to finish, then try again",
                ) from None
            raise
        self._depth = 1
        self._announce = None
        try:
            step = history.begin_step(self.db, label) if label else None
            yield self.db
            history.end_step(self.db, step)
            touched = history.take_touched(self.db)
            self.db.execute("COMMIT")
        except BaseException:
            if self.db.in_transaction:
                self.db.execute("ROLLBACK")
            raise
        finally:
            self._depth = 0
        announced_label, undo = self._announce or (label, False)
        change_events.publish(self.path, change_events.Changes(touched, announced_label, undo))

    def announce_as(self, label: str | None, *, undo: bool = False) -> None:
        """Announce the current transaction's changes under ``label`` (undo and redo
        name the action they replay)."""
        self._announce = (label, undo)

    # -- facts -------------------------------------------------------------------
    @property
    def schema(self) -> int:
        return self.db.execute("PRAGMA user_version").fetchone()[0]

    def integrity_check(self) -> list[str]:
        """SQLite's full ``PRAGMA integrity_check``: an empty list when the file is sound."""
        rows = [r[0] for r in self.db.execute("PRAGMA integrity_check")]
        rows += [f"foreign key: {r}" for r in self.db.execute("PRAGMA foreign_key_check")]
        return [] if rows == ["ok"] else [r for r in rows if r != "ok"]

    def get_setting(self, key: str, default: str | None = None) -> str | None:
        row = self.db.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    def set_setting(self, key: str, value: str) -> None:
        with self.transaction(label=None) as db:
            db.execute(
                "INSERT INTO settings(key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, value),
            )


def _connect(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = FULL")
    db.execute("PRAGMA foreign_keys = ON")
    db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    return db


def _connect_readonly(path: Path) -> sqlite3.Connection:
    """A connection that never writes. Where the file or its folder cannot be written
    (a read-only medium), SQLite cannot keep the WAL index either: the file is then
    opened ``immutable`` (nobody can be changing it there)."""
    writable = os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)
    wal = Path(f"{path}-wal")
    if not writable and wal.exists() and wal.stat().st_size > 0:
        # immutable would read past the changes still in the WAL: never show stale data
        raise ProjectError(f"{path}: has changes not yet written into it ({wal.name}), and its folder is read-only",
                           hint="open it once from a writable folder")
    uri = path.resolve().as_uri() + "?mode=ro" + ("" if writable else "&immutable=1")
    db = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000,
                         check_same_thread=False)
    db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    return db


def _migrate(db: sqlite3.Connection, path: Path, current: int) -> None:
    for number, name, sql in migrations():
        if number <= current:
            continue
        db.execute("BEGIN IMMEDIATE")
        try:
            for statement in _statements(sql):
                db.execute(statement)
            db.execute(f"PRAGMA user_version = {number}")
            db.execute("COMMIT")
        except sqlite3.Error as e:
            db.execute("ROLLBACK")
            raise ProjectError(f"{path}: migration {name} failed ({e})") from None


def _statements(sql: str) -> Iterator[str]:
    """Split a migration into statements (``executescript`` would commit mid-way)."""
    buf = ""
    for line in sql.splitlines(keepends=True):
        buf += line
        if sqlite3.complete_statement(buf):
            if buf.strip():
                yield buf
            buf = ""
    if buf.strip():
        yield buf


def _backup(db: sqlite3.Connection, target: Path) -> None:
    if target.exists():
        return
    dest = sqlite3.connect(target)
    try:
        db.backup(dest)
    finally:
        dest.close()

