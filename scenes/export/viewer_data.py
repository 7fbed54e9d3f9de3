"""``data/viewer.json``: what the panorama viewer (scenes/web/src/viewer.js) reads:
halls with their tiles, initial views fitted to their hotspots, hotspots, thumbnails,
the floor plan for the minimap, and the object cards."""

from __future__ import annotations

import json
import math
from functools import lru_cache
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


# The fitted view is judged for a portrait phone, where a wide spread hurts most:
# at 390 x 844 CSS px the hall page's viewer box is 358 x 591. The viewer
# (scenes/web/src/viewer.js) opens at most MAX_START_FOV high and keeps hotspot
# centres MARGIN_X / MARGIN_Y px from the box's edges; so does this estimate.
PHONE_BOX = (358, 591)
MAX_START_FOV = 120.0
MARGIN_X, MARGIN_Y = 28, 64
_ASPECT = PHONE_BOX[0] / PHONE_BOX[1]
_KEEP_X = 1 - MARGIN_X / (PHONE_BOX[0] / 2)
_KEEP_Y = 1 - MARGIN_Y / (PHONE_BOX[1] / 2)
FIT_LIMIT = math.tan(math.radians(MAX_START_FOV / 2))
_MAX_OFF_AXIS = 85.0  # beyond this a flat view cannot hold a point at all


def _arc_centre(yaws: Sequence[float]) -> float:
    """The middle of the shortest arc of the circle that holds every yaw (degrees)."""
    ys = sorted(y % 360.0 for y in yaws)
    # the empty gap after each yaw (the last one's wraps round to the first)
    gaps = [b - a for a, b in zip(ys, ys[1:])] + [ys[0] + 360.0 - ys[-1]]
    widest = max(range(len(ys)), key=lambda i: gaps[i])
    start = ys[(widest + 1) % len(ys)]  # the arc begins after the widest gap
    return _signed(start + (360.0 - gaps[widest]) / 2)


def _signed(angle: float) -> float:
    angle %= 360.0
    return angle - 360.0 if angle > 180.0 else angle


def _tangents(yaw: float, pitch: float, spots) -> tuple[float, float] | None:
    """How far (as tangents of the half field of view, across and up) a camera
    looking at ``yaw``/``pitch`` must see to show every spot; None if one is behind."""
    pc = math.radians(pitch)
    tx = ty = 0.0
    for s_yaw, s_pitch in spots:
        dy, p = math.radians(s_yaw - yaw), math.radians(s_pitch)
        z = math.sin(p) * math.sin(pc) + math.cos(p) * math.cos(dy) * math.cos(pc)
        if z <= math.cos(math.radians(_MAX_OFF_AXIS)):
            return None
        tx = max(tx, abs(math.cos(p) * math.sin(dy)) / z)
        ty = max(ty, abs(math.sin(p) * math.cos(pc) - math.cos(p) * math.cos(dy) * math.sin(pc)) / z)
    return tx, ty


def start_view(hall) -> dict | None:
    """The first view that holds every hotspot of ``hall``: its centre (degrees) and
    the tangents of the half fields of view it needs across (``tanX``) and up
    (``tanY``); the viewer turns these into a field of view for its own screen,
    with a margin for the hotspots' size. None for a hall without hotspots (its
    stored view stays). ``fits`` is false when the hotspots are spread too far
    round the room for a portrait phone: the view then holds the most it can
    (the longest run of neighbours by yaw that fits)."""
    spots = tuple((float(s.yaw), float(s.pitch)) for s in hall.hotspots)
    if not spots:
        return None
    fitted = _start_view(spots)
    stored = getattr(hall, "view", None)
    if stored is not None and fitted["fits"]:
        # The curator's own start view stays where it already shows every hotspot
        # about as well as the fitted one (within the usual field of view).
        own = _need(float(stored.yaw), float(stored.pitch), spots)
        if own is not None and own[0] <= max(_USUAL_NEED, 1.1 * _need(fitted["yaw"], fitted["pitch"], spots)[0]):
            return {"yaw": float(stored.yaw), "pitch": float(stored.pitch), **own[1], "fits": True}
    return dict(fitted)  # a copy: the cached one stays as it is


_USUAL_NEED = 1.0  # tan(45°): the hotspots show within a 90° high view


