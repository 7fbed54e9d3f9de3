"""The exhibition model: halls (panorama scenes), hotspots, a floor plan and tours.

Halls are called halls everywhere (UI, CLI, code, tables); a hotspot's ``kind`` is
``"hall"`` (walk to another hall), ``"object"`` (open a catalog object's card) or
``"note"`` (show a text). Angles are degrees: yaw in [-180, 180] (clockwise from
the panorama's centre column; other values are wrapped), pitch in [-90, 90] (up),
fov is the horizontal field of view. Reading returns frozen snapshots; every edit
is one function that runs in one ``project.transaction()`` and raises
:class:`~scenes.errors.ExhibitionError` with a one-line message naming what is wrong.

Example::

    from scenes import model
    sha = model.store_panorama(project, "lobby.jpg")
    model.add_hall(project, slug="lobby", title_zh="大厅", title_en="Lobby", panorama_sha=sha)
    model.add_hall(project, slug="east", title_zh="东厅", panorama_sha=sha2)
    model.add_hotspot(project, "lobby", yaw=30, pitch=-5, to="east", arrive_yaw=180)
    model.add_hotspot(project, "east", yaw=0, pitch=0, object="1977.12")
    model.add_tour(project, slug="main", stops=["lobby", "east"], default=True)
    model.set_stop_view(project, "main", 1, model.View(30, -5, 70))   # stop 2 arrives looking here
    ex = model.load_exhibition(project)      # everything an exporter needs
    ex.hall("lobby").hotspots[0].target_hall  # -> "east"

A hall that hotspots link to is not removed silently: :func:`remove_hall` refuses,
or with ``force=True`` removes those hotspots with it (the database enforces the
same with ``ON DELETE RESTRICT``). Removing a hall drops its own hotspots, its
floor-plan pin and its tour stops.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from assets.panorama import ingest_panorama
from assets.progress import Progress
from assets.project import Project
from scenes.errors import ExhibitionError

HALL, OBJECT, NOTE = "hall", "object", "note"
HOTSPOT_KINDS = (HALL, OBJECT, NOTE)
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
DEFAULT_FOV = 90.0


# -- snapshots -------------------------------------------------------------------
@dataclass(frozen=True)
class View:
    """Where the camera looks: yaw, pitch and horizontal field of view, in degrees."""
    yaw: float = 0.0
    pitch: float = 0.0
    fov: float = DEFAULT_FOV


@dataclass(frozen=True)
class Hotspot:
    id: int
    hall: str                       # slug of the hall it sits in
    yaw: float
    pitch: float
    kind: str                       # HALL, OBJECT or NOTE
    target_hall: str | None = None  # kind HALL: slug of the hall it opens
    arrive_yaw: float | None = None  # kind HALL: view on arrival (None: the target's initial view)
    arrive_pitch: float | None = None
    object_id: int | None = None    # kind OBJECT: the catalog object
    object_accession: str | None = None
    note_zh: str = ""               # kind NOTE
    note_en: str = ""
    label_zh: str = ""              # tooltip / accessible name
    label_en: str = ""


@dataclass(frozen=True)
class Hall:
    id: int
    slug: str
    title_zh: str
    title_en: str
    description_zh: str
    description_en: str
    panorama_sha: str
    view: View                      # initial view
    north_offset: float             # yaw at which north lies in the photo
    horizon_pitch: float            # camera tilt to correct, so the horizon is level
    horizon_roll: float
    position: int
    hotspots: tuple[Hotspot, ...] = ()


@dataclass(frozen=True)
class Pin:
    hall: str
    x: float  # fraction of the floor plan's width, from the left
    y: float  # fraction of its height, from the top


@dataclass(frozen=True)
class FloorPlan:
    media_sha: str
    pins: tuple[Pin, ...] = ()


@dataclass(frozen=True)
class TourStop:
    hall: str
    narration_sha: str | None = None  # audio media played at this stop
    view: View | None = None          # where the camera looks on arrival (None: the hall's initial view)
    object_accession: str | None = None  # the catalog object this stop is about, if any


@dataclass(frozen=True)
class Tour:
    id: int
    slug: str
    title_zh: str
    title_en: str
    stops: tuple[TourStop, ...] = ()


@dataclass(frozen=True)
class Exhibition:
    title_zh: str = ""
    title_en: str = ""
    intro_zh: str = ""
    intro_en: str = ""
    halls: tuple[Hall, ...] = ()          # in display order
    tours: tuple[Tour, ...] = ()
    default_tour: str | None = None       # tour slug
    floor_plan: FloorPlan | None = None
    object_ids: tuple[int, ...] = field(default=())  # catalog objects pinned in halls, then tour stops' objects

    def hall(self, slug: str) -> Hall:
        for hall in self.halls:
            if hall.slug == slug:
                return hall
        raise KeyError(slug)

    def tour(self, slug: str) -> Tour:
        for tour in self.tours:
            if tour.slug == slug:
                return tour
        raise KeyError(slug)

    @property
    def start_hall(self) -> Hall | None:
        """Where a visit begins: the default tour's first stop, else the first hall."""
        if self.default_tour:
            stops = self.tour(self.default_tour).stops
            if stops:
                return self.hall(stops[0].hall)
        return self.halls[0] if self.halls else None


# -- reading ---------------------------------------------------------------------
_HALL_COLUMNS = ("id, slug, title_zh, title_en, description_zh, description_en, panorama_sha, "
                 "view_yaw, view_pitch, view_fov, north_offset, horizon_pitch, horizon_roll, position")
