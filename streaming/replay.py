"""An event's replay: its recorded parts joined into one video, with a poster, the
tour's chapters across all parts and the date the recording really began.

A run writes a new part whenever ffmpeg had to be restarted, and a part cut short
by a crash or a power cut ends in a broken fragment. The parts are joined with
ffmpeg's concat demuxer: without re-encoding when they share their codec
parameters (the usual case: the same program restarted), re-encoded to the first
part's picture size otherwise. A broken last fragment is dropped, never the part.
Each part's length is measured from its packets (a cut part's header claims the
fragment it never finished), so later chapters start where that part really ends.

The argv builders are pure (tested as lists); :func:`make_replay` runs them
through the one runner.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
from dataclasses import dataclass
from pathlib import Path

from assets.audio.captions import parse_webvtt_text
from assets.errors import MediaError
from assets.media_store import MediaStore
from assets.progress import Progress, null_progress
from assets.project import Project
from streaming.events import EventStore
from streaming.ffmpeg_tool import find_ffmpeg, find_ffprobe, probe
from streaming.recordings import Recording, chapters_vtt, recordings
from streaming.runner import run

# What must match for parts to be joined as they are (per stream type).
_VIDEO_KEYS = ("codec_name", "profile", "width", "height", "pix_fmt", "field_order")
_AUDIO_KEYS = ("codec_name", "profile", "sample_rate", "channels", "channel_layout")
POSTER_WIDTH = 1280
POSTER_AT = 0.1  # of the replay's length, at most POSTER_MAX_S: past any countdown slate
POSTER_MAX_S = 30.0


@dataclass(frozen=True)
class Part:
    """One recorded part as the replay uses it."""

    path: Path
    number: int
    duration_s: float       # measured from its packets
    signature: tuple        # codec parameters that must match to join without re-encoding
    chapters: str           # its own WebVTT chapters, from 0


@dataclass(frozen=True)
class Replay:
    key: str                # a short hash of the parts: the replay's file names
    event_uid: str
    title_zh: str
    title_en: str
    recorded: str           # UTC text of when the first part began recording
    duration_s: float
    video: Path
    poster: Path
    chapters: str           # WebVTT chapters over the whole replay
    parts: int
    reencoded: bool


def signature(info: dict) -> tuple:
    """The codec parameters of ffprobe's answer ``info`` that concat without re-encoding needs equal."""
    out = []
    for stream in info.get("streams", []):
        keys = {"video": _VIDEO_KEYS, "audio": _AUDIO_KEYS}.get(stream.get("codec_type"))
        if keys:
            out.append((stream["codec_type"], *(stream.get(k) for k in keys)))
    return tuple(out)


def packets_argv(ffprobe: str, path: Path) -> list[str]:
    """ffprobe listing every packet's time and length (a broken last packet left out)."""
    return [ffprobe, "-v", "error", "-fflags", "+discardcorrupt", "-show_entries",
            "packet=stream_index,pts_time,dts_time,duration_time", "-of", "csv=p=0", str(path)]


def playable_s(csv_text: str) -> float:
    """The length of the longest stream in ``packets_argv``'s output: from its first
    packet to the end of its last."""
    first: dict[str, float] = {}
    end: dict[str, float] = {}
    for line in csv_text.splitlines():
        fields = line.split(",")
        if len(fields) < 4:
            continue
        stream, pts, dts, length = fields[:4]
        try:
            t = float(pts if pts not in ("", "N/A") else dts)
        except ValueError:
            continue
        try:
            d = float(length)
        except ValueError:
            d = 0.0
        first[stream] = min(first.get(stream, t), t)
        end[stream] = max(end.get(stream, t + d), t + d)
    return max((end[s] - first[s] for s in end), default=0.0)


def concat_list(parts: list[Part]) -> str:
    """The concat demuxer's list: one ``file`` line per part, quoted as it wants."""
    def quoted(path: Path) -> str:
        return "'" + str(Path(path).resolve()).replace("'", "'\\''") + "'"

    return "ffconcat version 1.0\n" + "".join(f"file {quoted(p.path)}\n" for p in parts)


