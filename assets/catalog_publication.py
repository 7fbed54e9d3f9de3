"""Which catalog objects the web package publishes (the per-object "publish" flag).

Every object is published unless it was withdrawn with :func:`set_published`
(``yunzhan catalog publish --off ACCESSION``); objects shown in halls are always
published, since the halls link to their pages.
"""

from __future__ import annotations

from typing import Iterable

from assets.errors import NotFound
from assets.project import Project


def set_published(project: Project, accessions: Iterable[str], published: bool) -> int:
    """Publish (or withdraw) the objects with these accession numbers, as one undoable
    step; returns how many objects changed.

    :raises NotFound: naming the first accession number the catalog does not hold.
    """
    accessions = list(dict.fromkeys(accessions))
    label = "publish objects" if published else "withdraw objects from publication"
    changed = 0
    with project.transaction(label=label) as db:
        for accession in accessions:
            row = db.execute("SELECT id FROM objects WHERE accession = ?", (accession,)).fetchone()
            if row is None:
                raise NotFound(f"{project.path}: no object {accession!r}",
                               hint="see 'yunzhan search' for the accession numbers")
            was = is_published(project, row[0])
            if was == published:
                continue
            if published:
                db.execute("DELETE FROM object_publication WHERE object_id = ?", (row[0],))
            else:
                db.execute("INSERT OR REPLACE INTO object_publication (object_id, publish) VALUES (?, 0)", (row[0],))
            changed += 1
    return changed


def is_published(project: Project, object_id: int) -> bool:
    row = project.db.execute("SELECT publish FROM object_publication WHERE object_id = ?", (object_id,)).fetchone()
    return row is None or bool(row[0])


def withdrawn_ids(project: Project) -> set[int]:
    """Ids of the objects withdrawn from publication."""
    return {r[0] for r in project.db.execute("SELECT object_id FROM object_publication WHERE publish = 0")}
