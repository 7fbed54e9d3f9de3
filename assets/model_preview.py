"""Pictures of 3D models (glTF), rendered offscreen with pyvista (VTK).

A model gets a thumbnail and a display picture like a photo does, so the catalog,
the studio and the exported package can show it without a 3D viewer. VTK reads
glTF 2.0 with its textures; it cannot decode Draco-compressed meshes
(``KHR_draco_mesh_compression``, common in museum scans), so such a model is
stored without a picture rather than refused.
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
        return _render(pv, path, size)
    finally:
        logging.disable(logging.NOTSET)


def _render(pv, path: Path, size: int) -> Image.Image | None:
    with pv.vtk_verbosity("off"):
        plotter = pv.Plotter(off_screen=True, window_size=(size, size))
        try:
            plotter.import_gltf(str(path))
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


def model_pictures(path: Path) -> dict[str, bytes]:
    """``{"thumb.jpg": ..., "display.jpg": ...}`` for a model, or ``{}`` if it cannot be drawn."""
    image = render_model(path)
    if image is None:
        return {}
    return {"thumb.jpg": jpeg_bytes(image, max_side=256, quality=80),
            "display.jpg": jpeg_bytes(image, max_side=RENDER_SIZE, quality=85)}
