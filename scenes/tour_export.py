"""Export the exhibition's halls as a tour for another viewer, so a museum is never
locked in: a Pannellum tour configuration, Photo Sphere Viewer virtual-tour nodes,
or a Marzipano ``data.js``. The reverse of :mod:`scenes.tour_import`, which reads
all three back.

Every format gets the original panorama photos (``panoramas/<hall slug>.jpg``,
full resolution, as stored) and one file describing the tour:

- ``pannellum``: ``tour.json``, a Pannellum configuration (``default.firstScene``,
  ``scenes`` with initial view, north offset, horizon correction, partial coverage
  as ``haov``/``vaov``/``vOffset``; hall links as ``scene`` hot spots with the arrival
  view as ``targetYaw``/``targetPitch``; notes and objects as ``info`` hot spots).
- ``psv``: ``tour.json``, ``{"startNodeId", "nodes"}`` for the VirtualTourPlugin (links
  and markers positioned by ``yaw``/``pitch`` in degrees, ``sphereCorrection`` in
  radians, ``panoData`` for partial panoramas).
- ``marzipano``: ``data.js`` (``var APP_DATA = {...}``, the Marzipano tool's shape;
  radians, pitch positive downwards; each scene's ``panorama`` names its photo and
  ``levels`` describe it, for ``Marzipano.EquirectGeometry``).

Texts are in one language (``lang``, falling back to the other), always as text:
escaped where a viewer reads HTML (PSV, the Marzipano tool), with Pannellum's
``escapeHTML`` on. What a format cannot hold is listed in :attr:`TourExport.notes`.

Example::

    result = export_tour(project, "tour", fmt="pannellum")
    result.files   # ('tour.json', 'panoramas/lobby.jpg', ...)
"""

from __future__ import annotations

import json
import math
from html import escape
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from assets.catalog import Catalog
from assets.media_store import MediaStore
from assets.panorama import PanoramaFacts, panorama_facts
from assets.progress import Progress, null_progress
from assets.project import Project
from scenes import model
from scenes.errors import ExhibitionError

TOUR_FORMATS = ("pannellum", "psv", "marzipano")
TOUR_FILE = {"pannellum": "tour.json", "psv": "tour.json", "marzipano": "data.js"}
# Left in an exported tour folder so a re-export may replace it (and never another folder).
MARKER = ".yunzhan-tour"


@dataclass(frozen=True)
class TourExport:
    """What an export wrote."""
    out_dir: Path
    format: str
    files: tuple[str, ...]   # package-relative, the tour file first
    notes: tuple[str, ...]   # one line per thing the format could not hold


@dataclass(frozen=True)
class TourPlan:
    """The tour file's text and the photos to copy (relative path -> panorama SHA-256)."""
    tour_file: str
    text: str
    photos: dict[str, str]
    notes: tuple[str, ...]


def plan_tour(exhibition: model.Exhibition, facts: dict[str, PanoramaFacts], object_titles: dict[int, tuple[str, str]],
              *, fmt: str, lang: str = "zh") -> TourPlan:
    """Describe the tour in ``fmt`` (pure: nothing is read or written).

    :param facts: each hall's panorama facts, by panorama SHA-256.
    :param object_titles: catalog object id -> (Chinese title, English title).
    :raises ExhibitionError: an unknown format or language, or an exhibition without halls.
    """
    if fmt not in TOUR_FORMATS:
        raise ExhibitionError(f"unknown tour format {fmt!r} (use {', '.join(TOUR_FORMATS)})")
    if lang not in ("zh", "en"):
        raise ExhibitionError(f"unknown language {lang!r} (use zh or en)")
    if not exhibition.halls:
        raise ExhibitionError("the exhibition has no halls: there is no tour to export",
                              hint="add a hall with 'yunzhan hall add'")
    writer = _Writer(exhibition, facts, object_titles, lang)
    text = {"pannellum": writer.pannellum, "psv": writer.psv, "marzipano": writer.marzipano}[fmt]()
    photos = {photo_path(h.slug): h.panorama_sha for h in exhibition.halls}
    return TourPlan(TOUR_FILE[fmt], text, photos, tuple(writer.notes))


