"""The collection's offline search index and object list, prebuilt at export time
and read by the Collection page (scenes/web/src/search.js).

Chinese is indexed as the studio indexes it (assets.search_text): every CJK
character is a term, so one-character queries (瓷) work; adjacent pairs are terms
too, so a two-character query (青铜) is one look-up and a longer one a chain of
pairs. Latin text is indexed by lower-case words (the last word of a query is
matched as a prefix). The English forms of facet values are indexed as well, so
"porcelain" finds 瓷.

Postings are object positions, delta-encoded as base-64 varints (see
:func:`encode_postings`): small enough that 10,000 objects stay well under
1.5 MB gzipped (bench/collection.py).
"""

from __future__ import annotations

import json
import re
from typing import Sequence

from scenes.export.collection import FACETS

COLLECTION_JSON = "data/collection.json"
SEARCH_JSON = "data/collection-search.json"
FORMAT_VERSION = 1

# 64 characters, URL- and JSON-safe: the first 32 end a number, the last 32 continue it.
ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
_CJK_RUN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]+")
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def encode_postings(positions: Sequence[int]) -> str:
    """Ascending positions as gaps, each gap as 5-bit groups, most significant first:
    a group of the last 32 characters means "more follows"."""
    out = []
    previous = -1
    for p in positions:
        gap = p - previous - 1
        previous = p
        groups = [gap & 31]
        gap >>= 5
        while gap:
            groups.append(gap & 31)
            gap >>= 5
        for g in reversed(groups[1:]):
            out.append(ALPHABET[32 + g])
        out.append(ALPHABET[groups[0]])
    return "".join(out)


def decode_postings(text: str) -> list[int]:
    """The inverse of :func:`encode_postings` (the browser's decoder does the same)."""
    out, value, previous = [], 0, -1
    for ch in text:
        digit = ALPHABET.index(ch)
        if digit >= 32:
            value = value * 32 + digit - 32
        else:
            previous = previous + 1 + value * 32 + digit
            out.append(previous)
            value = 0
    return out


def terms_of(text: str) -> set[str]:
    """The index terms of a text: CJK characters and adjacent pairs, lower-case words."""
    terms: set[str] = set()
    if not text:
        return terms
    for run in _CJK_RUN.findall(text):
        terms.update(run)
        terms.update(run[i:i + 2] for i in range(len(run) - 1))
    latin = _CJK_RUN.sub(" ", text).lower()
    terms.update(_WORD.findall(latin))
    return terms


def search_text(obj, facets: dict) -> str:
    """Everything of an object the Collection search looks in."""
    parts = [obj.accession, obj.title_zh, obj.title_en, obj.maker, obj.date_text, obj.culture, obj.medium,
             obj.keywords, obj.description_zh, obj.description_en, *map(str, obj.custom.values())]
    parts += [f.en for f in facets.values() if f is not None and f.en]
    return "\n".join(p for p in parts if p)


def build_index(objects: Sequence, facets: Sequence[dict], pages: Sequence[str], thumbnails: Sequence[str | None],
                titles: Sequence[dict]) -> tuple[dict, dict]:
    """``(collection document, search document)`` for objects in display order."""
    values: dict[str, dict[str, int]] = {name: {} for name in FACETS}
    facet_list: dict[str, list] = {name: [] for name in FACETS}
    rows = []
    postings: dict[str, list[int]] = {}
    for i, obj in enumerate(objects):
        codes = []
        for name in FACETS:
            f = facets[i][name]
            if f is None:
                codes.append(-1)
                continue
            known = values[name]
            if f.zh not in known:
                known[f.zh] = len(facet_list[name])
                facet_list[name].append([f.zh, f.en])
            codes.append(known[f.zh])
        rows.append([pages[i], obj.accession, titles[i]["zh"], titles[i]["en"], thumbnails[i] or "", *codes])
        for term in terms_of(search_text(obj, facets[i])):
            postings.setdefault(term, []).append(i)
    counts = {name: [0] * len(facet_list[name]) for name in FACETS}
    for row in rows:
        for k, name in enumerate(FACETS):
            if row[5 + k] >= 0:
                counts[name][row[5 + k]] += 1
    collection = {"version": FORMAT_VERSION, "facets": {name: [v + [counts[name][n]] for n, v in
                                                               enumerate(facet_list[name])] for name in FACETS},
                  "columns": ["page", "accession", "title_zh", "title_en", "thumbnail", *FACETS], "objects": rows}
    search = {"version": FORMAT_VERSION, "count": len(rows),
              "terms": {t: encode_postings(p) for t, p in sorted(postings.items())}}
    return collection, search


def dumps(doc: dict) -> str:
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":")) + "\n"
