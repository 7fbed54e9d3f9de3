"""The package's Collection: ``collection.html`` (search and filters, working
offline), ``collection-list-N.html`` (every published object as plain links, for
visitors without JavaScript), the prebuilt search index under ``data/``, and
each object page's related objects.

:func:`prepare` runs before the object pages are planned (they show related
objects); :func:`plan_collection` plans the Collection's own files.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from scenes.export.collection import FACET_LABELS, FACETS, facets_of, related_objects
from scenes.export.collection_index import COLLECTION_JSON, SEARCH_JSON, build_index, dumps
from scenes.export.pages import both, render
from scenes.export.plan import ExportPlan
from scenes.opendata.urls import object_page_path, object_slug

COLLECTION_PAGE = "collection.html"
FIRST_RESULTS = 48       # tiles in collection.html before any search (the rest come from the index)
LIST_PAGE_SIZE = 1000    # links per collection-list-N.html


@dataclass
class Collection:
    """The published objects in display order with what the pages need of them."""
    objects: list
    titles: list[dict]
    thumbnails: list[dict | None]
    facets: list[dict]
    related: dict[str, list[dict]] = field(default_factory=dict)   # accession -> [{href, title, thumbnail...}]

    def list_pages(self) -> list[str]:
        return [f"collection-list-{n + 1}.html" for n in range(max(1, -(-len(self.objects) // LIST_PAGE_SIZE)))]


def prepare(objects, object_media) -> Collection:
    """Facets, titles, thumbnails and related objects of the published ``objects``."""
    titles, thumbs = [], []
    for obj in objects:
        titles.append(both(obj.title_zh, obj.title_en) if (obj.title_zh or obj.title_en)
                      else both(obj.accession, obj.accession))
        thumb = next((m for m in object_media.get(obj.accession, ()) if m.kind == "image" and m.thumbnail), None)
        thumbs.append({"src": thumb.thumbnail, "width": thumb.thumbnail_width, "height": thumb.thumbnail_height}
                      if thumb else None)
    facets = [facets_of(o) for o in objects]
    collection = Collection(list(objects), titles, thumbs, facets)
    for i, near in enumerate(related_objects(objects, facets)):
        collection.related[objects[i].accession] = [_tile(collection, j, "../") for j in near]
    return collection


def _tile(c: Collection, i: int, prefix: str) -> dict:
    obj, thumb = c.objects[i], c.thumbnails[i]
    return {"href": prefix + object_page_path(obj.accession), "title": c.titles[i], "accession": obj.accession,
            "thumbnail": dict(thumb, src=prefix + thumb["src"]) if thumb else None}


def plan_collection(plan: ExportPlan, c: Collection, *, site_title: dict, kiosk: bool = False) -> None:
    """Plan ``collection.html``, the list pages and the index files."""
    collection_doc, search_doc = build_index(
        c.objects, c.facets, [object_slug(o.accession) for o in c.objects],
        [t["src"] if t else None for t in c.thumbnails], c.titles)
    plan.add_text(COLLECTION_JSON, dumps(collection_doc))
    plan.add_text(SEARCH_JSON, dumps(search_doc))
    filters = []
    for name in FACETS:
        values = sorted(collection_doc["facets"][name], key=lambda v: (-v[2], v[0]))
        filters.append({"name": name, "label": FACET_LABELS[name],
                        "values": [{"code": collection_doc["facets"][name].index(v), "zh": v[0],
                                    "en": v[1], "count": v[2]} for v in values]})
    title = {"zh": f"馆藏 · {site_title['zh']}", "en": f"Collection · {site_title['en']}"}
    lists = c.list_pages()
    plan.add_text(COLLECTION_PAGE, render(
        "collection.html", kiosk=kiosk, root="", page_kind="collection", title=title, site_title=site_title,
        description=f"{len(c.objects)} objects", jsonld=[], count=len(c.objects), filters=filters,
        first=[_tile(c, i, "") for i in range(min(FIRST_RESULTS, len(c.objects)))], list_pages=lists))
    for n, page in enumerate(lists):
        chunk = range(n * LIST_PAGE_SIZE, min(len(c.objects), (n + 1) * LIST_PAGE_SIZE))
        plan.add_text(page, render(
            "collection_list.html", kiosk=kiosk, root="", page_kind="collection-list",
            title={lang: f"{title[lang]} ({n + 1}/{len(lists)})" for lang in ("zh", "en")},
            site_title=site_title, description="", jsonld=[], number=n + 1, list_pages=lists, start=chunk.start + 1,
            entries=[_tile(c, i, "") for i in chunk]))


def precached(paths: list[str], objects, exhibited, object_media) -> list[str]:
    """The service worker's precache list without the pages and pictures of objects
    that are in the collection only (a large collection is cached as it is visited,
    not all at install); the Collection's index files stay, so search works offline."""
    shown = {o.accession for o in exhibited}
    skip = set()
    for obj in objects:
        if obj.accession in shown:
            continue
        skip.add(object_page_path(obj.accession))
        for m in object_media.get(obj.accession, ()):
            skip.update(p for p in (m.path, m.thumbnail) if p)
    skip.update(p for p in paths if p.startswith("collection-list-"))
    return [p for p in paths if p not in skip]
