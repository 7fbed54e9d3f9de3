"""A virtual hall rendered as a 360° equirectangular panorama, and where its works
appear in it: a hall of photographs becomes an ordinary panorama hall whose object
hotspots sit exactly on the pictures.

The room comes from :func:`scenes.virtual_hall_glb.room_scene` (the same walls,
frames and pictures as the walkable hall); pyvista renders six 90° cube faces
offscreen from one eye point with fixed scene lights (so the faces' seams match),
and OpenCV resamples them to the equirectangular image.

Directions: yaw 0 looks at the north wall (-z), yaw 90 at the east wall (+x), pitch
up is positive; the image's centre column is yaw 0, as panorama viewers expect.

    from scenes import hall_panorama as hp
    image = hp.render(project, hall, width=8192)         # a PIL image, 8192 x 4096
    yaw, pitch = hp.direction(hall.items[0].x, hall.items[0].y, hall.items[0].z, hp.eye_of(hall))
"""

from __future__ import annotations

import math
from typing import Sequence

import numpy as np
from PIL import Image

from assets.progress import Progress, null_progress
from assets.project import Project
from scenes.virtual_halls import EYE_LEVEL, VirtualHall

# (forward, up) of the six cube faces
FACES = (((0, 0, -1), (0, 1, 0)), ((1, 0, 0), (0, 1, 0)), ((0, 0, 1), (0, 1, 0)),
         ((-1, 0, 0), (0, 1, 0)), ((0, 1, 0), (0, 0, 1)), ((0, -1, 0), (0, 0, -1)))
BACKGROUND = (24, 22, 20)   # what shows through the doorway
# The room's own doorway (the middle of the south wall), replaced when a panorama
# puts its doorway in the north wall instead (see ``north_door``).
_SOUTH_DOOR_NODES = {"wall-north", "wall-south-east", "wall-south-west", "wall-door-lintel"}


def eye_of(hall: VirtualHall) -> tuple[float, float, float]:
    """Where the panorama is taken: the middle of the room, at eye level."""
    return (0.0, EYE_LEVEL, 0.0)


def direction(x: float, y: float, z: float, eye: Sequence[float]) -> tuple[float, float]:
    """(yaw, pitch) in degrees of the point (x, y, z) seen from ``eye``."""
    dx, dy, dz = x - eye[0], y - eye[1], z - eye[2]
    return math.degrees(math.atan2(dx, -dz)), math.degrees(math.atan2(dy, math.hypot(dx, dz)))


def item_directions(hall: VirtualHall, eye: Sequence[float] | None = None) -> dict[str, tuple[float, float]]:
    """Each work's (yaw, pitch) at the centre of its picture (a model's: its middle)."""
    eye = eye or eye_of(hall)
    out = {}
    for item in hall.items:
        y = item.y if item.kind == "picture" else item.plinth + item.height / 2
        out[item.accession] = direction(item.x, y, item.z, eye)
    return out


def _move_door_north(hall: VirtualHall, scene, centre: float, width: float) -> None:
    """Add a whole south wall and a north wall with a doorway ``width`` wide centred at
    x = ``centre`` (the nodes they replace are skipped when rendering)."""
    from scenes.virtual_hall_glb import DOOR_HEIGHT, WALL, _box

    w, d, h = hall.width, hall.depth, hall.height
    colour = tuple(int(hall.wall_colour[i:i + 2], 16) for i in (1, 3, 5))
    scene.add_geometry(_box((w + 2 * WALL, h, WALL), (0, h / 2, d / 2 + WALL / 2), colour), node_name="wall-south")
    z = -d / 2 - WALL / 2
    left, right = -w / 2 - WALL, w / 2 + WALL
    lo, hi = centre - width / 2, centre + width / 2
    for name, a, b in (("wall-north-west", left, lo), ("wall-north-east", hi, right)):
        if b - a > 1e-3:
            scene.add_geometry(_box((b - a, h, WALL), ((a + b) / 2, h / 2, z), colour), node_name=name)
    scene.add_geometry(_box((width, h - DOOR_HEIGHT, WALL), (centre, (h + DOOR_HEIGHT) / 2, z), colour),
                       node_name="wall-north-lintel")


