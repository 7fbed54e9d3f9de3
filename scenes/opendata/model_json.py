"""A 3D exhibit scene as open data: one entry of ``models`` in ``exhibition.json``,
which is also what the package's 3D viewer reads."""

from __future__ import annotations

from typing import Mapping

from scenes.model_scenes import ModelScene


def _round(values, digits: int = 5) -> list[float]:
    return [round(float(v), digits) for v in values]


def model_entry(scene: ModelScene, *, accession: str, glb: str, poster: str, glb_mobile: str | None = None,
                narrations: Mapping[str, str] | None = None) -> dict:
    """The entry for ``scene`` (of catalog object ``accession``) whose files the exporter
    put at ``glb``, ``poster`` (and ``glb_mobile``); ``narrations`` maps each narration's
    hash to its package path."""
    narrations = narrations or {}
    model = scene.model
    entry = {
        "object": accession,
        "sha256": model.sha256,
        "glb": glb,
        "poster": poster,
        "format": model.format,
        "units": model.units,
        "size": _round(model.size),
        "triangles": model.triangles,
        "camera": {"position": _round(scene.camera.position), "target": _round(scene.camera.target),
                   "fov": scene.camera.fov},
        "lighting": scene.lighting,
        "background": scene.background,
        "annotations": [{"id": a.id, "number": a.number, "position": _round(a.position), "normal": _round(a.normal),
                         "title": {"zh": a.title_zh, "en": a.title_en}, "text": {"zh": a.text_zh, "en": a.text_en},
                         "narration": narrations.get(a.narration_sha) if a.narration_sha else None}
                        for a in scene.annotations],
        "tour": list(scene.tour),
    }
    if glb_mobile:
        entry["glb_mobile"] = glb_mobile
    return entry
