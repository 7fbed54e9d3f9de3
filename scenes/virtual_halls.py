"""Walkable virtual halls: a room, the catalog's works hung and placed in it, and the
layout record the studio edits and the exporter reads.

A curator picks a room (width, depth, height, wall colour, floor, light);
:func:`generate_hall` hangs the pictures on the walls at their true size (from the
catalog's dimensions), their centres on a 145 cm line, evenly spaced, in catalog (or
the given) order, clockwise from the north wall; 3D models stand on plinths with
labels in rows across the room, their tops near eye level. Every work must be
reachable on foot from the door (checked on a grid), or nothing is stored.

Room coordinates are metres: origin at the floor's centre, Y up, the north wall at
z = -depth/2, the door in the middle of the south wall (z = +depth/2).

    from scenes import virtual_halls as vh
    hall = vh.generate_hall(project, slug="gallery", title_zh="画廊", width=14, depth=9)
    vh.move_item(project, hall.items[0].id, along=0.5)   # slide a picture along its wall
"""

from __future__ import annotations

import math
import re
from collections import deque
from dataclasses import dataclass
from typing import Sequence

from assets.project import Project
from scenes.errors import ExhibitionError
from scenes.model import check_slug

CENTRE_LINE = 1.45      # metres above the floor: the centre of every picture
EYE_LEVEL = 1.6
CORNER = 0.6            # no picture closer than this to a corner
MIN_GAP = 0.5           # between two pictures on a wall
DOOR_WIDTH = 1.8
PLINTH_MARGIN = 0.1     # plinth top beyond the model's footprint, each side
CLEARANCE = 0.35        # a visitor's half width, for the reachability check
VIEW_DISTANCE = 1.2     # where a visitor stands to look at a work
DEFAULT_PICTURE_HEIGHT = 0.6
FLOORS = ("wood", "stone", "carpet")
LIGHTS = ("warm", "neutral", "cool")
WALLS = ("north", "east", "south", "west")
_UNITS = {"mm": 0.001, "毫米": 0.001, "cm": 0.01, "厘米": 0.01, "m": 1.0, "米": 1.0, "in": 0.0254, "inch": 0.0254}
_DIMENSIONS = re.compile(r"(\d+(?:\.\d+)?)\s*[x×X*]\s*(\d+(?:\.\d+)?)(?:\s*[x×X*]\s*\d+(?:\.\d+)?)?\s*"
                         r"(mm|cm|m|in|inch|毫米|厘米|米)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Item:
    id: int
    object_id: int
    accession: str
    kind: str              # "picture" | "model"
    wall: str | None
    x: float
    y: float
    z: float
    yaw: float
    width: float
    height: float
    depth: float
    plinth: float
    position: int


@dataclass(frozen=True)
class VirtualHall:
    id: int
    slug: str
    title_zh: str
    title_en: str
    width: float
    depth: float
    height: float
    wall_colour: str
    floor: str
    light: str
    items: tuple[Item, ...] = ()

    @property
    def start(self) -> tuple[float, float, float]:
        """Where a visitor enters: inside the door, at eye level."""
        return (0.0, EYE_LEVEL, self.depth / 2 - 1.0)


def parse_dimensions(text: str) -> tuple[float, float] | None:
    """(height, width) in metres from a catalog's dimensions ("support: 1003 x 1257 mm",
    "76.2 × 63.5 cm", "30 x 20 厘米"); museums give height first. ``None`` if none."""
    match = _DIMENSIONS.search(text or "")
    if not match:
        return None
    scale = _UNITS[match.group(3).lower()]
    height, width = float(match.group(1)) * scale, float(match.group(2)) * scale
    return (height, width) if height > 0 and width > 0 else None


# -- planning (pure: no project) ------------------------------------------------------
@dataclass(frozen=True)
class Work:
    """What the planner needs of a work: a picture's true size, or a model's footprint."""
    object_id: int
    accession: str
    kind: str
    width: float
    height: float
    depth: float = 0.04


def wall_segments(width: float, depth: float) -> list[tuple[str, float]]:
    """Each wall's hanging length, clockwise from the north wall (the south wall
    loses the door and the space beside it)."""
    south = (width - DOOR_WIDTH) / 2 - CORNER - MIN_GAP
    return [("north", width - 2 * CORNER), ("east", depth - 2 * CORNER),
            ("south-east", max(south, 0.0)), ("south-west", max(south, 0.0)), ("west", depth - 2 * CORNER)]


def plan_layout(works: Sequence[Work], *, width: float, depth: float, height: float, where: str) -> list[dict]:
    """Where each work goes: a list of item dicts (see the ``virtual_hall_items`` table).

    :raises ExhibitionError: the pictures need more wall than the room has, a picture is
        taller than the wall, the models do not fit, or a work cannot be reached.
    """
    pictures = [w for w in works if w.kind == "picture"]
    models = [w for w in works if w.kind == "model"]
    for w in pictures:
        if w.height > height - 0.5:
            raise ExhibitionError(f"{where}: object {w.accession} is {w.height:.2f} m tall; the walls are "
                                  f"{height:.2f} m", hint="make the room higher")
    items = _hang(pictures, width, depth, height, where) + _stand(models, width, depth, where)
    _check_reachable(items, width, depth, where)
    return items


def _hang(pictures: Sequence[Work], width: float, depth: float, height: float, where: str) -> list[dict]:
    segments = wall_segments(width, depth)
    available = sum(length for _, length in segments)
    needed = sum(p.width + MIN_GAP for p in pictures) + MIN_GAP
    if needed > available:
        raise ExhibitionError(f"{where}: the pictures need {needed:.1f} m of wall; the room has {available:.1f} m",
                              hint="make the room larger or hang fewer works")
    # Spread the pictures round the walls in order, as if the walls were one long
    # wall: each goes to the wall its stretched position falls on.
    ends = [sum(length for _, length in segments[:i + 1]) for i in range(len(segments))]
    stretch = available / needed
    groups: list[list[Work]] = [[] for _ in segments]
    along = MIN_GAP
    for p in pictures:
        centre = (along + p.width / 2) * stretch
        groups[next((i for i, end in enumerate(ends) if centre <= end), len(ends) - 1)].append(p)
        along += p.width + MIN_GAP
    # A wall that came out too full passes its last pictures on to the next.
    for i in range(len(groups)):
        while groups[i] and _fill(groups[i], segments[i][1]) > segments[i][1] + 1e-9:
            if i == len(groups) - 1:
                raise ExhibitionError(f"{where}: the pictures need {needed:.1f} m of wall; the room has "
                                      f"{available:.1f} m in pieces too short for them",
                                      hint="make the room larger or hang fewer works")
            groups[i + 1].insert(0, groups[i].pop())
    items = []
    for (name, length), group in zip(segments, groups):
        gap = (length - sum(p.width for p in group)) / (len(group) + 1)
        along = gap
        for p in group:
            items.append(_on_wall(p, name, along + p.width / 2, length, width, depth, height))
            along += p.width + gap
    return items


def _fill(group: Sequence[Work], length: float) -> float:
    return sum(p.width for p in group) + MIN_GAP * (len(group) + 1)


def _on_wall(p: Work, segment: str, along: float, length: float, width: float, depth: float,
             height: float) -> dict:
    """An item dict for picture ``p`` whose centre is ``along`` metres into ``segment``."""
    y = max(CENTRE_LINE, p.height / 2 + 0.3)          # a tall painting is raised, never touches the floor
    y = min(y, height - 0.2 - p.height / 2)
    off = p.depth / 2 + 0.01                          # in front of the wall's face
    if segment == "north":
        x, z, yaw, wall = -width / 2 + CORNER + along, -depth / 2 + off, 0.0, "north"
    elif segment == "east":
        x, z, yaw, wall = width / 2 - off, -depth / 2 + CORNER + along, -90.0, "east"
    elif segment == "south-east":
        x, z, yaw, wall = width / 2 - CORNER - along, depth / 2 - off, 180.0, "south"
    elif segment == "south-west":
        x, z, yaw, wall = -DOOR_WIDTH / 2 - MIN_GAP - along, depth / 2 - off, 180.0, "south"
    else:
        x, z, yaw, wall = -width / 2 + off, depth / 2 - CORNER - along, 90.0, "west"
    return {"object_id": p.object_id, "accession": p.accession, "kind": "picture", "wall": wall, "x": x, "y": y,
            "z": z, "yaw": yaw, "width": p.width, "height": p.height, "depth": p.depth, "plinth": 0.0}


def _stand(models: Sequence[Work], width: float, depth: float, where: str) -> list[dict]:
    """Models on plinths in rows across the middle of the room, evenly spaced."""
    if not models:
        return []
    spot = max(max(m.width, m.depth) + 2 * PLINTH_MARGIN for m in models) + 2 * VIEW_DISTANCE
    across = max(int((width - 2 * VIEW_DISTANCE) // spot), 1)
    rows = math.ceil(len(models) / across)
    inner_depth = depth - 2 * (VIEW_DISTANCE + 1.0)
    if rows * spot > inner_depth + 1e-9 and rows > 1:
        raise ExhibitionError(f"{where}: {len(models)} 3D works need {rows} rows of plinths; the room is too shallow",
                              hint="make the room deeper or wider")
    items = []
    for r in range(rows):
        row = models[r * across:(r + 1) * across]
        z = (r + 0.5) * inner_depth / rows - inner_depth / 2 if rows > 1 else -0.5
        for i, m in enumerate(row):
            x = (i + 1) * width / (len(row) + 1) - width / 2
            plinth = min(max(EYE_LEVEL - 0.35 - m.height, 0.3), 1.1)  # the work's top near eye level
            items.append({"object_id": m.object_id, "accession": m.accession, "kind": "model", "wall": None,
                          "x": x, "y": plinth, "z": z, "yaw": 0.0, "width": m.width, "height": m.height,
                          "depth": m.depth, "plinth": plinth})
    return items


def footprints(items: Sequence[dict]) -> list[tuple[float, float, float, float]]:
    """The floor rectangles (x0, z0, x1, z1) a visitor cannot walk through: the plinths."""
    out = []
    for it in items:
        if it["kind"] == "model":
            hw, hd = it["width"] / 2 + PLINTH_MARGIN, it["depth"] / 2 + PLINTH_MARGIN
            out.append((it["x"] - hw, it["z"] - hd, it["x"] + hw, it["z"] + hd))
    return out


def _check_reachable(items: Sequence[dict], width: float, depth: float, where: str, cell: float = 0.25) -> None:
    """Every work's viewing spot can be walked to from the door (grid search)."""
    nx, nz = int(width / cell), int(depth / cell)
    blocked = footprints(items)

    def free(i: int, k: int) -> bool:
        x, z = -width / 2 + (i + 0.5) * cell, -depth / 2 + (k + 0.5) * cell
        if abs(x) > width / 2 - CLEARANCE or abs(z) > depth / 2 - CLEARANCE:
            return False
        return not any(x0 - CLEARANCE < x < x1 + CLEARANCE and z0 - CLEARANCE < z < z1 + CLEARANCE
                       for x0, z0, x1, z1 in blocked)

    def to_cell(x: float, z: float) -> tuple[int, int]:
        return (min(max(int((x + width / 2) / cell), 0), nx - 1), min(max(int((z + depth / 2) / cell), 0), nz - 1))

    start = to_cell(0.0, depth / 2 - 1.0)
    seen, queue = {start}, deque([start])
    while queue:
        i, k = queue.popleft()
        for di, dk in ((1, 0), (-1, 0), (0, 1), (0, -1)):
            n = (i + di, k + dk)
            if 0 <= n[0] < nx and 0 <= n[1] < nz and n not in seen and free(*n):
                seen.add(n)
                queue.append(n)
    for it in items:
        for x, z in viewing_spots(it):
            if to_cell(x, z) in seen:
                break
        else:
            raise ExhibitionError(f"{where}: object {it['accession']} cannot be reached on foot from the door",
                                  hint="make the room larger or place fewer 3D works")


def viewing_spots(item: dict) -> list[tuple[float, float]]:
    """Where a visitor may stand to look at a work."""
    if item["kind"] == "picture":
        yaw = math.radians(item["yaw"])
        return [(item["x"] + math.sin(yaw) * VIEW_DISTANCE, item["z"] + math.cos(yaw) * VIEW_DISTANCE)]
    reach = max(item["width"], item["depth"]) / 2 + PLINTH_MARGIN + VIEW_DISTANCE * 0.8
    return [(item["x"], item["z"] + reach), (item["x"], item["z"] - reach),
            (item["x"] + reach, item["z"]), (item["x"] - reach, item["z"])]


# -- the project ----------------------------------------------------------------------
def works_for(project: Project, keys: Sequence[int | str] | None = None) -> list[Work]:
    """The works a hall can show, in catalog order (or the order of ``keys``): objects
    with a 3D model, and objects with an image (sized by their dimensions, else by the
    image's shape at a default height)."""
    db = project.db
    if keys is None:
        ids = [i for (i,) in db.execute("SELECT id FROM objects ORDER BY id")]
    else:
        ids = []
        for key in keys:
            column = "id" if isinstance(key, int) else "accession"
            row = db.execute(f"SELECT id FROM objects WHERE {column} = ?", (key,)).fetchone()
            if row is None:
                raise ExhibitionError(f"{project.path}: no catalog object {key!r}", hint="see 'yunzhan search PROJECT' for the accession numbers")
            ids.append(row[0])
    works = []
    for oid in ids:
        accession, dimensions = db.execute("SELECT accession, dimensions FROM objects WHERE id = ?", (oid,)).fetchone()
        model = db.execute(
            "SELECT m.min_x, m.min_y, m.min_z, m.max_x, m.max_y, m.max_z FROM object_media om "
            "JOIN models m ON m.sha256 = om.sha256 WHERE om.object_id = ? ORDER BY om.position LIMIT 1",
            (oid,)).fetchone()
        if model:
            works.append(Work(oid, accession, "model", model[3] - model[0], model[4] - model[1], model[5] - model[2]))
            continue
        image = db.execute(
            "SELECT md.width, md.height FROM object_media om JOIN media md ON md.sha256 = om.sha256 "
            "WHERE om.object_id = ? AND md.kind = 'image' ORDER BY om.position LIMIT 1", (oid,)).fetchone()
        if image is None:
            if keys is not None:
                raise ExhibitionError(f"{project.path}: object {accession} has no image or 3D model to show")
            continue
        size = parse_dimensions(dimensions)
        if size is None:
            aspect = (image[0] / image[1]) if image[0] and image[1] else 1.0
            size = (DEFAULT_PICTURE_HEIGHT, DEFAULT_PICTURE_HEIGHT * aspect)
        works.append(Work(oid, accession, "picture", size[1], size[0]))
    return works


def generate_hall(project: Project, *, slug: str, title_zh: str = "", title_en: str = "",
                  objects: Sequence[int | str] | None = None, width: float = 12.0, depth: float = 8.0,
                  height: float = 3.6, wall_colour: str = "#efebe4", floor: str = "wood",
                  light: str = "warm") -> VirtualHall:
    """Make (or remake) the virtual hall ``slug`` with ``objects`` (all that can be shown,
    in catalog order, when ``None``). One undoable step."""
    where = f"{project.path}: virtual hall '{slug}'"
    check_slug(slug, "virtual hall")
    _check_room(where, width, depth, height, wall_colour, floor, light)
    works = works_for(project, objects)
    items = plan_layout(works, width=width, depth=depth, height=height, where=where)
    with project.transaction(label="generate virtual hall") as db:
        db.execute("DELETE FROM virtual_halls WHERE slug = ?", (slug,))
        position = db.execute("SELECT coalesce(max(position), -1) + 1 FROM virtual_halls").fetchone()[0]
        hall_id = db.execute(
            "INSERT INTO virtual_halls(slug, title_zh, title_en, width, depth, height, wall_colour, floor, light, "
            "position) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (slug, title_zh, title_en, width, depth, height, wall_colour.lower(), floor, light, position)).lastrowid
        db.executemany(
            "INSERT INTO virtual_hall_items(hall_id, object_id, kind, wall, x, y, z, yaw, width, height, depth, "
            "plinth, position) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(hall_id, it["object_id"], it["kind"], it["wall"], it["x"], it["y"], it["z"], it["yaw"], it["width"],
              it["height"], it["depth"], it["plinth"], n) for n, it in enumerate(items)])
    return get_hall(project, slug)


def move_item(project: Project, item_id: int, *, along: float = 0.0, across: float = 0.0) -> Item:
    """Slide a work: a picture ``along`` its wall (metres, clockwise positive), a model
    ``along`` x and ``across`` z. Refused if it would leave the room or block a path."""
    row = project.db.execute("SELECT h.slug FROM virtual_hall_items i JOIN virtual_halls h ON h.id = i.hall_id "
                             "WHERE i.id = ?", (item_id,)).fetchone()
    if row is None:
        raise ExhibitionError(f"{project.path}: no virtual hall item {item_id}")
    hall = get_hall(project, row[0])
    item = next(i for i in hall.items if i.id == item_id)
    where = f"{project.path}: virtual hall '{hall.slug}', object {item.accession}"
    x, z = item.x, item.z
    if item.kind == "picture":
        dx, dz = {"north": (1, 0), "east": (0, 1), "south": (-1, 0), "west": (0, -1)}[item.wall]
        x, z = x + dx * along, z + dz * along
        half = (hall.width if item.wall in ("north", "south") else hall.depth) / 2
        if abs(x if item.wall in ("north", "south") else z) + item.width / 2 > half - 0.05:
            raise ExhibitionError(f"{where}: that would hang it past the corner")
    else:
        x, z = x + along, z + across
    items = [dict(i.__dict__) for i in hall.items]
    moved = next(i for i in items if i["id"] == item_id)
    moved.update(x=x, z=z)
    _check_reachable(items, hall.width, hall.depth, where)
    if item.kind == "model" and (abs(x) + item.width / 2 > hall.width / 2 or abs(z) + item.depth / 2 > hall.depth / 2):
        raise ExhibitionError(f"{where}: that would put it outside the room")
    with project.transaction(label="move work") as db:
        db.execute("UPDATE virtual_hall_items SET x = ?, z = ? WHERE id = ?", (x, z, item_id))
    return next(i for i in get_hall(project, hall.slug).items if i.id == item_id)


def remove_hall(project: Project, slug: str) -> None:
    with project.transaction(label="remove virtual hall") as db:
        get_hall(project, slug)
        db.execute("DELETE FROM virtual_halls WHERE slug = ?", (slug,))


def get_hall(project: Project, slug: str) -> VirtualHall:
    row = project.db.execute("SELECT id, slug, title_zh, title_en, width, depth, height, wall_colour, floor, light "
                             "FROM virtual_halls WHERE slug = ?", (slug,)).fetchone()
    if row is None:
        raise ExhibitionError(f"{project.path}: no virtual hall '{slug}'", hint="see 'yunzhan vhall list'")
    items = tuple(Item(*r) for r in project.db.execute(
        "SELECT i.id, i.object_id, o.accession, i.kind, i.wall, i.x, i.y, i.z, i.yaw, i.width, i.height, i.depth, "
        "i.plinth, i.position FROM virtual_hall_items i JOIN objects o ON o.id = i.object_id "
        "WHERE i.hall_id = ? ORDER BY i.position, i.id", (row[0],)))
    return VirtualHall(*row, items=items)


def list_halls(project: Project) -> list[VirtualHall]:
    return [get_hall(project, s) for (s,) in project.db.execute("SELECT slug FROM virtual_halls ORDER BY position, id")]


def _check_room(where: str, width: float, depth: float, height: float, wall_colour: str, floor: str,
                light: str) -> None:
    for name, value, lo, hi in (("width", width, 4, 100), ("depth", depth, 4, 100), ("height", height, 2.6, 20)):
        if not (isinstance(value, (int, float)) and math.isfinite(value) and lo <= value <= hi):
            raise ExhibitionError(f"{where}: room {name} {value!r} m is out of range ({lo} to {hi} m)")
    if not re.fullmatch(r"#[0-9a-fA-F]{6}", wall_colour or ""):
        raise ExhibitionError(f"{where}: wall colour '{wall_colour}' is not a colour like #efebe4")
    if floor not in FLOORS:
        raise ExhibitionError(f"{where}: unknown floor '{floor}'", hint="use " + ", ".join(FLOORS))
    if light not in LIGHTS:
        raise ExhibitionError(f"{where}: unknown light '{light}'", hint="use " + ", ".join(LIGHTS))
