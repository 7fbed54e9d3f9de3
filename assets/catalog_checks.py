"""Checks of the project file and its catalog, for ``yunzhan check``."""

from __future__ import annotations

import sqlite3

from assets.findings import ERROR, WARNING, Finding
from assets.project import Project


def check_project(project: Project) -> list[Finding]:
    """SQLite's own integrity check, the media store, and the catalog's records."""
    findings = [Finding(ERROR, str(project.path), f"integrity: {problem}") for problem in project.integrity_check()]
    db = project.db
    for sha, ext in db.execute("SELECT sha256, ext FROM media WHERE storage = 'sqlar' AND NOT EXISTS "
                               "(SELECT 1 FROM sqlar WHERE name = 'media/' || sha256 || '.' || ext)"):
        findings.append(Finding(ERROR, f"media {sha[:12]}", "bytes missing from the archive"))
    external = project.path.with_name(project.path.name + ".media")
    for sha, ext, size in db.execute("SELECT sha256, ext, size FROM media WHERE storage = 'external'"):
        path = external / f"{sha}.{ext}"
        if not path.exists():
            findings.append(Finding(ERROR, f"media {sha[:12]}", f"file missing: {path}"))
        elif path.stat().st_size != size:
            findings.append(Finding(ERROR, f"media {sha[:12]}", f"file {path} has changed size"))
    for accession, in db.execute("SELECT accession FROM objects WHERE title_zh = '' AND title_en = ''"):
        findings.append(Finding(WARNING, f"object {accession}", "no title"))
    objects = db.execute("SELECT count(*) FROM objects").fetchone()[0]
    indexed = db.execute("SELECT count(*) FROM object_search").fetchone()[0]
    if indexed != objects:
        findings.append(Finding(ERROR, "search index", f"{indexed} entries for {objects} objects"))
    if project.readonly:  # opened read-only (a read-only medium): FTS5 checks itself only by a write
        return findings
    try:
        db.execute("INSERT INTO object_names(object_names, rank) VALUES ('integrity-check', 0)")
    except sqlite3.DatabaseError as e:
        findings.append(Finding(ERROR, "search index object_names", str(e)))
    return findings