_HOTSPOT_QUERY = (
    "SELECT h.id, src.slug, h.yaw, h.pitch, h.kind, dst.slug, h.arrive_yaw, h.arrive_pitch, "
    "h.object_id, o.accession, h.note_zh, h.note_en, h.label_zh, h.label_en "
    "FROM hotspots h JOIN halls src ON src.id = h.hall_id "
    "LEFT JOIN halls dst ON dst.id = h.target_hall_id LEFT JOIN objects o ON o.id = h.object_id ")


def load_exhibition(project: Project) -> Exhibition:
    """The whole exhibition in one consistent read (halls in order, with their hotspots)."""
    db = project.db
    own = not db.in_transaction
    if own:
        db.execute("BEGIN")  # one snapshot across the queries below
    try:
        meta = db.execute("SELECT title_zh, title_en, intro_zh, intro_en, floor_plan_sha, "
                          "(SELECT slug FROM tours WHERE id = default_tour_id) FROM exhibition").fetchone()
        spots: dict[str, list[Hotspot]] = {}
        for row in db.execute(_HOTSPOT_QUERY + "ORDER BY h.hall_id, h.id"):
            spots.setdefault(row[1], []).append(Hotspot(*row))
        halls = tuple(_hall(row, spots.get(row[1], ())) for row in
                      db.execute(f"SELECT {_HALL_COLUMNS} FROM halls ORDER BY position, id"))
        tours = tuple(_tours(db))
        stop_objects = [r[0] for r in db.execute(
            "SELECT s.object_id FROM tour_stops s JOIN tours t ON t.id = s.tour_id "
            "WHERE s.object_id IS NOT NULL ORDER BY t.position, t.id, s.position")]
        plan = None
        if meta[4]:
            pins = tuple(Pin(*r) for r in db.execute(
                "SELECT h.slug, p.x, p.y FROM floor_plan_pins p JOIN halls h ON h.id = p.hall_id "
                "ORDER BY h.position, h.id"))
            plan = FloorPlan(meta[4], pins)
    finally:
        if own:
            db.execute("COMMIT")
    object_ids = tuple(dict.fromkeys([*(s.object_id for h in halls for s in h.hotspots if s.object_id),
                                      *stop_objects]))
    return Exhibition(meta[0], meta[1], meta[2], meta[3], halls, tours, meta[5], plan, object_ids)


def list_halls(project: Project) -> list[Hall]:
    return list(load_exhibition(project).halls)


def get_hall(project: Project, slug: str) -> Hall:
    hall_id = _hall_id(project, slug)
    row = project.db.execute(f"SELECT {_HALL_COLUMNS} FROM halls WHERE id = ?", (hall_id,)).fetchone()
    spots = [Hotspot(*r) for r in project.db.execute(_HOTSPOT_QUERY + "WHERE h.hall_id = ? ORDER BY h.id",
                                                     (hall_id,))]
    return _hall(row, spots)


def get_hotspot(project: Project, hotspot_id: int) -> Hotspot:
    row = project.db.execute(_HOTSPOT_QUERY + "WHERE h.id = ?", (hotspot_id,)).fetchone()
    if row is None:
        raise ExhibitionError(f"{project.path}: no hotspot {hotspot_id}", hint="see 'yunzhan hotspot list'")
    return Hotspot(*row)


def _hall(row: tuple, hotspots) -> Hall:
    return Hall(*row[:7], View(*row[7:10]), *row[10:], hotspots=tuple(hotspots))


_STOP_QUERY = ("SELECT s.tour_id, h.slug, s.narration_sha, s.view_yaw, s.view_pitch, s.view_fov, o.accession "
               "FROM tour_stops s JOIN halls h ON h.id = s.hall_id LEFT JOIN objects o ON o.id = s.object_id ")


def _tours(db, tour_id: int | None = None):
    where, args = ("WHERE s.tour_id = ? ", (tour_id,)) if tour_id is not None else ("", ())
    stops: dict[int, list[TourStop]] = {}
    for tid, slug, narration, yaw, pitch, fov, accession in db.execute(
            _STOP_QUERY + where + "ORDER BY s.tour_id, s.position", args):
        view = None if yaw is None else View(yaw, pitch, fov)
        stops.setdefault(tid, []).append(TourStop(slug, narration, view, accession))
    where = "WHERE id = ? " if tour_id is not None else ""
    for tid, slug, title_zh, title_en in db.execute(
            f"SELECT id, slug, title_zh, title_en FROM tours {where}ORDER BY position, id", args):
        yield Tour(tid, slug, title_zh, title_en, tuple(stops.get(tid, ())))


# -- exhibition ------------------------------------------------------------------
def set_exhibition(project: Project, *, title_zh: str | None = None, title_en: str | None = None,
                   intro_zh: str | None = None, intro_en: str | None = None) -> None:
    """Set the exhibition's titles and introductions (``None`` leaves one unchanged)."""
    values = {"title_zh": title_zh, "title_en": title_en, "intro_zh": intro_zh, "intro_en": intro_en}
    changes = {k: v for k, v in values.items() if v is not None}
    if changes:
        with project.transaction(label="edit exhibition") as db:
            db.execute(f"UPDATE exhibition SET {', '.join(f'{k} = ?' for k in changes)}", tuple(changes.values()))


