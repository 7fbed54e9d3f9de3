"""3D exhibit scenes: a model's start camera, light, background, annotations and tour.

After Smithsonian Voyager's data model (a scene's start view, annotations anchored on
the surface, ordered tours through them), in Yunzhan's own tables (migration 0010).
Coordinates are those of the model's web version: metres, Y up. An annotation is
anchored at a surface point with the surface's outward normal, so a viewer can put a
pin there and look at it head-on.

    from scenes import model_scenes as ms
    note = ms.add_annotation(project, sha, position=(0.1, 1.2, 0.05), normal=(0, 0, 1),
                             title_zh="裂纹", title_en="Crack")
    ms.set_annotation_tour(project, sha, [note.id])
    scene = ms.load_scene(project, sha)      # everything an exporter needs

Every edit is one undoable step with a label.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Sequence

from assets.models.store import Model, get_model, list_models
from assets.project import Project
from scenes.errors import ExhibitionError

LIGHTINGS = ("studio", "soft", "dramatic")
DEFAULT_FOV = 40.0
# Pins may sit a little off the web version's bounds (a scan's surface is approximate).
_BOUNDS_SLACK = 0.05

Vec = tuple[float, float, float]


@dataclass(frozen=True)
class Camera:
    position: Vec
    target: Vec
    fov: float = DEFAULT_FOV


@dataclass(frozen=True)
class Annotation:
    id: int
    model_sha: str
    position: Vec
    normal: Vec
    title_zh: str = ""
    title_en: str = ""
    text_zh: str = ""
    text_en: str = ""
    narration_sha: str | None = None
    number: int = 0  # the pin's number, from 1


@dataclass(frozen=True)
class ModelScene:
    model: Model
    camera: Camera
    lighting: str = "studio"
    background: str = "#f4f1ea"
    annotations: tuple[Annotation, ...] = ()
    tour: tuple[int, ...] = ()  # annotation ids in tour order
    stored: bool = False  # False: the defaults, nothing set by a curator yet

    def annotation(self, annotation_id: int) -> Annotation:
        return next(a for a in self.annotations if a.id == annotation_id)


def default_camera(model: Model) -> Camera:
    """A camera that shows the whole model from the front, a little from above right."""
    centre = model.centre
    radius = max(math.dist(model.bounds_min, model.bounds_max) / 2, 1e-3)
    distance = radius / math.sin(math.radians(DEFAULT_FOV) / 2) * 1.1
    view = _unit((0.35, 0.25, 1.0), "view")
    return Camera(tuple(c + v * distance for c, v in zip(centre, view)), centre, DEFAULT_FOV)


def load_scene(project: Project, sha: str) -> ModelScene:
    """The exhibit scene of model ``sha`` (defaults where nothing is set)."""
    model = get_model(project, sha)
    row = project.db.execute(
        "SELECT camera_x, camera_y, camera_z, target_x, target_y, target_z, fov, lighting, background "
        "FROM model_scenes WHERE sha256 = ?", (sha,)).fetchone()
    notes = tuple(Annotation(r[0], r[1], tuple(r[2:5]), tuple(r[5:8]), *r[8:13], number=i + 1)
                  for i, r in enumerate(project.db.execute(
                      "SELECT id, model_sha, x, y, z, nx, ny, nz, title_zh, title_en, text_zh, text_en, "
                      "narration_sha FROM annotations WHERE model_sha = ? ORDER BY position, id", (sha,))))
    tour = tuple(a for (a,) in project.db.execute(
        "SELECT annotation_id FROM annotation_tour_steps WHERE model_sha = ? ORDER BY position", (sha,)))
    if row is None:
        return ModelScene(model, default_camera(model), annotations=notes, tour=tour)
    return ModelScene(model, Camera(tuple(row[0:3]), tuple(row[3:6]), row[6]), row[7], row[8], notes, tour,
                      stored=True)


def list_scenes(project: Project) -> list[ModelScene]:
    return [load_scene(project, m.sha256) for m in list_models(project)]


def set_start_camera(project: Project, sha: str, *, position: Sequence[float], target: Sequence[float],
                     fov: float | None = None) -> ModelScene:
    """Where the viewer's camera starts and what it looks at (metres, model coordinates)."""
    where = _where(project, sha)
    position, target = _vec(position, "camera position", where), _vec(target, "camera target", where)
    if math.dist(position, target) < 1e-6:
        raise ExhibitionError(f"{where}: the camera cannot stand on the point it looks at")
    fov = DEFAULT_FOV if fov is None else _range(fov, 1, 179, "field of view", where)
    with project.transaction(label="set start camera") as db:
        _ensure_scene(project, sha)
        db.execute("UPDATE model_scenes SET camera_x = ?, camera_y = ?, camera_z = ?, target_x = ?, target_y = ?, "
                   "target_z = ?, fov = ? WHERE sha256 = ?", (*position, *target, fov, sha))
    return load_scene(project, sha)


