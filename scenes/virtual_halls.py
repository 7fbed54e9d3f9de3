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
EDGE = 0.1              # a picture hung by hand: least distance to a corner, the door or a neighbour
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
    y = picture_centre_height(p.height, height)
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
            plinth = plinth_height(m.height)
            items.append({"object_id": m.object_id, "accession": m.accession, "kind": "model", "wall": None,
                          "x": x, "y": plinth, "z": z, "yaw": 0.0, "width": m.width, "height": m.height,
                          "depth": m.depth, "plinth": plinth})
    return items


def picture_centre_height(picture_height: float, wall_height: float) -> float:
    """A picture's centre: on the 145 cm line; a tall painting is raised so it never
    touches the floor, and kept below the ceiling."""
    return min(max(CENTRE_LINE, picture_height / 2 + 0.3), wall_height - 0.2 - picture_height / 2)


def plinth_height(model_height: float) -> float:
    """A plinth that brings a 3D work's top near eye level."""
    return min(max(EYE_LEVEL - 0.35 - model_height, 0.3), 1.1)


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
    seen, to_cell = _reachable(items, width, depth, cell)
    for it in items:
        for x, z in viewing_spots(it):
            if to_cell(x, z) in seen:
                break
        else:
            raise ExhibitionError(f"{where}: object {it['accession']} cannot be reached on foot from the door",
                                  hint="make the room larger or place fewer 3D works")


def _reachable(items: Sequence[dict], width: float, depth: float, cell: float):
    """The grid cells a visitor can walk to from the door, and the cell of a point."""
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
    if not free(*start):  # a plinth in the doorway: nobody gets in
        return set(), to_cell
    seen, queue = {start}, deque([start])
    while queue:
        i, k = queue.popleft()
        for di, dk in ((1, 0), (-1, 0), (0, 1), (0, -1)):
            n = (i + di, k + dk)
            if 0 <= n[0] < nx and 0 <= n[1] < nz and n not in seen and free(*n):
                seen.add(n)
                queue.append(n)
    return seen, to_cell


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
    return _write_hall(project, "generate virtual hall", slug, title_zh, title_en,
                       (width, depth, height, wall_colour, floor, light), items)


def move_item(project: Project, item_id: int, *, along: float = 0.0, across: float = 0.0) -> Item:
    """Slide a work: a picture ``along`` its wall (metres, clockwise positive), a model
    ``along`` x and ``across`` z. Refused if it would leave the room or block a path."""
    hall, item = _hall_of_item(project, item_id)
    if item.kind == "picture":
        return place_picture(project, item_id, wall=item.wall,
                             along=along_wall(hall.width, hall.depth, item.wall, item.x, item.z) + along)
    return place_model(project, item_id, x=item.x + along, z=item.z + across)


# -- editing by hand (the studio's virtual hall editor) ------------------------------
# A wall's own coordinate, "along": metres from its left end as seen from inside the
# room, so it grows clockwise (north: +x, east: +z, south: -x, west: -z).
def wall_length(width: float, depth: float, wall: str) -> float:
    return width if wall in ("north", "south") else depth


def wall_point(width: float, depth: float, wall: str, along: float) -> tuple[float, float]:
    """The point (x, z) on ``wall`` at ``along``."""
    return {"north": (-width / 2 + along, -depth / 2), "east": (width / 2, -depth / 2 + along),
            "south": (width / 2 - along, depth / 2), "west": (-width / 2, depth / 2 - along)}[wall]


def along_wall(width: float, depth: float, wall: str, x: float, z: float) -> float:
    """Where the point (x, z) falls along ``wall`` (the inverse of :func:`wall_point`)."""
    return {"north": x + width / 2, "east": z + depth / 2, "south": width / 2 - x, "west": depth / 2 - z}[wall]


def nearest_wall(width: float, depth: float, x: float, z: float) -> str:
    """The wall nearest the floor point (x, z)."""
    return min(WALLS, key=lambda w: {"north": z + depth / 2, "east": width / 2 - x, "south": depth / 2 - z,
                                     "west": x + width / 2}[w])