def _need(yaw: float, pitch: float, spots) -> tuple[float, dict] | None:
    """How much of the phone's viewer box a view at ``yaw``/``pitch`` needs to show
    ``spots`` (the tangent of its half height), and its tangents; None if it cannot."""
    t = _tangents(yaw, pitch, spots)
    if t is None:
        return None
    need = max(t[0] / (_ASPECT * _KEEP_X), t[1] / _KEEP_Y)
    return (need, {"tanX": round(t[0], 4), "tanY": round(t[1], 4)}) if need <= FIT_LIMIT else None


@lru_cache(maxsize=256)  # asked for twice per hall (heroes, viewer data) in one export
def _start_view(spots: tuple[tuple[float, float], ...]) -> dict:
    view = _fit(spots)
    if view is not None and view[0] <= FIT_LIMIT:
        return {**view[1], "fits": True}
    best = None
    for first in range(len(spots)):
        ordered = sorted(spots, key=lambda s: (s[0] - spots[first][0]) % 360.0)
        run = None
        for n in range(1, len(ordered) + 1):
            grown = _fit(ordered[:n])
            if grown is None or grown[0] > FIT_LIMIT:
                break
            run = (n, grown[1])
        if run and (best is None or run[0] > best[0]):
            best = run
    fallback = {"yaw": round(_signed(spots[0][0]), 2), "pitch": 0.0, "tanX": 1.0, "tanY": 1.0}
    return {**(best[1] if best else fallback), "fits": False}


def _fit(spots: Sequence[tuple[float, float]]) -> tuple[float, dict] | None:
    """The view centred on ``spots`` and the tangent of the half vertical field of
    view it needs on the phone's viewer box."""
    yaw = _arc_centre([y for y, _ in spots])
    best = None
    for step in range(-60, 61):  # the pitch that needs the least field of view
        t = _tangents(yaw, step * 1.0, spots)
        need = t and max(t[0] / (_ASPECT * _KEEP_X), t[1] / _KEEP_Y)
        if t is not None and (best is None or need < best[0]):
            best = (need, step * 1.0, t)
    if best is None:
        return None
    need, pitch, (tx, ty) = best
    return need, {"yaw": round(yaw, 2), "pitch": pitch, "tanX": round(tx, 4), "tanY": round(ty, 4)}


def floor_plan_json(exhibition, image) -> dict | None:
    """The minimap's floor plan: its picture and each pinned hall's place on it
    (fractions of the width and height); None without a plan."""
    if exhibition.floor_plan is None or image is None:
        return None
    return {"image": image.path, "width": image.width, "height": image.height,
            "pins": {p.hall: [round(p.x, 5), round(p.y, 5)] for p in exhibition.floor_plan.pins}}


def viewer_json(exhibition, objects: Sequence, halls: Mapping, object_media: Mapping[str, Sequence[PublishedMedia]],
                *, kiosk: bool = False, floor_plan=None) -> dict:
    """The document; ``halls`` maps hall slugs to :class:`scenes.export.halls.HallFiles`;
    ``floor_plan`` is the published floor plan picture (for the minimap), if any."""
    by_id = {o.id: o for o in objects}
    out_halls = []
    for hall in exhibition.halls:
        spots = []
        for s in hall.hotspots:
            spot = {"kind": {"hall": "scene"}.get(s.kind, s.kind), "yaw": s.yaw, "pitch": s.pitch}
            if s.kind == "hall":
                spot["to"] = s.target_hall
                if s.label_zh or s.label_en:
                    spot["label"] = _text(s.label_zh, s.label_en)
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
            "fit": start_view(hall), "north": hall.north_offset,
            "correction": {"tilt": hall.horizon_pitch, "roll": hall.horizon_roll},
            "panorama": files.viewer_panorama, "hotspots": spots,
            "thumbnail": {"src": files.published.thumbnail, "width": files.thumbnail_size[0],
                          "height": files.thumbnail_size[1]},
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
    plan = floor_plan_json(exhibition, floor_plan)
    if plan:
        doc["plan"] = plan
    if kiosk:
        doc["kiosk"] = True
    return doc


def viewer_json_text(doc: dict) -> str:
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":")) + "\n"


def viewer_script_text(doc: dict) -> str:
    """``data/viewer.js``: the document for pages opened from disk, where fetch() cannot read files."""
    return "window.YZ_VIEWER_DATA = " + json.dumps(doc, ensure_ascii=True, separators=(",", ":")) + ";\n"
