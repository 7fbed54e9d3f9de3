"""Narration in the package: each narration's audio and WebVTT captions, the
transcript for object and hall pages, the tour the viewer plays ("Start tour"), and
the audio-guide page (numbered stops with QR codes).

The tour follows the default tour (else the first): at each of its halls the
camera shows the hall's view and plays the stop's narration (else the hall's),
then turns to each object pinned in that hall that has a narration, then moves on
to the next hall. Each clip is AAC (.m4a), and also Opus (.webm) where that was smaller; pages list
both as ``<source>`` elements, Opus first. Captions travel in ``data/viewer.json`` as cue lists, so the
viewer shows them without another fetch and offline; the .vtt files serve the
``<track>`` of the plain ``<audio>`` elements (pages without JavaScript).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from assets.audio.captions import parse_webvtt_text, transcript
from scenes.export.plan import ExportPlan
from scenes.opendata.urls import object_page_path, object_slug

LANGS = ("zh", "en")
GUIDE_PAGE = "guide.html"


def guide_entry_url(base_url: str, number: int) -> str:
    """Where a stop's QR code leads: its entry on the audio-guide page."""
    return f"{base_url}{GUIDE_PAGE}#stop-{number}"


def printed_guide(narrations: "PublishedNarrations", base_url: str | None) -> list:
    """The audio guide's stops for the printed gallery kit."""
    from scenes.opendata.gallery_kit import GuideStop

    return [GuideStop(s["number"], s["title"]["zh"], s["title"]["en"],
                      guide_entry_url(base_url, s["number"]) if base_url else None) for s in narrations.guide]


@dataclass
class PublishedNarrations:
    objects: dict[str, dict] = field(default_factory=dict)  # accession -> lang -> {audio, vtt, transcript}
    halls: dict[str, dict] = field(default_factory=dict)    # hall slug -> lang -> ...
    stops: dict[tuple[int, int], dict] = field(default_factory=dict)  # (tour id, position) -> lang -> ...
    tour: dict | None = None                                 # for data/viewer.json
    guide: list[dict] = field(default_factory=list)          # the audio-guide page's stops


def _rows(project):
    # A stop's narration is keyed by the stop's id; the package names it by the
    # stop's tour and present position.
    return project.db.execute(
        "SELECT n.subject, coalesce(s.tour_id, n.ref_id), coalesce(s.position, n.position), n.lang, n.audio_sha, "
        "n.vtt, n.opus_sha FROM narrations n LEFT JOIN tour_stops s ON n.subject = 'stop' AND s.id = n.ref_id "
        "WHERE n.audio_sha IS NOT NULL ORDER BY n.subject, 2, 3, n.lang")


def publish_narrations(project, exhibition, objects, plan: ExportPlan, publish_audio) -> PublishedNarrations:
    """Plan every narration's audio (``publish_audio(sha) -> package path``) and captions."""
    out = PublishedNarrations()
    by_id = {o.id: o for o in objects}
    halls_by_id = {h.id: h for h in exhibition.halls}
    for kind, ref_id, position, lang, audio_sha, vtt, opus_sha in _rows(project):
        if kind == "object":
            obj = by_id.get(ref_id)
            if obj is None:
                continue  # not in this exhibition
            name, target = f"object-{object_slug(obj.accession)}", out.objects.setdefault(obj.accession, {})
        elif kind == "hall":
            hall = halls_by_id.get(ref_id)
            if hall is None:
                continue
            name, target = f"hall-{hall.slug}", out.halls.setdefault(hall.slug, {})
        else:
            name, target = f"tour-{ref_id}-{position + 1}", out.stops.setdefault((ref_id, position), {})
        cues = parse_webvtt_text(vtt) if vtt else []
        vtt_path = f"narration/{name}-{lang}.vtt"
        plan.add_text(vtt_path, vtt or "WEBVTT\n")
        target[lang] = {"audio": publish_audio(audio_sha), "vtt": vtt_path, "transcript": transcript(cues),
                        "cues": [[round(c.start, 3), round(c.end, 3), c.text] for c in cues]}
        if opus_sha:  # smaller: offered first, the AAC stays for players without Opus (older iPhones)
            target[lang]["opus"] = publish_audio(opus_sha)
    out.tour = _tour(exhibition, out, by_id)
    out.guide = out.tour["stops"] if out.tour else []
    return out


def _tour(exhibition, out: PublishedNarrations, by_id) -> dict | None:
    slug = exhibition.default_tour or (exhibition.tours[0].slug if exhibition.tours else None)
    if slug is None:
        return None
    tour = exhibition.tour(slug)
    stops = []
    for position, stop in enumerate(tour.stops):
        hall = exhibition.hall(stop.hall)
        spoken = out.stops.get((tour.id, position)) or out.halls.get(hall.slug) or {}
        view = stop.view or hall.view
        entry = {"hall": hall.slug, "yaw": view.yaw, "pitch": view.pitch,
                 "title": _both(hall.title_zh, hall.title_en or hall.slug), "page": f"halls/{hall.slug}.html",
                 "narration": _per_lang(spoken)}
        about = next((o for o in by_id.values() if o.accession == stop.object_accession), None)
        if about is not None:  # a stop about one object: its card is the stop's label
            entry.update(object=object_slug(about.accession), page=object_page_path(about.accession),
                         title=_both(about.title_zh, about.title_en or about.accession))
        stops.append(entry)
        for spot in hall.hotspots:
            obj = by_id.get(spot.object_id) if spot.kind == "object" else None
            if obj is None or obj.accession not in out.objects or obj is about:
                continue
            stops.append({"hall": hall.slug, "yaw": spot.yaw, "pitch": spot.pitch, "object": object_slug(obj.accession),
                          "title": _both(obj.title_zh, obj.title_en or obj.accession),
                          "page": object_page_path(obj.accession), "narration": _per_lang(out.objects[obj.accession])})
    if not any(s["narration"] for s in stops):
        return None
    for n, stop in enumerate(stops, 1):
        stop["number"] = n
    return {"slug": tour.slug, "title": _both(tour.title_zh, tour.title_en or tour.slug), "stops": stops}


def _per_lang(spoken: dict) -> dict:
    """Both languages, each falling back to the other when only one was narrated."""
    if not spoken:
        return {}
    return {lang: spoken.get(lang) or spoken[next(iter(spoken))] for lang in LANGS}


def _both(zh: str, en: str) -> dict:
    return {"zh": zh or en, "en": en or zh}
