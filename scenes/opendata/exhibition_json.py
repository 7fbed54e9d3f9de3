"""The package's open data file, ``data/exhibition.json``, and its check.

:func:`exhibition_json` builds the document (a dict) from the exhibition model,
the catalog objects and where the exporter put their files;
:func:`validate_exhibition_json` checks a document against the JSON Schema kept
in the repository (``scenes/schema/exhibition.schema.json``, also returned by
:func:`schema_text` so the exporter can ship it beside the data).
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources
from typing import Iterable, Mapping, Sequence

from scenes.contribution import Contribution
from scenes.errors import ExhibitionError
from scenes.opendata.iiif import has_manifest
from scenes.opendata.jsonld import MuseumInfo
from scenes.opendata.licences import licence_uri
from scenes.opendata.published import PublishedHall, PublishedMedia
from scenes.opendata.urls import (EXHIBITION_JSON_PATH, hall_fragment, hall_qr_path, iiif_manifest_path,
                                  normalise_base_url, object_page_path, object_qr_path, object_slug,
                                  package_url)

FORMAT = "yunzhan-exhibition"
VERSION = 1
SCHEMA_FILE = "exhibition.schema.json"
# Top-level keys of the document; a Contribution may not take one of these names.
CORE_KEYS = ("$schema", "format", "version", "generator", "base_url", "title", "intro", "museum",
             "start_hall", "halls", "tours", "default_tour", "floor_plan", "objects", "models",
             "virtual_halls")
_SECTION = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
_KEYWORD_SPLIT = re.compile(r"[,;，；、\n]+")


def exhibition_json(exhibition, objects: Sequence, *, base_url: str | None,
                    contributions: Iterable[Contribution] = (),
                    halls: Mapping[str, PublishedHall],
                    object_media: Mapping[str, Sequence[PublishedMedia]] | None = None,
                    media_paths: Mapping[str, str] | None = None,
                    museum: MuseumInfo | None = None,
                    iiif: bool = True, qr: bool = True,
                    models: Sequence[dict] = (), virtual_halls: Sequence[dict] = (),
                    generator: str = "Yunzhan") -> dict:
    """The document written to ``data/exhibition.json``.

    :param exhibition: a :class:`scenes.model.Exhibition`.
    :param objects: the catalog objects in the package (``assets.catalog.CatalogObject``),
        in the order to list them; every object a hotspot opens or a tour stop is
        about must be among them.
    :param base_url: the package's public address (``--base-url``) or None; with
        one, every path also gets an absolute ``url``.
    :param contributions: sections added by other layers; each becomes a
        top-level key holding its entries.
    :param halls: for each hall slug, where its panorama tiles and images are.
    :param object_media: for each accession number, the object's published files.
    :param media_paths: package paths of other media by SHA-256: the floor plan
        image and tour narrations.
    :param iiif: whether IIIF manifests are published (they need a base URL; an
        object without an image, audio or video gets none).
    :param qr: whether QR codes are published (they need a base URL).
    :param models: the 3D exhibit scenes' entries (:func:`scenes.opendata.model_json.model_entry`);
        the ``models`` key is written only when there are some.
    :param virtual_halls: the walkable virtual halls' entries (scenes.export.virtual.hall_entry),
        written as ``virtual_halls`` when there are some.
    :raises ExhibitionError: a hall without published panorama files, a hotspot
        opening an object that is not exported, a contribution section that
        clashes with the document's own keys.
    """
    base = normalise_base_url(base_url)
    object_media = object_media or {}
    media_paths = media_paths or {}
    exported = {o.accession for o in objects}

    doc: dict = {
        "$schema": SCHEMA_FILE,
        "format": FORMAT,
        "version": VERSION,
        "generator": generator,
        "base_url": base,
        "title": _text(exhibition.title_zh, exhibition.title_en),
        "intro": _text(exhibition.intro_zh, exhibition.intro_en),
    }
    if museum is not None:
        doc["museum"] = {"name": _text(museum.name_zh, museum.name_en),
                         "url": museum.url, "address": museum.address}
    start = exhibition.start_hall
    doc["start_hall"] = start.slug if start else None
    views = {h.slug: h.view for h in exhibition.halls}
    doc["halls"] = [_hall(h, halls, exported, views, base, qr=qr and base is not None) for h in exhibition.halls]
    doc["tours"] = [{"slug": t.slug, "title": _text(t.title_zh, t.title_en),
                     "stops": [_stop(t.slug, s, media_paths, exported) for s in t.stops]}
                    for t in exhibition.tours]
    doc["default_tour"] = exhibition.default_tour
    doc["floor_plan"] = _floor_plan(exhibition.floor_plan, media_paths, base)
    doc["objects"] = [_object(o, object_media.get(o.accession, ()), base,
                              iiif=iiif and base is not None, qr=qr and base is not None) for o in objects]
    if models:
        doc["models"] = [dict(m) for m in models]
    if virtual_halls:
        doc["virtual_halls"] = [dict(v) for v in virtual_halls]
    for contribution in contributions:
        section = contribution.section
        if section in CORE_KEYS or not _SECTION.match(section):
            raise ExhibitionError(f"{EXHIBITION_JSON_PATH}: contribution section {section!r} is not allowed "
                                  f"(use lower-case letters, digits and '_', not one of the document's own keys)")
        if section in doc:
            raise ExhibitionError(f"{EXHIBITION_JSON_PATH}: two contributions both add section {section!r}")
        doc[section] = [dict(e) for e in contribution.entries]
    return doc


def exhibition_json_text(data: Mapping) -> str:
    """The document as the UTF-8 text written to the package (Chinese kept readable)."""
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False) + "\n"


def schema() -> dict:
    """The JSON Schema (draft 2020-12) of ``data/exhibition.json``."""
    return json.loads(schema_text())


def schema_text() -> str:
    """The JSON Schema's text, as kept in ``scenes/schema/exhibition.schema.json``."""
    return resources.files("scenes").joinpath("schema", SCHEMA_FILE).read_text(encoding="utf-8")


