"""The operating system's own voices through ``pyttsx3`` (SAPI 5 on Windows, NSSpeech
on macOS: good Chinese voices there). Optional and not installed by default; on
Linux pyttsx3 would drive Debian's eSpeak NG 1.51, which Yunzhan avoids for Mandarin,
so :mod:`assets.audio.espeak` is the engine there.

Each cue is written to a WAV file by the system and read back, so captions stay
exact (times from sample counts) as with the other engines.
"""

from __future__ import annotations

import tempfile
import threading
import wave
from pathlib import Path

import numpy as np

from assets.audio.engine import Audio, EngineSpec
from assets.audio.errors import SpeechError
from assets.errors import ToolMissing

NAME = "system"
_lock = threading.Lock()


def _driver():
    try:
        import pyttsx3
    except ImportError:
        raise ToolMissing("system voices: the pyttsx3 package is not installed",
                          hint="pip install pyttsx3 (Windows and macOS)") from None
    try:
        return pyttsx3.init()
    except Exception as e:  # each platform driver raises its own errors
        raise ToolMissing(f"system voices: none available on this system ({e})") from None


def system_voices() -> list[tuple[str, str]]:
    """``(id, name)`` of every voice the operating system offers."""
    engine = _driver()
    return [(v.id, v.name) for v in engine.getProperty("voices")]


class SystemEngine:
    """Speech from an operating-system voice (``voice`` is its id, see :func:`system_voices`)."""

    name = NAME

    def __init__(self, voice: str, *, rate_wpm: int = 170):
        self.voice = voice
        self.rate_wpm = int(rate_wpm)

    @property
    def spec(self) -> EngineSpec:
        return EngineSpec(NAME, self.voice, {"rate": self.rate_wpm})

    def synthesize(self, text: str) -> Audio:
        with _lock, tempfile.TemporaryDirectory(prefix="yunzhan-voice-") as tmp:
            engine = _driver()
            engine.setProperty("voice", self.voice)
            engine.setProperty("rate", self.rate_wpm)
            out = Path(tmp) / "cue.wav"
            engine.save_to_file(text, str(out))
            engine.runAndWait()
            try:
                with wave.open(str(out), "rb") as w:
                    if w.getsampwidth() != 2:
                        raise SpeechError(f"system voice {self.voice!r}: {8 * w.getsampwidth()}-bit audio")
                    samples = np.frombuffer(w.readframes(w.getnframes()), dtype="<i2")
                    if w.getnchannels() > 1:
                        samples = samples.reshape(-1, w.getnchannels()).mean(axis=1).astype(np.int16)
                    return Audio(samples.copy(), w.getframerate())
            except (OSError, EOFError, wave.Error) as e:
                raise SpeechError(f"system voice {self.voice!r} wrote no usable audio ({e})") from None
