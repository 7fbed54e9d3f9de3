"""The media store: every file kept once, by the SHA-256 of its bytes.

Bytes live in the ``sqlar`` table (SQLite's archive format, so standard tools can
list and extract them). Files larger than :data:`EXTERNAL_THRESHOLD` (long
recordings) live beside the project in ``<project>.media/`` and only their hash and
size are recorded. Derived files (thumbnails, tiles) are stored under
``derived/<sha256>/<variant>`` and can always be rebuilt.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import time
import zlib
from dataclasses import dataclass
from pathlib import Path

from assets.errors import MediaError, NotFound
from assets.input_files import require_regular_file
from assets.project import Project

EXTERNAL_THRESHOLD = 256 * 1024 * 1024
_CHUNK = 1024 * 1024
_COMPRESSIBLE = {"svg", "json", "txt", "vtt", "obj", "gltf", "ply", "stl", "wav"}


@dataclass(frozen=True)
class MediaInfo:
    sha256: str
    kind: str
    mime: str
    ext: str
    size: int
    storage: str
    width: int | None
    height: int | None
    duration_s: float | None
    original_name: str | None
    alt_zh: str | None = None
    alt_en: str | None = None

    @property
    def archive_name(self) -> str:
        return f"media/{self.sha256}.{self.ext}"


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


class MediaStore:
    """Content-addressed storage inside (or beside) one project file."""

    def __init__(self, project: Project, *, external_threshold: int = EXTERNAL_THRESHOLD):
        self.project = project
        self.external_threshold = external_threshold

    @property
    def external_dir(self) -> Path:
        return self.project.path.with_name(self.project.path.name + ".media")

    # -- adding --------------------------------------------------------------
    def add_bytes(self, data: bytes, *, kind: str, mime: str, ext: str, original_name: str | None = None,
                  width: int | None = None, height: int | None = None,
                  duration_s: float | None = None) -> str:
        """Store ``data`` (once) and return its SHA-256."""
        sha = hashlib.sha256(data).hexdigest()
        with self.project.transaction(label=None) as db:
            if not self._known(sha):
                self._write_archive(db, f"media/{sha}.{ext}", data)
                self._record(db, sha, kind, mime, ext, len(data), "sqlar", width, height, duration_s, original_name)
        return sha

    def add_file(self, path: Path, *, kind: str, mime: str, ext: str | None = None,
                 width: int | None = None, height: int | None = None,
                 duration_s: float | None = None) -> str:
        """Store the file at ``path`` (once) and return its SHA-256."""
        path = require_regular_file(path, error=MediaError, what="media file")
        ext = (ext or path.suffix.lstrip(".")).lower() or "bin"
        try:
            size = path.stat().st_size
        except OSError as e:
            raise MediaError(f"{path}: cannot read ({e.strerror})") from None
        if size <= self.external_threshold:
            return self.add_bytes(path.read_bytes(), kind=kind, mime=mime, ext=ext, original_name=path.name,
                                  width=width, height=height, duration_s=duration_s)
        sha = sha256_file(path)
        with self.project.transaction(label=None) as db:
            if not self._known(sha):
                self._copy_external(path, sha, ext)
                self._record(db, sha, kind, mime, ext, size, "external", width, height, duration_s, path.name)
        return sha

    def register_external(self, path: Path, *, kind: str, mime: str, sha: str | None = None) -> str:
        """Record a large file that already sits in :attr:`external_dir` (a recording written
        there directly) without copying it."""
        path = Path(path)
        sha = sha or sha256_file(path)
        ext = path.suffix.lstrip(".").lower() or "bin"
        target = self.external_path(sha, ext)
        if path.resolve() != target.resolve():
            self._copy_external(path, sha, ext)
        with self.project.transaction(label=None) as db:
            if not self._known(sha):
                self._record(db, sha, kind, mime, ext, target.stat().st_size, "external", None, None, None, path.name)
        return sha

    def set_alt(self, sha: str, *, zh: str | None = None, en: str | None = None) -> None:
        with self.project.transaction(label=None) as db:
            db.execute("UPDATE media SET alt_zh = coalesce(?, alt_zh), alt_en = coalesce(?, alt_en) "
                       "WHERE sha256 = ?", (zh, en, sha))

    # -- reading -------------------------------------------------------------
    def info(self, sha: str) -> MediaInfo:
        row = self.project.db.execute(
            "SELECT sha256, kind, mime, ext, size, storage, width, height, duration_s, original_name, "
            "alt_zh, alt_en FROM media WHERE sha256 = ?", (sha,)).fetchone()
        if row is None:
            raise NotFound(f"no media with hash {sha[:12]}…")
        return MediaInfo(*row)

    def read(self, sha: str) -> bytes:
        info = self.info(sha)
        if info.storage == "external":
            return self.external_path(sha, info.ext).read_bytes()
        return self._read_archive(info.archive_name)

    def extract(self, sha: str, dest: Path) -> Path:
        """Write the media file to ``dest`` (atomically) and return it."""
        info = self.info(sha)
        tmp = dest.with_name(dest.name + ".part")
        if info.storage == "external":
            shutil.copyfile(self.external_path(sha, info.ext), tmp)
        else:
            tmp.write_bytes(self._read_archive(info.archive_name))
        os.replace(tmp, dest)
        return dest

    def external_path(self, sha: str, ext: str) -> Path:
        return self.external_dir / f"{sha}.{ext}"

    # -- derived files (thumbnails, tiles...) ------------------------------------
    def put_derived(self, sha: str, variant: str, data: bytes) -> None:
        with self.project.transaction(label=None) as db:
            self._write_archive(db, f"derived/{sha}/{variant}", data)

    def get_derived(self, sha: str, variant: str) -> bytes | None:
        try:
            return self._read_archive(f"derived/{sha}/{variant}")
        except NotFound:
            return None

    # -- internals -----------------------------------------------------------
    def _known(self, sha: str) -> bool:
        return self.project.db.execute("SELECT 1 FROM media WHERE sha256 = ?", (sha,)).fetchone() is not None

    @staticmethod
    def _write_archive(db, name: str, data: bytes) -> None:
        # sqlar convention: data is zlib-compressed only when that makes it smaller;
        # sz is always the original size.
        blob = data
        if name.rsplit(".", 1)[-1].lower() in _COMPRESSIBLE:
            packed = zlib.compress(data, 6)
            if len(packed) < len(data):
                blob = packed
        db.execute("INSERT OR REPLACE INTO sqlar(name, mode, mtime, sz, data) VALUES (?, ?, ?, ?, ?)",
                   (name, 0o100644, int(time.time()), len(data), blob))

    def _read_archive(self, name: str) -> bytes:
        row = self.project.db.execute("SELECT sz, data FROM sqlar WHERE name = ?", (name,)).fetchone()
        if row is None:
            raise NotFound(f"{self.project.path}: no stored file {name}")
        size, data = row
        return zlib.decompress(data) if len(data) != size else bytes(data)

    @staticmethod
    def _record(db, sha, kind, mime, ext, size, storage, width, height, duration_s, original_name) -> None:
        db.execute(
            "INSERT INTO media(sha256, kind, mime, ext, size, storage, width, height, duration_s, original_name) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (sha, kind, mime, ext, size, storage, width, height, duration_s, original_name))

    def _copy_external(self, path: Path, sha: str, ext: str) -> None:
        self.external_dir.mkdir(exist_ok=True)
        target = self.external_path(sha, ext)
        if target.exists():
            return
        tmp = target.with_name(target.name + ".part")
        shutil.copyfile(path, tmp)
        with tmp.open("rb") as f:
            os.fsync(f.fileno())
        os.replace(tmp, target)
