"""Errors of speech, captions and narration audio."""

from assets.errors import MediaError, YunzhanError


class SpeechError(YunzhanError):
    """Text cannot be spoken (empty, too long, an engine or voice failed)."""


class VoiceError(YunzhanError):
    """A voice file is missing, damaged or made for another engine version."""


class AudioError(MediaError):
    """An audio file cannot be used as narration (unreadable, silent, too long)."""
