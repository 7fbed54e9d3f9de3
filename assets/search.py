"""Ranked full-text search over the catalog (Chinese substrings and English words).

``search(project, "青铜")`` returns the best matches first (BM25, titles weighted
above descriptions). Filters narrow by field (``{"culture": "明"}``) and by year.

Ranking costs time in proportion to the number of matches (about a microsecond
each), and a one-character query can match a quarter of a 100,000-object
collection, where BM25's fine order means little. So results are ranked exactly
when there are at most :data:`RANK_LIMIT` matches; beyond that, objects whose
name fields (accession, title, maker, keywords) match come first — found in the
small ``object_names`` index — then the rest, each in index order: bounded work
for any query.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from assets.catalog import CatalogObject, Catalog
from assets.errors import InputError
from assets.project import Project
from assets.search_text import COLUMN_ALIASES, SEARCH_COLUMNS, to_match

# BM25 weights, one per index column (see SEARCH_COLUMNS).
_WEIGHTS = {"accession": 10.0, "title": 8.0, "maker": 4.0, "culture": 3.0, "medium": 2.0,
            "description": 1.0, "keywords": 4.0, "custom": 1.0}
_RANK = "bm25(object_search, " + ", ".join(str(_WEIGHTS[c]) for c in SEARCH_COLUMNS) + ")"
RANK_LIMIT = 2000


@dataclass(frozen=True)
class Query:
    """What to look for: free text, field filters and a year range."""
    text: str = ""
    fields: tuple[tuple[str, str], ...] = ()   # (field, words) pairs, e.g. ("culture", "明")
    year_from: int | None = None
    year_to: int | None = None

    def match(self) -> str | None:
        parts = []
        if self.text.strip():
            expr = to_match(self.text)
            if expr:
                parts.append(f"({expr})")
        for name, words in self.fields:
            column = COLUMN_ALIASES.get(name.lower())
            if column is None:
                known = ", ".join(sorted(set(COLUMN_ALIASES.values())))
                raise InputError(f"search: unknown field {name!r} (known: {known})")
            expr = to_match(" ".join(f"{column}:{w}" for w in words.split()))
            if expr:
                parts.append(f"({expr})")
        return " AND ".join(parts) if parts else None

    def sql(self, match: str | None = None, *, index: str = "object_search") -> tuple[str, str, list]:
        """``(id column, FROM/WHERE, arguments)`` for this query over the full-text
        ``index`` (``match`` replaces the query's own MATCH expression). Objects are
        joined only when a year range needs them."""
        where, args = [], []
        match = match or self.match()
        years = self.year_from is not None or self.year_to is not None
        if match and not years:
            return f"{index}.rowid", f"{index} WHERE {index} MATCH ?", [match]
        source = "objects o"
        if match:
            source = f"{index} JOIN objects o ON o.id = {index}.rowid"
            where.append(f"{index} MATCH ?")
            args.append(match)
        if self.year_from is not None:
            where.append("coalesce(o.year_latest, o.year_earliest) >= ?")
            args.append(self.year_from)
        if self.year_to is not None:
            where.append("coalesce(o.year_earliest, o.year_latest) <= ?")
            args.append(self.year_to)
        return "o.id", source + (" WHERE " + " AND ".join(where) if where else ""), args


def _ids(project: Project, q: Query, sql: str, args: list) -> list[int]:
    try:
        return [r[0] for r in project.db.execute(sql, args)]
    except sqlite3.OperationalError as e:
        raise InputError(f"search: cannot understand the query {q.text!r} ({e})") from None


def search_ids(project: Project, query: Query | str, *, limit: int | None = 50, offset: int = 0) -> list[int]:
    """Ids of matching objects, best first (accession order when there is no text)."""
    q = Query(query) if isinstance(query, str) else query
    match = q.match()
    page = "" if limit is None else f" LIMIT {int(limit)} OFFSET {int(offset)}"
    id_col, source, args = q.sql(match)
    if not match:
        return _ids(project, q, f"SELECT {id_col} FROM {source} ORDER BY o.accession{page}", args)
    probe = _ids(project, q, f"SELECT {id_col} FROM {source} LIMIT {RANK_LIMIT + 1}", args)
    if len(probe) <= RANK_LIMIT:
        return _ids(project, q, f"SELECT {id_col} FROM {source} ORDER BY {_RANK}{page}", args)
    want = None if limit is None else offset + limit
    names: list[int] = []
    if " : " not in match:  # field filters name columns the names index may not have
        names_col, names_source, names_args = q.sql(match, index="object_names")
        cap = "" if want is None else f" LIMIT {want}"
        names = _ids(project, q, f"SELECT {names_col} FROM {names_source}{cap}", names_args)
    ids = names
    if want is None or len(names) < want:
        # The rest, in index order; the names are all known here, so skip them.
        known = set(names)
        more = "" if want is None else f" LIMIT {want}"
        ids = names + [i for i in _ids(project, q, f"SELECT {id_col} FROM {source}{more}", args) if i not in known]
    return ids[offset:] if limit is None else ids[offset:offset + limit]


def search(project: Project, query: Query | str, *, limit: int = 50, offset: int = 0) -> list[CatalogObject]:
    """Matching objects, best first."""
    return Catalog(project).rows(search_ids(project, query, limit=limit, offset=offset))


def count(project: Project, query: Query | str) -> int:
    q = Query(query) if isinstance(query, str) else query
    _, source, args = q.sql()
    return project.db.execute(f"SELECT count(*) FROM {source}", args).fetchone()[0]
