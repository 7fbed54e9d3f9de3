"""A virtual hall as one GLB scene: the room, the pictures at their true size, the
plinths with labels, and each 3D work's web model standing on its plinth.

The room is built with trimesh (boxes and textured quads, one node per work named
``work:<accession>`` so a viewer can tell what was clicked); the models are merged
in, and the whole compressed (meshopt) and validated by glTF-Transform and the
Khronos validator (``assets/models/node/hallglb.mjs``). The uncompressed room must
pass the validator with 0 errors and 0 warnings, the final file with 0 errors.
"""

from __future__ import annotations

import io
import json
import math
import tempfile
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from assets.media_store import MediaStore
from assets.models.node_tools import run_script
from assets.models.store import web_glb
from assets.project import Project
from scenes.virtual_halls import DOOR_WIDTH, PLINTH_MARGIN, VirtualHall

WALL = 0.12
DOOR_HEIGHT = 2.4
TEXTURE_SIDE = 512
FLOOR_COLOURS = {"wood": (139, 106, 74), "stone": (154, 150, 142), "carpet": (107, 43, 43)}
_CJK_FONT = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")


def _material(colour=(255, 255, 255), image: Image.Image | None = None, roughness: float = 0.9):
    from trimesh.visual.material import PBRMaterial

    return PBRMaterial(baseColorFactor=[*colour, 255], baseColorTexture=image, metallicFactor=0.0,
                       roughnessFactor=roughness)


def _box(size, centre, colour):
    import trimesh

    box = trimesh.creation.box(extents=size)
    box.apply_translation(centre)
    box.visual = trimesh.visual.TextureVisuals(uv=np.zeros((len(box.vertices), 2)), material=_material(colour))
    return box


def _quad(width: float, height: float, image: Image.Image):
    """A picture: a quad facing +z, centred on the origin."""
    import trimesh

    w, h = width / 2, height / 2
    vertices = np.array([[-w, -h, 0], [w, -h, 0], [w, h, 0], [-w, h, 0]], float)
    uv = np.array([[0, 0], [1, 0], [1, 1], [0, 1]], float)
    mesh = trimesh.Trimesh(vertices, [[0, 1, 2], [0, 2, 3]], process=False)
    mesh.visual = trimesh.visual.TextureVisuals(uv=uv, material=_material(image=image, roughness=0.7))
    return mesh


def _placed(mesh, x: float, y: float, z: float, yaw: float):
    import trimesh

    mesh.apply_transform(trimesh.transformations.rotation_matrix(math.radians(yaw), [0, 1, 0]))
    mesh.apply_translation([x, y, z])
    return mesh


def _label_image(title: str, accession: str) -> Image.Image:
    im = Image.new("RGB", (512, 160), (250, 248, 244))
    draw = ImageDraw.Draw(im)
    try:
        big, small = ImageFont.truetype(str(_CJK_FONT), 40), ImageFont.truetype(str(_CJK_FONT), 26)
    except OSError:  # no CJK font installed: Latin text still reads
        big = small = ImageFont.load_default()
    draw.text((24, 22), title[:22], fill=(26, 26, 26), font=big)
    draw.text((24, 102), accession, fill=(90, 90, 90), font=small)
    return im


