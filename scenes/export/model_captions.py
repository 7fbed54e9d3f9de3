"""Captions (WebVTT) for a 3D note's narration in the package.

A clip spoken or recorded through the narration system carries its own timed cues;
any other clip gets the note's text, timed in proportion to the cues' length over
the clip's duration (as a recording without a caption file does)."""

from __future__ import annotations

from pathlib import Path

from assets.audio.captions import to_webvtt
from assets.errors import YunzhanError
from assets.media_store import MediaStore
from assets.media_tools import duration_s, find_ffprobe, probe
from scenes.model_scenes import Annotation
from scenes.narration.recordings import _proportional_cues as proportional_cues


def annotation_captions(store: MediaStore, note: Annotation, audio_file: Path) -> tuple[str, str] | None:
    """``(lang, webvtt)`` for the narration of ``note`` (stored at ``audio_file`` once
    published), or ``None`` when there is nothing to show as text."""
    sha = note.narration_sha
    row = store.project.db.execute("SELECT lang, vtt FROM narrations WHERE audio_sha = ? AND vtt IS NOT NULL "
                                   "AND vtt LIKE '%-->%' ORDER BY lang DESC LIMIT 1", (sha,)).fetchone()
    if row is not None:
        return row[0], row[1]
    lang, text = ("zh", note.text_zh or note.title_zh) if (note.text_zh or note.title_zh) else ("en", note.text_en
                                                                                                 or note.title_en)
    if not text.strip():
        return None
    length = store.info(sha).duration_s or _probed(store, audio_file)
    if not length:
        return None
    return lang, to_webvtt(proportional_cues(text, length))


def _probed(store: MediaStore, path: Path) -> float | None:
    try:
        return duration_s(probe(path, ffprobe=find_ffprobe(store.project.get_setting("tools.ffprobe"))))
    except YunzhanError:  # no ffprobe, or a clip it cannot read: no captions, the audio still plays
        return None
