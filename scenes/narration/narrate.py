"""Speaking many subjects' narrations: cached, in parallel, written in one transaction.

For each subject and language the text's cache key (engine, voice, settings, text)
is computed first. A narration whose clip already has that key is unchanged (no
work); a key already in ``speech_clips`` is reused; only the rest is spoken, two
at a time (eSpeak is fast; most of the time is the loudness step and the AAC
encoder, which run outside the GIL). A subject that cannot be spoken is reported
by name and keeps its previous clip; the others are stored.
"""

from __future__ import annotations

import concurrent.futures
import json
import os
from dataclasses import dataclass, field

from assets.audio.captions import to_webvtt
from assets.audio.errors import SpeechError
from assets.audio.speak import encode_m4a, speak
from assets.errors import Cancelled, YunzhanError
from assets.media_store import MediaStore
from assets.media_tools import find_ffmpeg
from assets.progress import Progress, null_progress
from assets.project import Project
from scenes.narration.engines import EngineChoice, make_engine
from scenes.narration.store import Narration, list_narrations, store_audio
from scenes.narration.subjects import LANGS, Subject, list_subjects

WORKERS = min(2, os.cpu_count() or 1)


@dataclass
class NarrateReport:
    spoken: list[str] = field(default_factory=list)     # narration names, e.g. "object 1977.12 [zh]"
    reused: list[str] = field(default_factory=list)     # found in the clip cache
    unchanged: int = 0
    recordings: int = 0                                # left alone: the curator's own voice
    failed: list[YunzhanError] = field(default_factory=list)

    def lines(self) -> list[str]:
        out = [f"{len(self.spoken)} narrations spoken, {len(self.reused)} taken from the clip cache, "
               f"{self.unchanged} unchanged" + (f", {self.recordings} recordings kept" if self.recordings else "")]
        out += [f"not spoken: {e.user_text()}" for e in self.failed]
        return out


def narrate(project: Project, *, langs: tuple[str, ...] = LANGS, objects: list[str] | None = None,
            subjects: list[Subject] | None = None, choices: dict[str, EngineChoice] | None = None, force: bool = False,
            progress: Progress | None = None) -> NarrateReport:
    """Speak every subject's narration (or only ``objects``) in ``langs`` that is missing
    or stale (or only ``subjects``). ``choices`` overrides the project's engine per language for this run;
    ``force`` speaks again even unchanged ones (recordings are never replaced)."""
    progress = progress or null_progress()
    report = NarrateReport()
    subjects = list_subjects(project, objects=objects) if subjects is None else subjects
    engines = {lang: make_engine(project, lang, (choices or {}).get(lang)) for lang in langs}
    todo: list[tuple[Narration, str]] = []
    for n in list_narrations(project, langs=langs, subjects=subjects):
        if n.source == "recording":
            report.recordings += 1
            continue
        key = engines[n.lang].spec.key(n.text)
        if n.clip_key == key and not force:
            report.unchanged += 1
            continue
        todo.append((n, key))
    if not todo:
        progress.finish("narration up to date")
        return report
    cached = {} if force else _cached(project, {key for _, key in todo})
    ffmpeg = find_ffmpeg(project.get_setting("tools.ffmpeg"))
    progress.start(len(todo), "speaking narrations")
    results: list[tuple[Narration, str, dict]] = []

    def work(item):
        n, key = item
        if key in cached:
            return n, key, None
        engine = engines[n.lang]
        clip = speak(engine, n.text, n.lang, where=n.name)
        return n, key, {"m4a": encode_m4a(clip, ffmpeg, where=n.name), "vtt": to_webvtt(list(clip.cues)),
                        "duration": clip.seconds, "lufs": clip.lufs, "tp": clip.true_peak, "spec": engine.spec}

    with concurrent.futures.ThreadPoolExecutor(WORKERS) as pool:
        futures = [pool.submit(work, item) for item in todo]
        try:
            for future in concurrent.futures.as_completed(futures):
                progress.check()
                try:
                    n, key, made = future.result()
                except (SpeechError, YunzhanError) as e:
                    report.failed.append(e)
                else:
                    results.append((n, key, made))
                    progress.advance(1, n.subject.name)
        except Cancelled:
            for f in futures:
                f.cancel()
            raise
    _write(project, results, cached, report)
    progress.finish(f"{len(results)} narrations ready")
    return report


def _cached(project: Project, keys: set[str]) -> dict[str, tuple]:
    found = {}
    for row in project.db.execute("SELECT key, audio_sha, vtt, duration_s, lufs, true_peak, text FROM speech_clips"):
        if row[0] in keys:
            found[row[0]] = row[1:]
    return found


def _write(project: Project, results, cached, report: NarrateReport) -> None:
    store = MediaStore(project)
    with project.transaction(label="narrate") as db:
        for n, key, made in results:
            if made is None:
                audio_sha, vtt, duration, lufs, tp, _ = cached[key]
                report.reused.append(n.name)
            else:
                spec = made["spec"]
                audio_sha = store.add_bytes(made["m4a"], kind="audio", mime="audio/mp4", ext="m4a",
                                            original_name=f"{n.subject.name} {n.lang}.m4a",
                                            duration_s=made["duration"])
                vtt, duration, lufs, tp = made["vtt"], made["duration"], made["lufs"], made["tp"]
                db.execute("INSERT OR REPLACE INTO speech_clips(key, engine, voice, settings, lang, text, audio_sha, "
                           "vtt, duration_s, lufs, true_peak) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                           (key, spec.engine, spec.voice, json.dumps(spec.settings, sort_keys=True), n.lang, n.text,
                            audio_sha, vtt, duration, lufs, tp))
                report.spoken.append(n.name)
            store_audio(db, n.subject, n.lang, source="speech", audio_sha=audio_sha, vtt=vtt, duration_s=duration,
                        lufs=lufs, true_peak=tp, clip_key=key, clip_text=n.text)


def regenerate(project: Project, name: str, lang: str, *, progress: Progress | None = None) -> NarrateReport:
    """Speak one subject's narration again (the studio's "Regenerate")."""
    from scenes.narration.subjects import find_subject

    subject = find_subject(project, name)
    report = narrate(project, subjects=[subject], langs=(lang,), force=True, progress=progress)
    if report.failed:
        raise report.failed[0]
    return report
