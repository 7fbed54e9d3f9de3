"""A curator's own recording as a subject's narration.

The recording is trimmed and brought to the web loudness (:mod:`assets.audio.recording`);
the original is kept in the media store unchanged. Captions come from an imported
WebVTT/SRT file, or from the typed text, whose cues are then timed in proportion
to their length (a recording's words have no sample positions to take times from).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from assets.audio.captions import Cue, parse_captions, to_webvtt
from assets.audio.cues import split_cues, width
from assets.audio.ffmpeg_audio import OPUS_EXT, OPUS_MIME
from assets.audio.recording import RECORDING_EXTENSIONS, prepare_recording
from assets.catalog import Catalog
from assets.errors import YunzhanError
from assets.media_import import match_accession
from assets.media_store import MediaStore
from assets.progress import Progress, null_progress
from assets.project import Project
from scenes.narration.store import Narration, narration, store_audio
from scenes.narration.subjects import Subject, find_subject


def _proportional_cues(text: str, duration: float) -> list[Cue]:
    cues = split_cues(text)
    total = sum(width(c) for c in cues) or 1.0
    out, start = [], 0.0
    for cue in cues:
        end = start + duration * width(cue) / total
        out.append(Cue(start, end, cue))
        start = end
    return out


def import_recording(project: Project, name: str, lang: str, path: Path, *, captions: Path | None = None,
                     text: str | None = None, progress: Progress | None = None) -> Narration:
    """Make the recording at ``path`` the narration of subject ``name`` in ``lang``."""
    subject = find_subject(project, name)
    return _import(project, subject, lang, Path(path), captions=captions, text=text, progress=progress)


def _import(project: Project, subject: Subject, lang: str, path: Path, *, captions: Path | None,
            text: str | None, progress: Progress | None) -> Narration:
    prepared = prepare_recording(path, ffmpeg=project.get_setting("tools.ffmpeg"),
                                 ffprobe=project.get_setting("tools.ffprobe"), progress=progress, opus=True)
    if captions is not None:
        # timed on the recording as it was: its leading silence is gone now
        shift = prepared.lead_trimmed_s
        cues = [Cue(max(0.0, c.start - shift), min(prepared.duration_s, max(0.0, c.end - shift)), c.text)
                for c in parse_captions(captions)]
        cues = [c for c in cues if c.end > c.start]
    else:
        current = narration(project, subject, lang)
        cues = _proportional_cues(text or current.text, prepared.duration_s) if (text or current.text) else []
    store = MediaStore(project)
    with project.transaction(label="import narration recording") as db:
        original = store.add_file(path, kind="audio", mime=RECORDING_EXTENSIONS[path.suffix.lower()])
        web = store.add_bytes(prepared.m4a, kind="audio", mime="audio/mp4", ext="m4a",
                              original_name=path.stem + ".m4a", duration_s=prepared.duration_s)
        opus = None if prepared.opus is None else store.add_bytes(
            prepared.opus, kind="audio", mime=OPUS_MIME, ext=OPUS_EXT, original_name=f"{path.stem}.{OPUS_EXT}",
            duration_s=prepared.duration_s)
        if text is not None:
            db.execute("UPDATE narrations SET text = ? WHERE subject = ? AND ref_id = ? AND position = ? AND lang = ?",
                       (text, *subject.key, lang))
        store_audio(db, subject, lang, source="recording", audio_sha=web, vtt=to_webvtt(cues),
                    duration_s=prepared.duration_s, lufs=prepared.lufs, true_peak=prepared.true_peak,
                    original_sha=original, opus_sha=opus)
    return narration(project, subject, lang)


@dataclass
class RecordingImport:
    imported: list[tuple[Path, str]] = field(default_factory=list)   # (file, narration name)
    unmatched: list[Path] = field(default_factory=list)


_LANG_SUFFIX = re.compile(r"[\s_\-.](zh|en)$", re.I)


def import_recordings(project: Project, paths: list[Path], *, progress: Progress | None = None) -> RecordingImport:
    """Recordings named after objects (``1977.12.m4a``, ``1977.12_en.mp3``) as their
    narrations: Chinese unless the name ends in ``_en``. A file whose name matches no
    object is reported, not stored. The first bad file stops the import with its name;
    the files before it are kept."""
    progress = progress or null_progress()
    result = RecordingImport()
    accessions = Catalog(project).accessions()
    progress.start(len(paths), "importing narration recordings")
    for path in paths:
        progress.check()
        stem = path.name.rsplit(".", 1)[0]
        m = _LANG_SUFFIX.search(stem)
        lang = m.group(1).lower() if m else "zh"
        key = stem[:m.start()] if m else stem
        accession = match_accession(key + ".x", accessions)
        if accession is None:
            result.unmatched.append(path)
        else:
            n = import_recording(project, accession, lang, path)
            result.imported.append((path, n.name))
        progress.advance(1, path.name)
    progress.finish()
    return result


def is_recording(path: Path) -> bool:
    return Path(path).suffix.lower() in RECORDING_EXTENSIONS


__all__ = ["import_recording", "import_recordings", "is_recording", "RecordingImport", "YunzhanError"]
