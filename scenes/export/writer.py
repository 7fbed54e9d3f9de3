"""Writing a planned package: into a temporary folder beside the output folder,
then renamed into place, so the output folder holds the old package or the new
one, never half of either. Also the optional zip, written the same way.
"""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
import zipfile
from pathlib import Path

from assets.progress import Progress, null_progress
from scenes.export.errors import ExportError
from scenes.export.layout import MARKER
from scenes.export.plan import ExportPlan


def check_output_folder(out_dir: Path) -> None:
    """Refuse an output folder the exporter must not replace: a file, or a folder with
    other things in it than a previous package."""
    if out_dir.is_file():
        raise ExportError(f"{out_dir}: is a file, not a folder", hint="choose a folder for the package")
    if out_dir.is_dir() and any(out_dir.iterdir()) and not (out_dir / MARKER).is_file():
        raise ExportError(f"{out_dir}: folder is not empty and holds no Yunzhan package",
                          hint="choose a new or empty folder; a previous package is replaced")
    if not out_dir.parent.is_dir():
        raise ExportError(f"{out_dir}: folder {out_dir.parent} does not exist")


def write_package(plan: ExportPlan, out_dir: Path, *, progress: Progress | None = None) -> None:
    """Write ``plan`` to ``out_dir``, replacing a previous package there only once the
    new one is complete."""
    progress = progress or null_progress()
    out_dir = Path(out_dir)
    check_output_folder(out_dir)
    try:
        tmp = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.writing-", dir=out_dir.parent))
    except OSError as e:
        raise write_error(out_dir, e) from None
    try:
        progress.start(len(plan.files), f"writing {out_dir.name}")
        made: set[Path] = set()
        for n, planned in enumerate(sorted(plan.files.values(), key=lambda f: f.path)):
            dest = tmp / planned.path
            if dest.parent not in made:
                dest.parent.mkdir(parents=True, exist_ok=True)
                made.add(dest.parent)
            if planned.data is not None:
                dest.write_bytes(planned.data)
            else:
                _link_or_copy(planned.source, dest)
            if n % 64 == 0:
                progress.update(n)
                progress.check()
        (tmp / MARKER).write_text("A web exhibition package written by Yunzhan; "
                                  "'yunzhan export' may replace this folder.\n", encoding="utf-8")
        os.chmod(tmp, 0o755)  # mkdtemp makes it private; a web server must read it
        _swap_into_place(tmp, out_dir)
        progress.finish(f"wrote {out_dir}")
    except OSError as e:
        shutil.rmtree(tmp, ignore_errors=True)
        raise write_error(out_dir, e) from None
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def check_zip_path(zip_path: Path) -> None:
    """Refuse a zip path that is a folder (before any work is done)."""
    if Path(zip_path).is_dir():
        raise ExportError(f"{zip_path}: is a folder, so the zip cannot be written there",
                          hint="move or rename that folder")


def write_zip(package_dir: Path, zip_path: Path) -> int:
    """Zip the package folder (paths relative to it) into ``zip_path``, atomically;
    returns the zip's size. JPEG tiles are stored, text is deflated."""
    zip_path = Path(zip_path)
    check_zip_path(zip_path)
    if not zip_path.parent.is_dir():
        raise ExportError(f"{zip_path}: folder {zip_path.parent} does not exist")
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{zip_path.name}.", dir=zip_path.parent)
    except OSError as e:
        raise write_error(zip_path, e) from None
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        with zipfile.ZipFile(tmp, "w") as zf:
            for path in sorted(p for p in package_dir.rglob("*") if p.is_file()):
                name = path.relative_to(package_dir).as_posix()
                packed = path.suffix.lower() in (".jpg", ".jpeg", ".png", ".mp3", ".m4a", ".ogg", ".pdf", ".zip")
                zf.write(path, name, compress_type=zipfile.ZIP_STORED if packed else zipfile.ZIP_DEFLATED)
        os.chmod(tmp, 0o644)
        os.replace(tmp, zip_path)
    except OSError as e:
        tmp.unlink(missing_ok=True)
        raise write_error(zip_path, e) from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return zip_path.stat().st_size


_FULL = (errno.ENOSPC, errno.EDQUOT, errno.EFBIG)
_REFUSED = (errno.EROFS, errno.EACCES, errno.EPERM)


def write_error(target: Path, e: OSError) -> ExportError:
    """The one-line error for a write of ``target`` (the package folder or the zip)
    that the system refused: a full disk, a read-only or forbidden folder."""
    kept = "the folder is as it was" if target.suffix != ".zip" else "any previous zip is kept"
    if e.errno in _FULL:
        return ExportError(f"{target}: cannot write the package: the disk is full ({kept})",
                           hint="free some space or choose a folder on another disk")
    if e.errno in _REFUSED:
        return ExportError(f"{target}: cannot write the package: {e.strerror or e} ({kept})",
                           hint="choose a folder you can write to")
    return ExportError(f"{target}: cannot write the package: {e.strerror or e} ({kept})")


def _link_or_copy(source: Path, dest: Path) -> None:
    # Hard links make re-exporting an unchanged project near instant; cached
    # derived files are never modified in place, so sharing them is safe.
    try:
        os.link(source, dest)
    except OSError as e:
        if e.errno not in (errno.EXDEV, errno.EPERM, errno.EMLINK, errno.EACCES, errno.ENOTSUP):
            raise
        shutil.copyfile(source, dest)


def _swap_into_place(new: Path, out_dir: Path) -> None:
    if not out_dir.exists():
        os.rename(new, out_dir)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.old-", dir=out_dir.parent))
    old.rmdir()
    os.rename(out_dir, old)
    try:
        os.rename(new, out_dir)
    except BaseException:
        os.rename(old, out_dir)  # put the previous package back
        raise
    shutil.rmtree(old, ignore_errors=True)
