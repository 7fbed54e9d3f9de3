"""Importing a dropped collection: tables of records and folders of photos together.

A curator drops files and folders at once (a ``metadata.csv`` beside its photos).
:func:`sort_dropped` sorts them into tables, media and files Yunzhan cannot use;
:func:`propose_mapping` proposes a field for each column of a table (the well-known
names of :mod:`assets.catalog_import`, plus the column that names each object's
photo files); :func:`import_collection` then stores the records and the media in
ONE transaction, linking each photo to the object whose row names it (or whose
accession number begins its file name).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from assets.catalog import Catalog
from assets.catalog_import import IGNORE, ImportResult, import_table, resolve_mapping, to_objects
from assets.media_import import match_accession, media_kind, store_media_file
from assets.media_store import MediaStore
from assets.models.sources import without_companions
from assets.progress import Progress, null_progress
from assets.project import Project
from assets.tabular import Table, read_table

TABLE_SUFFIXES = (".csv", ".tsv", ".txt", ".json")
MEDIA_TARGET = "media"  # the column holds the file names of the object's photos
MEDIA_COLUMNS = ("image_file", "image_files", "image", "images", "photo", "photos", "file", "filename",
                 "media", "图片", "图像", "照片", "图片文件", "文件名")
_SEPARATORS = re.compile(r"[;|,]\s*")


@dataclass
class DroppedFiles:
    """What was dropped, sorted: tables of records, media files, and the rest."""
    tables: list[Path] = field(default_factory=list)
    media: list[Path] = field(default_factory=list)
    unsupported: list[Path] = field(default_factory=list)


@dataclass
class CollectionImportResult:
    tables: list[ImportResult] = field(default_factory=list)
    media: list[tuple[Path, str]] = field(default_factory=list)      # (file, sha256)
    linked: list[tuple[Path, str]] = field(default_factory=list)     # (file, accession)
    unmatched: list[Path] = field(default_factory=list)

    @property
    def records(self) -> int:
        return sum(t.rows for t in self.tables)


def sort_dropped(paths: list[str | Path]) -> DroppedFiles:
    """Sort dropped files and folders (searched recursively, hidden files skipped)."""
    found = DroppedFiles()
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files += sorted(p for p in path.rglob("*") if p.is_file()
                            and not any(part.startswith(".") for part in p.relative_to(path).parts))
        else:
            files.append(path)
    for path in files:
        if path.suffix.lower() in TABLE_SUFFIXES:
            found.tables.append(path)
        elif media_kind(path):
            found.media.append(path)
        else:
            found.unsupported.append(path)
    found.media = without_companions(found.media)  # a model's textures go in with the model
    return found


def propose_mapping(table: Table) -> dict[str, str]:
    """Each column's field: the well-known names, the photo-file column, else custom."""
    mapping = resolve_mapping(table.columns, {})
    if MEDIA_TARGET not in mapping.values():
        for column in table.columns:
            if column.strip().lower() in MEDIA_COLUMNS and mapping[column].startswith("custom:"):
                mapping[column] = MEDIA_TARGET
                break
    return mapping


def _named_media(path: Path, mapping: dict[str, str]) -> dict[str, str]:
    """file name (lower case) → accession, from the table's photo-file columns."""
    columns = [c for c, t in mapping.items() if t == MEDIA_TARGET]
    if not columns:
        return {}
    table = read_table(path)
    plain = {c: (IGNORE if t == MEDIA_TARGET else t) for c, t in mapping.items()}
    named: dict[str, str] = {}
    for (_, record), (_, obj) in zip(table.rows, to_objects(table, plain)):
        for column in columns:
            for name in _SEPARATORS.split(str(record.get(column) or "")):
                if name.strip():
                    named.setdefault(Path(name.strip()).name.lower(), obj.accession)
    return named


def import_collection(project: Project, tables: list[tuple[Path, dict[str, str]]], media: list[Path], *,
                      progress: Progress | None = None) -> CollectionImportResult:
    """Import tables (each with its column mapping) and media files as one user action.

    All of it is stored, or — on the first bad row or file — none of it.
    """
    progress = progress or null_progress()
    result = CollectionImportResult()
    catalog = Catalog(project)
    store = MediaStore(project)
    named: dict[str, str] = {}
    with project.transaction(label="import collection"):
        for path, mapping in tables:
            plain = {c: (IGNORE if t == MEDIA_TARGET else t) for c, t in mapping.items()}
            imported = import_table(project, path, mapping=plain, progress=progress)
            imported.mapping = dict(mapping)
            result.tables.append(imported)
            named.update(_named_media(path, mapping))
        if media:
            accessions = catalog.accessions()
            progress.start(len(media), "importing media")
            for path in media:
                progress.check()
                sha = store_media_file(store, path)
                result.media.append((path, sha))
                accession = named.get(path.name.lower()) or match_accession(path.name, accessions)
                if accession is None or accession not in accessions:
                    result.unmatched.append(path)
                else:
                    catalog.link_media(accessions[accession], sha, role=media_kind(path) or "image")
                    result.linked.append((path, accession))
                progress.advance(1, path.name)
            progress.finish()
    return result