def validate_exhibition_json(data, *, where: str = EXHIBITION_JSON_PATH) -> None:
    """Check a document against the schema.

    :raises ExhibitionError: ``"<where>: <path>: <what is wrong>"``, for the
        first failing place in document order, e.g.
        ``data/exhibition.json: halls[0].hotspots[2].yaw: 300 is greater than the maximum of 180``.
    """
    errors = list(_validator().iter_errors(data))
    if not errors:
        return
    # The deepest error at the first failing place says the most precise thing.
    first = min(errors, key=lambda e: (_sort_key(e.absolute_path), -len(e.absolute_path)))
    message = first.message
    if first.validator == "not" and first.validator_value == {}:
        # A field that this kind of record must not have (e.g. "object" on a hotspot to a hall).
        message = "not allowed here"
    raise ExhibitionError(f"{where}: {format_path(first.absolute_path)}: {_one_line(message)}")


def format_path(path) -> str:
    """A JSON location as ``halls[0].hotspots[2].yaw`` (``(document)`` for the root)."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(document)"


# -- parts ---------------------------------------------------------------------
def _text(zh: str | None, en: str | None) -> dict:
    return {"zh": zh or "", "en": en or ""}


def _hall(hall, published: Mapping[str, PublishedHall], exported: set[str], views: Mapping, base: str | None, *,
          qr: bool) -> dict:
    files = published.get(hall.slug)
    if files is None:
        raise ExhibitionError(f"{EXHIBITION_JSON_PATH}: hall {hall.slug!r} has no published panorama files")
    page = "index.html" + hall_fragment(hall.slug)
    out = {"slug": hall.slug, "title": _text(hall.title_zh, hall.title_en),
           "description": _text(hall.description_zh, hall.description_en), "page": page}
    if base:
        out["url"] = package_url(base, page)
    if qr:
        out["qr"] = hall_qr_path(hall.slug)
    out["initial_view"] = {"yaw": hall.view.yaw, "pitch": hall.view.pitch, "fov": hall.view.fov}
    out["orientation"] = {"north_offset": hall.north_offset, "horizon_pitch": hall.horizon_pitch,
                          "horizon_roll": hall.horizon_roll}
    out["panorama"] = {"tiles": files.tiles, "tile_size": files.tile_size,
                       "levels": [{"faceSize": int(l["faceSize"]), "nbTiles": int(l["nbTiles"])} for l in files.levels],
                       "preview": files.preview, "fallback": files.fallback, "thumbnail": files.thumbnail}
    out["hotspots"] = [_hotspot(hall.slug, s, exported, views) for s in hall.hotspots]
    return out


def _hotspot(hall_slug: str, spot, exported: set[str], views: Mapping) -> dict:
    out = {"id": spot.id, "kind": spot.kind, "yaw": spot.yaw, "pitch": spot.pitch,
           "label": _text(spot.label_zh, spot.label_en)}
    if spot.kind == "hall":
        out["target_hall"] = spot.target_hall
        if spot.arrive_yaw is not None or spot.arrive_pitch is not None:
            # A half-given arrival view takes the other angle from the target's initial view.
            initial = views.get(spot.target_hall)
            out["arrive_view"] = {
                "yaw": spot.arrive_yaw if spot.arrive_yaw is not None else (initial.yaw if initial else 0.0),
                "pitch": spot.arrive_pitch if spot.arrive_pitch is not None else (initial.pitch if initial else 0.0)}
    elif spot.kind == "object":
        if spot.object_accession not in exported:
            raise ExhibitionError(f"{EXHIBITION_JSON_PATH}: hall {hall_slug!r} hotspot {spot.id} opens object "
                                  f"{spot.object_accession!r}, which is not in the export")
        out["object"] = spot.object_accession
    else:
        out["note"] = _text(spot.note_zh, spot.note_en)
    return out


def _stop(tour_slug: str, stop, media_paths: Mapping[str, str], exported: set[str]) -> dict:
    out = {"hall": stop.hall,
           "narration": _media_path(media_paths, stop.narration_sha, f"tour {tour_slug!r} narration")}
    # view and object only when the stop has them (a visitor's viewer falls back to the hall's initial view)
    if stop.view is not None:
        out["view"] = {"yaw": stop.view.yaw, "pitch": stop.view.pitch, "fov": stop.view.fov}
    if stop.object_accession is not None:
        if stop.object_accession not in exported:
            raise ExhibitionError(f"{EXHIBITION_JSON_PATH}: tour {tour_slug!r} stop at hall {stop.hall!r} is about "
                                  f"object {stop.object_accession!r}, which is not in the export")
        out["object"] = stop.object_accession
    return out


def _floor_plan(plan, media_paths: Mapping[str, str], base: str | None) -> dict | None:
    if plan is None:
        return None
    image = _media_path(media_paths, plan.media_sha, "floor plan image")
    out = {"image": image}
    if base:
        out["url"] = package_url(base, image)
    out["pins"] = [{"hall": p.hall, "x": p.x, "y": p.y} for p in plan.pins]
    return out


def _media_path(media_paths: Mapping[str, str], sha: str | None, what: str) -> str | None:
    if sha is None:
        return None
    if sha not in media_paths:
        raise ExhibitionError(f"{EXHIBITION_JSON_PATH}: {what} (media {sha[:12]}) was not published in the package")
    return media_paths[sha]


def _object(obj, media: Sequence[PublishedMedia], base: str | None, *, iiif: bool, qr: bool) -> dict:
    page = object_page_path(obj.accession)
    out = {"accession": obj.accession, "slug": object_slug(obj.accession), "page": page}
    if base:
        out["url"] = package_url(base, page)
    out["iiif_manifest"] = iiif_manifest_path(obj.accession) if iiif and has_manifest(media) else None
    if qr:
        out["qr"] = object_qr_path(obj.accession)
    out.update({
        "title": _text(obj.title_zh, obj.title_en),
        "maker": obj.maker, "date_text": obj.date_text,
        "year_earliest": obj.year_earliest, "year_latest": obj.year_latest,
        "culture": obj.culture, "medium": obj.medium, "dimensions": obj.dimensions,
        "credit_line": obj.credit_line,
        "description": _text(obj.description_zh, obj.description_en),
        "rights": obj.rights, "licence": licence_uri(obj.rights),
        "keywords": [k.strip() for k in _KEYWORD_SPLIT.split(obj.keywords or "") if k.strip()],
        "custom": {str(k): "" if v is None else str(v) for k, v in (obj.custom or {}).items()},
        "media": [_media(m, base) for m in media],
    })
    return out


def _media(m: PublishedMedia, base: str | None) -> dict:
    out = {"kind": m.kind, "path": m.path}
    if base:
        out["url"] = package_url(base, m.path)
    out["mime"] = m.mime
    for key in ("width", "height", "duration_s"):
        value = getattr(m, key)
        if value is not None:
            out[key] = value
    out["alt"] = _text(m.alt_zh, m.alt_en)
    if m.thumbnail:
        out["thumbnail"] = m.thumbnail
    return out


# -- checking ------------------------------------------------------------------
@lru_cache(maxsize=1)
def _validator():
    import jsonschema  # imported on first check: nothing happens at import time

    document = schema()
    jsonschema.Draft202012Validator.check_schema(document)
    return jsonschema.Draft202012Validator(document)


def _sort_key(path) -> tuple:
    # Integers and strings do not compare; keep document order within each level.
    return tuple((0, p, "") if isinstance(p, int) else (1, 0, p) for p in path)


def _one_line(message: str, limit: int = 200) -> str:
    text = " ".join(message.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"
