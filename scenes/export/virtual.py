"""Publishing virtual halls: each hall's one GLB, its walk-through page (the works
listed as text first; walk.js on request) and its open data entry."""

from __future__ import annotations

import dataclasses
import json
import tempfile
from pathlib import Path

from assets.progress import Progress
from assets.project import Project
from scenes.export.derived import DerivedCache
from scenes.export.pages import both, render
from scenes.export.plan import ExportPlan
from scenes.opendata.urls import object_page_path
from scenes.virtual_hall_glb import hall_glb
from scenes.virtual_halls import VirtualHall, footprints, list_halls


def page_path(slug: str) -> str:
    return f"virtual/{slug}.html"


def object_ids(project: Project) -> list[int]:
    """The catalog objects shown in virtual halls (their pages must be exported)."""
    return [oid for (oid,) in project.db.execute(
        "SELECT DISTINCT i.object_id FROM virtual_hall_items i JOIN virtual_halls h ON h.id = i.hall_id "
        "ORDER BY h.position, i.position")]


def publish_virtual_halls(project: Project, cache: DerivedCache, plan: ExportPlan, *,
                          progress: Progress) -> list[tuple[VirtualHall, str]]:
    """Plan every virtual hall's GLB; returns (hall, its GLB's package path)."""
    halls = list_halls(project)
    out = []
    progress.start(len(halls), "virtual halls")
    for hall in halls:
        progress.check()
        media = {i.object_id: [s for (s,) in project.db.execute(
            "SELECT sha256 FROM object_media WHERE object_id = ? ORDER BY position", (i.object_id,))]
            for i in hall.items}
        key = {"hall": dataclasses.asdict(hall), "media": {str(k): v for k, v in media.items()}, "v": 1}
        glb = cache.get("vhall-glb", key, "glb", lambda h=hall: _glb_bytes(project, h))
        rel = f"media/vhall-{hall.slug}.glb"
        plan.add_file(rel, glb)
        out.append((hall, rel))
        progress.advance()
    return out


def _glb_bytes(project: Project, hall: VirtualHall) -> bytes:
    with tempfile.TemporaryDirectory(prefix="yunzhan-vhall-") as tmp:
        path = Path(tmp) / "hall.glb"
        hall_glb(project, hall, path)
        return path.read_bytes()


def _titles(project: Project) -> dict[str, dict]:
    return {acc: both(zh, en or acc) for acc, zh, en in project.db.execute(
        "SELECT accession, title_zh, title_en FROM objects")}


def hall_entry(hall: VirtualHall, glb: str, titles: dict[str, dict]) -> dict:
    """The hall's entry in exhibition.json's ``virtual_halls``."""
    def r(v):
        return round(float(v), 4)

    return {
        "slug": hall.slug, "title": {"zh": hall.title_zh, "en": hall.title_en}, "page": page_path(hall.slug),
        "glb": glb,
        "room": {"width": hall.width, "depth": hall.depth, "height": hall.height, "wall_colour": hall.wall_colour,
                 "floor": hall.floor, "light": hall.light},
        "start": [r(v) for v in hall.start],
        "works": [{"object": i.accession, "kind": i.kind, "wall": i.wall, "position": [r(i.x), r(i.y), r(i.z)],
                   "yaw": r(i.yaw), "size": [r(i.width), r(i.height), r(i.depth)], "plinth": r(i.plinth),
                   "title": titles.get(i.accession, both(i.accession, i.accession))}
                  for i in hall.items],
    }


def plan_virtual_pages(project: Project, plan: ExportPlan, published: list[tuple[VirtualHall, str]], *,
                       site_title: dict, kiosk: bool) -> list[dict]:
    """Plan ``virtual/<slug>.html`` per hall; returns the open data entries."""
    titles = _titles(project)
    entries = []
    for hall, glb in published:
        entry = hall_entry(hall, glb, titles)
        entries.append(entry)
        layout = {"glb": "../" + glb, "room": entry["room"], "start": entry["start"],
                  "blocked": [[round(v, 4) for v in box] for box in footprints([dataclasses.asdict(i)
                                                                             for i in hall.items])],
                  "works": [dict(w, href="../" + object_page_path(w["object"])) for w in entry["works"]]}
        text = json.dumps(layout, ensure_ascii=False, separators=(",", ":"))
        for raw, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
            text = text.replace(raw, escaped)
        title = both(hall.title_zh, hall.title_en or hall.slug)
        plan.add_text(page_path(hall.slug), render(
            "virtual.html", kiosk=kiosk, model=True, root="../", page_kind="virtual",
            title={lang: f"{title[lang]} · {site_title[lang]}" for lang in ("zh", "en")}, site_title=site_title,
            hall={"title": title, "works": entry["works"], "json": text,
                  "size": f"{hall.width:g} × {hall.depth:g} × {hall.height:g} m"},
            object_href=lambda acc: "../" + object_page_path(acc)))
    return entries
