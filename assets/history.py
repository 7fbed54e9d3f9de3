"""Undo and redo that last: the history of user actions, kept in the project file.

This follows SQLite's "Automatic Undo/Redo Using SQLite" (sqlite.org/undoredo.html):
every connection installs temporary triggers on the tracked tables that write, for
each row an action inserts, updates or deletes, the SQL statement that reverses it
into ``history_log``, under the action's step in ``history_steps``. Undoing a step
runs its statements newest first, while the same triggers record the statements
that redo it as a step on the redo stack. Because the log lives in the project
file, closing the window or a crash loses nothing, and tomorrow's session can
still undo yesterday's last edits.

Only references and rows are recorded, never media bytes: media are stored once
by content hash and are not tracked, so undoing the removal of a hall restores the
row that points at its 30 MB panorama without a second copy. Media that nothing
references any more, neither the project nor its history, are removed by
:func:`compact` (``yunzhan check --compact``) and when trimming the history drops
the last step that named them.

An action is one :meth:`~assets.project.Project.transaction` with a ``label``
(a short English verb phrase, "move hotspot"; the studio translates it). A
transaction with ``label=None`` is not recorded (runtime state such as a live
event's status). A new action clears the redo stack; the history keeps at most
:data:`DEFAULT_LIMIT` steps (setting ``history.limit``).

The same triggers note every row any transaction touches, recorded or not, in a
temporary table; :func:`take_touched` turns them into the rows of the
:class:`~assets.changes.Changes` the project announces after the commit.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from assets.errors import ProjectError

if TYPE_CHECKING:
    from assets.project import Project

DEFAULT_LIMIT = 500
LIMIT_SETTING = "history.limit"

# Tables whose rows are not user edits: the media store (content-addressed, never
# copied into the history), facts derived from media, settings and logs, runtime
# records of live runs, and the history itself. Every other table is tracked, so a
# table a later migration adds is undoable without further work; add it here if
# its rows are a cache or a log.
UNTRACKED = frozenset({
    "sqlar", "media", "panoramas", "settings", "import_mappings", "import_log",
    "live_runs", "live_log", "live_recordings", "history_steps", "history_log",
    "speech_clips",  # the narration clip cache (narrations, which point into it, are tracked)
})
_SHA = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True)
class Step:
    """One user action in the history."""
    id: int
    label: str
    created_at: str


# -- the triggers ------------------------------------------------------------------
def tracked_tables(db: sqlite3.Connection) -> list[str]:
    """The project's tables whose changes are recorded, by name."""
    rows = db.execute("SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' "
                      "AND wr = 0 AND name NOT LIKE 'sqlite_%' ORDER BY name").fetchall()
    return [name for (name,) in rows if name not in UNTRACKED]


def install(db: sqlite3.Connection) -> None:
    """Create this connection's temporary recording tables and triggers."""
    db.execute("CREATE TEMP TABLE IF NOT EXISTS history_recording (step INTEGER)")
    if db.execute("SELECT count(*) FROM temp.history_recording").fetchone()[0] == 0:
        db.execute("INSERT INTO temp.history_recording VALUES (NULL)")
    db.execute("CREATE TEMP TABLE IF NOT EXISTS history_touched "
               "(tbl TEXT NOT NULL, id INTEGER NOT NULL, PRIMARY KEY (tbl, id)) WITHOUT ROWID")
    for table in tracked_tables(db):
        columns = [row[1] for row in db.execute(f'PRAGMA main.table_info("{table}")')]
        for statement in _triggers(table, columns):
            db.execute(statement)