def clear_exhibition(project: Project) -> None:
    """Remove every hall, hotspot, pin and tour and blank the exhibition's texts
    (catalog objects and media stay)."""
    with project.transaction(label="clear exhibition") as db:
        db.execute("UPDATE exhibition SET title_zh = '', title_en = '', intro_zh = '', intro_en = '', "
                   "default_tour_id = NULL, floor_plan_sha = NULL")
        for table in ("tour_stops", "tours", "floor_plan_pins", "hotspots", "halls"):
            db.execute(f"DELETE FROM {table}")


# -- halls -----------------------------------------------------------------------
def add_hall(project: Project, *, slug: str, title_zh: str, panorama_sha: str, title_en: str = "",
             description_zh: str = "", description_en: str = "", view: View = View(),
             north_offset: float = 0.0, horizon_pitch: float = 0.0, horizon_roll: float = 0.0,
             position: int | None = None) -> Hall:
    """Add a hall showing the stored panorama ``panorama_sha`` (see :func:`store_panorama`)."""
    where = f"{project.path}: hall '{slug}'"
    check_slug(slug, f"{project.path}: hall")
    view = _view(view, where)
    with project.transaction(label="add hall") as db:
        if db.execute("SELECT 1 FROM halls WHERE slug = ?", (slug,)).fetchone():
            raise ExhibitionError(f"{where} already exists", hint="choose another slug")
        _check_media(project, panorama_sha, where)
        if position is None:
            position = db.execute("SELECT coalesce(max(position) + 1, 0) FROM halls").fetchone()[0]
        db.execute(
            "INSERT INTO halls(slug, title_zh, title_en, description_zh, description_en, panorama_sha, "
            "view_yaw, view_pitch, view_fov, north_offset, horizon_pitch, horizon_roll, position) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (slug, title_zh, title_en, description_zh, description_en, panorama_sha, view.yaw, view.pitch,
             view.fov, wrap_yaw(_finite(north_offset, "north offset", where)),
             _range(horizon_pitch, -90, 90, "horizon pitch", where),
             _range(horizon_roll, -180, 180, "horizon roll", where), position))
    return get_hall(project, slug)


def add_hall_from_photo(project: Project, path: str | Path, *, slug: str | None = None,
                        title_zh: str | None = None, title_en: str = "", description_zh: str = "",
                        description_en: str = "", view: View = View(), panorama_fov: float | None = None,
                        progress: Progress | None = None) -> Hall:
    """Check and store the panorama at ``path`` and add a hall showing it, in one step
    (nothing is stored when either is refused). Without ``slug`` one is made from the
    file's name (made unique); without ``title_zh`` the file's name is the title."""
    path = Path(path)
    with project.transaction(label="add hall"):
        slug = check_slug(slug, f"{project.path}: hall") if slug is not None else unique_hall_slug(project, path.stem)
        sha = store_panorama(project, path, fov_deg=panorama_fov, progress=progress)
        return add_hall(project, slug=slug, title_zh=path.stem if title_zh is None else title_zh,
                        title_en=title_en, description_zh=description_zh, description_en=description_en,
                        panorama_sha=sha, view=view)


def unique_hall_slug(project: Project, name: str) -> str:
    """A valid slug made from ``name`` ("East Hall 2" -> "east-hall-2", "hall" when
    nothing is left), with "-2", "-3"... added when another hall has it."""
    base = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:56].strip("-") or "hall"
    taken = {r[0] for r in project.db.execute("SELECT slug FROM halls")}
    slug, n = base, 1
    while slug in taken:
        n += 1
        slug = f"{base}-{n}"
    return slug


def update_hall(project: Project, slug: str, *, new_slug: str | None = None, title_zh: str | None = None,
                title_en: str | None = None, description_zh: str | None = None,
                description_en: str | None = None, panorama_sha: str | None = None,
                position: int | None = None) -> Hall:
    """Change a hall's texts, panorama, slug or position (``None`` leaves a field unchanged)."""
    where = f"{project.path}: hall '{slug}'"
    with project.transaction(label="edit hall") as db:
        hall_id = _hall_id(project, slug)
        if new_slug is not None and new_slug != slug:
            check_slug(new_slug, f"{project.path}: hall")
            if db.execute("SELECT 1 FROM halls WHERE slug = ?", (new_slug,)).fetchone():
                raise ExhibitionError(f"{project.path}: hall '{new_slug}' already exists", hint="choose another slug")
        if panorama_sha is not None:
            _check_media(project, panorama_sha, where)
        changes = {"slug": new_slug, "title_zh": title_zh, "title_en": title_en, "description_zh": description_zh,
                   "description_en": description_en, "panorama_sha": panorama_sha, "position": position}
        changes = {k: v for k, v in changes.items() if v is not None}
        if changes:
            db.execute(f"UPDATE halls SET {', '.join(f'{k} = ?' for k in changes)} WHERE id = ?",
                       (*changes.values(), hall_id))
    return get_hall(project, new_slug or slug)


def set_initial_view(project: Project, slug: str, *, yaw: float, pitch: float, fov: float | None = None) -> Hall:
    """Set where the camera looks when a visitor enters the hall."""
    where = f"{project.path}: hall '{slug}'"
    with project.transaction(label="set start view") as db:
        hall_id = _hall_id(project, slug)
        if fov is None:
            fov = db.execute("SELECT view_fov FROM halls WHERE id = ?", (hall_id,)).fetchone()[0]
        view = _view(View(yaw, pitch, fov), where)
        db.execute("UPDATE halls SET view_yaw = ?, view_pitch = ?, view_fov = ? WHERE id = ?",
                   (view.yaw, view.pitch, view.fov, hall_id))
    return get_hall(project, slug)


