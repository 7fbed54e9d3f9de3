"""The package's pages: the home page, one viewer page per hall, one page per
object (readable without JavaScript, WebGL or a server)."""

from __future__ import annotations

from scenes.export.derived import image_size
from scenes.export.layout import hall_page
from scenes.export.pages import both, one_line, render
from scenes.export.plan import ExportPlan
from scenes.export.viewer_data import object_meta
from scenes.opendata.jsonld import artwork_jsonld, exhibition_event_jsonld, jsonld_script, museum_jsonld
from scenes.opendata.urls import object_page_path, object_slug


def plan_pages(plan: ExportPlan, *, exhibition, objects, halls, object_media, floor_plan_image, sections,
               open_data, base_url, museum, folder_name: str, media_paths: dict[str, str], kiosk: bool = False,
               narrations=None, models: dict[str, dict] | None = None, featured: int | None = None,
               related: dict[str, list[dict]] | None = None) -> None:
    """Plan ``index.html``, ``halls/<slug>.html`` and ``objects/<slug>.html``.

    :param models: each accession number's 3D scene entry (scenes.export.models), shown
        on the object page as a poster that opens the 3D viewer, with its notes as text.

    :param featured: how many of ``objects`` (the first) the home page shows (those in
        halls; the Collection page lists them all); None: all.
    :param related: each accession number's related objects (scenes.export.collection_pages).
    :param folder_name: the package folder's name, for the file:// notice's ``yunzhan serve`` line.
    """
    site_title = both(exhibition.title_zh or "云展", exhibition.title_en or "Yunzhan exhibition")
    hall_titles = {h.slug: both(h.title_zh, h.title_en or h.slug) for h in exhibition.halls}
    by_id = {o.id: o for o in objects}
    object_titles = {o.accession: (both(o.title_zh, o.title_en) if (o.title_zh or o.title_en)
                                   else both(o.accession, o.accession)) for o in objects}

    # -- home
    museum_block = [jsonld_script(museum_jsonld(museum))] if (museum.name_zh or museum.name_en) else []
    home_objects = []
    for obj in objects[:featured or HOME_OBJECTS] if featured is not None else objects:
        thumb = next((m for m in object_media.get(obj.accession, ()) if m.kind == "image"), None)
        home_objects.append({
            "page": object_page_path(obj.accession), "title": object_titles[obj.accession], "accession": obj.accession,
            "thumbnail": thumb.thumbnail if thumb else None,
            "thumbnail_width": thumb.thumbnail_width if thumb else 0,
            "thumbnail_height": thumb.thumbnail_height if thumb else 0})
    home_halls = [{"slug": h.slug, "page": hall_page(h.slug), "title": hall_titles[h.slug],
                   "thumbnail": halls[h.slug].published.thumbnail,
                   "thumbnail_width": halls[h.slug].thumbnail_size[0],
                   "thumbnail_height": halls[h.slug].thumbnail_size[1]} for h in exhibition.halls]
    plan.add_text("index.html", render(
        "home.html", kiosk=kiosk, root="", page_kind="home", title=site_title, site_title=site_title,
        description=one_line(exhibition.intro_zh, exhibition.intro_en)[:300],
        jsonld=[jsonld_script(exhibition_event_jsonld(exhibition, objects if featured is None else objects[:featured],
                                                   museum, base_url=base_url)),
                *museum_block],
        intro=both(exhibition.intro_zh, exhibition.intro_en), halls=home_halls, objects=home_objects,
        sections=sections, folder_name=folder_name, collection_count=len(objects) if featured is not None else 0, open_data=open_data["json"], iiif=open_data["iiif"],
        gallery_kit=open_data["gallery_kit"]))

    # -- halls: every hall page carries every hall's panel, so moving between halls
    # in the viewer needs no page load and the text always matches the view
    tour_stops = _default_tour(exhibition)
    spoken_halls = dict(narrations.halls) if narrations else {}
    if narrations and exhibition.default_tour:
        # a hall on the default tour without its own narration shows its stop's
        tour = exhibition.tour(exhibition.default_tour)
        for position, stop in enumerate(tour.stops):
            if (tour.id, position) in narrations.stops:
                spoken_halls.setdefault(stop.hall, narrations.stops[(tour.id, position)])
    panels = []
    for h in exhibition.halls:
        spots = []
        for s in h.hotspots:
            if s.kind == "hall":
                spots.append({"kind": "hall", "target": s.target_hall, "href": f"{s.target_hall}.html",
                              "title": hall_titles[s.target_hall]})
            elif s.kind == "object":
                obj = by_id[s.object_id]
                spots.append({"kind": "object", "target": object_slug(obj.accession),
                              "href": "../" + object_page_path(obj.accession), "title": object_titles[obj.accession]})
            else:
                spots.append({"kind": "note", "title": both(s.label_zh or "说明", s.label_en or "Note"),
                              "text": both(s.note_zh, s.note_en)})
        stop = tour_stops.get(h.slug)
        panels.append({"slug": h.slug, "title": hall_titles[h.slug], "href": f"{h.slug}.html",
                       "description": both(h.description_zh, h.description_en), "spots": spots,
                       "next": stop and stop["next"] and {"slug": stop["next"], "href": f"{stop['next']}.html",
                                                          "title": hall_titles[stop["next"]]},
                       "narration": stop and stop["narration"] and "../" + media_paths[stop["narration"]],
                       "spoken": _relative(spoken_halls.get(h.slug), "../")})
    plan_info = None
    if exhibition.floor_plan is not None and floor_plan_image is not None:
        plan_info = {"image": "../" + floor_plan_image.path, "width": floor_plan_image.width,
                     "height": floor_plan_image.height,
                     "alt": one_line("展览平面图", "Floor plan of the exhibition"),
                     "pins": [{"hall": p.hall, "href": f"{p.hall}.html",
                               "label": one_line(hall_titles[p.hall]["zh"], hall_titles[p.hall]["en"])} for p in exhibition.floor_plan.pins]}
        _plan_pin_styles(plan, exhibition.floor_plan.pins)
    for h in exhibition.halls:
        files = halls[h.slug]
        title = {lang: f"{hall_titles[h.slug][lang]} · {site_title[lang]}" for lang in ("zh", "en")}
        w, hgt = image_size_of(plan, files.hero_wide)
        plan.add_text(hall_page(h.slug), render(
            "hall.html", kiosk=kiosk, root="../", page_kind="hall", title=title, site_title=site_title,
            description=one_line(h.description_zh, h.description_en)[:300], jsonld=[],
            hall={"slug": h.slug, "preview": "../" + files.hero_wide, "preview_tall": "../" + files.hero_tall,
                  "preview_width": w, "preview_height": hgt,
                  "preview_alt": one_line(f"{hall_titles[h.slug]['zh']}全景预览",
                                          f"Panorama preview of {hall_titles[h.slug]['en']}")},
            panels=panels, floor_plan=plan_info, viewer_label=one_line("360° 全景", "360° view"),
            tour=bool(narrations and narrations.tour),
            nav_label=one_line("展厅", "Halls")))

    # -- objects
    halls_of: dict[int, list[str]] = {}
    for h in exhibition.halls:
        for s in h.hotspots:
            if s.kind == "object" and h.slug not in halls_of.setdefault(s.object_id, []):
                halls_of[s.object_id].append(h.slug)
    models = models or {}
    for obj in objects:
        media = object_media.get(obj.accession, ())
        model = models.get(obj.accession)
        model_view = _model_view(model, media, obj) if model else None
        images = [{"src": "../" + m.path, "width": m.width, "height": m.height,
                   "alt": one_line(m.alt_zh, m.alt_en) or one_line(obj.title_zh, obj.title_en) or obj.accession,
                   "zoom": "../" + m.zoom if m.zoom else None}
                  for m in media if m.kind == "image" and not (model and m.sha256 == model["sha256"])]
        audio = [{"src": "../" + m.path} for m in media if m.kind == "audio"]
        title = {lang: f"{object_titles[obj.accession][lang]} · {site_title[lang]}" for lang in ("zh", "en")}
        qr = open_data["qr_paths"].get(obj.accession)
        iiif = open_data["iiif_paths"].get(obj.accession)
        plan.add_text(object_page_path(obj.accession), render(
            "object.html", kiosk=kiosk, model=model_view is not None, root="../", page_kind="object", title=title,
            site_title=site_title,
            description=one_line(obj.description_zh, obj.description_en)[:300],
            jsonld=[jsonld_script(artwork_jsonld(obj, media, base_url=base_url))],
            obj={"title": object_titles[obj.accession], "images": images, "audio": audio,
                 "text": both(obj.description_zh, obj.description_en), "meta": object_meta(obj),
                 "halls": [{"href": "../" + hall_page(slug), "title": hall_titles[slug]}
                           for slug in halls_of.get(obj.id, [])],
                 "qr": "../" + qr if qr else None, "iiif": "../" + iiif if iiif else None,
                 "narration": _relative((narrations.objects if narrations else {}).get(obj.accession), "../"),
                 "model": model_view, "related": (related or {}).get(obj.accession, [])}))

    if narrations and narrations.guide:
        _plan_guide(plan, narrations, site_title=site_title, base_url=base_url, kiosk=kiosk)


