"""What live events add to an exported exhibition package: upcoming events and replays.

The exporter (in ``scenes``) cannot import ``streaming``; it receives
:class:`~scenes.contribution.Contribution` objects from :func:`contributions` instead.
Nothing here carries a destination address or a stream key: only titles, times,
and the replay files with their chapters.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from assets.media_store import MediaStore
from assets.project import Project
from scenes.contribution import Contribution
from streaming.events import EventStore, now_utc, utc_text
from streaming.recordings import recordings


def contributions(project: Project, *, include_replays: bool = True,
                  work_dir: Path | None = None) -> list[Contribution]:
    """``events`` (upcoming live tours) and ``replays`` (recordings with WebVTT chapters).

    Replay files are extracted from the project into ``work_dir`` (a new temporary
    folder by default) for the exporter to copy; chapters are written beside them."""
    store = EventStore(project)
    now = now_utc()
    upcoming = [{
        "id": e.uid,
        "title_zh": e.title_zh,
        "title_en": e.title_en,
        "description": e.description,
        "start": utc_text(e.start),
        "end": utc_text(e.end),
        "tz": e.tz,
        "local_start": e.local_start.isoformat(),
        "status": e.status,
        "platforms": sorted({d.preset for d in e.destinations if not d.preset.startswith("custom-")}),
    } for e in store.upcoming(now)]
    result = [Contribution("events", upcoming)]
    if not include_replays:
        return result
    entries, files = [], {}
    media = MediaStore(project)
    recs = recordings(project)
    if recs:
        work_dir = Path(work_dir or tempfile.mkdtemp(prefix="yunzhan-replays-"))
        work_dir.mkdir(parents=True, exist_ok=True)
    for rec in recs:
        event = store.get(rec.event_id)
        video = f"replays/{rec.sha256}.mp4"
        chapters = f"replays/{rec.sha256}.chapters.vtt"
        files[video] = media.extract(rec.sha256, work_dir / f"{rec.sha256}.mp4")
        vtt = work_dir / f"{rec.sha256}.chapters.vtt"
        vtt.write_text(rec.chapters, encoding="utf-8")
        files[chapters] = vtt
        entries.append({
            "event": event.uid, "title_zh": event.title_zh, "title_en": event.title_en,
            "recorded": utc_text(event.start), "part": rec.part, "duration_s": round(rec.duration_s, 3),
            "size": rec.size, "sha256": rec.sha256, "video": video, "chapters": chapters,
        })
    result.append(Contribution("replays", entries, files))
    return result
