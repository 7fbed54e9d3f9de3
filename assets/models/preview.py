"""Pictures of 3D models, rendered offscreen with pyvista (VTK).

A model gets a poster, a thumbnail and a display picture like a photo does, so the
catalog, the studio and the exported package can show it before (or without) a 3D
viewer. The picture is taken of the validated, uncompressed intermediate of the web
version (see :mod:`assets.models.web`): VTK reads its textures but could not read
Draco or meshopt buffers. The model is in metres with Y up; the camera looks at it
from the front, a little from the right and above, on white.
"""

from __future__ import annotations

import io
import logging
from pathlib import Path

from PIL import Image

from assets.errors import MediaError
from assets.images import jpeg_bytes

RENDER_SIZE = 768
POSTER_SIDE = 1024
_VIEW = (0.45, 0.3, 1.0)  # direction from the model's centre to the camera


def render_model(path: Path, *, size: int = RENDER_SIZE) -> Image.Image:
    """The glTF/GLB at ``path`` photographed on white.

    :raises MediaError: VTK cannot load it or it shows nothing.
    """
    return render_turn(path, size=size, frames=1)[0]


def render_turn(path: Path, *, size: int = RENDER_SIZE, frames: int = 36) -> list[Image.Image]:
    """``frames`` pictures of the glTF/GLB at ``path`` turning once about its vertical
    axis (the camera circles it), the first from the poster's viewpoint.

    :raises MediaError: VTK cannot load it or it shows nothing.
    """
    import numpy as np
    import pyvista as pv

    # VTK reports a model it cannot load through pyvista's observer to the root
    # logger; the MediaError below says it once, in the user's words.
    logging.disable(logging.ERROR)
    try:
        with pv.vtk_verbosity("off"):
            plotter = pv.Plotter(off_screen=True, window_size=(size, size), lighting="none")
            try:
                plotter.import_gltf(str(path))
                if not plotter.renderer.actors:
                    raise MediaError(f"{path}: the model shows nothing to draw")
                plotter.set_background("white")
                bounds = np.array(plotter.bounds)
                centre = (bounds[0::2] + bounds[1::2]) / 2
                plotter.camera.focal_point = tuple(centre)
                plotter.camera.position = tuple(centre + np.array(_VIEW))
                plotter.camera.up = (0.0, 1.0, 0.0)
                plotter.reset_camera()  # keeps the direction, fits the bounds
                plotter.camera.zoom(1.3)
                plotter.reset_camera_clipping_range()
                # PBR materials look dark without an environment: a headlight and a
                # light from above-right, both moving with the camera.
                plotter.add_light(pv.Light(light_type="headlight", intensity=1.0))
                plotter.add_light(pv.Light(position=(1, 2, 1), light_type="camera light", intensity=0.6))
                pictures = []
                for i in range(frames):
                    plotter.camera.azimuth = 360.0 * i / frames  # pyvista: from the start, not a step
                    plotter.reset_camera_clipping_range()
                    plotter.render()  # screenshot() alone returns the last rendered frame
                    pictures.append(Image.fromarray(plotter.screenshot(return_img=True)).convert("RGB"))
            except (ValueError, RuntimeError, OSError) as e:
                raise MediaError(f"{path}: cannot draw the model ({e})") from None
            finally:
                plotter.close()
    finally:
        logging.disable(logging.NOTSET)
    return pictures


def turntable_webp(path: Path, *, size: int = 480, frames: int = 36, seconds: float = 6.0) -> bytes:
    """An animated WebP of the model turning once (looping), for lists and social posts."""
    pictures = render_turn(path, size=size, frames=frames)
    buffer = io.BytesIO()
    pictures[0].save(buffer, "WEBP", save_all=True, append_images=pictures[1:], duration=int(seconds * 1000 / frames),
                     loop=0, quality=80, method=4)
    return buffer.getvalue()


def model_pictures(path: Path) -> dict[str, bytes]:
    """``{"poster.jpg", "thumb.jpg", "display.jpg"}`` of the glTF at ``path``."""
    image = render_model(path, size=POSTER_SIDE)
    return {"poster.jpg": jpeg_bytes(image, max_side=POSTER_SIDE, quality=85),
            "thumb.jpg": jpeg_bytes(image, max_side=256, quality=80),
            "display.jpg": jpeg_bytes(image, max_side=RENDER_SIZE, quality=85)}