def _pv_meshes(scene):
    """(node name, pyvista mesh, colour, texture image or None) for every node of a trimesh scene."""
    import pyvista as pv

    out = []
    for node in scene.graph.nodes_geometry:
        transform, name = scene.graph[node]
        mesh = scene.geometry[name].copy()
        mesh.apply_transform(transform)
        faces = np.hstack([np.full((len(mesh.faces), 1), 3), mesh.faces]).ravel()
        poly = pv.PolyData(np.asarray(mesh.vertices, float), faces)
        material = mesh.visual.material
        colour = tuple(int(c) for c in np.asarray(material.baseColorFactor)[:3]) \
            if material.baseColorFactor is not None else (255, 255, 255)
        texture = material.baseColorTexture
        if texture is not None:
            poly.active_texture_coordinates = np.asarray(mesh.visual.uv, float)
        out.append((node, poly, colour, texture))
    return out


def _add_labels(project: Project, hall: VirtualHall, scene) -> None:
    """A wall label under each picture: its title and accession number."""
    from scenes.virtual_hall_glb import _label_image, _placed, _quad

    titles = dict(project.db.execute("SELECT accession, coalesce(nullif(title_zh, ''), title_en) FROM objects"))
    for item in hall.items:
        if item.kind == "picture":
            label = _quad(0.42, 0.42 * 160 / 512, _label_image(titles.get(item.accession) or "", item.accession))
            yaw = math.radians(item.yaw)
            x, z = item.x + math.sin(yaw) * 0.005, item.z + math.cos(yaw) * 0.005
            scene.add_geometry(_placed(label, x, item.y - item.height / 2 - 0.16, z, item.yaw),
                               node_name=f"wall-label:{item.accession}")


def _floor(hall: VirtualHall):
    """The floor as one quad, its texture stretched over it once."""
    import pyvista as pv

    w, d = hall.width / 2, hall.depth / 2
    points = np.array([[-w, 0.001, -d], [w, 0.001, -d], [w, 0.001, d], [-w, 0.001, d]])
    plane = pv.PolyData(points, np.array([4, 0, 1, 2, 3]))
    plane.active_texture_coordinates = np.c_[(points[:, 0] + w) / (2 * w), (points[:, 2] + d) / (2 * d)]
    return plane