def free_spot(items: Sequence[dict], item: dict, wall: str, along: float, width: float,
              depth: float) -> float | None:
    """The nearest place to ``along`` on ``wall`` where picture ``item`` hangs whole on
    the wall, clear of the door and at least ``EDGE`` from its neighbours; ``None``
    when the wall has no such place."""
    length = wall_length(width, depth, wall)
    half = item["width"] / 2
    allowed = [(EDGE + half, length - EDGE - half)]
    taken = [(along_wall(width, depth, wall, o["x"], o["z"]) - o["width"] / 2,
              along_wall(width, depth, wall, o["x"], o["z"]) + o["width"] / 2)
             for o in items if o["id"] != item["id"] and o["kind"] == "picture" and o["wall"] == wall]
    if wall == "south":
        taken.append((width / 2 - DOOR_WIDTH / 2, width / 2 + DOOR_WIDTH / 2))
    for lo, hi in taken:
        lo, hi = lo - EDGE - half, hi + EDGE + half
        allowed = [piece for a, b in allowed for piece in ((a, min(b, lo)), (max(a, hi), b)) if piece[0] <= piece[1]]
    if not allowed:
        return None
    return min((min(max(along, a), b) for a, b in allowed), key=lambda spot: abs(spot - along))


def hang_at(item: dict, wall: str, along: float, width: float, depth: float, height: float) -> dict:
    """``item`` (a picture) hung on ``wall`` with its centre at ``along``."""
    x, z = wall_point(width, depth, wall, along)
    nx, nz = {"north": (0, 1), "east": (-1, 0), "south": (0, -1), "west": (1, 0)}[wall]
    off = item["depth"] / 2 + 0.01                     # in front of the wall's face
    return dict(item, wall=wall, x=x + nx * off, z=z + nz * off, y=picture_centre_height(item["height"], height),
                yaw={"north": 0.0, "east": -90.0, "south": 180.0, "west": 90.0}[wall])


def clamp_to_room(item: dict, x: float, z: float, width: float, depth: float) -> tuple[float, float]:
    """The nearest floor point to (x, z) where the plinth of model ``item`` is inside the room."""
    hw, hd = item["width"] / 2 + PLINTH_MARGIN + EDGE, item["depth"] / 2 + PLINTH_MARGIN + EDGE
    return (min(max(x, -width / 2 + hw), width / 2 - hw), min(max(z, -depth / 2 + hd), depth / 2 - hd))


def place_picture(project: Project, item_id: int, *, wall: str, along: float) -> Item:
    """Hang picture ``item_id`` on ``wall`` with its centre ``along`` metres from the
    wall's left end (seen from inside), on the centre line. One undoable step.

    :raises ExhibitionError: it would leave the wall, overlap a neighbour or the door,
        or make a work unreachable.
    """
    hall, item = _hall_of_item(project, item_id)
    where = f"{project.path}: virtual hall '{hall.slug}', object {item.accession}"
    if item.kind != "picture":
        raise ExhibitionError(f"{where}: only pictures hang on walls")
    if wall not in WALLS:
        raise ExhibitionError(f"{where}: unknown wall '{wall}'", hint="use " + ", ".join(WALLS))
    if not math.isfinite(along):
        raise ExhibitionError(f"{where}: {along!r} is not a place on the wall")
    items = item_dicts(hall)
    moved = next(i for i in items if i["id"] == item_id)
    half, length = item.width / 2, wall_length(hall.width, hall.depth, wall)
    if along - half < EDGE - 1e-9 or along + half > length - EDGE + 1e-9:
        raise ExhibitionError(f"{where}: that would hang it past the corner")
    spot = free_spot(items, moved, wall, along, hall.width, hall.depth)
    if spot is None or abs(spot - along) > 1e-6:
        raise ExhibitionError(f"{where}: it would overlap its neighbour or the door on the {wall} wall",
                              hint="drag it to a free stretch of wall")
    items[items.index(moved)] = moved = hang_at(moved, wall, along, hall.width, hall.depth, hall.height)
    _check_reachable(items, hall.width, hall.depth, where)
    return _store_item(project, hall.slug, moved)


def place_model(project: Project, item_id: int, *, x: float, z: float) -> Item:
    """Stand 3D work ``item_id``'s plinth at floor point (x, z). One undoable step.

    :raises ExhibitionError: the plinth would leave the room, touch another plinth, or
        block the way to a work or the door.
    """
    hall, item = _hall_of_item(project, item_id)
    where = f"{project.path}: virtual hall '{hall.slug}', object {item.accession}"
    if item.kind != "model":
        raise ExhibitionError(f"{where}: a picture hangs on a wall; move it along one")
    items = item_dicts(hall)
    index = next(n for n, i in enumerate(items) if i["id"] == item_id)
    items[index] = moved = stand_at(items, items[index], x, z, hall.width, hall.depth, where)
    _check_reachable(items, hall.width, hall.depth, where)
    return _store_item(project, hall.slug, moved)