HOME_OBJECTS = 24  # a collection without halls: the home page shows this many, the Collection page all


def _relative(spoken: dict | None, prefix: str) -> dict | None:
    """A narration's per-language files as seen from a page ``prefix`` deep."""
    if not spoken:
        return None
    both_langs = {lang: spoken.get(lang) or next(iter(spoken.values())) for lang in ("zh", "en")}
    return {lang: {**n, "audio": prefix + n["audio"], "vtt": prefix + n["vtt"],
                   **({"opus": prefix + n["opus"]} if n.get("opus") else {})} for lang, n in both_langs.items()}


def _plan_guide(plan: ExportPlan, narrations, *, site_title, base_url, kiosk) -> None:
    """``guide.html``: the tour as a museum audio guide, numbered stops with QR codes."""
    from scenes.export.narration import GUIDE_PAGE, guide_entry_url
    from scenes.opendata.qr import qr_svg

    stops = []
    for stop in narrations.guide:
        qr = None
        if base_url:  # the printed page's codes open each stop's own entry, as the gallery kit's do
            qr = qr_svg(guide_entry_url(base_url, stop["number"]), title=f"{stop['number']}. {stop['title']['zh']}")
        stops.append({**stop, "narration": _relative(stop["narration"], ""), "qr": qr})
    title = {"zh": f"语音导览 · {site_title['zh']}", "en": f"Audio guide · {site_title['en']}"}
    plan.add_text(GUIDE_PAGE, render("guide.html", kiosk=kiosk, root="", page_kind="guide", title=title,
                                     site_title=site_title, description="", jsonld=[], stops=stops,
                                     tour_title=narrations.tour["title"]))