def set_orientation(project: Project, slug: str, *, north_offset: float | None = None,
                    horizon_pitch: float | None = None, horizon_roll: float | None = None) -> Hall:
    """Set where north lies in the photo and the camera tilt to level the horizon."""
    where = f"{project.path}: hall '{slug}'"
    with project.transaction(label="set orientation") as db:
        hall_id = _hall_id(project, slug)
        if north_offset is not None:
            db.execute("UPDATE halls SET north_offset = ? WHERE id = ?",
                       (wrap_yaw(_finite(north_offset, "north offset", where)), hall_id))
        if horizon_pitch is not None:
            db.execute("UPDATE halls SET horizon_pitch = ? WHERE id = ?",
                       (_range(horizon_pitch, -90, 90, "horizon pitch", where), hall_id))
        if horizon_roll is not None:
            db.execute("UPDATE halls SET horizon_roll = ? WHERE id = ?",
                       (_range(horizon_roll, -180, 180, "horizon roll", where), hall_id))
    return get_hall(project, slug)


def set_north(project: Project, slug: str, yaw: float) -> Hall:
    """Say that north lies at ``yaw`` in the hall's photo (as "Set north" does by looking)."""
    where = f"{project.path}: hall '{slug}'"
    with project.transaction(label="set north") as db:
        db.execute("UPDATE halls SET north_offset = ? WHERE id = ?",
                   (wrap_yaw(_finite(yaw, "north offset", where)), _hall_id(project, slug)))
    return get_hall(project, slug)


@dataclass(frozen=True)
class HallRemoval:
    """What :func:`remove_hall` removed besides the hall itself."""
    slug: str
    hotspots: int           # the hall's own hotspots
    incoming_hotspots: int  # hotspots in other halls that linked to it (only with force)
    tour_stops: int


def remove_hall(project: Project, slug: str, *, force: bool = False) -> HallRemoval:
    """Remove a hall. Refused while hotspots in other halls link to it, unless ``force``,
    which removes those hotspots too."""
    with project.transaction(label="remove hall") as db:
        hall_id = _hall_id(project, slug)
        incoming = db.execute(
            "SELECT src.slug FROM hotspots h JOIN halls src ON src.id = h.hall_id "
            "WHERE h.target_hall_id = ? ORDER BY src.position, src.id, h.id", (hall_id,)).fetchall()
        if incoming and not force:
            sources = ", ".join(f"'{s}'" for s in dict.fromkeys(r[0] for r in incoming))
            raise ExhibitionError(
                f"{project.path}: hall '{slug}' cannot be removed: {_count(len(incoming), 'hotspot')} "
                f"{'links' if len(incoming) == 1 else 'link'} to it (in {sources})",
                hint="remove those hotspots first, or use --force to remove them with the hall")
        own = db.execute("DELETE FROM hotspots WHERE hall_id = ?", (hall_id,)).rowcount
        db.execute("DELETE FROM hotspots WHERE target_hall_id = ?", (hall_id,))
        stops = db.execute("SELECT tour_id FROM tour_stops WHERE hall_id = ?", (hall_id,)).fetchall()
        db.execute("DELETE FROM halls WHERE id = ?", (hall_id,))  # cascades to pins and tour stops
        for (tour_id,) in set(stops):
            _renumber_stops(db, tour_id)
    return HallRemoval(slug, own, len(incoming), len(stops))


def reorder_halls(project: Project, slugs: Sequence[str]) -> list[Hall]:
    """Put the halls in the order of ``slugs``, which must name every hall once."""
    with project.transaction(label="reorder halls") as db:
        _reorder(project, db, "halls", "hall", slugs)
    return list_halls(project)


def _reorder(project: Project, db, table: str, what: str, slugs: Sequence[str]) -> None:
    """Number the rows of ``table`` (halls or tours) in the order of ``slugs``, which
    must name every row once."""
    current = [r[0] for r in db.execute(f"SELECT slug FROM {table} ORDER BY position, id")]
    if sorted(slugs) != sorted(current):
        missing = [s for s in current if s not in slugs]
        unknown = [s for s in slugs if s not in current]
        problem = (f"no {what} '{unknown[0]}'" if unknown else f"{what} '{missing[0]}' is missing from the order"
                   if missing else f"a {what} is named twice")
        raise ExhibitionError(f"{project.path}: cannot reorder the {table}: {problem}")
    db.executemany(f"UPDATE {table} SET position = ? WHERE slug = ?", [(n, s) for n, s in enumerate(slugs)])


def check_slug(slug: str, where: str) -> str:
    if not isinstance(slug, str) or not SLUG.match(slug):
        raise ExhibitionError(
            f"{where} slug {slug!r} is not valid",
            hint="use 1-64 lower-case letters a-z, digits and '-', starting with a letter or digit")
    return slug


