"""Speaking a batch of texts and encoding them for the web: the unit of work that
narration hands to a pool of worker processes.

Each text is spoken cue by cue and brought to the loudness target in memory
(:func:`~assets.audio.speak.speak`: measured once, normalised once), then the whole
batch is encoded by one ffmpeg run (AAC, and Opus where it saves bytes). Results
and errors come back as plain data, so they cross a process boundary intact (an
exception's hint would not survive pickling).
"""

from __future__ import annotations

from dataclasses import dataclass

from assets.audio.captions import to_webvtt
from assets.audio.speak import encode_web, speak
from assets.errors import YunzhanError


_BATCH = "narration batch"


@dataclass(frozen=True)
class Spoken:
    """One text spoken and encoded."""
    m4a: bytes
    opus: bytes | None
    vtt: str
    duration_s: float
    lufs: float
    true_peak: float


@dataclass(frozen=True)
class Failed:
    """One text that could not be spoken: the error's class, message and hint."""
    error: type
    message: str
    hint: str | None

    def exception(self) -> YunzhanError:
        return self.error(self.message, hint=self.hint)


def speak_batch(items: list[tuple[str, str, str]], engines: dict, ffmpeg: str) -> list[Spoken | Failed]:
    """Speak each ``(text, lang, where)`` with ``engines[lang]``; one result per item, in order."""
    clips, out = [], []
    for text, lang, where in items:
        try:
            clips.append(speak(engines[lang], text, lang, where=where))
        except YunzhanError as e:
            clips.append(Failed(type(e), e.message, e.hint))
    spoken = [c for c in clips if not isinstance(c, Failed)]
    try:
        encoded = iter(encode_web(spoken, ffmpeg, where=_BATCH))
    except YunzhanError as e:  # the one encoder run failed: every clip of it says so by name
        why = e.message.removeprefix(_BATCH + ": ")
        return [c if isinstance(c, Failed) else Failed(type(e), f"{where}: {why}", e.hint)
                for c, (_, _, where) in zip(clips, items)]
    for clip in clips:
        if isinstance(clip, Failed):
            out.append(clip)
            continue
        web = next(encoded)
        out.append(Spoken(web.m4a, web.opus, to_webvtt(list(clip.cues)), clip.seconds, clip.lufs, clip.true_peak))
    return out
