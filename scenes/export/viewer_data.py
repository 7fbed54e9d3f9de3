"""``data/viewer.json``: what the panorama viewer (scenes/web/src/viewer.js) reads:
halls with their tiles, initial views and hotspots, and the object cards."""

from __future__ import annotations

import json
from typing import Mapping, Sequence

from scenes.export.layout import hall_page
from scenes.opendata.published import PublishedMedia
from scenes.opendata.urls import object_page_path, object_slug

FORMAT_VERSION = 1


def object_meta(obj) -> list[dict]:
    """The label/value rows shown on an object's card and page."""
    from scenes.opendata.values_en import shown_value

    rows = [
        ({"zh": "编号", "en": "Accession number"}, "accession"),
        ({"zh": "作者", "en": "Maker"}, "maker"),
        ({"zh": "年代", "en": "Date"}, "date_text"),
        ({"zh": "文化", "en": "Culture"}, "culture"),
        ({"zh": "材质", "en": "Medium"}, "medium"),
        ({"zh": "尺寸", "en": "Dimensions"}, "dimensions"),
        ({"zh": "来源", "en": "Credit"}, "credit_line"),
        ({"zh": "版权", "en": "Rights"}, "rights"),
    ]
    # English pages show a value's English form with the Chinese beside it, or the
    # Chinese marked as Chinese where there is none (scenes.opendata.values_en).
    return [{"label": label, "value": shown_value(name, getattr(obj, name), obj.custom)}
            for label, name in rows if (getattr(obj, name) or "").strip()]


def _text(zh: str | None, en: str | None) -> dict:
    zh, en = (zh or "").strip(), (en or "").strip()
    return {"zh": zh or en, "en": en or zh}


def viewer_json(exhibition, objects: Sequence, halls: Mapping, object_media: Mapping[str, Sequence[PublishedMedia]],
                *, kiosk: bool = False) -> dict:
    """The document; ``halls`` maps hall slugs to :class:`scenes.export.halls.HallFiles`."""
    by_id = {o.id: o for o in objects}
    out_halls = []
    for hall in exhibition.halls:
        spots = []
        for s in hall.hotspots:
            spot = {"kind": {"hall": "scene"}.get(s.kind, s.kind), "yaw": s.yaw, "pitch": s.pitch}
            if s.kind == "hall":
                spot["to"] = s.target_hall
                if s.arrive_yaw is not None or s.arrive_pitch is not None:
                    target = exhibition.hall(s.target_hall).view
                    spot["arrival"] = {"yaw": s.arrive_yaw if s.arrive_yaw is not None else target.yaw,
                                       "pitch": s.arrive_pitch if s.arrive_pitch is not None else target.pitch}
            elif s.kind == "object":
                spot["object"] = object_slug(by_id[s.object_id].accession)
            else:
                spot["label"] = _text(s.label_zh or "说明", s.label_en or "Note")
                spot["text"] = _text(s.note_zh, s.note_en)
            spots.append(spot)
        files = halls[hall.slug]
        out_halls.append({
            "id": hall.slug, "url": hall_page(hall.slug), "title": _text(hall.title_zh, hall.title_en or hall.slug),
            "initial": {"yaw": hall.view.yaw, "pitch": hall.view.pitch, "fov": hall.view.fov},
            "correction": {"tilt": hall.horizon_pitch, "roll": hall.horizon_roll},
            "panorama": files.viewer_panorama, "hotspots": spots,
        })
    cards = {}
    for obj in objects:
        media = object_media.get(obj.accession, ())
        title = _text(obj.title_zh, obj.title_en) if (obj.title_zh or obj.title_en) else _text(obj.accession, "")
        cards[object_slug(obj.accession)] = {
            "accession": obj.accession, "title": title, "page": object_page_path(obj.accession),
            "text": _text(obj.description_zh, obj.description_en), "meta": object_meta(obj),
            "images": [{"src": m.path, "width": m.width, "height": m.height,
                        "alt": _text(m.alt_zh or obj.title_zh, m.alt_en or obj.title_en or obj.accession)}
                       for m in media if m.kind == "image"],
            "audio": [{"src": m.path, "type": m.mime} for m in media if m.kind == "audio"],
        }
    start = exhibition.start_hall
    doc = {"version": FORMAT_VERSION, "start": start.slug if start else None, "halls": out_halls, "objects": cards}
    if kiosk:
        doc["kiosk"] = True
    return doc


def viewer_json_text(doc: dict) -> str:
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":")) + "\n"


def viewer_script_text(doc: dict) -> str:
    """``data/viewer.js``: the document for pages opened from disk, where fetch() cannot read files."""
    return "window.YZ_VIEWER_DATA = " + json.dumps(doc, ensure_ascii=True, separators=(",", ":")) + ";\n"
