"""eSpeak NG 1.52 through the ``espeakng-loader`` wheel (GPL-3.0, an optional extra).

The wheel ships ``libespeak-ng`` 1.52 with its full data (``cmn_dict`` included);
Debian 12's 1.51 reads many Han characters with English sounds, so the system
library is never used. The library is loaded lazily with ctypes, once per
process, and driven in synchronous mode: the synth callback hands over the
samples, so a clip's length is known to the sample. The library keeps global
state, so every call holds one lock.
"""

from __future__ import annotations

import ctypes
import threading

import numpy as np

from assets.audio.engine import Audio, EngineSpec
from assets.errors import ToolMissing
from assets.audio.errors import SpeechError

NAME = "espeak"
VOICES = {"zh": "cmn", "en": "en-us"}
_OUTPUT_SYNCHRONOUS = 2
_CHARS_UTF8 = 1
_POS_CHARACTER = 1
_RATE, _PITCH = 1, 3
_PHONEMES_IPA = 0x02
_lock = threading.Lock()
_lib = None
_rate_hz = 0


class _Event(ctypes.Structure):
    _fields_ = [("type", ctypes.c_int), ("unique_identifier", ctypes.c_uint), ("text_position", ctypes.c_int),
                ("length", ctypes.c_int), ("audio_position", ctypes.c_int), ("sample", ctypes.c_int),
                ("user_data", ctypes.c_void_p), ("id", ctypes.c_char * 8)]


_CALLBACK = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int, ctypes.POINTER(_Event))
_chunks: list[bytes] = []


@_CALLBACK
def _on_samples(wav, count, events):
    if count > 0:
        _chunks.append(ctypes.string_at(wav, count * 2))
    return 0


def _library():
    """The loaded library and its sample rate (loaded on first use)."""
    global _lib, _rate_hz
    if _lib is None:
        try:
            import espeakng_loader
        except ImportError:
            raise ToolMissing("eSpeak NG: the espeakng-loader package is not installed",
                              hint="pip install 'yunzhan[speech]' (GPL-3.0 extra)") from None
        lib = ctypes.CDLL(espeakng_loader.get_library_path())
        lib.espeak_Initialize.restype = ctypes.c_int
        lib.espeak_Initialize.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_char_p, ctypes.c_int]
        lib.espeak_SetVoiceByName.argtypes = [ctypes.c_char_p]
        lib.espeak_Synth.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_uint, ctypes.c_int, ctypes.c_uint,
                                     ctypes.c_uint, ctypes.c_void_p, ctypes.c_void_p]
        lib.espeak_SetParameter.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_int]
        lib.espeak_TextToPhonemes.restype = ctypes.c_char_p
        lib.espeak_TextToPhonemes.argtypes = [ctypes.POINTER(ctypes.c_char_p), ctypes.c_int, ctypes.c_int]
        rate = lib.espeak_Initialize(_OUTPUT_SYNCHRONOUS, 0, espeakng_loader.get_data_path().encode(), 0)
        if rate <= 0:
            raise ToolMissing("eSpeak NG: the library from espeakng-loader failed to start (its data is missing)")
        lib.espeak_SetSynthCallback(_on_samples)
        _lib, _rate_hz = lib, rate
    return _lib


def _select(lib, voice: str, rate_wpm: int, pitch: int) -> None:
    if lib.espeak_SetVoiceByName(voice.encode()) != 0:
        raise SpeechError(f"eSpeak NG: no voice {voice!r}", hint="use cmn (Mandarin) or en-us")
    lib.espeak_SetParameter(_RATE, rate_wpm, 0)
    lib.espeak_SetParameter(_PITCH, pitch, 0)


class EspeakEngine:
    """Speech from eSpeak NG: ``voice`` is an eSpeak voice name (``cmn``, ``en-us``)."""

    name = NAME
    portable = True  # plain settings: it can be sent to a worker process, which loads its own library

    def __init__(self, voice: str, *, rate_wpm: int = 165, pitch: int = 50):
        self.voice = voice
        self.rate_wpm = int(rate_wpm)
        self.pitch = int(pitch)

    @property
    def spec(self) -> EngineSpec:
        return EngineSpec(NAME, self.voice, {"rate": self.rate_wpm, "pitch": self.pitch, "version": "1.52"})

    def synthesize(self, text: str) -> Audio:
        """Speak ``text`` (one cue); the samples as mono int16."""
        data = text.encode("utf-8") + b"\0"
        with _lock:
            lib = _library()
            _select(lib, self.voice, self.rate_wpm, self.pitch)
            _chunks.clear()
            status = lib.espeak_Synth(data, len(data), 0, _POS_CHARACTER, 0, _CHARS_UTF8, None, None)
            pcm = b"".join(_chunks)
            _chunks.clear()
        if status != 0:
            raise SpeechError(f"eSpeak NG could not speak the text (status {status})")
        return Audio(np.frombuffer(pcm, dtype=np.int16).copy(), _rate_hz)

    def phonemes(self, text: str, *, ipa: bool = False) -> str:
        """The phonemes eSpeak NG reads ``text`` with (eSpeak names, or IPA); a switch to another
        language shows as ``(en)``."""
        with _lock:
            lib = _library()
            _select(lib, self.voice, self.rate_wpm, self.pitch)
            buf = ctypes.c_char_p(text.encode("utf-8"))
            out = []
            while buf.value:
                piece = lib.espeak_TextToPhonemes(ctypes.byref(buf), _CHARS_UTF8, _PHONEMES_IPA if ipa else 0)
                if piece is None:
                    break
                out.append(piece.decode("utf-8", "replace"))
        return " ".join(out)