def _triggers(table: str, columns: list[str]) -> list[str]:
    t = f'"{table}"'
    log = "INSERT INTO history_log(step, sql) SELECT step, {sql} FROM history_recording WHERE step IS NOT NULL;"
    touch = "INSERT OR IGNORE INTO history_touched VALUES ('{table}', {row}.rowid);"
    names = ",".join(f'"{c}"' for c in columns)
    old_values = " || ',' || ".join(_literal(f'OLD."{c}"') for c in columns)
    changed = " OR ".join(f'OLD."{c}" IS NOT NEW."{c}"' for c in columns)
    sets = " || ".join(f"""CASE WHEN OLD."{c}" IS NOT NEW."{c}" THEN ',"{c}"=' || {_literal(f'OLD."{c}"')} """
                       f"ELSE '' END" for c in columns)
    undo_insert = f"'DELETE FROM {t} WHERE rowid=' || NEW.rowid"
    undo_delete = f"'INSERT INTO {t}(rowid,{names}) VALUES(' || OLD.rowid || ',' || {old_values} || ')'"
    undo_update = f"'UPDATE {t} SET ' || substr({sets}, 2) || ' WHERE rowid=' || OLD.rowid"
    prefix = f"CREATE TEMP TRIGGER IF NOT EXISTS \"history_{table}"
    return [
        f"{prefix}_insert\" AFTER INSERT ON main.{t} BEGIN "
        f"{log.format(sql=undo_insert)} {touch.format(table=table, row='NEW')} END",
        f"{prefix}_update\" AFTER UPDATE ON main.{t} WHEN {changed} BEGIN "
        f"{log.format(sql=undo_update)} {touch.format(table=table, row='NEW')} END",
        f"{prefix}_delete\" AFTER DELETE ON main.{t} BEGIN "
        f"{log.format(sql=undo_delete)} {touch.format(table=table, row='OLD')} END",
    ]


def _literal(value: str) -> str:
    """SQL that writes ``value`` as an SQL literal. ``quote()`` stops a text at its
    first NUL character, so a text holding one is written as hex bytes cast back.
    Reals round-trip exactly through ``quote()`` except subnormal ones (below 2.2e-308),
    which may come back one unit in the last place off; the model refuses such values
    where they enter."""
    as_hex = "'CAST(X''' || hex(" + value + ") || ''' AS TEXT)'"
    return (f"CASE WHEN typeof({value}) = 'text' AND instr(CAST({value} AS BLOB), X'00') > 0 "
            f"THEN {as_hex} ELSE quote({value}) END")


# -- recording (called by Project.transaction) ---------------------------------------
def begin_step(db: sqlite3.Connection, label: str, stack: str = "undo") -> int:
    """Open a step for the action ``label``; the triggers record into it from now on."""
    step = db.execute("INSERT INTO history_steps(stack, label) VALUES (?, ?)", (stack, label)).lastrowid
    db.execute("UPDATE temp.history_recording SET step = ?", (step,))
    return step


def end_step(db: sqlite3.Connection, step: int | None, *, new_action: bool = True) -> None:
    """Close ``step``: drop it if the action changed nothing tracked; otherwise a new
    action clears the redo stack, and the history is trimmed to its limit."""
    db.execute("UPDATE temp.history_recording SET step = NULL")
    if step is None:
        return
    if db.execute("SELECT 1 FROM history_log WHERE step = ? LIMIT 1", (step,)).fetchone() is None:
        db.execute("DELETE FROM history_steps WHERE id = ?", (step,))
        return
    if new_action:
        _drop_steps(db, [r[0] for r in db.execute("SELECT id FROM history_steps WHERE stack = 'redo'")])
    _trim(db)


def take_touched(db: sqlite3.Connection) -> dict[str, frozenset[int]]:
    """The rows changed since the last call, by table (and forget them)."""
    found: dict[str, set[int]] = {}
    for table, rowid in db.execute("SELECT tbl, id FROM temp.history_touched"):
        found.setdefault(table, set()).add(rowid)
    if found:
        db.execute("DELETE FROM temp.history_touched")
    return {table: frozenset(ids) for table, ids in found.items()}


def limit(db: sqlite3.Connection) -> int:
    row = db.execute("SELECT value FROM settings WHERE key = ?", (LIMIT_SETTING,)).fetchone()
    try:
        return max(1, int(row[0])) if row else DEFAULT_LIMIT
    except ValueError:
        return DEFAULT_LIMIT