def room_scene(project: Project, hall: VirtualHall, *, texture_side: int = TEXTURE_SIDE):
    """The hall without its 3D models, as a trimesh scene (pictures at most ``texture_side`` px)."""
    import trimesh

    store = MediaStore(project)
    scene = trimesh.Scene()
    w, d, h = hall.width, hall.depth, hall.height
    wall = tuple(int(hall.wall_colour[i:i + 2], 16) for i in (1, 3, 5))
    scene.add_geometry(_box((w, 0.02, d), (0, -0.01, 0), FLOOR_COLOURS[hall.floor]), node_name="floor")
    scene.add_geometry(_box((w, 0.02, d), (0, h + 0.01, 0), (250, 250, 248)), node_name="ceiling")
    scene.add_geometry(_box((w + 2 * WALL, h, WALL), (0, h / 2, -d / 2 - WALL / 2), wall), node_name="wall-north")
    scene.add_geometry(_box((WALL, h, d), (w / 2 + WALL / 2, h / 2, 0), wall), node_name="wall-east")
    scene.add_geometry(_box((WALL, h, d), (-w / 2 - WALL / 2, h / 2, 0), wall), node_name="wall-west")
    side = (w - DOOR_WIDTH) / 2 + WALL
    for sign, name in ((1, "wall-south-east"), (-1, "wall-south-west")):
        scene.add_geometry(_box((side, h, WALL), (sign * (DOOR_WIDTH / 2 + side / 2), h / 2, d / 2 + WALL / 2), wall),
                           node_name=name)
    scene.add_geometry(_box((DOOR_WIDTH, h - DOOR_HEIGHT, WALL), (0, (h + DOOR_HEIGHT) / 2, d / 2 + WALL / 2), wall),
                       node_name="wall-door-lintel")
    titles = dict(project.db.execute("SELECT accession, coalesce(nullif(title_zh, ''), title_en) FROM objects"))
    for item in hall.items:
        name = f"work:{item.accession}"
        if item.kind == "picture":
            image = _picture(store, project, item.object_id, texture_side)
            frame = _box((item.width + 0.06, item.height + 0.06, item.depth), (0, 0, -item.depth / 2 - 0.002),
                         (40, 34, 28))
            picture = _quad(item.width, item.height, image)
            scene.add_geometry(_placed(frame, item.x, item.y, item.z, item.yaw), node_name=f"{name}:frame")
            scene.add_geometry(_placed(picture, item.x, item.y, item.z, item.yaw), node_name=name)
        else:
            pw, pd = item.width + 2 * PLINTH_MARGIN, item.depth + 2 * PLINTH_MARGIN
            scene.add_geometry(_box((pw, item.plinth, pd), (item.x, item.plinth / 2, item.z), (246, 244, 240)),
                               node_name=f"plinth:{item.accession}")
            label = _quad(min(pw, 0.45), min(pw, 0.45) * 160 / 512,
                          _label_image(titles.get(item.accession) or item.accession, item.accession))
            scene.add_geometry(_placed(label, item.x, item.plinth - 0.12, item.z + pd / 2 + 0.003, 0.0),
                               node_name=f"label:{item.accession}")
    return scene


def _picture(store: MediaStore, project: Project, object_id: int, side: int = TEXTURE_SIDE) -> Image.Image:
    row = project.db.execute("SELECT om.sha256 FROM object_media om JOIN media m ON m.sha256 = om.sha256 "
                             "WHERE om.object_id = ? AND m.kind = 'image' ORDER BY om.position LIMIT 1",
                             (object_id,)).fetchone()
    data = store.get_derived(row[0], "display.jpg") or store.read(row[0])
    image = Image.open(io.BytesIO(data)).convert("RGB")
    image.thumbnail((side, side))
    return image


def hall_glb(project: Project, hall: VirtualHall, out: Path) -> dict:
    """Write the hall as one validated GLB to ``out``; returns the validator's figures
    (``errors``, ``warnings`` of the final file; ``room`` those of the uncompressed room)."""
    with tempfile.TemporaryDirectory(prefix="yunzhan-vhall-") as tmp:
        work = Path(tmp)
        room = work / "room.glb"
        room.write_bytes(room_scene(project, hall).export(file_type="glb"))
        models = []
        for item in hall.items:
            if item.kind != "model":
                continue
            sha, lo, hi = _model_of(project, item.object_id)
            path = work / f"{sha[:16]}.glb"
            path.write_bytes(web_glb(project, sha))
            # the model's base centre on the plinth's top
            models.append({"path": str(path), "name": f"work:{item.accession}",
                           "translation": [item.x - (lo[0] + hi[0]) / 2, item.plinth - lo[1],
                                           item.z - (lo[2] + hi[2]) / 2]})
        (work / "models.json").write_text(json.dumps(models))
        tmp_out = out.with_name(out.name + ".part")
        result = run_script("hallglb.mjs", ["--room", str(room), "--models", str(work / "models.json"),
                                            "--out", str(tmp_out)], subject=out)
        tmp_out.replace(out)
    return result


def _model_of(project: Project, object_id: int):
    row = project.db.execute(
        "SELECT m.sha256, m.min_x, m.min_y, m.min_z, m.max_x, m.max_y, m.max_z FROM object_media om "
        "JOIN models m ON m.sha256 = om.sha256 WHERE om.object_id = ? ORDER BY om.position LIMIT 1",
        (object_id,)).fetchone()
    return row[0], row[1:4], row[4:7]