def export_tour(project: Project, out_dir: str | os.PathLike, *, fmt: str, lang: str = "zh",
                progress: Progress | None = None) -> TourExport:
    """Write the exhibition as a ``fmt`` tour to ``out_dir``, built beside it and renamed
    into place (on any error the folder is left as it was).

    :raises ExhibitionError: see :func:`plan_tour`; ``out_dir`` holds something other
        than a previous tour export.
    """
    out_dir = Path(out_dir)
    if out_dir.exists() and (not out_dir.is_dir() or (any(out_dir.iterdir()) and not (out_dir / MARKER).is_file())):
        raise ExhibitionError(f"{out_dir}: exists and is not an exported tour; choose a new folder",
                              hint="a folder written by 'yunzhan exhibition export' may be replaced")
    progress = progress or null_progress()
    exhibition = model.load_exhibition(project)
    facts = {h.panorama_sha: panorama_facts(project, h.panorama_sha) for h in exhibition.halls}
    catalog = Catalog(project)
    titles = {}
    for h in exhibition.halls:
        for s in h.hotspots:
            if s.kind == model.OBJECT and s.object_id not in titles:
                obj = catalog.get(s.object_id)
                titles[s.object_id] = (obj.title_zh or obj.accession, obj.title_en or obj.accession)
    plan = plan_tour(exhibition, facts, titles, fmt=fmt, lang=lang)
    store = MediaStore(project)
    work = out_dir.with_name(f".{out_dir.name}.part")
    shutil.rmtree(work, ignore_errors=True)
    progress.start(len(plan.photos) + 1, f"exporting a {fmt} tour")
    try:
        (work / "panoramas").mkdir(parents=True)
        (work / plan.tour_file).write_text(plan.text, encoding="utf-8")
        (work / MARKER).write_text(f"{fmt}\n", encoding="utf-8")
        for rel, sha in plan.photos.items():
            progress.check()
            store.extract(sha, work / rel)
            if facts[sha].source == "fov":  # coverage known only to the project: say it in the photo
                (work / rel).write_bytes(with_gpano(store.read(sha), facts[sha]))
            progress.advance(message=rel)
        if out_dir.exists():
            shutil.rmtree(out_dir)
        os.replace(work, out_dir)
    except OSError as e:
        raise ExhibitionError(f"{out_dir}: cannot write the tour ({e.strerror or e})") from None
    finally:
        shutil.rmtree(work, ignore_errors=True)
    progress.finish(f"exported {out_dir}")
    return TourExport(out_dir, fmt, (plan.tour_file, *plan.photos), plan.notes)


def photo_path(slug: str) -> str:
    return f"panoramas/{slug}.jpg"


def with_gpano(jpeg: bytes, f: PanoramaFacts) -> bytes:
    """The JPEG with an XMP packet of GPano tags giving its coverage (the pixels are
    untouched), so viewers and importers that read GPano see a partial panorama."""
    packet = ('<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>'
              '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
              '<rdf:Description rdf:about="" xmlns:GPano="http://ns.google.com/photos/1.0/panorama/" '
              'GPano:ProjectionType="equirectangular" GPano:UsePanoramaViewer="True" '
              f'GPano:CroppedAreaImageWidthPixels="{f.crop_width}" GPano:CroppedAreaImageHeightPixels="{f.crop_height}" '
              f'GPano:FullPanoWidthPixels="{f.full_width}" GPano:FullPanoHeightPixels="{f.full_height}" '
              f'GPano:CroppedAreaLeftPixels="{f.crop_left}" GPano:CroppedAreaTopPixels="{f.crop_top}"/>'
              '</rdf:RDF></x:xmpmeta><?xpacket end="w"?>').encode("utf-8")
    body = b"http://ns.adobe.com/xap/1.0/\x00" + packet
    segment = b"\xff\xe1" + (len(body) + 2).to_bytes(2, "big") + body
    at = 2  # after SOI, and after a JFIF APP0 segment if there is one
    if jpeg[2:4] == b"\xff\xe0":
        at += 2 + int.from_bytes(jpeg[4:6], "big")
    return jpeg[:at] + segment + jpeg[at:]


