"""The collection catalog: a museum's objects, their fields, and their media.

Objects carry the fields museums use (accession number, titles in Chinese and
English, maker, dates as display text plus earliest/latest year, culture, medium,
dimensions, credit line, descriptions, rights, keywords) and free custom fields.
Every write keeps the search index (``object_search``) in step, in the same
transaction.
"""

from __future__ import annotations

import json
import operator
from dataclasses import dataclass, field, fields
from typing import Iterable, Iterator

from assets.errors import InputError, NotFound
from assets.progress import Progress, null_progress
from assets.project import Project
from assets.search_text import index_rows

# The catalog's own fields, in the order a record shows them.
TEXT_FIELDS = (
    "accession", "title_zh", "title_en", "maker", "date_text", "culture", "medium",
    "dimensions", "credit_line", "description_zh", "description_en", "rights", "keywords",
)
YEAR_FIELDS = ("year_earliest", "year_latest")
FIELDS = TEXT_FIELDS + YEAR_FIELDS
_COLUMNS = ("id",) + FIELDS + ("custom",)
_field_values = operator.attrgetter(*FIELDS)  # an object's FIELDS as a tuple, at C speed
_BATCH = 2000


@dataclass
class CatalogObject:
    """One object of the collection."""
    accession: str
    title_zh: str = ""
    title_en: str = ""
    maker: str = ""
    date_text: str = ""
    culture: str = ""
    medium: str = ""
    dimensions: str = ""
    credit_line: str = ""
    description_zh: str = ""
    description_en: str = ""
    rights: str = ""
    keywords: str = ""
    year_earliest: int | None = None
    year_latest: int | None = None
    custom: dict[str, str] = field(default_factory=dict)
    id: int | None = None
    media: list[str] = field(default_factory=list)  # sha256 of linked media, in order

    @property
    def title(self) -> str:
        """The title to show when no language is chosen: Chinese first."""
        return self.title_zh or self.title_en or self.accession

    def search_fields(self) -> tuple[str, ...]:
        """The object's text as the search index's columns, before tokenising
        (:func:`assets.search_text.index_rows` does that for a whole batch)."""
        return (
            self.accession,
            f"{self.title_zh} {self.title_en}",
            self.maker,
            f"{self.culture} {self.date_text}",
            f"{self.medium} {self.dimensions}",
            f"{self.description_zh} {self.description_en}",
            self.keywords,
            " ".join(str(v) for v in self.custom.values()),
        )

    def validate(self, where: str) -> None:
        """Refuse a record that cannot be stored; ``where`` names its source (file and row)."""
        if not self.accession.strip():
            raise InputError(f"{where}: no accession number")
        for name in YEAR_FIELDS:
            value = getattr(self, name)
            if value is not None and not isinstance(value, int):
                raise InputError(f"{where}: {name} is not a whole year ({value!r})")
            if value is not None and not YEAR_RANGE[0] <= value <= YEAR_RANGE[1]:
                raise InputError(f"{where}: {name} {value} is not a year between {YEAR_RANGE[0]} and {YEAR_RANGE[1]}")
        if (self.year_earliest is not None and self.year_latest is not None
                and self.year_earliest > self.year_latest):
            raise InputError(f"{where}: earliest year {self.year_earliest} is after latest year {self.year_latest}")


YEAR_RANGE = (-5_000_000, 9999)  # fossils and meteorites have years too; the future ends at 9999


def _unindex(db, ids: list[int]) -> None:
    """Remove objects from both search indexes. ``object_names`` is contentless, so
    its entries are deleted with the text they were indexed with (from ``object_search``)."""
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        marks = ",".join("?" * len(chunk))
        old = db.execute(f"SELECT rowid, accession, title, maker, keywords FROM object_search "
                         f"WHERE rowid IN ({marks})", chunk).fetchall()
        db.executemany("INSERT INTO object_names(object_names, rowid, accession, title, maker, keywords) "
                       "VALUES ('delete', ?, ?, ?, ?, ?)", old)
        db.execute(f"DELETE FROM object_search WHERE rowid IN ({marks})", chunk)