# -- hotspots --------------------------------------------------------------------
def add_hotspot(project: Project, hall: str, *, yaw: float, pitch: float, to: str | None = None,
                arrive_yaw: float | None = None, arrive_pitch: float | None = None,
                object: int | str | None = None, note_zh: str = "", note_en: str = "",
                label_zh: str = "", label_en: str = "") -> Hotspot:
    """Add a hotspot to ``hall`` at (``yaw``, ``pitch``). Give exactly one of ``to`` (a hall
    slug), ``object`` (catalog id, or accession number as a string) or a note text."""
    where = f"{project.path}: hotspot in hall '{hall}'"
    targets = [to is not None, object is not None, bool(note_zh or note_en)]
    if sum(targets) != 1:
        raise ExhibitionError(f"{where}: give exactly one of a hall to open, an object or a note text")
    kind = (HALL, OBJECT, NOTE)[targets.index(True)]
    yaw = wrap_yaw(_finite(yaw, "yaw", where))
    pitch = _range(pitch, -90, 90, "pitch", where)
    if kind != HALL and (arrive_yaw is not None or arrive_pitch is not None):
        raise ExhibitionError(f"{where}: an arrival view is only for hotspots that open a hall")
    if arrive_yaw is not None:
        arrive_yaw = wrap_yaw(_finite(arrive_yaw, "arrival yaw", where))
    if arrive_pitch is not None:
        arrive_pitch = _range(arrive_pitch, -90, 90, "arrival pitch", where)
    with project.transaction(label="add hotspot") as db:
        hall_id = _hall_id(project, hall)
        target_id = object_id = None
        if kind == HALL:
            target_id = _hall_id(project, to, what="target hall")
            if target_id == hall_id:
                raise ExhibitionError(f"{where}: a hotspot cannot open the hall it is in")
        elif kind == OBJECT:
            object_id = object_id_of(project, object, where)
        cur = db.execute(
            "INSERT INTO hotspots(hall_id, yaw, pitch, kind, target_hall_id, arrive_yaw, arrive_pitch, "
            "object_id, note_zh, note_en, label_zh, label_en) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (hall_id, yaw, pitch, kind, target_id, arrive_yaw, arrive_pitch, object_id, note_zh, note_en,
             label_zh, label_en))
    return get_hotspot(project, cur.lastrowid)


def update_hotspot(project: Project, hotspot_id: int, *, yaw: float | None = None, pitch: float | None = None,
                   to: str | None = None, object: int | str | None = None,
                   arrive_yaw: float | None = None, arrive_pitch: float | None = None,
                   note_zh: str | None = None, note_en: str | None = None, label_zh: str | None = None,
                   label_en: str | None = None) -> Hotspot:
    """Move a hotspot, change what it opens within its kind (``to`` another hall,
    another ``object``) or change its texts (``None`` leaves a field unchanged; to
    change its kind, remove it and add another)."""
    spot = get_hotspot(project, hotspot_id)
    where = f"{project.path}: hotspot {hotspot_id} in hall '{spot.hall}'"
    changes: dict = {}
    if to is not None:
        if spot.kind != HALL:
            raise ExhibitionError(f"{where}: only a hotspot that opens a hall has a hall to open")
        changes["target_hall_id"] = _hall_id(project, to, what="target hall")
        if to == spot.hall:
            raise ExhibitionError(f"{where}: a hotspot cannot open the hall it is in")
    if object is not None:
        if spot.kind != OBJECT:
            raise ExhibitionError(f"{where}: only an object hotspot has an object")
        changes["object_id"] = object_id_of(project, object, where)
    if yaw is not None:
        changes["yaw"] = wrap_yaw(_finite(yaw, "yaw", where))
    if pitch is not None:
        changes["pitch"] = _range(pitch, -90, 90, "pitch", where)
    if (arrive_yaw is not None or arrive_pitch is not None) and spot.kind != HALL:
        raise ExhibitionError(f"{where}: an arrival view is only for hotspots that open a hall")
    if arrive_yaw is not None:
        changes["arrive_yaw"] = wrap_yaw(_finite(arrive_yaw, "arrival yaw", where))
    if arrive_pitch is not None:
        changes["arrive_pitch"] = _range(arrive_pitch, -90, 90, "arrival pitch", where)
    if (note_zh is not None or note_en is not None) and spot.kind != NOTE:
        raise ExhibitionError(f"{where}: only a note hotspot has a note text")
    texts = {"note_zh": note_zh, "note_en": note_en, "label_zh": label_zh, "label_en": label_en}
    changes.update({k: v for k, v in texts.items() if v is not None})
    if spot.kind == NOTE and not changes.get("note_zh", spot.note_zh) and not changes.get("note_en", spot.note_en):
        raise ExhibitionError(f"{where}: a note needs a text in Chinese or English")
    if changes:
        with project.transaction(label="edit hotspot") as db:
            db.execute(f"UPDATE hotspots SET {', '.join(f'{k} = ?' for k in changes)} WHERE id = ?",
                       (*changes.values(), hotspot_id))
    return get_hotspot(project, hotspot_id)


def move_hotspot(project: Project, hotspot_id: int, *, yaw: float, pitch: float) -> Hotspot:
    """Move a hotspot to (``yaw``, ``pitch``), as dragging it in the studio does."""
    spot = get_hotspot(project, hotspot_id)
    where = f"{project.path}: hotspot {hotspot_id} in hall '{spot.hall}'"
    yaw, pitch = wrap_yaw(_finite(yaw, "yaw", where)), _range(pitch, -90, 90, "pitch", where)
    with project.transaction(label="move hotspot") as db:
        db.execute("UPDATE hotspots SET yaw = ?, pitch = ? WHERE id = ?", (yaw, pitch, hotspot_id))
    return get_hotspot(project, hotspot_id)


def remove_hotspot(project: Project, hotspot_id: int) -> Hotspot:
    """Remove a hotspot by id; returns what was removed."""
    with project.transaction(label="remove hotspot") as db:
        spot = get_hotspot(project, hotspot_id)
        db.execute("DELETE FROM hotspots WHERE id = ?", (hotspot_id,))
    return spot


def list_hotspots(project: Project, hall: str) -> list[Hotspot]:
    return list(get_hall(project, hall).hotspots)


