"""Errors of the exhibition layer (halls, hotspots, tours, exhibition files, export)."""

from __future__ import annotations

from assets.errors import YunzhanError


class ExhibitionError(YunzhanError):
    """An exhibition edit or import was refused: a bad value, a missing hall, a
    link that would dangle. The message names the hall, hotspot, file or key."""
