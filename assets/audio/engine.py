"""The one small interface every speech engine has, and the engines by name.

An engine turns one cue of text into mono samples (:class:`Audio`). Its
:class:`EngineSpec` (engine, voice, settings) is recorded with every clip and is
part of the clip cache's key, so a change of voice or speed makes new clips.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np


@dataclass(frozen=True)
class Audio:
    """Mono 16-bit samples at ``rate`` Hz."""
    samples: np.ndarray
    rate: int

    @property
    def seconds(self) -> float:
        return len(self.samples) / self.rate


@dataclass(frozen=True)
class EngineSpec:
    """What made a clip: the engine's name, the voice and its settings."""
    engine: str
    voice: str
    settings: dict = field(default_factory=dict)

    def key(self, text: str) -> str:
        """The clip cache key of ``text`` spoken this way."""
        blob = json.dumps([self.engine, self.voice, self.settings, text], ensure_ascii=False, sort_keys=True)
        return hashlib.sha256(blob.encode("utf-8")).hexdigest()


class SpeechEngine(Protocol):
    name: str

    @property
    def spec(self) -> EngineSpec: ...

    def synthesize(self, text: str) -> Audio:
        """Speak one cue of text."""
        ...


def silence(seconds: float, rate: int) -> np.ndarray:
    return np.zeros(int(round(seconds * rate)), dtype=np.int16)