def set_look(project: Project, sha: str, *, lighting: str | None = None, background: str | None = None) -> ModelScene:
    """The scene's lighting preset and background colour (``#rrggbb``)."""
    where = _where(project, sha)
    if lighting is not None and lighting not in LIGHTINGS:
        raise ExhibitionError(f"{where}: unknown lighting '{lighting}'", hint="use " + ", ".join(LIGHTINGS))
    if background is not None:
        background = background.lower()
        if len(background) != 7 or background[0] != "#" or any(c not in "0123456789abcdef" for c in background[1:]):
            raise ExhibitionError(f"{where}: background '{background}' is not a colour like #f4f1ea")
    with project.transaction(label="edit model scene") as db:
        _ensure_scene(project, sha)
        db.execute("UPDATE model_scenes SET lighting = coalesce(?, lighting), background = coalesce(?, background) "
                   "WHERE sha256 = ?", (lighting, background, sha))
    return load_scene(project, sha)


def add_annotation(project: Project, sha: str, *, position: Sequence[float], normal: Sequence[float],
                   title_zh: str = "", title_en: str = "", text_zh: str = "", text_en: str = "",
                   narration_sha: str | None = None) -> Annotation:
    """Pin a note on the model's surface at ``position`` facing ``normal``; it gets the
    next number and joins the end of the annotation tour."""
    where = _where(project, sha)
    model = get_model(project, sha)
    position = _inside(model, _vec(position, "position", where), where)
    normal = _unit(_vec(normal, "normal", where), "normal", where)
    if not (title_zh.strip() or title_en.strip()):
        raise ExhibitionError(f"{where}: an annotation needs a title in Chinese or English")
    with project.transaction(label="add annotation") as db:
        _check_narration(project, narration_sha, where)
        last = db.execute("SELECT coalesce(max(position), -1) FROM annotations WHERE model_sha = ?",
                          (sha,)).fetchone()[0]
        cur = db.execute(
            "INSERT INTO annotations(model_sha, x, y, z, nx, ny, nz, title_zh, title_en, text_zh, text_en, "
            "narration_sha, position) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (sha, *position, *normal, title_zh.strip(), title_en.strip(), text_zh.strip(), text_en.strip(),
             narration_sha, last + 1))
        step = db.execute("SELECT coalesce(max(position), -1) FROM annotation_tour_steps WHERE model_sha = ?",
                          (sha,)).fetchone()[0]
        db.execute("INSERT INTO annotation_tour_steps(model_sha, position, annotation_id) VALUES (?, ?, ?)",
                   (sha, step + 1, cur.lastrowid))
    return load_scene(project, sha).annotation(cur.lastrowid)