def reindex(db, ids: list[int]) -> None:
    """Make the search indexes match the ``objects`` rows with these ids, whatever
    they held before (used after undo and redo restore rows behind the catalog's back)."""
    ids = sorted(set(ids))
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        marks = ",".join("?" * len(chunk))
        indexed = [r[0] for r in db.execute(f"SELECT rowid FROM object_search WHERE rowid IN ({marks})", chunk)]
        if indexed:
            _unindex(db, indexed)
        objects = [_from_row(r) for r in db.execute(
            f"SELECT {', '.join(_COLUMNS)} FROM objects WHERE id IN ({marks})", chunk)]
        if objects:
            Catalog._flush(db, [], [], [(obj.id, obj.search_fields()) for obj in objects])


def _from_row(row: tuple) -> CatalogObject:
    values = dict(zip(_COLUMNS, row))
    values["custom"] = json.loads(values["custom"] or "{}")
    return CatalogObject(**values)


class Catalog:
    """The objects of one project."""

    def __init__(self, project: Project):
        self.project = project
        self.db = project.db

    # -- reading -------------------------------------------------------------
    def count(self) -> int:
        return self.db.execute("SELECT count(*) FROM objects").fetchone()[0]

    def get(self, key: int | str) -> CatalogObject:
        """An object by id or accession number, with its media."""
        if isinstance(key, int):
            row = self.db.execute(f"SELECT {', '.join(_COLUMNS)} FROM objects WHERE id = ?", (key,)).fetchone()
        else:
            row = self.db.execute(f"SELECT {', '.join(_COLUMNS)} FROM objects WHERE accession = ?", (key,)).fetchone()
        if row is None:
            raise NotFound(f"{self.project.path}: no object {key!r}")
        obj = _from_row(row)
        obj.media = self.media_of(obj.id)
        return obj

    def ids(self) -> list[int]:
        """Every object id in accession order (cheap even at 100,000 objects)."""
        return [r[0] for r in self.db.execute("SELECT id FROM objects ORDER BY accession")]

    def rows(self, ids: list[int]) -> list[CatalogObject]:
        """The objects with these ids, in the order given (media not loaded)."""
        if not ids:
            return []
        marks = ",".join("?" * len(ids))
        found = {r[0]: _from_row(r) for r in self.db.execute(
            f"SELECT {', '.join(_COLUMNS)} FROM objects WHERE id IN ({marks})", ids)}
        return [found[i] for i in ids if i in found]

    def iter_all(self) -> Iterator[CatalogObject]:
        for row in self.db.execute(f"SELECT {', '.join(_COLUMNS)} FROM objects ORDER BY accession"):
            yield _from_row(row)

    def media_of(self, object_id: int) -> list[str]:
        return [r[0] for r in self.db.execute(
            "SELECT sha256 FROM object_media WHERE object_id = ? ORDER BY position, rowid", (object_id,))]

    def accessions(self) -> dict[str, int]:
        return dict(self.db.execute("SELECT accession, id FROM objects"))

    # -- writing -------------------------------------------------------------
    def add(self, obj: CatalogObject) -> int:
        """Add or update one object (matched by accession number); returns its id."""
        return self.upsert_many([(f"object {obj.accession}", obj)])[0]

    def upsert_many(self, records: Iterable[tuple[str, CatalogObject]], *,
                    progress: Progress | None = None, total: int | None = None) -> list[int]:
        """Add or update many objects in ONE transaction: all are stored, or none.

        ``records`` pairs each object with where it came from (``"file.csv: row 7"``),
        used in error messages. Returns the ids in the same order.
        """
        progress = progress or null_progress()
        progress.start(total, "importing")
        ids: list[int] = []
        with self.project.transaction(label="edit records") as db:
            known = self.accessions()
            next_id = (db.execute("SELECT max(id) FROM objects").fetchone()[0] or 0) + 1
            inserts, updates, search = [], [], []
            for n, (where, obj) in enumerate(records):
                if n % 100 == 0:
                    progress.check()
                obj.validate(where)
                values = _field_values(obj) + (json.dumps(obj.custom, ensure_ascii=False) if obj.custom else "{}",)
                oid = known.get(obj.accession)
                if oid is None:
                    oid = next_id
                    next_id += 1
                    known[obj.accession] = oid
                    inserts.append((oid,) + values)
                else:
                    updates.append(values + (oid,))
                obj.id = oid
                ids.append(oid)
                search.append((oid, obj.search_fields()))
                if len(search) >= _BATCH:
                    self._flush(db, inserts, updates, search)
                    progress.advance(len(search))
                    progress.check()
                    inserts, updates, search = [], [], []
            self._flush(db, inserts, updates, search)
            progress.advance(len(search))
        progress.finish()
        return ids

    @staticmethod
    def _flush(db, inserts, updates, search) -> None:
        cols = ", ".join(FIELDS + ("custom",))
        if inserts:
            db.executemany(f"INSERT INTO objects(id, {cols}) VALUES ({','.join('?' * (len(FIELDS) + 2))})", inserts)
        if updates:
            sets = ", ".join(f"{c} = ?" for c in FIELDS + ("custom",))
            db.executemany(f"UPDATE objects SET {sets}, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ','now') "
                           f"WHERE id = ?", updates)
            _unindex(db, [u[-1] for u in updates])
        if search:
            indexed = index_rows([fields for _, fields in search])
            search = [(oid,) + row for (oid, _), row in zip(search, indexed)]
            db.executemany("INSERT INTO object_search(rowid, accession, title, maker, culture, medium, "
                           "description, keywords, custom) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", search)
            db.executemany("INSERT INTO object_names(rowid, accession, title, maker, keywords) VALUES (?, ?, ?, ?, ?)",
                           [(r[0], r[1], r[2], r[3], r[7]) for r in search])

    def delete(self, key: int | str) -> None:
        obj = self.get(key)
        with self.project.transaction(label="delete object") as db:
            _unindex(db, [obj.id])
            db.execute("DELETE FROM objects WHERE id = ?", (obj.id,))

    def link_media(self, object_id: int, sha256: str, *, role: str = "image") -> None:
        with self.project.transaction(label="link media") as db:
            position = db.execute("SELECT count(*) FROM object_media WHERE object_id = ?", (object_id,)).fetchone()[0]
            db.execute("INSERT OR IGNORE INTO object_media(object_id, sha256, role, position) VALUES (?, ?, ?, ?)",
                       (object_id, sha256, role, position))


