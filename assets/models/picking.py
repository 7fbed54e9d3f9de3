"""Where a ray first meets a model's surface, and the surface's normal there: what a
click on a model does (a note pinned where the curator points)."""

from __future__ import annotations

import io
from typing import Sequence

import numpy as np


def pick_surface(glb: bytes, origin: Sequence[float], direction: Sequence[float]):
    """The first hit of the ray (``origin``, ``direction``) on the uncompressed GLB
    ``glb`` (see :func:`assets.models.store.studio_glb`): ``(point, normal)`` in the
    model's coordinates (metres, Y up), the normal facing the ray; ``None`` on a miss.
    Möller–Trumbore over every triangle at once (numpy)."""
    import trimesh

    mesh = trimesh.load(io.BytesIO(glb), file_type="glb", force="mesh")
    o, d = np.asarray(origin, float), np.asarray(direction, float)
    d = d / np.linalg.norm(d)
    a, b, c = (mesh.vertices[mesh.faces[:, i]] for i in range(3))
    e1, e2 = b - a, c - a
    p = np.cross(d, e2)
    det = np.einsum("ij,ij->i", e1, p)
    with np.errstate(divide="ignore", invalid="ignore"):
        inv = 1.0 / det
        s = o - a
        u = np.einsum("ij,ij->i", s, p) * inv
        q = np.cross(s, e1)
        v = (q @ d) * inv
        t = np.einsum("ij,ij->i", e2, q) * inv
        hit = (np.abs(det) > 1e-12) & (u >= 0) & (v >= 0) & (u + v <= 1) & (t > 0)
    if not hit.any():
        return None
    face = np.flatnonzero(hit)[np.argmin(t[hit])]
    normal = np.cross(e1[face], e2[face])
    normal /= np.linalg.norm(normal)
    if normal @ d > 0:  # scans are not always consistently wound: face the viewer
        normal = -normal
    return tuple(map(float, o + d * t[face])), tuple(map(float, normal))
