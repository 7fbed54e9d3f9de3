"""The speech engine and voice per language, from the project's settings.

Settings (``yunzhan`` ``narrate --engine/--voice`` and the studio's Preferences set
them): ``narration.<lang>.engine`` (``espeak``, ``piper`` or ``system``), ``narration.<lang>.voice``
(an eSpeak voice name, or an imported Piper voice's name or hash) and
``narration.<lang>.rate`` (eSpeak words per minute).
"""

from __future__ import annotations

from dataclasses import dataclass

from assets.audio.engine import SpeechEngine
from assets.project import Project
from scenes.narration.store import NarrationError

ENGINES = ("espeak", "piper", "system")
DEFAULTS = {"zh": ("espeak", "cmn"), "en": ("espeak", "en-us")}


@dataclass(frozen=True)
class EngineChoice:
    engine: str
    voice: str
    rate: int | None = None


def engine_choice(project: Project, lang: str) -> EngineChoice:
    engine, voice = DEFAULTS[lang]
    engine = project.get_setting(f"narration.{lang}.engine", engine)
    voice = project.get_setting(f"narration.{lang}.voice", voice if engine == DEFAULTS[lang][0] else "")
    rate = project.get_setting(f"narration.{lang}.rate")
    return EngineChoice(engine, voice, int(rate) if rate else None)


def set_engine_choice(project: Project, lang: str, *, engine: str, voice: str | None = None,
                      rate: int | None = None) -> EngineChoice:
    """Choose the engine and voice for ``lang`` (checked by making the engine once)."""
    choice = EngineChoice(engine, voice or (DEFAULTS[lang][1] if engine == "espeak" else ""), rate)
    make_engine(project, lang, choice)
    with project.transaction(label="choose narration voice") as db:
        for key, value in (("engine", choice.engine), ("voice", choice.voice),
                           ("rate", str(rate) if rate else None)):
            if value is None:
                db.execute("DELETE FROM settings WHERE key = ?", (f"narration.{lang}.{key}",))
            else:
                db.execute("INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE "
                           "SET value = excluded.value", (f"narration.{lang}.{key}", value))
    return choice


def make_engine(project: Project, lang: str, choice: EngineChoice | None = None) -> SpeechEngine:
    """The engine that speaks ``lang`` in this project."""
    choice = choice or engine_choice(project, lang)
    if choice.engine == "espeak":
        from assets.audio.espeak import EspeakEngine

        return EspeakEngine(choice.voice or DEFAULTS[lang][1], **({"rate_wpm": choice.rate} if choice.rate else {}))
    if choice.engine == "piper":
        from assets.audio.voices import engine_for, get_voice

        if not choice.voice:
            raise NarrationError(f"{project.path}: no Piper voice chosen for {lang}",
                                 hint="import one with 'yunzhan voice import', "
                                      "then 'narrate --engine piper --voice NAME'")
        return engine_for(get_voice(project, choice.voice))
    if choice.engine == "system":
        from assets.audio.system_voice import SystemEngine

        if not choice.voice:
            raise NarrationError(f"{project.path}: no system voice chosen for {lang}")
        return SystemEngine(choice.voice, **({"rate_wpm": choice.rate} if choice.rate else {}))
    raise NarrationError(f"unknown speech engine {choice.engine!r} (use {', '.join(ENGINES)})")