def stand_at(items: Sequence[dict], item: dict, x: float, z: float, width: float, depth: float,
             where: str) -> dict:
    """3D work ``item`` with its plinth at (x, z), checked to be inside the room and
    clear of the other plinths in ``items``."""
    if not (math.isfinite(x) and math.isfinite(z)) or clamp_to_room(item, x, z, width, depth) != (x, z):
        raise ExhibitionError(f"{where}: that would put it outside the room")
    moved = dict(item, x=x, z=z)
    mine = footprints([moved])[0]
    for other in items:
        if other["id"] != item["id"] and other["kind"] == "model" and _overlap(mine, footprints([other])[0], EDGE):
            raise ExhibitionError(f"{where}: its plinth would touch the plinth of object {other['accession']}")
    return moved


def plinth_problem(items: Sequence[dict], item: dict, x: float, z: float, width: float,
                   depth: float) -> str | None:
    """Why 3D work ``item`` cannot stand at (x, z) (outside, on another plinth, in the
    way to a work or the door), or ``None`` if it can: for showing while dragging."""
    try:
        moved = stand_at(items, item, x, z, width, depth, "")
        _check_reachable([moved if i["id"] == item["id"] else i for i in items], width, depth, "")
    except ExhibitionError as e:
        return e.message.removeprefix(": ")
    return None


def set_room(project: Project, slug: str, *, width: float, depth: float, height: float, wall_colour: str,
             floor: str, light: str) -> tuple[VirtualHall, list[str]]:
    """Change hall ``slug``'s room; works that no longer fit are re-hung (see
    :func:`refit`). Returns the hall and the accession numbers of the works that moved.
    One undoable step."""
    hall = get_hall(project, slug)
    where = f"{project.path}: virtual hall '{slug}'"
    _check_room(where, width, depth, height, wall_colour, floor, light)
    items, moved = refit(item_dicts(hall), width=width, depth=depth, height=height, where=where)
    with project.transaction(label="change room") as db:
        db.execute("UPDATE virtual_halls SET width = ?, depth = ?, height = ?, wall_colour = ?, floor = ?, light = ? "
                   "WHERE id = ?", (width, depth, height, wall_colour.lower(), floor, light, hall.id))
        db.executemany("UPDATE virtual_hall_items SET wall = ?, x = ?, y = ?, z = ?, yaw = ?, plinth = ? WHERE id = ?",
                       [(i["wall"], i["x"], i["y"], i["z"], i["yaw"], i["plinth"], i["id"]) for i in items])
    return get_hall(project, slug), moved


def refit(items: Sequence[dict], *, width: float, depth: float, height: float, where: str) -> tuple[list[dict], list[str]]:
    """The layout ``items`` (as :func:`item_dicts` gives them) in a room of a new size, and
    the accession numbers of the works that had to move.

    Each picture keeps its wall and its distance from the wall's middle where it still
    fits; the others go to the nearest free place on their wall, else on the next wall
    clockwise. Plinths keep their place, pulled inside the walls. If that leaves a work
    unreachable or a picture without a wall, everything is laid out afresh in order.
    """
    ordered = sorted(items, key=lambda i: i["position"])
    for p in ordered:
        if p["kind"] == "picture" and p["height"] > height - 0.5:
            raise ExhibitionError(f"{where}: object {p['accession']} is {p['height']:.2f} m tall; the walls would be "
                                  f"{height:.2f} m", hint="make the room higher")
    wanted = {p["id"]: p["_along"] - p["_length"] / 2 + wall_length(width, depth, p["wall"]) / 2
              for p in ordered if p["kind"] == "picture"}
    placed: list[dict] = []
    homeless = []
    for p in (i for i in ordered if i["kind"] == "picture"):  # first those that still fit where they are
        spot = free_spot(placed, p, p["wall"], wanted[p["id"]], width, depth)
        if spot is not None and abs(spot - wanted[p["id"]]) < 1e-9:
            placed.append(hang_at(p, p["wall"], spot, width, depth, height))
        else:
            homeless.append(p)
    for p in homeless:  # then the others, as near as they can be
        start = WALLS.index(p["wall"])
        for wall in WALLS[start:] + WALLS[:start]:
            target = wanted[p["id"]] if wall == p["wall"] else wall_length(width, depth, wall) / 2
            spot = free_spot(placed, p, wall, target, width, depth)
            if spot is not None:
                placed.append(hang_at(p, wall, spot, width, depth, height))
                break
        else:
            return _relayout(ordered, width, depth, height, where)
    moved = {p["id"] for p in homeless}
    for m in (i for i in ordered if i["kind"] == "model"):
        x, z = clamp_to_room(m, m["x"], m["z"], width, depth)
        if (x, z) != (m["x"], m["z"]):
            moved.add(m["id"])
        placed.append(dict(m, x=x, z=z))
    plinths = footprints([i for i in placed if i["kind"] == "model"])
    if any(_overlap(a, b, EDGE) for n, a in enumerate(plinths) for b in plinths[n + 1:]):
        return _relayout(ordered, width, depth, height, where)
    try:
        _check_reachable(placed, width, depth, where)
    except ExhibitionError:
        return _relayout(ordered, width, depth, height, where)
    return placed, [i["accession"] for i in ordered if i["id"] in moved]


