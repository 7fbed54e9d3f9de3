"""Narration texts and clips in the project (tables ``narrations`` and ``speech_clips``).

A subject's text is the curator's own (``text``), or else the script composed from
the catalog. ``clip_text`` is what the current audio says: when the text changes
(edited, or the catalog fields the script comes from), the clip is stale until it
is spoken again. Clips are never deleted by a failed run: a new clip replaces the
old one only once it is complete.
"""

from __future__ import annotations

from dataclasses import dataclass

from assets.errors import YunzhanError
from assets.project import Project
from scenes.narration.subjects import LANGS, Subject, find_subject, list_subjects


class NarrationError(YunzhanError):
    """A narration cannot be made, stored or found."""


@dataclass(frozen=True)
class Narration:
    """One subject's narration in one language, as a list or a GUI shows it."""
    subject: Subject
    lang: str
    text: str              # what will be spoken: the written text, or the composed script
    edited: bool           # the curator wrote the text
    source: str | None     # 'speech', 'recording' or None (no audio yet)
    audio_sha: str | None
    vtt: str | None
    duration_s: float | None
    clip_key: str | None
    stale: bool            # there is audio, but it no longer speaks the text

    @property
    def name(self) -> str:
        return f"{self.subject.name} [{self.lang}]"


_COLUMNS = "text, source, audio_sha, vtt, duration_s, clip_key, clip_text"


def _row(project: Project, subject: Subject, lang: str):
    return project.db.execute(f"SELECT {_COLUMNS} FROM narrations WHERE subject = ? AND ref_id = ? "
                              "AND position = ? AND lang = ?",
                              (*subject.key, lang)).fetchone()


def _narration(subject: Subject, lang: str, row) -> Narration:
    written, source, audio, vtt, duration, key, clip_text = row or (None,) * 7
    text = written if written is not None else subject.script(lang)
    stale = source is not None and source == "speech" and clip_text != text
    return Narration(subject, lang, text, written is not None, source, audio, vtt, duration, key, stale)


def narration(project: Project, subject: Subject, lang: str) -> Narration:
    _check_lang(lang)
    return _narration(subject, lang, _row(project, subject, lang))


def list_narrations(project: Project, *, langs: tuple[str, ...] = LANGS,
                    subjects: list[Subject] | None = None) -> list[Narration]:
    """Every subject's narration in ``langs`` (what the studio's list shows)."""
    subjects = list_subjects(project) if subjects is None else subjects
    rows = {}
    for r in project.db.execute(f"SELECT subject, ref_id, position, lang, {_COLUMNS} FROM narrations"):
        rows[r[:4]] = r[4:]
    return [_narration(s, lang, rows.get((*s.key, lang)))
            for s in subjects for lang in langs]


def set_text(project: Project, name: str, lang: str, text: str | None) -> Narration:
    """Write a subject's narration text (``None``: back to the composed script). A clip
    that no longer speaks the text becomes stale; it is kept until spoken again."""
    _check_lang(lang)
    subject = find_subject(project, name)
    if text is not None and not text.strip():
        raise NarrationError(f"{subject.name} [{lang}]: the narration text is empty",
                             hint="clear it to use the script composed from the catalog")
    with project.transaction(label="edit narration text") as db:
        _ensure(db, subject, lang)
        db.execute("UPDATE narrations SET text = ?, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ','now') "
                   "WHERE subject = ? AND ref_id = ? AND position = ? AND lang = ?",
                   (text, *subject.key, lang))
    return narration(project, subject, lang)


def _ensure(db, subject: Subject, lang: str) -> None:
    db.execute("INSERT OR IGNORE INTO narrations(subject, ref_id, position, lang) VALUES (?, ?, ?, ?)",
               (*subject.key, lang))


def store_audio(db, subject: Subject, lang: str, *, source: str, audio_sha: str, vtt: str, duration_s: float,
                lufs: float | None, true_peak: float | None, clip_key: str | None = None,
                clip_text: str | None = None, original_sha: str | None = None, opus_sha: str | None = None) -> None:
    """Make ``audio_sha`` the subject's narration (inside the caller's transaction). A stop's
    Chinese narration is also its ``tour_stops.narration_sha`` (what the package plays)."""
    _ensure(db, subject, lang)
    db.execute("UPDATE narrations SET source = ?, audio_sha = ?, vtt = ?, duration_s = ?, lufs = ?, true_peak = ?, "
               "clip_key = ?, clip_text = ?, original_sha = ?, opus_sha = ?, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ','now') "
               "WHERE subject = ? AND ref_id = ? AND position = ? AND lang = ?",
               (source, audio_sha, vtt, duration_s, lufs, true_peak, clip_key, clip_text, original_sha,
                opus_sha, *subject.key, lang))
    if subject.kind == "stop" and lang == "zh":
        db.execute("UPDATE tour_stops SET narration_sha = ? WHERE id = ?", (audio_sha, subject.ref_id))


def _check_lang(lang: str) -> None:
    if lang not in LANGS:
        raise NarrationError(f"unknown narration language {lang!r} (use zh or en)")
