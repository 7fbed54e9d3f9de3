"""Pictures of 3D models (glTF), rendered offscreen with pyvista (VTK).

A model gets a thumbnail and a display picture like a photo does, so the catalog,
the studio and the exported package can show it without a 3D viewer. VTK reads
glTF 2.0 with its textures but not Draco-compressed meshes
(``KHR_draco_mesh_compression``, common in museum scans such as the Smithsonian's):
those are decoded with DracoPy (pygltflib reads the container) and drawn as an
untextured clay model. A model that still cannot be drawn is stored without a
picture rather than refused.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PIL import Image

from assets.images import jpeg_bytes

RENDER_SIZE = 768


def render_model(path: Path, *, size: int = RENDER_SIZE) -> Image.Image | None:
    """The model at ``path`` from an isometric viewpoint on white, or ``None`` when VTK
    cannot load it (an unsupported extension such as Draco)."""
    import pyvista as pv

    # VTK reports a model it cannot load through pyvista's observer to the root
    # logger; here that is an expected outcome (None), not an error to print.
    logging.disable(logging.ERROR)
    try:
        return _snapshot(pv, size, lambda plotter: plotter.import_gltf(str(path))) or _render_draco(pv, path, size)
    finally:
        logging.disable(logging.NOTSET)


def _snapshot(pv, size: int, load) -> Image.Image | None:
    """Call ``load(plotter)`` to put the model in an offscreen scene, then photograph it
    from an isometric viewpoint on white; ``None`` if nothing could be loaded."""
    with pv.vtk_verbosity("off"):
        plotter = pv.Plotter(off_screen=True, window_size=(size, size))
        try:
            load(plotter)
            if not plotter.renderer.actors:
                return None
            plotter.set_background("white")
            plotter.camera_position = "iso"
            plotter.reset_camera()
            pixels = plotter.screenshot(return_img=True)
        except (ValueError, RuntimeError, OSError):
            return None
        finally:
            plotter.close()
    return Image.fromarray(pixels).convert("RGB")


def _render_draco(pv, path: Path, size: int) -> Image.Image | None:
    """Draw a Draco-compressed glTF's meshes (geometry only; node transforms are
    ignored, which is right for the single-mesh scans this is for)."""
    import DracoPy
    import numpy as np
    import pygltflib

    try:
        gltf = pygltflib.GLTF2().load(str(path))
        blob = gltf.binary_blob() or b""
        meshes = []
        for mesh in gltf.meshes:
            for primitive in mesh.primitives:
                draco = (primitive.extensions or {}).get("KHR_draco_mesh_compression")
                if not draco:
                    continue
                view = gltf.bufferViews[draco["bufferView"]]
                start = view.byteOffset or 0
                decoded = DracoPy.decode(blob[start:start + view.byteLength])
                faces = np.asarray(decoded.faces, dtype=np.int64)
                cells = np.hstack([np.full((len(faces), 1), 3), faces]).ravel()
                meshes.append(pv.PolyData(np.asarray(decoded.points, dtype=np.float32), cells))
    except Exception:  # a damaged or unusual file: no picture, never a failed import
        return None

    def add_meshes(plotter) -> None:
        for mesh in meshes:
            plotter.add_mesh(mesh, color="#c8b8a0", smooth_shading=True)

    return _snapshot(pv, size, add_meshes) if meshes else None


def model_pictures(path: Path) -> dict[str, bytes]:
    """``{"thumb.jpg": ..., "display.jpg": ...}`` for a model, or ``{}`` if it cannot be drawn."""
    image = render_model(path)
    if image is None:
        return {}
    return {"thumb.jpg": jpeg_bytes(image, max_side=256, quality=80),
            "display.jpg": jpeg_bytes(image, max_side=RENDER_SIZE, quality=85)}
