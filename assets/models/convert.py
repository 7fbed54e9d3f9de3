"""Turning OBJ, PLY and STL into glTF (with trimesh), and placing a model in metres, Y up.

glTF is metres and Y up by definition. OBJ, PLY and STL say nothing about units
or axes: by convention OBJ is Y up and scanners' PLY and STL are Z up, and a model
larger than :data:`MM_GUESS` units across is taken to be in millimetres (an STL
of a 30 cm vase reads 300). The caller can always say otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from assets.errors import InputError, MediaError
from assets.models.sources import ModelSource

UNITS = {"m": 1.0, "cm": 0.01, "mm": 0.001, "in": 0.0254, "ft": 0.3048}
UP_AXES = ("y", "z")
MM_GUESS = 50.0


@dataclass(frozen=True)
class Placement:
    """How a model's own coordinates become metres with Y up."""

    units: str
    up_axis: str

    @property
    def scale(self) -> float:
        return UNITS[self.units]


def check_placement(units: str, up: str) -> None:
    if units != "auto" and units not in UNITS:
        raise InputError(f"unknown units '{units}'", hint="use auto, " + ", ".join(UNITS))
    if up != "auto" and up not in UP_AXES:
        raise InputError(f"unknown up axis '{up}'", hint="use auto, y or z")


def to_gltf(source: ModelSource, workdir: Path, *, units: str = "auto", up: str = "auto") -> tuple[Path, Placement]:
    """A glTF/GLB file for ``source`` (the file itself if it is glTF, else a GLB
    written into ``workdir``) and its placement.

    :raises MediaError: the file cannot be read or has no faces.
    """
    check_placement(units, up)
    if source.format in ("glb", "gltf"):
        return source.path, Placement("m" if units == "auto" else units, "y" if up == "auto" else up)
    scene = _load(source)
    if units == "auto":
        units = "mm" if max(scene.extents) > MM_GUESS else "m"
    if up == "auto":
        up = "y" if source.format == "obj" else "z"
    _dielectric(scene)
    out = workdir / "source.glb"
    out.write_bytes(scene.export(file_type="glb"))
    return out, Placement(units, up)


def _load(source: ModelSource):
    import trimesh

    try:
        loaded = trimesh.load(str(source.path), force="scene", process=False)
    except Exception as e:  # trimesh raises many types on malformed files
        raise MediaError(f"{source.path}: not a readable {source.format.upper()} file ({_short(e)})") from None
    faces = sum(len(getattr(g, "faces", ())) for g in loaded.geometry.values())
    if faces == 0:
        raise MediaError(f"{source.path}: no faces (a point cloud or empty mesh cannot be shown as a model)")
    return loaded


def _dielectric(scene) -> None:
    """OBJ's Phong materials have no metalness; trimesh's glTF export makes them fully
    metallic, which renders black without an environment map. Make them dielectric."""
    from trimesh.visual.material import PBRMaterial, SimpleMaterial

    for geometry in scene.geometry.values():
        material = getattr(getattr(geometry, "visual", None), "material", None)
        if isinstance(material, SimpleMaterial):
            material = material.to_pbr()
            geometry.visual.material = material
        if isinstance(material, PBRMaterial):
            material.metallicFactor = 0.0
            material.roughnessFactor = 0.8 if material.roughnessFactor is None else material.roughnessFactor


def _short(error: Exception) -> str:
    text = str(error).strip().splitlines()
    return text[0][:120] if text else type(error).__name__
