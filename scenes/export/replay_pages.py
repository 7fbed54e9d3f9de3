"""A page per live tour replay (``replays/<key>.html``): the video in the page with its
poster, the date it was recorded, and its WebVTT chapters as a list of buttons that
seek the video (``assets/replay.js``); without JavaScript the chapters stay a list
of times and the video its own controls."""

from __future__ import annotations

from datetime import datetime, timezone

from assets.audio.captions import parse_webvtt_text
from scenes.contribution import Contribution
from scenes.export.pages import both, render
from scenes.export.plan import ExportPlan
from scenes.opendata.jsonld import CONTEXT, jsonld_script, text_value
from scenes.opendata.urls import package_url

SECTION = "replays"


def plan_replay_pages(plan: ExportPlan, contributions: list[Contribution], *, site_title: dict,
                      kiosk: bool, base_url: str | None = None) -> None:
    """Plan the page of every ``replays`` entry that names one (``page``, ``video``, ``chapters``)."""
    for contribution in contributions:
        if contribution.section != SECTION:
            continue
        for entry in contribution.entries:
            if not (isinstance(entry, dict) and entry.get("page") and entry.get("video")):
                continue
            chapters_file = contribution.files.get(entry.get("chapters", ""))
            chapters = parse_webvtt_text(chapters_file.read_text(encoding="utf-8")) if chapters_file else []
            title = both(entry.get("title_zh"), entry.get("title_en"))
            page = entry["page"]
            depth = "../" * page.count("/")
            plan.add_text(page, render(
                "replay.html", kiosk=kiosk, root=depth, page_kind="replay", site_title=site_title,
                title={lang: f"{title[lang]} · {site_title[lang]}" for lang in ("zh", "en")},
                jsonld=[jsonld_script(video_jsonld(entry, base_url))],
                replay={"title": title, "video": _beside(page, entry["video"]),
                        "poster": _beside(page, entry["poster"]) if entry.get("poster") else None,
                        "chapters_vtt": _beside(page, entry["chapters"]) if chapters_file else None,
                        "recorded": entry.get("recorded", ""), "recorded_text": _date_text(entry.get("recorded", "")),
                        "duration": _clock(float(entry.get("duration_s") or 0)),
                        "chapters": [{"start": round(c.start, 3), "clock": _clock(c.start), "title": c.text}
                                     for c in chapters]}))


def video_jsonld(entry: dict, base_url: str | None) -> dict:
    """A schema.org VideoObject for a replay (chapters as its ``hasPart`` clips are left to
    the WebVTT file: search engines read that from the page's track)."""
    doc = {"@context": CONTEXT, "@type": "VideoObject",
           "name": text_value(entry.get("title_zh", ""), entry.get("title_en", "")) or entry["video"],
           "contentUrl": package_url(base_url, entry["video"]), "encodingFormat": "video/mp4",
           "url": package_url(base_url, entry["page"])}
    if entry.get("recorded"):
        doc["uploadDate"] = doc["dateCreated"] = entry["recorded"]
    if entry.get("duration_s"):
        doc["duration"] = f"PT{float(entry['duration_s']):.0f}S"
    if entry.get("poster"):
        doc["thumbnailUrl"] = package_url(base_url, entry["poster"])
    return doc


def _beside(page: str, path: str) -> str:
    """``path`` (package-relative) as seen from ``page``."""
    return "../" * page.count("/") + path


def _date_text(value: str) -> str:
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return value
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")


def _clock(seconds: float) -> str:
    s = int(seconds)
    return f"{s // 3600}:{s // 60 % 60:02d}:{s % 60:02d}" if s >= 3600 else f"{s // 60:02d}:{s % 60:02d}"