def join_argv(ffmpeg: str, list_file: Path, out: Path, *, reencode: bool, width: int | None = None,
              height: int | None = None) -> list[str]:
    """Join the parts in ``list_file`` into the web MP4 ``out`` (moov first, for playing
    while it downloads). ``auto_convert 0``: the parts are MP4 already, and converting a
    broken last packet to Annex B would fail the whole join."""
    argv = [ffmpeg, "-nostdin", "-hide_banner", "-v", "error", "-y",
            "-progress", "pipe:1", "-nostats", "-fflags", "+discardcorrupt+genpts",
            "-f", "concat", "-safe", "0", "-auto_convert", "0", "-i", str(list_file)]
    if reencode:
        chain = "setsar=1,format=yuv420p"
        if width and height:
            chain = (f"scale={width}:{height}:force_original_aspect_ratio=decrease,"
                     f"pad={width}:{height}:(ow-iw)/2:(oh-ih)/2," + chain)
        argv += ["-map", "0:v:0?", "-map", "0:a:0?", "-vf", chain, "-c:v", "libx264", "-preset", "veryfast",
                 "-crf", "23", "-af", "aresample=async=1", "-c:a", "aac", "-b:a", "128k", "-ar", "48000", "-ac", "2"]
    else:
        argv += ["-map", "0", "-c", "copy"]
    return argv + ["-movflags", "+faststart", "-f", "mp4", str(out)]


def poster_argv(ffmpeg: str, video: Path, out: Path, at_s: float) -> list[str]:
    """One frame of ``video`` at ``at_s`` as a JPEG at most :data:`POSTER_WIDTH` wide."""
    return [ffmpeg, "-nostdin", "-hide_banner", "-v", "error", "-y", "-ss", f"{at_s:.3f}", "-i", str(video),
            "-frames:v", "1", "-vf", f"scale='min({POSTER_WIDTH},iw)':-2", "-q:v", "3", "-f", "image2", str(out)]


def joined_chapters(parts: list[Part]) -> str:
    """The parts' chapters on the replay's clock: each part's shifted by the lengths
    before it; a stop that goes on across a restart stays one chapter."""
    stops: list[tuple[float, str]] = []
    offset = 0.0
    for part in parts:
        cues = parse_webvtt_text(part.chapters) if part.chapters.strip() else []
        for n, cue in enumerate(cues):
            if cue.start >= part.duration_s:
                continue  # a cut part's header promised more than it holds
            start = 0.0 if n == 0 else cue.start  # a chapter under 1 ms before it was not written
            if not (stops and stops[-1][1] == cue.text and start == 0.0):
                stops.append((offset + start, cue.text))
        offset += part.duration_s
    return chapters_vtt(stops, offset)


def replay_key(recs: list[Recording]) -> str:
    return hashlib.sha256("".join(r.sha256 for r in recs).encode()).hexdigest()[:16]


def recorded_at(project: Project, event_id: int, recs: list[Recording]) -> str:
    """UTC text of when the first part began: its run's start, else its log entry."""
    first = recs[0]
    row = project.db.execute("SELECT r.started_utc FROM live_recordings l JOIN live_runs r ON r.id = l.run_id "
                             "WHERE l.id = ?", (first.id,)).fetchone()
    if row and row[0]:
        return row[0]
    row = project.db.execute("SELECT created_at FROM live_recordings WHERE id = ?", (first.id,)).fetchone()
    return row[0] if row else EventStore(project).get(event_id).start.strftime("%Y-%m-%dT%H:%M:%SZ")


def cache_dir(project: Project) -> Path:
    """Where joined replays are kept between exports (beside the project, like tiles)."""
    return project.path.with_name(project.path.name + ".cache") / "replays"