def _trim(db: sqlite3.Connection) -> None:
    keep = limit(db)
    old = [r[0] for r in db.execute("SELECT id FROM history_steps WHERE stack = 'undo' ORDER BY id DESC "
                                    "LIMIT -1 OFFSET ?", (keep,))]
    if old:
        shas = set()
        for (sql,) in db.execute(f"SELECT sql FROM history_log WHERE step IN ({','.join('?' * len(old))})", old):
            shas.update(_SHA.findall(sql))
        _drop_steps(db, old)
        # Media beside the project (long recordings) wait for compact(), which also
        # deletes their files once the transaction has committed.
        in_archive = [sha for sha in unreferenced_media(db, shas) if db.execute(
            "SELECT storage = 'sqlar' FROM media WHERE sha256 = ?", (sha,)).fetchone()[0]]
        remove_media(db, in_archive)


def _drop_steps(db: sqlite3.Connection, steps: list[int]) -> None:
    for start in range(0, len(steps), 500):
        chunk = steps[start:start + 500]
        marks = ",".join("?" * len(chunk))
        db.execute(f"DELETE FROM history_log WHERE step IN ({marks})", chunk)
        db.execute(f"DELETE FROM history_steps WHERE id IN ({marks})", chunk)


# -- reading ------------------------------------------------------------------------
def steps(project: "Project", stack: str = "undo") -> list[Step]:
    """The steps of the undo (or redo) stack, next first."""
    return [Step(*row) for row in project.db.execute(
        "SELECT id, label, created_at FROM history_steps WHERE stack = ? ORDER BY id DESC", (stack,))]


def next_undo(project: "Project") -> Step | None:
    """The step :func:`undo` would undo, or None."""
    return _head(project, "undo")


def next_redo(project: "Project") -> Step | None:
    """The step :func:`redo` would redo, or None."""
    return _head(project, "redo")


def _head(project: "Project", stack: str) -> Step | None:
    row = project.db.execute("SELECT id, label, created_at FROM history_steps WHERE stack = ? "
                             "ORDER BY id DESC LIMIT 1", (stack,)).fetchone()
    return Step(*row) if row else None


# -- undo and redo ------------------------------------------------------------------
def undo(project: "Project") -> Step | None:
    """Undo the newest action; returns its step, or None when there is nothing to undo."""
    return _replay(project, "undo", "redo")


def redo(project: "Project") -> Step | None:
    """Redo the newest undone action; returns its step, or None when there is nothing to redo."""
    return _replay(project, "redo", "undo")


def _replay(project: "Project", source: str, target: str) -> Step | None:
    with project.transaction(label=None) as db:
        row = db.execute("SELECT id, label, created_at FROM history_steps WHERE stack = ? "
                         "ORDER BY id DESC LIMIT 1", (source,)).fetchone()
        if row is None:
            return None
        step = Step(*row)
        inverse = begin_step(db, step.label, stack=target)
        # Rows come back parent-last as often as parent-first (cascades log in either
        # order); checking foreign keys at commit lets the statements run as logged.
        db.execute("PRAGMA defer_foreign_keys = ON")
        statements = [sql for (sql,) in db.execute(
            "SELECT sql FROM history_log WHERE step = ? ORDER BY id DESC", (step.id,))]
        try:
            for sql in _batched(statements):
                db.execute(sql)
        except sqlite3.IntegrityError as e:
            raise ProjectError(
                f"{project.path}: cannot {source} “{step.label}”: the project changed outside the history ({e})",
                hint="the step is kept; use 'yunzhan check' to see the project's state") from None
        _drop_steps(db, [step.id])
        end_step(db, inverse, new_action=False)
        _reindex_objects(db)
        project.announce_as(step.label, undo=True)
    return step


_DELETE = re.compile(r'^DELETE FROM ("[^"]+") WHERE rowid=(-?\d+)$')
_BATCH = 500


def _batched(statements: list[str]):
    """The statements, with runs of row deletes (or inserts) on one table joined into
    one statement each: compiling 20,000 statements one by one costs most of an undo."""
    run_key, run = None, []

    def flush():
        if not run:
            return None
        if run_key[0] == "delete":
            return f"DELETE FROM {run_key[1]} WHERE rowid IN ({','.join(run)})"
        return f"{run_key[1]} VALUES{','.join(run)}"

    for sql in statements:
        match = _DELETE.match(sql)
        if match:
            key, item = ("delete", match.group(1)), match.group(2)
        elif sql.startswith("INSERT INTO ") and " VALUES(" in sql:
            head, _, values = sql.partition(" VALUES")
            key, item = ("insert", head), values
        else:
            key, item = None, None
        if key is None or key != run_key or len(run) >= _BATCH:
            batch = flush()
            if batch:
                yield batch
            run_key, run = key, []
        if key is None:
            yield sql
        else:
            run.append(item)
    batch = flush()
    if batch:
        yield batch