def object_fields() -> list[str]:
    """Names of the catalog's own fields (for mappings and forms)."""
    return [f.name for f in fields(CatalogObject) if f.name in FIELDS]


# Fields a curator edits by hand; the accession number is the object's identity
# (media and imports match on it), so it is not among them.
EDITABLE_FIELDS = tuple(f for f in FIELDS if f != "accession")


def edit_record(project: Project, object_id: int, **values: str | int | None) -> CatalogObject:
    """Change some fields of one object, as one user action ("edit record").

    ``values`` maps field names (:data:`EDITABLE_FIELDS`) to their new values; text
    is stripped. Returns the object as stored. Raises :class:`InputError` for an
    unknown field or a value the record refuses, :class:`NotFound` for no object.
    """
    unknown = sorted(set(values) - set(EDITABLE_FIELDS))
    if unknown:
        raise InputError(f"{project.path}: object {object_id}: cannot edit field {unknown[0]!r} "
                         f"(fields: {', '.join(EDITABLE_FIELDS)})")
    catalog = Catalog(project)
    obj = catalog.get(object_id)
    for name, value in values.items():
        setattr(obj, name, value.strip() if isinstance(value, str) else value)
    with project.transaction(label="edit record"):
        catalog.upsert_many([(f"{project.path}: object {obj.accession}", obj)])
    return catalog.get(object_id)
