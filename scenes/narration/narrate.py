"""Speaking many subjects' narrations: cached, in parallel, written in one transaction.

For each subject and language the text's cache key (engine, voice, settings, text)
is computed first. A narration whose clip already has that key is unchanged (no
work); a key already in ``speech_clips`` is reused; only the rest is spoken. The
texts to speak go out in small batches (:func:`assets.audio.batch.speak_batch`:
speech, the loudness step in memory, one ffmpeg run per batch for AAC and Opus) to
a pool of ``os.cpu_count()`` worker processes when the engine can be sent to one
(eSpeak NG, whose library holds one global state per process) and there is enough
to do; to two threads otherwise. A subject that cannot be spoken is reported by
name and keeps its previous clip; the others are stored.
"""

from __future__ import annotations

import concurrent.futures
import concurrent.futures.process
import json
import multiprocessing
import os
from dataclasses import dataclass, field

from assets.audio.batch import Failed, speak_batch
from assets.audio.ffmpeg_audio import OPUS_EXT, OPUS_MIME
from assets.errors import Cancelled, YunzhanError
from assets.media_store import MediaStore
from assets.media_tools import find_ffmpeg
from assets.progress import Progress, null_progress
from assets.project import Project
from scenes.narration.engines import EngineChoice, make_engine
from scenes.narration.store import Narration, list_narrations, store_audio
from scenes.narration.subjects import LANGS, Subject, list_subjects

THREADS = min(2, os.cpu_count() or 1)
PROCESSES = os.cpu_count() or 1
MIN_FOR_PROCESSES = 8   # below this, starting worker processes costs more than it saves
MAX_BATCH = 8           # texts per batch: one ffmpeg start-up each, and a cancel waits for at most one


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
    progress.start(len(todo), "speaking narrations")
    results: list[tuple[Narration, str, object]] = [(n, key, None) for n, key in todo if key in cached]
    progress.advance(len(results), "")
    speaking = [(n, key) for n, key in todo if key not in cached]
    if speaking:
        _speak_all(project, speaking, engines, progress, report, results)
    _write(project, results, cached, report)
    progress.finish(f"{len(results)} narrations ready")
    return report


def _pool(engines: dict, count: int) -> concurrent.futures.Executor:
    """Worker processes for engines that can travel to one (eSpeak NG), else threads."""
    if count >= MIN_FOR_PROCESSES and PROCESSES > 1 and all(getattr(e, "portable", False)
                                                            for e in engines.values()):
        try:
            # spawn, not fork: the studio calls this from a worker thread of a Qt process
            return concurrent.futures.ProcessPoolExecutor(PROCESSES, mp_context=multiprocessing.get_context("spawn"))
        except (OSError, ImportError):  # no working semaphores here (a sandbox without /dev/shm)
            pass
    return concurrent.futures.ThreadPoolExecutor(THREADS)