def _reindex_objects(db: sqlite3.Connection) -> None:
    """Bring the catalog's search indexes in step with the restored rows (FTS tables
    are virtual and carry no triggers)."""
    ids = [r[0] for r in db.execute("SELECT id FROM temp.history_touched WHERE tbl = 'objects'")]
    if ids:
        from assets.catalog import reindex  # the catalog builds on the project; imported late

        reindex(db, ids)


# -- media no longer referenced ----------------------------------------------------------
@dataclass(frozen=True)
class CompactReport:
    media_removed: int
    bytes_before: int
    bytes_after: int


def _media_references(db: sqlite3.Connection) -> list[tuple[str, str]]:
    """Every (table, column) holding a media hash, found from the foreign keys."""
    found = []
    for (table,) in db.execute("SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' "
                               "AND name NOT LIKE 'sqlite_%'").fetchall():
        for fk in db.execute(f'PRAGMA main.foreign_key_list("{table}")').fetchall():
            if fk[2] == "media" and table != "panoramas":
                found.append((table, fk[3]))
    return found


def unreferenced_media(db: sqlite3.Connection, candidates: set[str] | None = None) -> list[str]:
    """Media hashes (among ``candidates``, or all) that neither a row nor the history names."""
    if candidates is not None and not candidates:
        return []
    used: set[str] = set()
    for table, column in _media_references(db):
        used.update(r[0] for r in db.execute(f'SELECT DISTINCT "{column}" FROM "{table}" '
                                             f'WHERE "{column}" IS NOT NULL'))
    pool = candidates if candidates is not None else {r[0] for r in db.execute("SELECT sha256 FROM media")}
    pool = pool - used
    if not pool:
        return []
    for (sql,) in db.execute("SELECT sql FROM history_log"):
        if len(sql) >= 64:
            pool.difference_update(_SHA.findall(sql))
            if not pool:
                return []
    known = {r[0] for r in db.execute("SELECT sha256 FROM media")}
    return sorted(pool & known)


def remove_media(db: sqlite3.Connection, shas: list[str]) -> list[Path]:
    """Delete these media (rows, archived bytes, derived files); returns the external
    files to unlink once the transaction has committed."""
    external = []
    for sha in shas:
        row = db.execute("SELECT ext, storage FROM media WHERE sha256 = ?", (sha,)).fetchone()
        if row is None:
            continue
        ext, storage = row
        db.execute("DELETE FROM sqlar WHERE name = ? OR name LIKE ?", (f"media/{sha}.{ext}", f"derived/{sha}/%"))
        db.execute("DELETE FROM media WHERE sha256 = ?", (sha,))
        if storage == "external":
            external.append(Path(f"{sha}.{ext}"))
    return external


def compact(project: "Project") -> CompactReport:
    """Remove media that neither the project nor its history references, then VACUUM."""
    before = project.path.stat().st_size
    with project.transaction(label=None) as db:
        doomed = unreferenced_media(db)
        external = remove_media(db, doomed)
    folder = project.path.with_name(project.path.name + ".media")
    for name in external:
        (folder / name).unlink(missing_ok=True)
    project.db.execute("VACUUM")
    project.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return CompactReport(len(doomed), before, project.path.stat().st_size)


def set_limit(project: "Project", steps_kept: int) -> None:
    """Keep at most ``steps_kept`` undo steps (older ones are dropped now and later)."""
    if steps_kept < 1:
        raise ProjectError(f"{project.path}: the history must keep at least 1 step (got {steps_kept})")
    with project.transaction(label=None) as db:
        db.execute("INSERT INTO settings(key, value) VALUES (?, ?) "
                   "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (LIMIT_SETTING, str(steps_kept)))
        _trim(db)