def _planks(colour, boards: int) -> "pyvista.Texture":
    """``boards`` floorboards side by side, each a slightly different shade, with dark joints."""
    import pyvista as pv

    side = 2048
    rng = np.random.default_rng(7)  # the same floor every time
    base = np.array(colour, float)
    img = np.empty((side, side, 3), float)
    for b in range(boards):
        rows = slice(b * side // boards, (b + 1) * side // boards)
        shade = base * rng.uniform(0.88, 1.1)
        grain = 1 + 0.04 * np.sin(np.linspace(0, rng.uniform(20, 40), side) + rng.uniform(0, 6))
        img[rows] = shade * grain[None, :, None]
        img[rows.start] = base * 0.55  # the joint between boards
    return pv.Texture(np.clip(img, 0, 255).astype(np.uint8))


def render_faces(project: Project, hall: VirtualHall, side: int, *, texture_side: int = 2048,
                 eye: Sequence[float] | None = None, north_door: tuple[float, float] | None = None,
                 progress: Progress | None = None) -> list[np.ndarray]:
    """The six cube faces (``FACES`` order) as ``side`` x ``side`` RGB arrays; with
    ``north_door`` (x of its centre, width) the doorway is in the north wall there
    instead of the middle of the south wall."""
    import pyvista as pv

    from scenes.virtual_hall_glb import room_scene

    progress = progress or null_progress()
    eye = np.array(eye or eye_of(hall), float)
    plotter = pv.Plotter(off_screen=True, window_size=(side, side), lighting="none")
    try:
        plotter.set_background(BACKGROUND)
        scene = room_scene(project, hall, texture_side=texture_side)
        _add_labels(project, hall, scene)
        skip = set()
        if north_door is not None:
            _move_door_north(hall, scene, *north_door)
            skip = _SOUTH_DOOR_NODES
        for node, poly, colour, texture in _pv_meshes(scene):
            if node in skip:
                continue
            if node == "floor":
                plotter.add_mesh(_floor(hall), texture=_planks(colour, round(hall.depth / 0.2)), ambient=0.5,
                                 diffuse=0.6, specular=0.0)
            elif texture is not None:
                plotter.add_mesh(poly, texture=pv.Texture(np.asarray(texture.convert("RGB"))), ambient=0.55,
                                 diffuse=0.5, specular=0.0, smooth_shading=False)
            else:
                # the ceiling faces away from every light: it glows a little instead
                plotter.add_mesh(poly, color=colour, ambient=0.85 if node == "ceiling" else 0.7, diffuse=0.45,
                                 specular=0.0)
        # Fixed scene lights (a headlight would turn with each face and show the seams).
        for direction_, intensity in (((0.35, -1.0, -0.55), 0.55), ((-0.5, -0.6, 0.7), 0.35)):
            plotter.add_light(pv.Light(position=tuple(-np.array(direction_)), focal_point=(0, 0, 0),
                                       intensity=intensity, light_type="scene light"))
        faces = []
        progress.start(len(FACES), "render hall panorama")
        plotter.show(auto_close=False)  # makes the render window; later renders follow the camera
        for forward, up in FACES:
            camera = plotter.renderer.GetActiveCamera()
            camera.SetPosition(*eye)
            camera.SetFocalPoint(*(eye + np.array(forward, float)))
            camera.SetViewUp(*up)
            camera.SetViewAngle(90.0)
            camera.SetClippingRange(0.05, 4 * max(hall.width, hall.depth, hall.height))
            plotter.render()
            faces.append(np.asarray(plotter.screenshot(return_img=True))[..., :3].copy())
            progress.advance()
        progress.finish()
        return faces
    finally:
        plotter.close()


def equirectangular(faces: Sequence[np.ndarray], width: int, band: int = 512) -> np.ndarray:
    """Resample six cube faces (``FACES`` order, 90° each) to a ``width`` x ``width/2``
    equirectangular image, a band of rows at a time (bounded memory)."""
    import cv2

    side = faces[0].shape[0]
    height = width // 2
    out = np.empty((height, width, 3), np.uint8)
    yaw = ((np.arange(width) + 0.5) / width - 0.5) * 2 * np.pi
    axes = []
    for forward, up in FACES:
        f, u = np.array(forward, float), np.array(up, float)
        r = np.cross(f, u)
        axes.append((f, r, np.cross(r, f)))
    # one atlas: faces side by side, so one remap serves every face
    atlas = np.concatenate([np.pad(f, ((1, 1), (1, 1), (0, 0)), mode="edge") for f in faces], axis=1)
    for top in range(0, height, band):
        rows = np.arange(top, min(top + band, height))
        pitch = (0.5 - (rows + 0.5) / height) * np.pi
        p, y = np.meshgrid(pitch, yaw, indexing="ij")
        d = np.stack([np.cos(p) * np.sin(y), np.sin(p), -np.cos(p) * np.cos(y)], axis=-1)
        dots = np.stack([d @ f for f, _, _ in axes], axis=-1)
        face = np.argmax(dots, axis=-1)
        map_x = np.empty(face.shape, np.float32)
        map_y = np.empty(face.shape, np.float32)
        for n, (f, r, u) in enumerate(axes):
            sel = face == n
            dd = d[sel]
            depth = dd @ f
            a, b = (dd @ r) / depth, (dd @ u) / depth
            map_x[sel] = n * (side + 2) + 1 + (a + 1) / 2 * side - 0.5
            map_y[sel] = 1 + (1 - b) / 2 * side - 0.5
        out[rows[0]:rows[-1] + 1] = cv2.remap(atlas, map_x, map_y, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
    return out


def render(project: Project, hall: VirtualHall, *, width: int = 8192, eye: Sequence[float] | None = None,
           north_door: tuple[float, float] | None = None, progress: Progress | None = None) -> Image.Image:
    """The hall as an equirectangular panorama ``width`` x ``width/2`` (faces rendered at
    the size that keeps the panorama's detail at the horizon, ``width / 4``)."""
    side = max(256, width // 4)
    faces = render_faces(project, hall, side, eye=eye, north_door=north_door, progress=progress)
    return Image.fromarray(equirectangular(faces, width), "RGB")
