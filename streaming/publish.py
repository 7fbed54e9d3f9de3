"""What live events add to an exported exhibition package: upcoming events and replays.

The exporter (in ``scenes``) cannot import ``streaming``; it receives
:class:`~scenes.contribution.Contribution` objects from :func:`contributions` instead.
Nothing here carries a destination address or a stream key: only titles, times,
and the replay files with their chapters.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from assets.project import Project
from scenes.contribution import Contribution
from streaming.events import EventStore, now_utc, utc_text
from streaming.recordings import recordings
from streaming.replay import make_replay, replay_entry


def contributions(project: Project, *, include_replays: bool = True,
                  work_dir: Path | None = None) -> list[Contribution]:
    """``events`` (upcoming live tours) and ``replays`` (recordings with WebVTT chapters).

    Each event's replay is joined once into the project's cache (:func:`streaming.replay.cache_dir`);
    its chapters are written into ``work_dir`` (a new temporary folder by default)."""
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
    result.append(replays_contribution(project, work_dir))
    return result


def replays_contribution(project: Project, work_dir: Path | None = None) -> Contribution:
    """``replays``: one per event that recorded, its parts joined (see :mod:`streaming.replay`),
    with a poster and WebVTT chapters; the exporter gives each its page."""
    entries, files = [], {}
    event_ids = list(dict.fromkeys(r.event_id for r in recordings(project)))
    if event_ids:
        work_dir = Path(work_dir or tempfile.mkdtemp(prefix="yunzhan-replays-"))
        work_dir.mkdir(parents=True, exist_ok=True)
    for event_id in event_ids:
        replay = make_replay(project, event_id)  # joined once, kept in the project's cache
        if replay is None:
            continue
        entry = replay_entry(replay)
        vtt = work_dir / f"{replay.key}.chapters.vtt"
        vtt.write_text(replay.chapters, encoding="utf-8")
        files.update({entry["video"]: replay.video, entry["poster"]: replay.poster, entry["chapters"]: vtt})
        entries.append(entry)
    return Contribution("replays", entries, files)
