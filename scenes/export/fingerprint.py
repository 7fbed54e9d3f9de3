"""Skipping the re-export of an unchanged project.

Planning a package of a large collection renders thousands of pages, and writing
it replaces thousands of files; when nothing changed, neither is needed. The
export's fingerprint is a hash of everything a package is made from: the
project's rows (media bytes are content-addressed, so their hashes in the rows
stand for them), the export's options, what other layers contribute (live events,
replays, with their files' sizes and times), and the exporter itself (its code,
templates and the built front end). A package records its fingerprint and its
files' sizes and times in the project's export cache (never in the package, which
stays byte-identical for uploads); when both match, the package on disk is the
package that would be written, and the export reuses it.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, is_dataclass
from pathlib import Path

from assets.project import Project

FORMAT_VERSION = 1
# Rows that never change what a package holds: the undo history, logs, the search
# indexes (derived from objects), and media bytes (named by their hash in `media`).
_SKIPPED = ("history_", "object_search", "object_names", "sqlar", "import_log", "live_log", "sqlite_")
_CODE_DIRS = ("scenes/export", "scenes/opendata", "scenes/web/dist")


def fingerprint(project: Project, *, options: dict, contributions=()) -> str:
    """The hash of everything the package of ``project`` with these options is made from."""
    h = hashlib.sha256(f"v{FORMAT_VERSION}".encode())
    h.update(json.dumps(options, sort_keys=True, default=str).encode())
    db = project.db
    tables = [r[0] for r in db.execute("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")]
    for table in tables:
        if table.startswith(_SKIPPED):
            continue
        h.update(f"\x00table {table}\x00".encode())
        for row in db.execute(f'SELECT * FROM "{table}"'):  # noqa: S608 - names from the schema
            h.update(repr(row).encode())
    for c in contributions:
        h.update(json.dumps(asdict(c) if is_dataclass(c) else repr(c), sort_keys=True, default=str).encode())
        for source in sorted(map(str, getattr(c, "files", {}).values())):
            h.update(_stamp(Path(source)).encode())
    h.update(_code_stamp().encode())
    return h.hexdigest()


def _stamp(path: Path) -> str:
    try:
        st = path.stat()
    except OSError:
        return f"{path}:missing"
    return f"{path}:{st.st_size}:{st.st_mtime_ns}"


def _code_stamp() -> str:
    root = Path(__file__).resolve().parents[2]
    stamps = []
    for folder in _CODE_DIRS:
        for dirpath, _, names in os.walk(root / folder):
            stamps += [_stamp(Path(dirpath) / n) for n in sorted(names) if not n.endswith(".pyc")]
    return "\n".join(sorted(stamps))


def record_path(project: Project, out_dir: Path) -> Path:
    """Where the record of the package in ``out_dir`` is kept: the project's export cache."""
    from scenes.export.derived import DerivedCache

    name = hashlib.sha256(str(Path(out_dir).resolve()).encode()).hexdigest()[:24]
    return DerivedCache(project).root / "packages" / f"{name}.json"


def reusable(project: Project, out_dir: Path, key: str) -> dict | None:
    """The record of the package in ``out_dir`` when it was made from ``key`` and every
    file it wrote is still there as written; None otherwise."""
    try:
        record = json.loads(record_path(project, out_dir).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if record.get("fingerprint") != key:
        return None
    try:
        on_disk = _files(Path(out_dir))
    except OSError:
        return None
    # the same files, as written: none removed, changed or added since
    return record if on_disk == [list(f) for f in record.get("files", ())] else None


def _files(out_dir: Path) -> list[list]:
    files = []
    for dirpath, _, names in os.walk(out_dir):
        for name in names:
            path = Path(dirpath) / name
            st = path.stat()
            files.append([path.relative_to(out_dir).as_posix(), st.st_size, st.st_mtime_ns])
    return sorted(files)


def write_record(project: Project, out_dir: Path, key: str, report: dict) -> None:
    """Record ``key`` and the package's files (after it was written to ``out_dir``)."""
    path = record_path(project, out_dir)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".part")
        tmp.write_text(json.dumps({"fingerprint": key, "report": report, "files": _files(Path(out_dir))}),
                       encoding="utf-8")
        os.replace(tmp, path)
    except OSError:
        pass  # no record (a read-only cache): the next export is a full one, nothing worse