def update_annotation(project: Project, annotation_id: int, *, position: Sequence[float] | None = None,
                      normal: Sequence[float] | None = None, title_zh: str | None = None,
                      title_en: str | None = None, text_zh: str | None = None, text_en: str | None = None,
                      narration_sha: str | None = None) -> Annotation:
    """Move an annotation or change its texts (``None`` leaves a field as it is)."""
    note = get_annotation(project, annotation_id)
    where = f"{project.path}: annotation {annotation_id}"
    changes: dict = {}
    if position is not None:
        changes.update(zip("xyz", _inside(get_model(project, note.model_sha), _vec(position, "position", where),
                                          where)))
    if normal is not None:
        changes.update(zip(("nx", "ny", "nz"), _unit(_vec(normal, "normal", where), "normal", where)))
    texts = {"title_zh": title_zh, "title_en": title_en, "text_zh": text_zh, "text_en": text_en}
    changes.update({k: v.strip() for k, v in texts.items() if v is not None})
    if not (changes.get("title_zh", note.title_zh) or changes.get("title_en", note.title_en)):
        raise ExhibitionError(f"{where}: an annotation needs a title in Chinese or English")
    if narration_sha is not None:
        _check_narration(project, narration_sha, where)
        changes["narration_sha"] = narration_sha or None
    if changes:
        with project.transaction(label="edit annotation") as db:
            db.execute(f"UPDATE annotations SET {', '.join(f'{k} = ?' for k in changes)} WHERE id = ?",
                       (*changes.values(), annotation_id))
    return get_annotation(project, annotation_id)


def remove_annotation(project: Project, annotation_id: int) -> Annotation:
    """Remove an annotation (and its tour step); the others keep their order."""
    note = get_annotation(project, annotation_id)
    with project.transaction(label="remove annotation") as db:
        db.execute("DELETE FROM annotations WHERE id = ?", (annotation_id,))
        _renumber_tour(db, note.model_sha)
    return note


def set_annotation_tour(project: Project, sha: str, annotation_ids: Sequence[int]) -> ModelScene:
    """The annotation tour of model ``sha``: these of its annotations, in this order."""
    where = _where(project, sha)
    own = {a.id for a in load_scene(project, sha).annotations}
    ids = [int(i) for i in annotation_ids]
    for i in ids:
        if i not in own:
            raise ExhibitionError(f"{where}: annotation {i} is not on this model")
    if len(set(ids)) != len(ids):
        raise ExhibitionError(f"{where}: the tour visits an annotation twice")
    with project.transaction(label="set annotation tour") as db:
        db.execute("DELETE FROM annotation_tour_steps WHERE model_sha = ?", (sha,))
        db.executemany("INSERT INTO annotation_tour_steps(model_sha, position, annotation_id) VALUES (?, ?, ?)",
                       [(sha, n, i) for n, i in enumerate(ids)])
    return load_scene(project, sha)


def get_annotation(project: Project, annotation_id: int) -> Annotation:
    row = project.db.execute("SELECT model_sha FROM annotations WHERE id = ?", (annotation_id,)).fetchone()
    if row is None:
        raise ExhibitionError(f"{project.path}: no annotation {annotation_id}")
    return load_scene(project, row[0]).annotation(annotation_id)


def model_of_object(project: Project, key: int | str) -> str:
    """The hash of the (first) 3D model linked to a catalog object (id or accession)."""
    column = "id" if isinstance(key, int) else "accession"
    row = project.db.execute(
        f"SELECT m.sha256 FROM objects o JOIN object_media om ON om.object_id = o.id "
        f"JOIN models m ON m.sha256 = om.sha256 WHERE o.{column} = ? ORDER BY om.position LIMIT 1",
        (key,)).fetchone()
    if row is None:
        raise ExhibitionError(f"{project.path}: catalog object {key!r} has no 3D model",
                              hint="import one with 'yunzhan model import'")
    return row[0]


def models_of_object(project: Project, object_id: int) -> list[str]:
    """The hashes of the 3D models linked to catalog object ``object_id``, in order."""
    return [sha for (sha,) in project.db.execute(
        "SELECT m.sha256 FROM object_media om JOIN models m ON m.sha256 = om.sha256 WHERE om.object_id = ? "
        "ORDER BY om.position", (object_id,))]