def _batches(items: list, workers: int) -> list[list]:
    """``items`` in batches: at least four per worker (so the work evens out), at most MAX_BATCH each."""
    size = max(1, min(MAX_BATCH, -(-len(items) // (workers * 4))))
    return [items[i:i + size] for i in range(0, len(items), size)]


def _speak_all(project: Project, speaking, engines, progress: Progress, report: NarrateReport, results) -> None:
    ffmpeg = find_ffmpeg(project.get_setting("tools.ffmpeg"))
    needed = {n.lang: engines[n.lang] for n, _ in speaking}
    failed: list[tuple[int, YunzhanError]] = []  # reported in the subjects' order, not the batches'

    def take(batch, made) -> None:
        for (i, (n, key)), one in zip(batch, made):
            if isinstance(one, Failed):
                failed.append((i, one.exception()))
            else:
                results.append((n, key, (one, engines[n.lang].spec)))
        progress.advance(len(batch), batch[-1][1][0].subject.name)

    pool = _pool(needed, len(speaking))
    left = _run(pool, _batches(list(enumerate(speaking)), getattr(pool, "_max_workers", THREADS)), needed, ffmpeg,
                progress, take, failed)
    if left:
        # Worker processes could not start or died (a program that starts them
        # without a ``__main__`` guard, too little memory): the rest in threads.
        _run(concurrent.futures.ThreadPoolExecutor(THREADS), left, needed, ffmpeg, progress, take, failed)
    report.failed.extend(e for _, e in sorted(failed, key=lambda f: f[0]))


def _run(pool, batches, engines, ffmpeg, progress: Progress, take, failed) -> list:
    """Run ``batches`` in ``pool``, handing each result to ``take``; the batches left
    undone when the process pool broke."""
    left = []
    with pool:
        futures = {pool.submit(speak_batch, [(n.text, n.lang, n.name) for _, (n, _) in batch], engines, ffmpeg): batch
                   for batch in batches}
        try:
            for future in concurrent.futures.as_completed(futures):
                progress.check()
                batch = futures[future]
                try:
                    made = future.result()
                except concurrent.futures.process.BrokenProcessPool:
                    left.append(batch)
                except YunzhanError as e:  # the batch's encoder failed: each narration says so by name
                    failed.extend((i, type(e)(f"{n.name}: {e.message}", hint=e.hint)) for i, (n, _) in batch)
                else:
                    take(batch, made)
        except Cancelled:
            pool.shutdown(wait=False, cancel_futures=True)
            raise
    return left


def _cached(project: Project, keys: set[str]) -> dict[str, tuple]:
    found = {}
    for row in project.db.execute("SELECT key, audio_sha, vtt, duration_s, lufs, true_peak, text, opus_sha "
                                  "FROM speech_clips"):
        if row[0] in keys:
            found[row[0]] = row[1:]
    return found


def _write(project: Project, results, cached, report: NarrateReport) -> None:
    store = MediaStore(project)
    with project.transaction(label="narrate") as db:
        for n, key, made in results:
            if made is None:
                audio_sha, vtt, duration, lufs, tp, _, opus_sha = cached[key]
                report.reused.append(n.name)
            else:
                spoken, spec = made
                audio_sha = store.add_bytes(spoken.m4a, kind="audio", mime="audio/mp4", ext="m4a",
                                            original_name=f"{n.subject.name} {n.lang}.m4a",
                                            duration_s=spoken.duration_s)
                opus_sha = None if spoken.opus is None else store.add_bytes(
                    spoken.opus, kind="audio", mime=OPUS_MIME, ext=OPUS_EXT,
                    original_name=f"{n.subject.name} {n.lang}.{OPUS_EXT}", duration_s=spoken.duration_s)
                vtt, duration, lufs, tp = spoken.vtt, spoken.duration_s, spoken.lufs, spoken.true_peak
                db.execute("INSERT OR REPLACE INTO speech_clips(key, engine, voice, settings, lang, text, audio_sha, "
                           "vtt, duration_s, lufs, true_peak, opus_sha) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                           (key, spec.engine, spec.voice, json.dumps(spec.settings, sort_keys=True), n.lang, n.text,
                            audio_sha, vtt, duration, lufs, tp, opus_sha))
                report.spoken.append(n.name)
            store_audio(db, n.subject, n.lang, source="speech", audio_sha=audio_sha, vtt=vtt, duration_s=duration,
                        lufs=lufs, true_peak=tp, clip_key=key, clip_text=n.text, opus_sha=opus_sha)


def regenerate(project: Project, name: str, lang: str, *, progress: Progress | None = None) -> NarrateReport:
    """Speak one subject's narration again (the studio's "Regenerate")."""
    from scenes.narration.subjects import find_subject

    subject = find_subject(project, name)
    report = narrate(project, subjects=[subject], langs=(lang,), force=True, progress=progress)
    if report.failed:
        raise report.failed[0]
    return report