class _Writer:
    def __init__(self, exhibition, facts, object_titles, lang):
        self.ex, self.facts, self.titles, self.lang = exhibition, facts, object_titles, lang
        self.hall_titles = {h.slug: self.text(h.title_zh, h.title_en) or h.slug for h in exhibition.halls}
        self.notes: list[str] = []

    def text(self, zh: str, en: str) -> str:
        first, second = (zh, en) if self.lang == "zh" else (en, zh)
        return (first or second or "").strip()

    def label(self, spot: model.Hotspot) -> str:
        """What a hotspot shows: its label, else what it opens."""
        own = self.text(spot.label_zh, spot.label_en)
        if own or spot.kind == model.NOTE:
            return own
        if spot.kind == model.HALL:
            return self.hall_titles[spot.target_hall]
        return self.text(*self.titles[spot.object_id])

    def note(self, spot: model.Hotspot) -> str:
        if spot.kind == model.NOTE:
            return self.text(spot.note_zh, spot.note_en)
        return self.label(spot)  # an object: its title (the viewer has no object page)

    def lost_objects(self, hall: model.Hall, where: str) -> None:
        count = sum(1 for s in hall.hotspots if s.kind == model.OBJECT)
        if count:
            self.notes.append(f"{where}: {count} object hotspot{'s' if count > 1 else ''} exported as "
                              f"information hotspots with the object's title")

    # -- Pannellum ------------------------------------------------------------------
    def pannellum(self) -> str:
        scenes = {}
        for hall in self.ex.halls:
            f = self.facts[hall.panorama_sha]
            scene = {"type": "equirectangular", "title": self.hall_titles[hall.slug],
                     "panorama": photo_path(hall.slug), "yaw": hall.view.yaw, "pitch": hall.view.pitch,
                     "hfov": hall.view.fov}
            if hall.north_offset:
                scene["northOffset"] = hall.north_offset
            if hall.horizon_pitch or hall.horizon_roll:
                scene.update(horizonPitch=hall.horizon_pitch, horizonRoll=hall.horizon_roll)
            if not f.is_full:
                scene.update(haov=_round(f.hfov_deg), vaov=_round(f.vfov_deg),
                             vOffset=_round(90.0 - 180.0 * (f.crop_top + f.crop_height / 2) / f.full_height))
            spots = []
            for s in hall.hotspots:
                if s.kind == model.HALL:
                    spot = {"type": "scene", "sceneId": s.target_hall, "yaw": s.yaw, "pitch": s.pitch,
                            "text": self.label(s)}
                    if s.arrive_yaw is not None:
                        spot["targetYaw"] = s.arrive_yaw
                    if s.arrive_pitch is not None:
                        spot["targetPitch"] = s.arrive_pitch
                else:
                    spot = {"type": "info", "yaw": s.yaw, "pitch": s.pitch, "text": self.note(s)}
                spots.append(spot)
            scene["hotSpots"] = spots
            scenes[hall.slug] = scene
            self.lost_objects(hall, f"scenes.{hall.slug}")
            if self.text(hall.description_zh, hall.description_en):
                self.notes.append(f"scenes.{hall.slug}: Pannellum scenes have no description; left out")
        # escapeHTML: Pannellum would otherwise put titles and hotspot texts in as markup
        default = {"firstScene": self.ex.halls[0].slug, "autoLoad": True, "sceneFadeDuration": 1000,
                   "escapeHTML": True}
        title = self.text(self.ex.title_zh, self.ex.title_en)
        if title:
            default["title"] = title
        return json.dumps({"default": default, "scenes": scenes}, ensure_ascii=False, indent=1) + "\n"

    # -- Photo Sphere Viewer ---------------------------------------------------------
    def psv(self) -> str:
        nodes = []
        for hall in self.ex.halls:
            f = self.facts[hall.panorama_sha]
            # PSV shows names, captions, descriptions, tooltips and contents as HTML: escape them
            title = escape(self.hall_titles[hall.slug])
            node = {"id": hall.slug, "panorama": photo_path(hall.slug), "name": title, "caption": title}
            description = self.text(hall.description_zh, hall.description_en)
            if description:
                node["description"] = escape(description)
            if hall.horizon_pitch or hall.horizon_roll:
                node["sphereCorrection"] = {"tilt": math.radians(hall.horizon_pitch),
                                            "roll": math.radians(hall.horizon_roll)}
            if not f.is_full:
                node["panoData"] = {"fullWidth": f.full_width, "fullHeight": f.full_height,
                                    "croppedWidth": f.crop_width, "croppedHeight": f.crop_height,
                                    "croppedX": f.crop_left, "croppedY": f.crop_top}
            links, markers = [], []
            for s in hall.hotspots:
                position = {"yaw": f"{s.yaw!r}deg", "pitch": f"{s.pitch!r}deg"}
                if s.kind == model.HALL:
                    link = {"nodeId": s.target_hall, "position": position}
                    own = self.text(s.label_zh, s.label_en)
                    if own:
                        link["name"] = escape(own)
                    links.append(link)
                else:
                    label = self.label(s)
                    marker = {"id": f"spot-{s.id}", "position": position, "html": "ⓘ",
                              "anchor": "center center", "content": escape(self.note(s))}
                    if label:
                        marker["tooltip"] = escape(label)
                    markers.append(marker)
            node["links"] = links
            if markers:
                node["markers"] = markers
            nodes.append(node)
            self.lost_objects(hall, f"nodes[{len(nodes) - 1}]")
        self.notes.append("initial views are not part of PSV virtual-tour nodes; set defaultYaw/defaultPitch "
                          "in the viewer to taste")
        return json.dumps({"startNodeId": self.ex.halls[0].slug, "nodes": nodes}, ensure_ascii=False,
                          indent=1) + "\n"

    # -- Marzipano ------------------------------------------------------------------
    def marzipano(self) -> str:
        scenes = []
        for n, hall in enumerate(self.ex.halls):
            f = self.facts[hall.panorama_sha]
            if not f.is_full:
                self.notes.append(f"scenes[{n}]: a partial panorama; Marzipano shows it as a full sphere")
            # our horizontal field of view back to Marzipano's vertical one (the importer's 16:9 screen)
            vfov = 2 * math.atan(math.tan(math.radians(hall.view.fov) / 2) / (16 / 9))
            # the tool's ids are "<n>-<name>"; its importers look photos up by name, then by id
            scene = {"id": f"{n}-{hall.slug}", "name": self.hall_titles[hall.slug], "panorama": photo_path(hall.slug),
                     "levels": [{"width": f.width}],
                     "faceSize": max(512, round(f.width / math.pi)),
                     "initialViewParameters": {"yaw": math.radians(hall.view.yaw),
                                               "pitch": -math.radians(hall.view.pitch), "fov": vfov},
                     "linkHotspots": [], "infoHotspots": []}
            for s in hall.hotspots:
                where = {"yaw": math.radians(s.yaw), "pitch": -math.radians(s.pitch)}
                if s.kind == model.HALL:
                    target = next(m for m, h in enumerate(self.ex.halls) if h.slug == s.target_hall)
                    scene["linkHotspots"].append({**where, "rotation": 0, "target": f"{target}-{s.target_hall}"})
                else:
                    label, note = self.label(s), self.note(s)
                    # the tool's app writes hotspot titles and texts as HTML (scene names it escapes itself)
                    scene["infoHotspots"].append({**where, "title": escape(label or note),
                                                  "text": escape(note) if label else ""})
            scenes.append(scene)
            if any(s.kind == model.HALL and s.arrive_yaw is not None for s in hall.hotspots):
                self.notes.append(f"scenes[{n}]: Marzipano links have no arrival view; left out")
            self.lost_objects(hall, f"scenes[{n}]")
        doc = {"scenes": scenes, "name": self.text(self.ex.title_zh, self.ex.title_en) or "Yunzhan tour",
               "settings": {"mouseViewMode": "drag", "autorotateEnabled": False, "fullscreenButton": True,
                            "viewControlButtons": False}}
        return "var APP_DATA = " + json.dumps(doc, ensure_ascii=False, indent=1) + ";\n"


def _round(value: float) -> float:
    return round(value, 6)
