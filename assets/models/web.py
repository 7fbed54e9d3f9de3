"""The web version of a model: simplified, textures resized, compressed, validated.

The work is done by glTF-Transform (meshoptimizer's simplifier, sharp for WebP,
meshopt compression) in ``node/webglb.mjs``; every file it writes passes the
Khronos glTF-Validator (the uncompressed intermediate with 0 errors and 0
warnings, the compressed web file with 0 errors), or the call fails.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from assets.errors import MediaError
from assets.models.convert import Placement
from assets.models.node_tools import run_script
from assets.models.profiles import Profile

MIN_TEXTURE_SIZE = 256


@dataclass(frozen=True)
class WebModel:
    """A made web version: the compressed GLB, the validated uncompressed intermediate
    (for pictures) and what they hold."""

    glb: Path
    intermediate: Path
    source_triangles: int
    triangles: int
    bounds_min: tuple[float, float, float]
    bounds_max: tuple[float, float, float]
    texture_size: int
    web_bytes: int
    validation: dict

    @property
    def size(self) -> tuple[float, float, float]:
        return tuple(b - a for a, b in zip(self.bounds_min, self.bounds_max))


def make_web_glb(gltf: Path, workdir: Path, profile: Profile, placement: Placement, *,
                 subject: Path | None = None, compress: bool = True) -> WebModel:
    """Make the web GLB of the glTF/GLB ``gltf`` inside ``workdir``.

    Textures are halved until the file fits ``profile.max_bytes``.

    :param subject: the file named in errors (the user's original).
    :raises MediaError: the model cannot be read, simplified or made valid, or does
        not fit the budget even with small textures.
    """
    subject = subject or gltf
    size = profile.texture_size
    while True:
        result = _run(gltf, workdir, profile, placement, size, subject, compress)
        if result.web_bytes <= profile.max_bytes:
            return result
        if size // 2 < MIN_TEXTURE_SIZE:
            raise MediaError(f"{subject}: the web version is {result.web_bytes / 2**20:.1f} MB, more than the "
                             f"{profile.name} budget of {profile.max_bytes / 2**20:.1f} MB")
        size //= 2


def _run(gltf: Path, workdir: Path, profile: Profile, placement: Placement, texture_size: int,
         subject: Path, compress: bool) -> WebModel:
    out, mid = workdir / "web.glb", workdir / "intermediate.glb"
    args = ["--in", str(gltf), "--intermediate", str(mid), "--out", str(out),
            "--max-triangles", str(profile.max_triangles), "--texture-size", str(texture_size),
            "--scale", repr(placement.scale)]
    if placement.up_axis == "z":
        args.append("--z-up")
    if not compress:
        args.append("--no-compress")
    info = run_script("webglb.mjs", args, subject=subject)
    return WebModel(glb=out, intermediate=mid, source_triangles=int(info["source_triangles"]),
                    triangles=int(info["triangles"]), bounds_min=tuple(info["bounds_min"]),
                    bounds_max=tuple(info["bounds_max"]), texture_size=texture_size,
                    web_bytes=int(info["web_bytes"]),
                    validation={"intermediate": info["intermediate_validation"], "web": info["web_validation"]})