def _model_view(entry: dict, media, obj) -> dict:
    """What the object page shows of a 3D scene: the poster, the notes as text (the
    fallback without WebGL or JavaScript) and the viewer's data as JSON."""
    import json

    poster = next((m for m in media if m.kind == "image" and m.sha256 == entry["sha256"]), None)
    data = dict(entry, glb="../" + entry["glb"], poster="../" + entry["poster"])
    data.update({k: "../" + entry[k] for k in ("glb_mobile", "turntable") if entry.get(k)})
    data["annotations"] = [dict(a, narration="../" + a["narration"] if a["narration"] else None,
                                captions=dict(a["captions"], vtt="../" + a["captions"]["vtt"])
                                if a.get("captions") else None)
                           for a in entry["annotations"]]
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for raw, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(raw, escaped)  # never closes the script element it sits in
    return {"poster": {"src": data["poster"], "width": poster.width if poster else None,
                       "height": poster.height if poster else None,
                       "alt": one_line(poster.alt_zh, poster.alt_en) if poster else ""},
            "turntable": data.get("turntable"), "notes": entry["annotations"], "json": text,
            "size": " × ".join(f"{v * 100:.0f}" for v in entry["size"]) + " cm"}


def _default_tour(exhibition) -> dict[str, dict]:
    """For each hall on the default tour: the next stop's slug and the narration's media hash."""
    if not exhibition.default_tour:
        return {}
    stops = exhibition.tour(exhibition.default_tour).stops
    out: dict[str, dict] = {}
    for n, stop in enumerate(stops):
        following = stops[n + 1].hall if n + 1 < len(stops) else None
        out.setdefault(stop.hall, {"next": following, "narration": stop.narration_sha})
    return out


def image_size_of(plan: ExportPlan, path: str) -> tuple[int, int]:
    planned = plan.files[path]
    return image_size(planned.source) if planned.source is not None else (0, 0)


def _plan_pin_styles(plan: ExportPlan, pins) -> None:
    # Pin positions go in a stylesheet: the CSP forbids style attributes.
    rules = [f".pin-{p.hall}{{left:{p.x * 100:.3f}%;top:{p.y * 100:.3f}%}}" for p in pins]
    plan.add_text("assets/floorplan.css", "\n".join(rules) + "\n")
