"""Home page sections made from contributions (upcoming live tours, replays):
the exporter knows only the generic shape of an entry, not the streaming layer."""

from __future__ import annotations

from datetime import datetime
from typing import Iterable

from scenes.contribution import Contribution

HEADINGS = {
    "events": {"zh": "即将开始的直播导览", "en": "Upcoming live tours"},
    "replays": {"zh": "直播回放", "en": "Replays"},
}
_TIME_KEYS = ("local_start", "start", "recorded", "date", "when")
_LINK_KEYS = ("url", "page", "video", "path")  # a replay's page before its bare video


def home_sections(contributions: Iterable[Contribution]) -> list[dict]:
    """One section per contribution with entries: heading and entries with a
    bilingual title, an optional time and an optional link (package-relative or http)."""
    sections = []
    for c in contributions:
        entries = [_entry(e) for e in c.entries if isinstance(e, dict)]
        if entries:
            heading = HEADINGS.get(c.section, {"zh": c.section, "en": c.section.replace("_", " ").capitalize()})
            sections.append({"section": c.section, "heading": heading, "entries": entries})
    return sections


def _entry(entry: dict) -> dict:
    zh = str(entry.get("title_zh") or entry.get("title") or "")
    en = str(entry.get("title_en") or entry.get("title") or "")
    when = next((str(entry[k]) for k in _TIME_KEYS if entry.get(k)), "")
    href = _safe_href(next((str(entry[k]) for k in _LINK_KEYS if entry.get(k)), ""))
    return {"title": {"zh": zh or en or "—", "en": en or zh or "—"}, "when": when,
            "when_text": _when_text(when, str(entry.get("tz") or "")), "href": href}


def _safe_href(href: str) -> str:
    """Web links and package-relative paths only: never ``javascript:``, ``file:``..."""
    if href.startswith(("http://", "https://")):
        return href
    if href.startswith("/") or ":" in href.split("/", 1)[0]:
        return ""
    return href


def _when_text(value: str, zone: str = "") -> str:
    """``2030-01-02 18:00 Asia/Shanghai`` (the zone's name when given), ``… UTC+08:00`` or ``… UTC``."""
    if not value:
        return ""
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return value
    text = moment.strftime("%Y-%m-%d %H:%M")
    offset = moment.utcoffset()
    if zone:
        return f"{text} {zone}"
    if offset is None:
        return text
    if not offset:
        return f"{text} UTC"
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    return f"{text} UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
