"""Speaking a narration: cue by cue, so its captions are exact by construction.

The text is split into cues (:mod:`assets.audio.cues`); each cue's written form is
normalised for speech (:mod:`assets.audio.text_norm`) and spoken alone; the cues'
samples are joined with short pauses, and each caption's start and end are the
sample offsets of its own speech. The joined clip then goes through the loudness
step (:mod:`assets.audio.loudness`) and is encoded as AAC (.m4a) for the web, and as
Opus (.webm) where that saves bytes.
"""

from __future__ import annotations

import re
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from assets.audio import loudness
from assets.audio.captions import Cue
from assets.audio.cues import split_cues
from assets.audio.engine import SpeechEngine, silence
from assets.audio.errors import SpeechError
from assets.audio.ffmpeg_audio import OPUS_EXT, encode_batch_argv, run
from assets.audio.text_norm import normalise

MAX_CHARS = 5000
SENTENCE_PAUSE = 0.35
CLAUSE_PAUSE = 0.2


@dataclass(frozen=True)
class SpokenClip:
    """A narration spoken and brought to the web loudness (mono float samples)."""
    samples: np.ndarray
    rate: int
    cues: tuple[Cue, ...]
    lufs: float
    true_peak: float

    @property
    def seconds(self) -> float:
        return len(self.samples) / self.rate


def speakable(text: str) -> str:
    """``text`` without what no engine can say (emoji, pictographs, control characters)."""
    return "".join(c for c in text if unicodedata.category(c)[0] in "LNPZ" or c in "%×·-'")


def check_text(text: str, where: str) -> str:
    """The text, stripped; refuses (naming ``where``) text that is empty, too long or has
    nothing speakable."""
    text = text.strip()
    if not text:
        raise SpeechError(f"{where}: the narration text is empty", hint="write a text or fill the catalog fields")
    if len(text) > MAX_CHARS:
        raise SpeechError(f"{where}: the narration text has {len(text):,} characters (at most {MAX_CHARS:,})",
                          hint="shorten it; a spoken guide of a few minutes is about 1,000 characters")
    if not re.search(r"[^\W_]", speakable(text)):
        raise SpeechError(f"{where}: the narration text has nothing to speak (only symbols or emoji)")
    return text


def speak(engine: SpeechEngine, text: str, lang: str, *, where: str = "narration",
          target: loudness.Target = loudness.WEB) -> SpokenClip:
    """Speak ``text`` in ``lang`` with ``engine``: samples at the target loudness and exact cues."""
    text = check_text(text, where)
    parts: list[np.ndarray] = []
    cues: list[Cue] = []
    offset = 0
    rate = None
    for n, cue in enumerate(split_cues(text)):
        spoken = normalise(speakable(cue), lang).strip()
        if not re.search(r"[^\W_]", spoken):
            continue
        audio = engine.synthesize(spoken)
        if rate is None:
            rate = audio.rate
        if cues:
            pause = silence(SENTENCE_PAUSE if cues[-1].text[-1:] in "。！？.!?；;" else CLAUSE_PAUSE, rate)
            parts.append(pause)
            offset += len(pause)
        parts.append(audio.samples)
        cues.append(Cue(offset / rate, (offset + len(audio.samples)) / rate, cue))
        offset += len(audio.samples)
    if not cues or offset == 0:
        raise SpeechError(f"{where}: the speech engine produced no audio for the text")
    samples, _, after = loudness.normalise(np.concatenate(parts), rate, target)
    return SpokenClip(samples, rate, tuple(cues), after.lufs, after.true_peak)


@dataclass(frozen=True)
class WebAudio:
    """A clip encoded for the web: AAC (.m4a, plays everywhere) and Opus (.webm) when
    that is smaller (None otherwise)."""
    m4a: bytes
    opus: bytes | None


def smaller_opus(m4a: bytes, opus: bytes | None) -> bytes | None:
    """Opus is kept only where it saves bytes."""
    return opus if opus and len(opus) < len(m4a) else None


def encode_web(clips: list[SpokenClip], ffmpeg: str, *, where: str = "narration", opus: bool = True) -> list[WebAudio]:
    """The clips as AAC (and Opus) for the web, all in one ffmpeg run."""
    if not clips:
        return []
    with tempfile.TemporaryDirectory(prefix="yunzhan-speech-") as tmp:
        jobs = []
        for n, clip in enumerate(clips):
            pcm = Path(tmp) / f"{n}.f32"
            pcm.write_bytes(np.clip(clip.samples, -1.0, 1.0).astype("<f4").tobytes())
            jobs.append((pcm, clip.rate, Path(tmp) / f"{n}.m4a", Path(tmp) / f"{n}.{OPUS_EXT}" if opus else None))
        run(encode_batch_argv(ffmpeg, jobs), what=where, timeout=120 + 10 * len(clips))
        out = []
        for _, _, m4a, webm in jobs:
            aac = m4a.read_bytes()
            out.append(WebAudio(aac, smaller_opus(aac, webm.read_bytes() if webm else None)))
        return out


def encode_m4a(clip: SpokenClip, ffmpeg: str, *, where: str = "narration") -> bytes:
    """The clip as AAC in an .m4a file's bytes."""
    return encode_web([clip], ffmpeg, where=where, opus=False)[0].m4a