def _relayout(ordered: Sequence[dict], width: float, depth: float, height: float,
              where: str) -> tuple[list[dict], list[str]]:
    """Everything laid out afresh (the generator's plan), in the works' order."""
    works = [Work(i["object_id"], i["accession"], i["kind"], i["width"], i["height"], i["depth"]) for i in ordered]
    plan = {p["object_id"]: p for p in plan_layout(works, width=width, depth=depth, height=height, where=where)}
    return [dict(i, **{k: plan[i["object_id"]][k] for k in ("wall", "x", "y", "z", "yaw", "plinth")})
            for i in ordered], [i["accession"] for i in ordered]


def _overlap(a: tuple, b: tuple, gap: float) -> bool:
    return a[0] < b[2] + gap and b[0] < a[2] + gap and a[1] < b[3] + gap and b[1] < a[3] + gap


def walk_area(hall: VirtualHall, cell: float = 0.25) -> list[tuple[float, float, float, float]]:
    """The floor a visitor can walk on from the door, as rectangles (x0, z0, x1, z1),
    one per run of grid cells in a row (for a floor plan)."""
    seen, _ = _reachable(item_dicts(hall), hall.width, hall.depth, cell)
    rows: dict[int, list[int]] = {}
    for i, k in seen:
        rows.setdefault(k, []).append(i)
    out = []
    for k, cols in sorted(rows.items()):
        cols.sort()
        first = prev = cols[0]
        for i in cols[1:] + [None]:
            if i != (prev + 1 if prev is not None else None):
                out.append((-hall.width / 2 + first * cell, -hall.depth / 2 + k * cell,
                            -hall.width / 2 + (prev + 1) * cell, -hall.depth / 2 + (k + 1) * cell))
                first = i
            prev = i
    return out


def item_dicts(hall: VirtualHall) -> list[dict]:
    """The hall's items as the planner's dicts (with id, position and, for pictures,
    where along its wall and how long the wall is)."""
    out = []
    for i in hall.items:
        d = dict(i.__dict__)
        if i.kind == "picture":
            d["_length"] = wall_length(hall.width, hall.depth, i.wall)
            d["_along"] = along_wall(hall.width, hall.depth, i.wall, i.x, i.z)
        out.append(d)
    return out


def _hall_of_item(project: Project, item_id: int) -> tuple[VirtualHall, Item]:
    row = project.db.execute("SELECT h.slug FROM virtual_hall_items i JOIN virtual_halls h ON h.id = i.hall_id "
                             "WHERE i.id = ?", (item_id,)).fetchone()
    if row is None:
        raise ExhibitionError(f"{project.path}: no virtual hall item {item_id}")
    hall = get_hall(project, row[0])
    return hall, next(i for i in hall.items if i.id == item_id)


def _store_item(project: Project, slug: str, item: dict) -> Item:
    with project.transaction(label="move work") as db:
        db.execute("UPDATE virtual_hall_items SET wall = ?, x = ?, y = ?, z = ?, yaw = ? WHERE id = ?",
                   (item["wall"], item["x"], item["y"], item["z"], item["yaw"], item["id"]))
    return next(i for i in get_hall(project, slug).items if i.id == item["id"])


@dataclass(frozen=True)
class Placement:
    """Where a work goes in a hall written by hand (the exhibition file): a picture on
    ``wall`` at ``along`` metres, or a 3D work's plinth at floor point (``x``, ``z``)."""
    accession: str
    wall: str | None = None
    along: float | None = None
    x: float | None = None
    z: float | None = None