def object_of_model(project: Project, sha: str) -> str | None:
    """The accession number of the (first) catalog object showing model ``sha``."""
    row = project.db.execute("SELECT o.accession FROM object_media om JOIN objects o ON o.id = om.object_id "
                             "WHERE om.sha256 = ? ORDER BY o.id LIMIT 1", (sha,)).fetchone()
    return row[0] if row else None


def clear_scenes(project: Project) -> None:
    """Remove every model's scene settings, annotations and tour (the models stay)."""
    with project.transaction(label="clear model scenes") as db:
        for table in ("annotation_tour_steps", "annotations", "model_scenes"):
            db.execute(f"DELETE FROM {table}")


# -- checks ----------------------------------------------------------------------
def _ensure_scene(project: Project, sha: str) -> None:
    if project.db.execute("SELECT 1 FROM model_scenes WHERE sha256 = ?", (sha,)).fetchone() is None:
        camera = default_camera(get_model(project, sha))
        project.db.execute("INSERT INTO model_scenes(sha256, camera_x, camera_y, camera_z, target_x, target_y, "
                           "target_z, fov) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                           (sha, *camera.position, *camera.target, camera.fov))


def _renumber_tour(db, sha: str) -> None:
    ids = [a for (a,) in db.execute("SELECT annotation_id FROM annotation_tour_steps WHERE model_sha = ? "
                                    "ORDER BY position", (sha,))]
    db.execute("DELETE FROM annotation_tour_steps WHERE model_sha = ?", (sha,))
    db.executemany("INSERT INTO annotation_tour_steps(model_sha, position, annotation_id) VALUES (?, ?, ?)",
                   [(sha, n, i) for n, i in enumerate(ids)])


def _where(project: Project, sha: str) -> str:
    get_model(project, sha)  # NotFound names a missing model
    return f"{project.path}: model {sha[:12]}"


def _vec(values: Sequence[float], name: str, where: str) -> Vec:
    try:
        x, y, z = (float(v) for v in values)
    except (TypeError, ValueError):
        raise ExhibitionError(f"{where}: {name} must be three numbers (x, y, z)") from None
    if not all(math.isfinite(v) for v in (x, y, z)):
        raise ExhibitionError(f"{where}: {name} must be finite numbers")
    return (x, y, z)


def _unit(v: Sequence[float], name: str, where: str = "") -> Vec:
    length = math.sqrt(sum(c * c for c in v))
    if length < 1e-9:
        raise ExhibitionError(f"{where}: {name} has no direction (zero length)")
    if abs(length - 1.0) < 1e-12:  # already unit: dividing again would change the last bits on every save
        return tuple(float(c) for c in v)
    return tuple(c / length for c in v)


def _inside(model: Model, position: Vec, where: str) -> Vec:
    slack = max(model.size) * _BOUNDS_SLACK
    if any(p < lo - slack or p > hi + slack for p, lo, hi in zip(position, model.bounds_min, model.bounds_max)):
        raise ExhibitionError(f"{where}: position {tuple(round(p, 4) for p in position)} is not on the model "
                              f"(its bounds are {model.bounds_min} to {model.bounds_max} m)")
    return position


def _range(value, lo: float, hi: float, name: str, where: str) -> float:
    value = float(value)
    if not (math.isfinite(value) and lo <= value <= hi):
        raise ExhibitionError(f"{where}: {name} {value:g} is out of range ({lo:g} to {hi:g})")
    return value


def _check_narration(project: Project, sha: str | None, where: str) -> None:
    if sha and not project.db.execute("SELECT 1 FROM media WHERE sha256 = ? AND kind = 'audio'",
                                      (sha,)).fetchone():
        raise ExhibitionError(f"{where}: narration {sha[:12]}… is not a stored audio file")
