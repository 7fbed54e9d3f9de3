"""The files of an exported package on disk, with their content hashes."""

from __future__ import annotations

import hashlib
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from assets.progress import Progress, null_progress
from scenes.export.layout import MARKER
from scenes.publish.errors import PublishError

_CHUNK = 1 << 20


@dataclass(frozen=True)
class LocalFile:
    """One package file: its package path, where it is, size, SHA-256 (the content hash
    the manifest keeps) and MD5 (what S3 reports as the ETag of a single-part upload)."""
    path: str
    source: Path
    size: int
    sha256: str
    md5: str


def package_files(package_dir: Path, *, progress: Progress | None = None) -> dict[str, LocalFile]:
    """Every file of the package in ``package_dir`` (but the exporter's marker), hashed.

    :raises PublishError: the folder holds no exported package.
    """
    progress = progress or null_progress()
    package_dir = Path(package_dir)
    if not (package_dir / "index.html").is_file():
        raise PublishError(f"{package_dir}: no index.html here; not an exported package",
                           hint="export one with 'yunzhan export PROJECT --out DIR'")
    paths = []
    for root, dirs, files in os.walk(package_dir):
        dirs.sort()
        for name in sorted(files):
            full = Path(root, name)
            rel = full.relative_to(package_dir).as_posix()
            if rel != MARKER:
                paths.append((rel, full))
    progress.start(len(paths), "hashing the package")
    out: dict[str, LocalFile] = {}
    # hashlib releases the GIL on large buffers: two threads keep both cores busy.
    with ThreadPoolExecutor(max_workers=min(4, os.cpu_count() or 1)) as pool:
        for n, f in enumerate(pool.map(lambda p: _hashed(*p), paths), 1):
            out[f.path] = f
            if n % 256 == 0:
                progress.update(n)
                progress.check()
    progress.finish()
    return out


def _hashed(rel: str, full: Path) -> LocalFile:
    sha, md5 = hashlib.sha256(), hashlib.md5(usedforsecurity=False)
    size = 0
    with open(full, "rb") as f:
        while chunk := f.read(_CHUNK):
            sha.update(chunk)
            md5.update(chunk)
            size += len(chunk)
    return LocalFile(rel, full, size, sha.hexdigest(), md5.hexdigest())