def placements(hall: VirtualHall, decimals: int = 6) -> list[Placement]:
    """The hall's layout as :class:`Placement` s, in order (to the micrometre, so the
    numbers read back the same)."""
    out = []
    for i in hall.items:
        if i.kind == "picture":
            face = i.depth / 2 + 0.01
            x, z = {"north": (i.x, i.z - face), "east": (i.x + face, i.z), "south": (i.x, i.z + face),
                    "west": (i.x - face, i.z)}[i.wall]
            out.append(Placement(i.accession, i.wall, round(along_wall(hall.width, hall.depth, i.wall, x, z) + 0.0,
                                                            decimals)))
        else:
            out.append(Placement(i.accession, x=round(i.x, decimals) + 0.0, z=round(i.z, decimals) + 0.0))
    return out


def restore_hall(project: Project, *, slug: str, title_zh: str = "", title_en: str = "", width: float,
                 depth: float, height: float, wall_colour: str = "#efebe4", floor: str = "wood",
                 light: str = "warm", works: Sequence[Placement]) -> VirtualHall:
    """Make (or remake) hall ``slug`` with each work where ``works`` puts it (as written
    in an exhibition file). Works are sized from the catalog like :func:`generate_hall`'s.

    :raises ExhibitionError: naming the work that is off its wall, over a neighbour,
        outside the room, of the wrong kind for its place, or unreachable.
    """
    where = f"{project.path}: virtual hall '{slug}'"
    check_slug(slug, "virtual hall")
    _check_room(where, width, depth, height, wall_colour, floor, light)
    accessions = [w.accession for w in works]
    for n, accession in enumerate(accessions):
        if accession in accessions[:n]:
            raise ExhibitionError(f"{where}: object {accession} is placed twice")
    items: list[dict] = []
    for n, (work, place) in enumerate(zip(works_for(project, accessions), works)):
        at = f"{where}, object {work.accession}"
        item = {"id": n, "object_id": work.object_id, "accession": work.accession, "kind": work.kind,
                "width": work.width, "height": work.height, "depth": work.depth, "position": n}
        if work.kind == "picture":
            if place.wall not in WALLS or place.along is None:
                raise ExhibitionError(f"{at}: a picture needs a wall and a place along it")
            if work.height > height - 0.5:
                raise ExhibitionError(f"{at}: it is {work.height:.2f} m tall; the walls are {height:.2f} m",
                                      hint="make the room higher")
            spot = free_spot(items, item, place.wall, place.along, width, depth) \
                if math.isfinite(place.along) else None
            if spot is None or abs(spot - place.along) > 1e-6:
                raise ExhibitionError(f"{at}: at {place.along!r} m it would leave the {place.wall} wall or overlap "
                                      f"a neighbour or the door")
            items.append(dict(hang_at(dict(item, depth=work.depth), place.wall, place.along, width, depth, height),
                              plinth=0.0))
        else:
            if place.x is None or place.z is None or place.wall is not None:
                raise ExhibitionError(f"{at}: a 3D work stands on the floor: give x and z, not a wall")
            items.append(dict(stand_at(items, item, place.x, place.z, width, depth, at), wall=None, yaw=0.0,
                              plinth=plinth_height(work.height), y=plinth_height(work.height)))
    _check_reachable(items, width, depth, where)
    return _write_hall(project, "import virtual hall", slug, title_zh, title_en,
                       (width, depth, height, wall_colour, floor, light), items)


def _write_hall(project: Project, label: str, slug: str, title_zh: str, title_en: str, room: tuple,
                items: Sequence[dict]) -> VirtualHall:
    """Store hall ``slug`` (replacing one of that name) with ``room`` (width, depth,
    height, wall colour, floor, light) and ``items``: one undoable step."""
    width, depth, height, wall_colour, floor, light = room
    with project.transaction(label=label) as db:
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


def remove_hall(project: Project, slug: str) -> None:
    with project.transaction(label="remove virtual hall") as db:
        get_hall(project, slug)
        db.execute("DELETE FROM virtual_halls WHERE slug = ?", (slug,))


def clear_halls(project: Project) -> None:
    """Remove every virtual hall (the catalog's works stay)."""
    with project.transaction(label="remove virtual hall") as db:
        db.execute("DELETE FROM virtual_halls")


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
