"""After the event: recordings into the project, tour stops into WebVTT chapters.

Each part file of a run (a new part starts whenever ffmpeg had to be restarted) is
probed for its duration, hashed and registered in the media store as a ``video``;
its chapters are the tour stops (``cue`` entries of the run log) that fell inside it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from assets.errors import ToolMissing
from assets.media_store import MediaStore, sha256_file
from assets.project import Project
from streaming.events import EventStore, from_utc_text
from streaming.ffmpeg_tool import duration_s, probe

MIN_BYTES = 1024  # a part with less than this never got a fragment written


@dataclass(frozen=True)
class Recording:
    id: int
    event_id: int
    sha256: str
    part: int
    duration_s: float
    size: int
    checksum: str
    chapters: str


def chapters_vtt(stops: list[tuple[float, str]], duration: float) -> str:
    """WebVTT chapters: each stop ``(offset_s, title)`` lasts until the next (or the end)."""
    import webvtt

    vtt = webvtt.WebVTT()
    stops = sorted((max(0.0, t), title) for t, title in stops if t < duration)
    for i, (t, title) in enumerate(stops):
        end = stops[i + 1][0] if i + 1 < len(stops) else duration
        if end - t < 0.001:
            continue
        vtt.captions.append(webvtt.Caption(_stamp(t), _stamp(end), title, identifier=f"chapter-{i + 1}"))
    return vtt.content


def register(project: Project, event_id: int, part_file: Path, *, part: int = 1, run_id: int | None = None,
             started: datetime | None = None, ffprobe: str | None = None,
             encoded_s: float | None = None) -> Recording | None:
    """Register one recorded part; ``None`` when the file is missing or empty.

    The duration comes from ffprobe; where there is none (only the imageio-ffmpeg
    binary), from ``encoded_s``, the encoder's own count of the part's seconds."""
    part_file = Path(part_file)
    if not part_file.is_file() or part_file.stat().st_size < MIN_BYTES:
        return None
    try:
        info = probe(part_file, ffprobe=ffprobe)
    except ToolMissing:
        if encoded_s is None:
            raise
        info = {"format": {"duration": encoded_s}, "streams": []}
    length = duration_s(info) or 0.0
    video = next((s for s in info.get("streams", []) if s.get("codec_type") == "video"), {})
    sha = sha256_file(part_file)
    size = part_file.stat().st_size
    store = EventStore(project)
    stops = []
    if started is not None:
        for entry in store.log_entries(event_id):
            if entry["kind"] != "cue":
                continue
            offset = (from_utc_text(entry["at"]) - started).total_seconds()
            if 0 <= offset < length:  # cues come from other processes: match them by time
                stops.append((offset, entry["detail"].get("text", "")))
    if not stops or stops[0][0] > 0:
        stops.insert(0, (0.0, store.get(event_id).title))
    vtt = chapters_vtt(stops, length)
    media = MediaStore(project)
    with project.transaction(label=None) as db:
        media.register_external(part_file, kind="video", mime="video/mp4", sha=sha)
        db.execute("UPDATE media SET width = ?, height = ?, duration_s = ? WHERE sha256 = ?",
                   (video.get("width"), video.get("height"), length, sha))
        cur = db.execute(
            "INSERT INTO live_recordings(event_id, run_id, sha256, part, duration_s, size, checksum, chapters) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(event_id, sha256) DO UPDATE SET chapters = excluded.chapters",
            (event_id, run_id, sha, part, length, size, f"sha256:{sha}", vtt))
        rec_id = cur.lastrowid or db.execute(
            "SELECT id FROM live_recordings WHERE event_id = ? AND sha256 = ?", (event_id, sha)).fetchone()[0]
        store.log(event_id, "recording", run_id=run_id,
                  detail={"file": part_file.name, "part": part, "sha256": sha, "duration_s": round(length, 3),
                          "size": size})
    return Recording(rec_id, event_id, sha, part, length, size, f"sha256:{sha}", vtt)


def recordings(project: Project, event_id: int | None = None) -> list[Recording]:
    sql = ("SELECT id, event_id, sha256, part, duration_s, size, checksum, chapters FROM live_recordings"
           + (" WHERE event_id = ?" if event_id is not None else "") + " ORDER BY event_id, id")
    return [Recording(*r) for r in project.db.execute(sql, (event_id,) if event_id is not None else ())]


def _stamp(seconds: float) -> str:
    ms = round(seconds * 1000)
    h, rest = divmod(ms, 3_600_000)
    m, rest = divmod(rest, 60_000)
    s, ms = divmod(rest, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}.{ms:03d}"
