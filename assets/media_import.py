"""Importing media files (images, audio, 3D models) and linking them to objects.

A file is linked to the object whose accession number begins its name
(``1977.12_front.jpg`` → object ``1977.12``). Images are decoded in full, turned
upright (EXIF) and into sRGB, and get a thumbnail and a display copy; 3D models
(glTF/GLB, OBJ, PLY, STL) get a web version and the same pictures (see
assets.models.store). A folder is
imported in one transaction: one bad file and nothing is stored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from assets.catalog import Catalog
from assets.containers import check_audio_magic
from assets.errors import MediaError
from assets.images import DISPLAY_SIZE, IMAGE_EXTENSIONS, THUMB_SIZE, open_checked, jpeg_bytes
from assets.input_files import require_regular_file
from assets.media_store import MediaStore
from assets.models.sources import FORMATS, MIME, without_companions
from assets.progress import Progress, null_progress
from assets.project import Project

AUDIO_EXTENSIONS = {".mp3": "audio/mpeg", ".wav": "audio/wav", ".m4a": "audio/mp4", ".ogg": "audio/ogg",
                    ".opus": "audio/ogg", ".flac": "audio/flac", ".aac": "audio/aac", ".amr": "audio/amr"}
MODEL_EXTENSIONS = {ext: MIME[fmt] for ext, fmt in FORMATS.items()}
_AUDIO_MAGIC = (b"ID3", b"\xff\xfb", b"\xff\xf3", b"\xff\xf2", b"RIFF", b"OggS", b"fLaC", b"#!AMR", b"\xff\xf1",
                b"\xff\xf9")


@dataclass
class MediaImportResult:
    stored: list[tuple[Path, str]] = field(default_factory=list)   # (file, sha256)
    linked: list[tuple[Path, str]] = field(default_factory=list)   # (file, accession)
    unmatched: list[Path] = field(default_factory=list)


def media_kind(path: Path) -> str | None:
    suffix = path.suffix.lower()
    if suffix in IMAGE_EXTENSIONS:
        return "image"
    if suffix in AUDIO_EXTENSIONS:
        return "audio"
    if suffix in MODEL_EXTENSIONS:
        return "model"
    return None


def store_image(store: MediaStore, path: Path) -> str:
    """Check, store and make the thumbnail and display copy of one image."""
    checked = open_checked(path)
    sha = store.add_file(path, kind="image", mime=checked.mime, ext=checked.ext,
                         width=checked.width, height=checked.height)
    if store.get_derived(sha, "thumb.jpg") is None:
        store.put_derived(sha, "thumb.jpg", jpeg_bytes(checked.image, max_side=THUMB_SIZE, quality=80))
        store.put_derived(sha, "display.jpg", jpeg_bytes(checked.image, max_side=DISPLAY_SIZE, quality=85))
    checked.image.close()
    return sha


def _check_audio(path: Path) -> None:
    check_audio_magic(path, path.suffix.lower())


def store_media_file(store: MediaStore, path: Path) -> str:
    kind = media_kind(path)
    require_regular_file(path, error=MediaError, what="media file")
    if kind == "image":
        return store_image(store, path)
    if kind == "audio":
        _check_audio(path)
        return store.add_file(path, kind="audio", mime=AUDIO_EXTENSIONS[path.suffix.lower()])
    if kind == "model":
        from assets.models.store import import_model  # trimesh, pyvista: only when a model comes

        return import_model(store.project, path).sha256
    raise MediaError(f"{path}: unsupported media type {path.suffix or '(no extension)'}")


def match_accession(name: str, accessions: dict[str, int]) -> str | None:
    """The accession number a file name begins with (longest match, case-insensitive)."""
    stem = name.rsplit(".", 1)[0].strip().lower()
    lowered = {a.lower(): a for a in accessions}
    if stem in lowered:
        return lowered[stem]
    # "1977.12_front", "1977.12-2", "1977.12 back": the accession, then a separator.
    cuts = [m.start() for m in re.finditer(r"[\s_\-]+", stem)]
    for cut in reversed(cuts):
        if stem[:cut] in lowered:
            return lowered[stem[:cut]]
    return None


def import_media(project: Project, paths: list[Path], *, object_key: str | None = None,
                 progress: Progress | None = None) -> MediaImportResult:
    """Store media files and link each to its object, all in one transaction."""
    progress = progress or null_progress()
    paths = without_companions(list(paths))  # an OBJ's textures are the model's, not images of their own
    catalog = Catalog(project)
    store = MediaStore(project)
    result = MediaImportResult()
    target = catalog.get(object_key) if object_key else None
    progress.start(len(paths), "importing media")
    with project.transaction(label="import media"):
        accessions = catalog.accessions()
        for path in paths:
            progress.check()
            sha = store_media_file(store, path)
            result.stored.append((path, sha))
            accession = target.accession if target else match_accession(path.name, accessions)
            if accession is None:
                result.unmatched.append(path)
            else:
                catalog.link_media(accessions[accession], sha, role=media_kind(path) or "image")
                result.linked.append((path, accession))
            progress.advance(1, path.name)
    progress.finish()
    return result


def media_files_in(folder: Path) -> list[Path]:
    """Media files below ``folder`` (hidden files skipped), in name order."""
    return sorted(p for p in folder.rglob("*")
                  if p.is_file() and not any(part.startswith(".") for part in p.relative_to(folder).parts)
                  and media_kind(p))
