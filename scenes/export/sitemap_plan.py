"""Making a package harvestable: JSON-LD on every page and, with a base URL,
``sitemap.xml``, ``robots.txt`` and the OAI-PMH snapshot (see
:mod:`scenes.export.sitemap`, :mod:`scenes.export.oai`,
:mod:`scenes.opendata.page_jsonld`).

Runs after every page is planned, so pages added by any part of the exporter
are covered.
"""

from __future__ import annotations

from scenes.export.oai import oai_snapshot
from scenes.export.plan import ExportPlan, PlannedFile
from scenes.export.sitemap import ROBOTS_PATH, SITEMAP_PATH, robots_txt, sitemap_pages, sitemap_xml
from scenes.opendata.jsonld import MuseumInfo
from scenes.opendata.page_jsonld import has_jsonld, with_page_jsonld
from scenes.opendata.urls import object_page_path


def plan_harvestable(plan: ExportPlan, project, *, exhibition, objects, museum: MuseumInfo,
                     base_url: str | None, iiif_paths: dict[str, str] | None = None) -> None:
    """Add a WebPage record to every page without JSON-LD; with ``base_url`` also plan
    the sitemap, robots.txt and ``oai/*.xml``."""
    site_title = {"zh": exhibition.title_zh or "", "en": exhibition.title_en or ""}
    pages = sitemap_pages(plan.paths())
    for path in pages:
        planned = plan.files[path]
        if planned.data is None:
            continue  # a page copied from a contribution's file: left as its author made it
        text = planned.data.decode("utf-8")
        if not has_jsonld(text):
            data = with_page_jsonld(text, path, exhibition_title=site_title, museum=museum,
                                    base_url=base_url).encode("utf-8")
            plan.files[path] = PlannedFile(path, len(data), data=data)
    if not base_url:
        return
    datestamps = _datestamps(project, objects)
    plan.add_text(SITEMAP_PATH, sitemap_xml(base_url, pages, {object_page_path(a): d for a, d in datestamps.items()}))
    plan.add_text(ROBOTS_PATH, robots_txt(base_url))
    name = {"zh": museum.name_zh or site_title["zh"], "en": museum.name_en or site_title["en"]}
    snapshot = oai_snapshot(objects, base_url=base_url, museum=museum, repository_name=name,
                            datestamps=datestamps,
                            admin_email=project.get_setting("museum.email", "") or "", iiif_paths=iiif_paths)
    for path, text in snapshot.files.items():
        plan.add_text(path, text)


def _datestamps(project, objects) -> dict[str, str]:
    """Each object's last edit in the catalog (``YYYY-MM-DDThh:mm:ssZ``)."""
    ids = [o.id for o in objects if o.id is not None]
    out: dict[str, str] = {}
    for start in range(0, len(ids), 500):  # SQLite's bound-parameter limit
        chunk = ids[start:start + 500]
        rows = project.db.execute(f"SELECT accession, updated_at FROM objects WHERE id IN "
                                  f"({','.join('?' * len(chunk))})", chunk)
        out.update(dict(rows.fetchall()))
    return out
