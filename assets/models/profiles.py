"""Budgets for the web version of a model: triangles, texture size, bytes."""

from __future__ import annotations

from dataclasses import dataclass

from assets.errors import InputError


@dataclass(frozen=True)
class Profile:
    """What one web version of a model may weigh.

    :param max_triangles: triangles after simplification (the whole model).
    :param texture_size: the longest side of any texture, in pixels.
    :param max_bytes: the web GLB's size; textures are halved until it fits.
    """

    name: str
    max_triangles: int
    texture_size: int
    max_bytes: int


PROFILES = {
    "desktop": Profile("desktop", 100_000, 2048, 10 * 1024 * 1024),
    "mobile": Profile("mobile", 30_000, 1024, 3 * 1024 * 1024),
}
DEFAULT_PROFILE = "desktop"


def profile(name: str) -> Profile:
    """The profile called ``name``; :class:`InputError` names the known ones otherwise."""
    try:
        return PROFILES[name]
    except KeyError:
        raise InputError(f"unknown model profile '{name}'", hint="use one of: " + ", ".join(PROFILES)) from None
