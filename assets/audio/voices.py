"""Piper voice files imported into a project, stored by the hash of their bytes.

The model and its config are checked (:func:`~assets.audio.piper_engine.check_voice_files`),
then kept beside the project in ``<project>.media/`` (models are tens of MB, and
onnxruntime loads them from a path), with one row in ``speech_voices``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from assets.audio.errors import VoiceError
from assets.audio.piper_engine import PiperEngine, check_voice_files
from assets.media_store import MediaStore
from assets.project import Project


@dataclass(frozen=True)
class StoredVoice:
    sha256: str
    name: str
    lang: str
    sample_rate: int
    piper_version: str
    model_path: Path
    config_path: Path


def import_voice(project: Project, model: Path, config: Path | None = None) -> StoredVoice:
    """Check and store a Piper voice (``.onnx`` and ``.onnx.json``); the stored voice."""
    model = Path(model)
    config = Path(config) if config else Path(f"{model}.json")
    info = check_voice_files(model, config)
    store = MediaStore(project, external_threshold=0)
    with project.transaction(label="import voice") as db:
        sha = store.add_file(model, kind="document", mime="application/octet-stream", ext="onnx")
        config_sha = store.add_file(config, kind="document", mime="application/json", ext="json")
        db.execute("INSERT OR REPLACE INTO speech_voices(sha256, config_sha, name, lang, sample_rate, piper_version) "
                   "VALUES (?, ?, ?, ?, ?, ?)",
                   (sha, config_sha, info.name, info.language, info.sample_rate, info.piper_version))
    return get_voice(project, sha)


def list_voices(project: Project) -> list[StoredVoice]:
    return [_voice(project, row) for row in project.db.execute(
        "SELECT sha256, config_sha, name, lang, sample_rate, piper_version FROM speech_voices ORDER BY name")]


def get_voice(project: Project, key: str) -> StoredVoice:
    """A stored voice by its name, hash, or a prefix of its hash (at least 8 characters)."""
    rows = project.db.execute(
        "SELECT sha256, config_sha, name, lang, sample_rate, piper_version FROM speech_voices "
        "WHERE name = ? OR sha256 = ? OR (length(?) >= 8 AND sha256 LIKE ? || '%')", (key, key, key, key)).fetchall()
    if len(rows) != 1:
        what = "no" if not rows else "more than one"
        raise VoiceError(f"{project.path}: {what} imported Piper voice {key!r}",
                         hint="see 'yunzhan voice list'; import one with 'yunzhan voice import'")
    return _voice(project, rows[0])


def _voice(project: Project, row) -> StoredVoice:
    sha, config_sha, name, lang, rate, version = row
    store = MediaStore(project)
    model_path = store.external_path(sha, "onnx")
    config_path = store.external_path(config_sha, "json")
    return StoredVoice(sha, name, lang, rate, version, model_path, config_path)


def engine_for(voice: StoredVoice, **settings) -> PiperEngine:
    """A Piper engine speaking with a stored voice (checks its files again: they sit
    beside the project and may have been moved or damaged)."""
    return PiperEngine(voice.model_path, voice.config_path, voice_id=f"{voice.name}@{voice.sha256[:12]}",
                       **settings)
