"""A project for the Collection's tests: the sample exhibition (one hall, two
objects pinned in it) plus twenty sample catalog records (the earlier demo's, kept in
tests/data), one withdrawn."""

from __future__ import annotations

import csv
from pathlib import Path

from assets.catalog import Catalog, CatalogObject

DEMO_CSV = Path(__file__).resolve().parents[2] / "tests" / "data" / "sample_objects.csv"
WITHDRAWN = "YZ-0020"


def demo_records() -> list[CatalogObject]:
    with DEMO_CSV.open(encoding="utf-8") as f:
        return [CatalogObject(accession=r["编号"], title_zh=r["名称"], title_en=r["title_en"], date_text=r["年代"],
                              culture=r["文化"], medium=r["材质"], dimensions=r["尺寸"], description_zh=r["描述"],
                              description_en=r["description_en"], keywords=r["关键词"], rights=r["rights"])
                for r in csv.DictReader(f)]


def build_collection_project(path: Path):
    from assets.catalog_publication import set_published
    from tests.export.sample_project import build_project, generated_panorama

    project = build_project(path, [generated_panorama(path.with_name("pano.jpg"), width=1024)], objects=2)
    Catalog(project).upsert_many([(f"demo row {n}", obj) for n, obj in enumerate(demo_records(), 2)])
    set_published(project, [WITHDRAWN], False)
    return project