def make_replay(project: Project, event_id: int, work_dir: Path | None = None, *,
                progress: Progress | None = None) -> Replay | None:
    """The replay of event ``event_id`` written into ``work_dir`` (default: the
    project's replay cache, where the same parts are joined only once) as
    ``<key>.mp4`` and ``<key>.jpg``; ``None`` when it recorded nothing.

    :raises MediaError: ffprobe or ffmpeg cannot read the parts.
    :raises StreamFailed: ffmpeg failed joining them.
    """
    progress = progress or null_progress()
    recs = sorted(recordings(project, event_id), key=lambda r: (r.id, r.part))
    if not recs:
        return None
    event = EventStore(project).get(event_id)
    ffmpeg = find_ffmpeg(project.get_setting("tools.ffmpeg"))
    ffprobe = find_ffprobe(project.get_setting("tools.ffprobe"), ffmpeg=ffmpeg)
    media = MediaStore(project)
    work_dir = Path(work_dir or cache_dir(project))
    work_dir.mkdir(parents=True, exist_ok=True)
    key = replay_key(recs)
    video, poster, facts = work_dir / f"{key}.mp4", work_dir / f"{key}.jpg", work_dir / f"{key}.json"
    made = _cached(facts, video, poster)
    if made is not None:
        return Replay(key, event.uid, event.title_zh, event.title_en, recorded_at(project, event_id, recs),
                      made["duration_s"], video, poster, made["chapters"], made["parts"], made["reencoded"])
    parts = []
    progress.start(None, f"measuring {len(recs)} recorded part(s)")
    for rec in recs:
        progress.check()
        path = _part_path(media, rec, work_dir)
        if path is None:
            continue  # its file was deleted outside Yunzhan: the others still make a replay
        parts.append(Part(path, rec.part, _measure(ffprobe, path), signature(probe(path, ffprobe=ffprobe)),
                          rec.chapters))
    parts = [p for p in parts if p.duration_s > 0]
    if not parts:
        return None
    reencode = len({p.signature for p in parts}) > 1
    width, height = _size(parts[0].signature)
    list_file = work_dir / f"{key}.concat.txt"
    list_file.write_text(concat_list(parts), encoding="utf-8")
    total = sum(p.duration_s for p in parts)
    partial = work_dir / f"{key}.part.mp4"  # a cancelled or failed join leaves no replay behind
    run(join_argv(ffmpeg, list_file, partial, reencode=reencode, width=width, height=height),
        progress=progress, duration_s=total)
    partial.replace(video)
    list_file.unlink(missing_ok=True)
    length = _measure(ffprobe, video) or total
    run(poster_argv(ffmpeg, video, poster, min(length * POSTER_AT, POSTER_MAX_S)))
    if not poster.is_file() or poster.stat().st_size == 0:
        raise MediaError(f"{video}: ffmpeg wrote no poster frame")
    chapters = joined_chapters(parts)
    facts.write_text(json.dumps({"duration_s": length, "chapters": chapters, "parts": len(parts),
                                 "reencoded": reencode, "size": video.stat().st_size}), encoding="utf-8")
    return Replay(key, event.uid, event.title_zh, event.title_en, recorded_at(project, event_id, recs), length,
                  video, poster, chapters, len(parts), reencode)


def _cached(facts: Path, video: Path, poster: Path) -> dict | None:
    """The facts of a replay joined before, if its files are all there and whole."""
    try:
        made = json.loads(facts.read_text(encoding="utf-8"))
        if video.stat().st_size == made["size"] and poster.stat().st_size > 0:
            return made
    except (OSError, ValueError, KeyError, TypeError):
        pass
    return None


def _part_path(media: MediaStore, rec: Recording, work_dir: Path) -> Path | None:
    """The part's file: in place when it is stored outside the project, else extracted;
    ``None`` when an external file is gone."""
    info = media.info(rec.sha256)
    if info.storage == "external":
        path = media.external_path(rec.sha256, info.ext)
        return path if path.is_file() else None
    return media.extract(rec.sha256, work_dir / f"{rec.sha256}.mp4")


def _measure(ffprobe: str, path: Path) -> float:
    try:
        done = subprocess.run(packets_argv(ffprobe, path), capture_output=True, text=True, timeout=600)
    except subprocess.TimeoutExpired:
        raise MediaError(f"{path}: ffprobe took too long measuring it") from None
    if done.returncode != 0 and not done.stdout:
        raise MediaError(f"{path}: ffprobe cannot read it ({(done.stderr.strip().splitlines() or ['?'])[-1]})")
    return playable_s(done.stdout)


def _size(sig: tuple) -> tuple[int | None, int | None]:
    for stream in sig:
        if stream[0] == "video":
            return stream[1 + _VIDEO_KEYS.index("width")], stream[1 + _VIDEO_KEYS.index("height")]
    return None, None


def replay_entry(replay: Replay, *, prefix: str = "replays/") -> dict:
    """The replay's entry in ``exhibition.json``'s ``replays`` (package-relative paths)."""
    base = prefix + replay.key
    return {"event": replay.event_uid, "title_zh": replay.title_zh, "title_en": replay.title_en,
            "recorded": replay.recorded, "duration_s": round(replay.duration_s, 3), "parts": replay.parts,
            "reencoded": replay.reencoded, "page": base + ".html", "video": base + ".mp4",
            "poster": base + ".jpg", "chapters": base + ".chapters.vtt",
            "size": replay.video.stat().st_size}