def object_id_of(project: Project, key: int | str, where: str) -> int:
    """The catalog id of an object given by id (int) or accession number (str)."""
    column = "id" if isinstance(key, int) else "accession"
    row = project.db.execute(f"SELECT id FROM objects WHERE {column} = ?", (key,)).fetchone()
    if row is None:
        raise ExhibitionError(f"{where}: no catalog object {key!r}", hint="see 'yunzhan search PROJECT' for the objects and their accession numbers")
    return row[0]


# -- floor plan ------------------------------------------------------------------
def set_floor_plan(project: Project, media_sha: str | None) -> None:
    """Show the stored image ``media_sha`` as the floor plan (``None`` removes it and its pins)."""
    with project.transaction(label="set floor plan") as db:
        if media_sha is not None:
            _check_media(project, media_sha, f"{project.path}: floor plan")
        else:
            db.execute("DELETE FROM floor_plan_pins")
        db.execute("UPDATE exhibition SET floor_plan_sha = ?", (media_sha,))


def pin_hall(project: Project, hall: str, *, x: float, y: float) -> Pin:
    """Place (or move) ``hall``'s pin on the floor plan; x and y are fractions in [0, 1]."""
    where = f"{project.path}: floor plan pin of hall '{hall}'"
    x, y = _range(x, 0, 1, "x", where), _range(y, 0, 1, "y", where)
    with project.transaction(label="place floor plan pin") as db:
        hall_id = _hall_id(project, hall)
        if db.execute("SELECT floor_plan_sha FROM exhibition").fetchone()[0] is None:
            raise ExhibitionError(f"{where}: the exhibition has no floor plan", hint="set one first")
        db.execute("INSERT INTO floor_plan_pins(hall_id, x, y) VALUES (?, ?, ?) "
                   "ON CONFLICT(hall_id) DO UPDATE SET x = excluded.x, y = excluded.y", (hall_id, x, y))
    return Pin(hall, x, y)


def unpin_hall(project: Project, hall: str) -> None:
    with project.transaction(label="remove floor plan pin") as db:
        db.execute("DELETE FROM floor_plan_pins WHERE hall_id = ?", (_hall_id(project, hall),))


# -- tours -----------------------------------------------------------------------
# A stop is named by its tour's slug and its index in the tour (0 for the first);
# messages count stops from 1, as a curator does.
def list_tours(project: Project) -> list[Tour]:
    """The tours in display order, with their stops in order."""
    return list(_tours(project.db))


def get_tour(project: Project, slug: str) -> Tour:
    return next(_tours(project.db, _tour_id(project, slug)))


def add_tour(project: Project, *, slug: str, stops: Sequence[str | TourStop] = (), title_zh: str = "",
             title_en: str = "", default: bool = False) -> Tour:
    """Add a tour through ``stops`` (hall slugs or :class:`TourStop`); ``default`` makes it
    the exhibition's default tour."""
    where = f"{project.path}: tour '{slug}'"
    check_slug(slug, f"{project.path}: tour")
    with project.transaction(label="add tour") as db:
        if db.execute("SELECT 1 FROM tours WHERE slug = ?", (slug,)).fetchone():
            raise ExhibitionError(f"{where} already exists", hint="choose another slug")
        position = db.execute("SELECT coalesce(max(position) + 1, 0) FROM tours").fetchone()[0]
        tour_id = db.execute("INSERT INTO tours(slug, title_zh, title_en, position) VALUES (?, ?, ?, ?)",
                             (slug, title_zh, title_en, position)).lastrowid
        for n, stop in enumerate(stops):
            stop = TourStop(stop) if isinstance(stop, str) else stop
            stop_where = f"{where} stop {n + 1}"
            if stop.narration_sha is not None:
                _check_media(project, stop.narration_sha, stop_where)
            view = None if stop.view is None else _view(stop.view, stop_where)
            object_id = None if stop.object_accession is None else object_id_of(project, stop.object_accession,
                                                                                 stop_where)
            db.execute("INSERT INTO tour_stops(tour_id, position, hall_id, narration_sha, view_yaw, view_pitch, "
                       "view_fov, object_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                       (tour_id, n, _hall_id(project, stop.hall, where=stop_where), stop.narration_sha,
                        *_view_columns(view), object_id))
        if default:
            db.execute("UPDATE exhibition SET default_tour_id = ?", (tour_id,))
    return get_tour(project, slug)


def update_tour(project: Project, slug: str, *, new_slug: str | None = None, title_zh: str | None = None,
                title_en: str | None = None) -> Tour:
    """Rename a tour: its titles or slug (``None`` leaves a field unchanged)."""
    with project.transaction(label="rename tour") as db:
        tour_id = _tour_id(project, slug)
        if new_slug is not None and new_slug != slug:
            check_slug(new_slug, f"{project.path}: tour")
            if db.execute("SELECT 1 FROM tours WHERE slug = ?", (new_slug,)).fetchone():
                raise ExhibitionError(f"{project.path}: tour '{new_slug}' already exists", hint="choose another slug")
        changes = {k: v for k, v in {"slug": new_slug, "title_zh": title_zh, "title_en": title_en}.items()
                   if v is not None}
        if changes:
            db.execute(f"UPDATE tours SET {', '.join(f'{k} = ?' for k in changes)} WHERE id = ?",
                       (*changes.values(), tour_id))
    return get_tour(project, new_slug or slug)


def reorder_tours(project: Project, slugs: Sequence[str]) -> list[Tour]:
    """Put the tours in the order of ``slugs``, which must name every tour once."""
    with project.transaction(label="reorder tours") as db:
        _reorder(project, db, "tours", "tour", slugs)
    return list_tours(project)


def set_default_tour(project: Project, slug: str | None) -> None:
    """Make ``slug`` the tour a visit follows (``None``: no default tour)."""
    with project.transaction(label="set default tour") as db:
        tour_id = None if slug is None else _tour_id(project, slug)
        db.execute("UPDATE exhibition SET default_tour_id = ?", (tour_id,))


def remove_tour(project: Project, slug: str) -> None:
    with project.transaction(label="remove tour") as db:
        db.execute("DELETE FROM tours WHERE id = ?", (_tour_id(project, slug),))


def free_tour_slug(project: Project, base: str = "tour") -> str:
    """``base``, or ``base-2``, ``base-3``... : the first slug no tour has."""
    taken = {r[0] for r in project.db.execute("SELECT slug FROM tours")}
    base = check_slug(base, f"{project.path}: tour")
    n = 1
    while (candidate := base if n == 1 else f"{base[:60]}-{n}") in taken:
        n += 1
    return candidate


def add_stop(project: Project, tour: str, hall: str, *, index: int | None = None, view: View | None = None,
             object: int | str | None = None) -> Tour:
    """Add a stop at ``hall`` to ``tour``, before the stop at ``index`` (``None``: at the end)."""
    with project.transaction(label="add tour stop") as db:
        tour_id = _tour_id(project, tour)
        rowids = _stop_rowids(db, tour_id)
        index = len(rowids) if index is None else index
        if not 0 <= index <= len(rowids):
            raise ExhibitionError(f"{project.path}: tour '{tour}' has {_count(len(rowids), 'stop')}; "
                                  f"cannot add one at {index + 1}")
        where = f"{project.path}: tour '{tour}' stop {index + 1}"
        hall_id = _hall_id(project, hall, where=where)
        view = None if view is None else _view(view, where)
        object_id = None if object is None else object_id_of(project, object, where)
        new = db.execute("INSERT INTO tour_stops(tour_id, position, hall_id, view_yaw, view_pitch, view_fov, "
                         "object_id) VALUES (?, ?, ?, ?, ?, ?, ?)",
                         (tour_id, len(rowids), hall_id, *_view_columns(view), object_id)).lastrowid
        rowids.insert(index, new)
        _place_stops(db, tour_id, rowids)
    return get_tour(project, tour)


def remove_stop(project: Project, tour: str, index: int) -> Tour:
    """Remove the stop at ``index`` from ``tour``; the stops after it move up."""
    with project.transaction(label="remove tour stop") as db:
        tour_id = _tour_id(project, tour)
        db.execute("DELETE FROM tour_stops WHERE rowid = ?", (_stop_rowid(project, tour, tour_id, index),))
        _renumber_stops(db, tour_id)
    return get_tour(project, tour)


def reorder_stops(project: Project, tour: str, order: Sequence[int]) -> Tour:
    """Put ``tour``'s stops in a new order: ``order[n]`` is the present index of the stop
    that becomes stop ``n``; it must name every stop once."""
    with project.transaction(label="reorder tour stops") as db:
        tour_id = _tour_id(project, tour)
        rowids = _stop_rowids(db, tour_id)
        if sorted(order) != list(range(len(rowids))):
            raise ExhibitionError(f"{project.path}: cannot reorder the stops of tour '{tour}': the order "
                                  f"{list(order)} does not name each of its {_count(len(rowids), 'stop')} once")
        _place_stops(db, tour_id, [rowids[n] for n in order])
    return get_tour(project, tour)


def move_stop(project: Project, tour: str, index: int, to: int) -> Tour:
    """Move the stop at ``index`` so that it becomes stop ``to`` (what a drag does)."""
    count = len(get_tour(project, tour).stops)
    for n in (index, to):
        if not 0 <= n < count:
            raise ExhibitionError(f"{project.path}: tour '{tour}' has no stop {n + 1}")
    order = list(range(count))
    order.insert(to, order.pop(index))
    return reorder_stops(project, tour, order)


def set_stop_hall(project: Project, tour: str, index: int, hall: str) -> Tour:
    """Make the stop at ``index`` visit ``hall``; its view, which belonged to the old
    hall, is cleared."""
    with project.transaction(label="set tour stop hall") as db:
        rowid = _stop_rowid(project, tour, _tour_id(project, tour), index)
        hall_id = _hall_id(project, hall, where=f"{project.path}: tour '{tour}' stop {index + 1}")
        db.execute("UPDATE tour_stops SET hall_id = ?, view_yaw = CASE WHEN hall_id = ? THEN view_yaw END, "
                   "view_pitch = CASE WHEN hall_id = ? THEN view_pitch END, "
                   "view_fov = CASE WHEN hall_id = ? THEN view_fov END WHERE rowid = ?",
                   (hall_id, hall_id, hall_id, hall_id, rowid))
    return get_tour(project, tour)


def set_stop_view(project: Project, tour: str, index: int, view: View | None) -> Tour:
    """Set where the camera looks on arriving at the stop (``None``: the hall's initial view)."""
    where = f"{project.path}: tour '{tour}' stop {index + 1}"
    view = None if view is None else _view(view, where)
    with project.transaction(label="set tour stop view") as db:
        rowid = _stop_rowid(project, tour, _tour_id(project, tour), index)
        db.execute("UPDATE tour_stops SET view_yaw = ?, view_pitch = ?, view_fov = ? WHERE rowid = ?",
                   (*_view_columns(view), rowid))
    return get_tour(project, tour)


def set_stop_object(project: Project, tour: str, index: int, object: int | str | None) -> Tour:
    """Set the catalog object the stop is about (id, or accession number as a string;
    ``None``: none)."""
    where = f"{project.path}: tour '{tour}' stop {index + 1}"
    with project.transaction(label="set tour stop object") as db:
        rowid = _stop_rowid(project, tour, _tour_id(project, tour), index)
        object_id = None if object is None else object_id_of(project, object, where)
        db.execute("UPDATE tour_stops SET object_id = ? WHERE rowid = ?", (object_id, rowid))
    return get_tour(project, tour)


def _view_columns(view: View | None) -> tuple:
    return (None, None, None) if view is None else (view.yaw, view.pitch, view.fov)


def _stop_rowids(db, tour_id: int) -> list[int]:
    return [r[0] for r in db.execute("SELECT rowid FROM tour_stops WHERE tour_id = ? ORDER BY position",
                                     (tour_id,))]


def _stop_rowid(project: Project, tour: str, tour_id: int, index: int) -> int:
    rowids = _stop_rowids(project.db, tour_id)
    if not (isinstance(index, int) and 0 <= index < len(rowids)):
        shown = index + 1 if isinstance(index, int) else repr(index)
        raise ExhibitionError(f"{project.path}: tour '{tour}' has no stop {shown} "
                              f"(it has {_count(len(rowids), 'stop')})")
    return rowids[index]


def _place_stops(db, tour_id: int, rowids: Sequence[int]) -> None:
    """Number the stops ``rowids`` 0, 1, 2... in that order."""
    # Out of the way first: (tour_id, position) is unique at every single update.
    db.execute("UPDATE tour_stops SET position = -1 - position WHERE tour_id = ?", (tour_id,))
    db.executemany("UPDATE tour_stops SET position = ? WHERE rowid = ?", [(n, r) for n, r in enumerate(rowids)])


def _renumber_stops(db, tour_id: int) -> None:
    rows = db.execute("SELECT position FROM tour_stops WHERE tour_id = ? ORDER BY position", (tour_id,)).fetchall()
    for n, (old,) in enumerate(rows):
        if n != old:
            db.execute("UPDATE tour_stops SET position = ? WHERE tour_id = ? AND position = ?", (n, tour_id, old))


# -- panoramas -------------------------------------------------------------------
def store_panorama(project: Project, path: str | Path, *, fov_deg: float | None = None,
                   progress: Progress | None = None) -> str:
    """Check and store the panorama photo at ``path`` (see :func:`assets.panorama.ingest_panorama`)
    and return its SHA-256; ``fov_deg`` is the horizontal coverage of a partial panorama."""
    return ingest_panorama(project, Path(path), fov_deg=fov_deg, progress=progress)


def store_image(project: Project, path: str | Path) -> str:
    """Check and store a still image (a floor plan) and return its SHA-256."""
    from assets.images import open_checked
    from assets.media_store import MediaStore

    checked = open_checked(Path(path))
    return MediaStore(project).add_file(Path(path), kind="image", mime=checked.mime, ext=checked.ext,
                                        width=checked.width, height=checked.height)


# -- checks and lookups ----------------------------------------------------------
def wrap_yaw(yaw: float) -> float:
    """``yaw`` brought into [-180, 180)."""
    if -180.0 <= yaw < 180.0:
        return yaw + 0.0  # as given: arithmetic would turn 37.1 into 37.099999999999994
    return round((yaw + 180.0) % 360.0 - 180.0, 9) + 0.0


def _view(view: View, where: str) -> View:
    return View(wrap_yaw(_finite(view.yaw, "yaw", where)), _range(view.pitch, -90, 90, "pitch", where),
                _range(view.fov, 1, 180, "field of view", where))


def _finite(value, name: str, where: str) -> float:
    try:
        value = float(value)
    except (TypeError, ValueError):
        raise ExhibitionError(f"{where}: {name} {value!r} is not a number") from None
    if not math.isfinite(value):
        raise ExhibitionError(f"{where}: {name} {value!r} is not a number")
    # Nearer zero than a billionth of a degree is zero: subnormal numbers (1e-305) mean
    # nothing as angles and do not survive SQLite's text round trip of the undo log.
    return 0.0 if abs(value) < 1e-9 else value


def _range(value, lo: float, hi: float, name: str, where: str) -> float:
    value = _finite(value, name, where)
    if not lo <= value <= hi:
        raise ExhibitionError(f"{where}: {name} {value:g} is out of range ({lo:g} to {hi:g})")
    return value


def _hall_id(project: Project, slug: str, *, what: str = "hall", where: str | None = None) -> int:
    row = project.db.execute("SELECT id FROM halls WHERE slug = ?", (slug,)).fetchone()
    if row is None:
        raise ExhibitionError(f"{where or project.path}: no {what} '{slug}'", hint="see 'yunzhan hall list'")
    return row[0]


def _tour_id(project: Project, slug: str) -> int:
    row = project.db.execute("SELECT id FROM tours WHERE slug = ?", (slug,)).fetchone()
    if row is None:
        raise ExhibitionError(f"{project.path}: no tour '{slug}'")
    return row[0]


def _check_media(project: Project, sha: str, where: str) -> None:
    if not project.db.execute("SELECT 1 FROM media WHERE sha256 = ?", (sha,)).fetchone():
        raise ExhibitionError(f"{where}: no stored media {str(sha)[:12]}…")


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
