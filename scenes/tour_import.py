"""Import an existing Pannellum tour configuration (or Photo Sphere Viewer
virtual-tour nodes, or a Marzipano tool's ``data.js``) into the project's exhibition.

A Pannellum tour file is JSON with a ``default`` object (options shared by every
scene, and ``firstScene``) and a ``scenes`` object keyed by scene id; a plain
single-panorama configuration (``panorama`` at the top) is read as a one-scene
tour. Each ``equirectangular`` scene becomes a hall: its ``panorama`` (relative to
``basePath``, itself relative to the JSON file), ``title``, initial ``yaw``/``pitch``/
``hfov``, ``northOffset``, ``horizonPitch``/``horizonRoll`` and partial coverage
(``haov``). Hot spots of type ``scene`` become hall links (``targetYaw``/``targetPitch``
as the arrival view) and hot spots of type ``info`` become notes (with their ``URL``
appended). Everything is written in one transaction; what could not be carried over
is listed in :attr:`TourImport.notes`.

Example::

    result = import_pannellum(project, "tour/config.json")
    result.halls   # ('lobby', 'east-wing')
"""

from __future__ import annotations

import json
import math
import os
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from assets.errors import YunzhanError
from assets.progress import Progress, null_progress
from assets.project import Project
from scenes import model
from scenes.errors import ExhibitionError

PANNELLUM_HFOV = 100.0  # Pannellum's default initial field of view
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f]")


@dataclass(frozen=True)
class TourImport:
    """What an import added."""
    halls: tuple[str, ...]     # slugs, in order (the tour's first scene first)
    hotspots: int
    notes: tuple[str, ...]     # one line per thing that could not be carried over


def import_pannellum(project: Project, path: str | os.PathLike, *, replace: bool = False, lang: str | None = None,
                     progress: Progress | None = None) -> TourImport:
    """Add the scenes of the Pannellum configuration at ``path`` as halls.

    :param replace: remove the current exhibition's halls, hotspots and tours first.
    :param lang: ``"zh"`` or ``"en"``: the language of the tour's titles and texts;
        by default each text counts as Chinese when it contains CJK characters.
    :raises ExhibitionError: naming the file and the key (``scenes.lobby.hotSpots[2].sceneId``).
    """
    path = Path(path)
    reader = _Pannellum(path, _load_json(path))
    notes: list[str] = []
    plans = reader.plans(notes)
    title = reader.default.get("title")
    return _apply(project, reader, plans, title if isinstance(title, str) else "", notes,
                  replace=replace, lang=lang, progress=progress)


def import_tour(project: Project, path: str | os.PathLike, *, replace: bool = False, lang: str | None = None,
                photos: str | os.PathLike | None = None, progress: Progress | None = None) -> TourImport:
    """Import a Pannellum configuration, Photo Sphere Viewer virtual-tour nodes or a
    Marzipano tool's ``data.js``, whichever the file at ``path`` holds (see
    :func:`import_pannellum`, :func:`import_psv`, :func:`import_marzipano`)."""
    path = Path(path)
    if path.suffix.lower() == ".js":
        return import_marzipano(project, path, photos=photos, replace=replace, lang=lang, progress=progress)
    doc = _load_json(path)
    if isinstance(doc, list) or (isinstance(doc, dict) and "nodes" in doc):
        return import_psv(project, path, replace=replace, lang=lang, progress=progress)
    return import_pannellum(project, path, replace=replace, lang=lang, progress=progress)


@dataclass
class ScenePlan:
    """One scene of a foreign tour, checked and ready to become a hall."""
    key: str                   # where it is in the file: "scenes.lobby", "nodes[2]"
    id: str                    # its id in the file
    panorama: Path
    title: str = ""
    description: str = ""
    haov: float | None = None  # horizontal coverage of a partial panorama
    view: model.View = model.View()
    north: float = 0.0
    horizon_pitch: float = 0.0
    horizon_roll: float = 0.0
    # (key, {"yaw", "pitch", "label", "note", and for links "to" (a scene id), "arrive_yaw", "arrive_pitch"})
    hotspots: list[tuple[str, dict]] = field(default_factory=list)


def _apply(project: Project, reader, plans: list[ScenePlan], title: str, notes: list[str], *, replace: bool,
           lang: str | None, progress: Progress | None) -> TourImport:
    """Write checked scene plans as halls and hotspots, in one transaction."""
    progress = progress or null_progress()
    progress.start(len(plans) + 1, "importing the tour")
    slugs = _slugs([plan.id for plan in plans])
    reader.project = project
    count = 0
    with project.transaction(label="import tour"):
        if replace:
            model.clear_exhibition(project)
        taken = {h.slug for h in model.list_halls(project)}
        for plan in plans:
            if slugs[plan.id] in taken:
                reader.fail(plan.key, f"hall '{slugs[plan.id]}' already exists in {project.path.name}",
                            hint="import with --replace, or remove that hall first")
        for plan in plans:
            progress.check()
            sha = reader.wrap(f"{plan.key}.panorama",
                              lambda: model.store_panorama(project, plan.panorama, fov_deg=plan.haov))
            zh, en = _texts(plan.title, lang)
            dzh, den = _texts(plan.description, lang)
            reader.wrap(plan.key, lambda: model.add_hall(
                project, slug=slugs[plan.id], title_zh=zh, title_en=en, description_zh=dzh, description_en=den,
                panorama_sha=sha, view=plan.view, north_offset=plan.north, horizon_pitch=plan.horizon_pitch,
                horizon_roll=plan.horizon_roll))
            progress.advance(message=f"hall {slugs[plan.id]}")
        for plan in plans:
            for key, spot in plan.hotspots:
                spot = dict(spot)
                label_zh, label_en = _texts(spot.pop("label", ""), lang)
                note_zh, note_en = _texts(spot.pop("note", ""), lang)
                if spot.get("to") is not None:
                    spot["to"] = slugs[spot["to"]]
                reader.wrap(key, lambda: model.add_hotspot(project, slugs[plan.id], label_zh=label_zh,
                                                           label_en=label_en, note_zh=note_zh, note_en=note_en,
                                                           **spot))
                count += 1
        if title.strip():
            current = model.load_exhibition(project)
            if not (current.title_zh or current.title_en):
                zh, en = _texts(title.strip(), lang)
                model.set_exhibition(project, title_zh=zh, title_en=en)
    progress.finish()
    return TourImport(tuple(slugs[plan.id] for plan in plans), count, tuple(notes))


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ExhibitionError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as e:
        raise ExhibitionError(f"{path}: cannot read ({getattr(e, 'strerror', None) or e})") from None


def _load_json(path: Path):
    text = _read(path)
    try:
        return json.loads(text)
    except json.JSONDecodeError as e:
        raise ExhibitionError(f"{path}: not valid JSON: line {e.lineno}, column {e.colno}: {e.msg}") from None


class _Reader:
    """A foreign tour file read key by key: every error names the file and the key."""

    path: Path
    project: Project | None = None  # set while writing, to strip its path from model errors

    def fail(self, key: str, problem: str, *, hint: str | None = None):
        raise ExhibitionError(f"{self.path}: {key}: {problem}" if key else f"{self.path}: {problem}", hint=hint)

    def wrap(self, key: str, action):
        """Run one write step; an error in it is reported against ``key`` of the file."""
        try:
            return action()
        except YunzhanError as e:
            prefix = f"{self.project.path}: " if self.project else None
            message = e.message[len(prefix):] if prefix and e.message.startswith(prefix) else e.message
            raise ExhibitionError(f"{self.path}: {key}: {message}", hint=e.hint) from None

    def entries(self, entry: dict, name: str, key: str) -> list[dict]:
        value = entry.get(name, [])
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            self.fail(f"{key}.{name}", "must be a list of JSON objects")
        return value

    def number(self, cfg: dict, name: str, key: str, default):
        value = cfg.get(name, default)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.fail(f"{key}.{name}", f"must be a number, not {value!r}")
        return float(value)


class _Pannellum(_Reader):
    """A Pannellum configuration."""

    def __init__(self, path: Path, doc):
        self.path = path
        if not isinstance(doc, dict):
            self.fail("", "not a Pannellum configuration (expected a JSON object)")
        if "scenes" in doc:
            self.default = self.object(doc, "default")
            self._scenes = self.object(doc, "scenes")
        elif "panorama" in doc:  # a single-panorama configuration
            self.default, self._scenes = {}, {path.stem: doc}
        else:
            self.fail("", "not a Pannellum configuration (no \"scenes\" and no \"panorama\")")
        if not self._scenes:
            self.fail("scenes", "the tour has no scenes")

    def scenes(self) -> list[tuple[str, dict]]:
        """``(scene id, merged options)`` with the tour's ``firstScene`` first."""
        first = self.default.get("firstScene")
        if first is not None and first not in self._scenes:
            self.fail("default.firstScene", f"no scene '{first}' in this file")
        order = sorted(self._scenes, key=lambda s: s != first)
        shared = {k: v for k, v in self.default.items() if k != "firstScene"}
        result = []
        for scene_id in order:
            scene = self._scenes[scene_id]
            if not isinstance(scene, dict):
                self.fail(f"scenes.{scene_id}", "must be a JSON object")
            result.append((scene_id, {**shared, **scene}))
        return result

    def plans(self, notes: list[str]) -> list[ScenePlan]:
        scenes = self.scenes()
        return [self.scene(scene_id, cfg, scenes, notes) for scene_id, cfg in scenes]

    def scene(self, scene_id: str, cfg: dict, scenes, notes: list[str]) -> ScenePlan:
        key = f"scenes.{scene_id}"
        kind = cfg.get("type", "equirectangular")
        if kind != "equirectangular":
            self.fail(f"{key}.type", f"'{kind}' panoramas cannot be imported (only equirectangular photos)",
                      hint="import the scene's original equirectangular photo instead")
        panorama = cfg.get("panorama")
        if not isinstance(panorama, str) or not panorama:
            self.fail(f"{key}.panorama", "is missing")
        base = cfg.get("basePath") or ""
        if not isinstance(base, str):
            self.fail(f"{key}.basePath", "must be text")
        location = base.rstrip("/") + "/" + panorama if base and not re.match(r"^[a-z]+:|^/", panorama) else panorama
        if re.match(r"^[a-z][a-z0-9+.-]*://", location, re.I):
            self.fail(f"{key}.panorama", f"{location} is a web address; download the photo and refer to the file",
                      hint="panoramas must be files beside the configuration")
        file = (self.path.parent / location).resolve()
        if not file.is_file():
            self.fail(f"{key}.panorama", f"file {location} not found (looked in {self.path.parent})")
        haov = self.number(cfg, "haov", key, 360.0)
        plan = ScenePlan(
            key, scene_id, file, title=cfg.get("title") if isinstance(cfg.get("title"), str) else "",
            haov=haov if haov < 360 else None,
            view=model.View(self.number(cfg, "yaw", key, 0.0), self.number(cfg, "pitch", key, 0.0),
                            self.number(cfg, "hfov", key, PANNELLUM_HFOV)),
            north=self.number(cfg, "northOffset", key, 0.0),
            horizon_pitch=self.number(cfg, "horizonPitch", key, 0.0),
            horizon_roll=self.number(cfg, "horizonRoll", key, 0.0))
        spots = cfg.get("hotSpots", [])
        if not isinstance(spots, list):
            self.fail(f"{key}.hotSpots", "must be a list")
        ids = {s for s, _ in scenes}
        for n, spot in enumerate(spots):
            where = f"{key}.hotSpots[{n}]"
            if not isinstance(spot, dict):
                self.fail(where, "must be a JSON object")
            for name in ("yaw", "pitch"):
                if name not in spot:
                    self.fail(f"{where}.{name}", "is missing")
            entry = {"yaw": self.number(spot, "yaw", where, 0.0), "pitch": self.number(spot, "pitch", where, 0.0),
                     # with escapeHTML a hot spot's text is plain text, not markup
                     "label": (spot.get("text") or "").strip() if cfg.get("escapeHTML") is True
                     and isinstance(spot.get("text"), str) else _plain(spot.get("text")), "note": ""}
            kind = spot.get("type", "info")
            if kind == "scene":
                target = spot.get("sceneId")
                if target not in ids:
                    self.fail(f"{where}.sceneId", f"no scene {target!r} in this file")
                if target == scene_id:
                    notes.append(f"{where}: skipped (links to its own scene)")
                    continue
                entry["to"] = target
                for name, arrive in (("targetYaw", "arrive_yaw"), ("targetPitch", "arrive_pitch")):
                    value = spot.get(name)
                    if isinstance(value, str):
                        notes.append(f"{where}.{name}: '{value}' is not supported; "
                                     f"arrives at the hall's initial view instead")
                    elif value is not None:
                        entry[arrive] = self.number(spot, name, where, None)
                if "targetHfov" in spot:
                    notes.append(f"{where}.targetHfov: not supported; the hall's own field of view is used")
            elif kind == "info":
                text, url = entry.pop("label"), spot.get("URL")
                entry["label"] = ""
                entry["note"] = f"{text}\n{url}".strip() if isinstance(url, str) and url else text
                if not entry["note"]:
                    notes.append(f"{where}: skipped (an info hot spot with no text)")
                    continue
            else:
                notes.append(f"{where}: skipped (hot spot type {kind!r} is not supported)")
                continue
            plan.hotspots.append((where, entry))
        return plan

    def object(self, doc: dict, name: str) -> dict:
        value = doc.get(name, {})
        if not isinstance(value, dict):
            self.fail(name, "must be a JSON object")
        return value


# -- Photo Sphere Viewer ------------------------------------------------------------
def import_psv(project: Project, path: str | os.PathLike, *, replace: bool = False, lang: str | None = None,
               progress: Progress | None = None) -> TourImport:
    """Add the nodes of a Photo Sphere Viewer virtual tour as halls.

    The JSON file holds the VirtualTourPlugin's ``nodes`` (a list, or an object with
    ``nodes`` and an optional ``startNodeId``). Each node's ``panorama`` (a file
    relative to the JSON file), ``name``/``caption``, ``description`` and
    ``sphereCorrection`` tilt/roll become a hall; its ``links`` (positioned by
    ``yaw``/``pitch`` or ``textureX``/``textureY``) become hall links and its
    ``markers`` with a tooltip or content become notes. Angles follow PSV: numbers
    are radians, strings may say ``deg`` or ``rad``.
    """
    path = Path(path)
    reader = _PhotoSphereViewer(path, _load_json(path))
    notes: list[str] = []
    plans = reader.plans(notes)
    return _apply(project, reader, plans, "", notes, replace=replace, lang=lang, progress=progress)


class _PhotoSphereViewer(_Reader):
    """Photo Sphere Viewer virtual-tour nodes."""

    def __init__(self, path: Path, doc):
        self.path = path
        if isinstance(doc, dict) and isinstance(doc.get("nodes"), list):
            self.nodes, start = doc["nodes"], doc.get("startNodeId")
        elif isinstance(doc, list):
            self.nodes, start = doc, None
        else:
            self.fail("", "not a Photo Sphere Viewer tour (expected a list of nodes or {\"nodes\": [...]})")
        if not self.nodes:
            self.fail("nodes", "the tour has no nodes")
        self.ids: dict[str, int] = {}
        for n, node in enumerate(self.nodes):
            if not isinstance(node, dict):
                self.fail(f"nodes[{n}]", "must be a JSON object")
            node_id = node.get("id")
            if not isinstance(node_id, str) or not node_id:
                self.fail(f"nodes[{n}].id", "is missing")
            if node_id in self.ids:
                self.fail(f"nodes[{n}].id", f"'{node_id}' is also the id of nodes[{self.ids[node_id]}]")
            self.ids[node_id] = n
        if start is not None and start not in self.ids:
            self.fail("startNodeId", f"no node {start!r} in this file")
        self.order = sorted(range(len(self.nodes)), key=lambda n: self.nodes[n]["id"] != start)

    def plans(self, notes: list[str]) -> list[ScenePlan]:
        return [self.node(n, notes) for n in self.order]

    def node(self, n: int, notes: list[str]) -> ScenePlan:
        node, key = self.nodes[n], f"nodes[{n}]"
        panorama = node.get("panorama")
        if not isinstance(panorama, str) or not panorama:
            self.fail(f"{key}.panorama", "must be the file name of an equirectangular photo")
        if re.match(r"^[a-z][a-z0-9+.-]*://", panorama, re.I):
            self.fail(f"{key}.panorama", f"{panorama} is a web address; download the photo and refer to the file",
                      hint="panoramas must be files beside the tour file")
        file = (self.path.parent / panorama).resolve()
        if not file.is_file():
            self.fail(f"{key}.panorama", f"file {panorama} not found (looked in {self.path.parent})")
        title = next((node[k] for k in ("name", "caption") if isinstance(node.get(k), str) and node[k]), "")
        plan = ScenePlan(key, node["id"], file, title=_plain(title), description=_plain(node.get("description")))
        correction = node.get("sphereCorrection") or {}
        if not isinstance(correction, dict):
            self.fail(f"{key}.sphereCorrection", "must be a JSON object")
        plan.horizon_pitch = self.angle(correction, "tilt", f"{key}.sphereCorrection", 0.0)
        plan.horizon_roll = self.angle(correction, "roll", f"{key}.sphereCorrection", 0.0)
        if self.angle(correction, "pan", f"{key}.sphereCorrection", 0.0):
            notes.append(f"{key}.sphereCorrection.pan: not supported; the photo keeps its own centre")
        size = None
        for m, link in enumerate(self.entries(node, "links", key)):
            where = f"{key}.links[{m}]"
            target = link.get("nodeId")
            if target not in self.ids:
                self.fail(f"{where}.nodeId", f"no node {target!r} in this file")
            if target == node["id"]:
                notes.append(f"{where}: skipped (links to its own node)")
                continue
            if not isinstance(link.get("position"), dict):
                notes.append(f"{where}: skipped (no position; links placed by GPS are not supported)")
                continue
            size = size or _image_size(file, self, f"{key}.panorama")
            yaw, pitch = self.position(link["position"], f"{where}.position", size)
            plan.hotspots.append((where, {"yaw": yaw, "pitch": pitch, "to": target,
                                          "label": _plain(link.get("name"))}))
        for m, marker in enumerate(self.entries(node, "markers", key)):
            where = f"{key}.markers[{m}]"
            tooltip = marker.get("tooltip")
            tooltip = tooltip.get("content") if isinstance(tooltip, dict) else tooltip
            text = _plain(marker.get("content")) or _plain(tooltip)
            if not text or not isinstance(marker.get("position"), dict):
                notes.append(f"{where}: skipped (only markers with a position and a tooltip or content are "
                             "imported, as notes)")
                continue
            size = size or _image_size(file, self, f"{key}.panorama")
            yaw, pitch = self.position(marker["position"], f"{where}.position", size)
            label = _plain(tooltip) if _plain(marker.get("content")) else ""
            plan.hotspots.append((where, {"yaw": yaw, "pitch": pitch, "note": text, "label": label}))
        return plan

    def position(self, position: dict, key: str, size: tuple[int, int]) -> tuple[float, float]:
        """(yaw, pitch) in degrees from ``{yaw, pitch}`` or ``{textureX, textureY}``."""
        if "textureX" in position or "textureY" in position:
            x, y = (self.number(position, name, key, None) for name in ("textureX", "textureY"))
            if x is None or y is None:
                self.fail(key, "needs both textureX and textureY")
            return (x / size[0] - 0.5) * 360.0, (0.5 - y / size[1]) * 180.0
        if "yaw" not in position or "pitch" not in position:
            self.fail(key, "needs yaw and pitch (or textureX and textureY)")
        return self.angle(position, "yaw", key, None), self.angle(position, "pitch", key, None)

    def angle(self, entry: dict, name: str, key: str, default):
        """An angle in degrees; PSV reads numbers as radians and strings with their unit."""
        if name not in entry:
            return default
        value = entry[name]
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return math.degrees(value)
        match = re.fullmatch(r"\s*(-?\d+(?:\.\d*)?|-?\.\d+)\s*(deg|degs|degrees|°|rad|rads|radians)?\s*",
                             value if isinstance(value, str) else "", re.I)
        if not match:
            self.fail(f"{key}.{name}", f"{value!r} is not an angle (a number of radians, or '30deg')")
        number = float(match.group(1))
        unit = (match.group(2) or "rad").lower()
        return number if unit.startswith("deg") or unit == "°" else math.degrees(number)


# -- Marzipano ------------------------------------------------------------------------
def import_marzipano(project: Project, path: str | os.PathLike, *, photos: str | os.PathLike | None = None,
                     replace: bool = False, lang: str | None = None,
                     progress: Progress | None = None) -> TourImport:
    """Add the scenes of a Marzipano tool export (its ``data.js``, ``var APP_DATA = {...}``)
    as halls.

    The tool keeps only cube tiles, so each scene's original photo is looked up by the
    scene's ``name`` (``Lobby`` -> ``Lobby.jpg``) in ``photos`` (default: the folder of
    ``data.js`` and its parent). ``initialViewParameters`` become the initial view (its
    vertical field of view is turned into a horizontal one for a 16:9 screen),
    ``linkHotspots`` hall links and ``infoHotspots`` notes. Marzipano's angles are
    radians with pitch positive downwards.
    """
    path = Path(path)
    reader = _Marzipano(path, _load_app_data(path), Path(photos) if photos else None)
    notes: list[str] = []
    plans = reader.plans(notes)
    name = reader.doc.get("name")
    return _apply(project, reader, plans, name if isinstance(name, str) else "", notes,
                  replace=replace, lang=lang, progress=progress)


MARZIPANO_ASPECT = 16 / 9  # the screen shape assumed when turning Marzipano's vertical fov into ours


def _load_app_data(path: Path):
    text = _read(path)
    match = re.search(r"APP_DATA\s*=\s*(\{.*\})\s*;?\s*$", text, re.S)
    if not match:
        raise ExhibitionError(f"{path}: not a Marzipano tour (no 'var APP_DATA = {{...}}')")
    body = match.group(1)
    try:
        return json.loads(body)
    except json.JSONDecodeError:
        pass
    # Reformatted copies drop the quotes around keys and add trailing commas (plain JavaScript).
    relaxed = re.sub(r",(\s*[}\]])", r"\1", body)
    relaxed = re.sub(r'([{,]\s*)([A-Za-z_][A-Za-z0-9_]*)\s*:', r'\1"\2":', relaxed)
    try:
        return json.loads(relaxed)
    except json.JSONDecodeError as e:  # offsets in the relaxed text would mislead: no line number
        raise ExhibitionError(f"{path}: APP_DATA is not a plain data object ({e.msg})") from None


class _Marzipano(_Reader):
    """A Marzipano tool's APP_DATA."""

    def __init__(self, path: Path, doc, photos: Path | None):
        self.path, self.doc = path, doc
        self.folders = [photos] if photos else [path.parent, path.parent.parent]
        if not isinstance(doc, dict) or not isinstance(doc.get("scenes"), list):
            self.fail("APP_DATA", "not a Marzipano tour (no \"scenes\" list)")
        self.scenes = doc["scenes"]
        if not self.scenes:
            self.fail("scenes", "the tour has no scenes")
        self.ids = {}
        for n, scene in enumerate(self.scenes):
            if not isinstance(scene, dict) or not isinstance(scene.get("id"), str):
                self.fail(f"scenes[{n}]", "must be an object with an \"id\"")
            self.ids[scene["id"]] = n

    def plans(self, notes: list[str]) -> list[ScenePlan]:
        return [self.scene(n, notes) for n in range(len(self.scenes))]

    def photo(self, scene: dict, key: str) -> Path:
        names = [n for n in (scene.get("name"), re.sub(r"^\d+-", "", scene["id"])) if isinstance(n, str) and n]
        for folder in self.folders:
            for name in names:
                for ext in (".jpg", ".jpeg", ".JPG", ".JPEG"):
                    if (folder / f"{name}{ext}").is_file():
                        return (folder / f"{name}{ext}").resolve()
        self.fail(key, f"no photo {names[0]}.jpg for this scene in {' or '.join(str(f) for f in self.folders)}",
                  hint="the Marzipano tool keeps only tiles: give the folder of the original photos (--photos)")

    def scene(self, n: int, notes: list[str]) -> ScenePlan:
        scene, key = self.scenes[n], f"scenes[{n}]"
        view = scene.get("initialViewParameters") or {}
        if not isinstance(view, dict):
            self.fail(f"{key}.initialViewParameters", "must be an object")
        vfov = self.number(view, "fov", f"{key}.initialViewParameters", math.pi / 2)
        hfov = min(120.0, math.degrees(2 * math.atan(MARZIPANO_ASPECT * math.tan(vfov / 2))))
        plan = ScenePlan(key, scene["id"], self.photo(scene, key), title=_plain(scene.get("name")),
                         view=model.View(math.degrees(self.number(view, "yaw", f"{key}.initialViewParameters", 0.0)),
                                         -math.degrees(self.number(view, "pitch", f"{key}.initialViewParameters",
                                                                   0.0)), round(hfov, 6)))
        for m, link in enumerate(self.entries(scene, "linkHotspots", key)):
            where = f"{key}.linkHotspots[{m}]"
            target = link.get("target")
            if target not in self.ids:
                self.fail(f"{where}.target", f"no scene {target!r} in this file")
            if target == scene["id"]:
                notes.append(f"{where}: skipped (links to its own scene)")
                continue
            plan.hotspots.append((where, {"to": target, **self.position(link, where)}))
        for m, info in enumerate(self.entries(scene, "infoHotspots", key)):
            where = f"{key}.infoHotspots[{m}]"
            title, text = _plain(info.get("title")), _plain(info.get("text"))
            if not (title or text):
                notes.append(f"{where}: skipped (an info hotspot with no text)")
                continue
            plan.hotspots.append((where, {"note": "\n".join(t for t in (title, text) if t),
                                          "label": title if text else "", **self.position(info, where)}))
        return plan

    def position(self, spot: dict, key: str) -> dict:
        for name in ("yaw", "pitch"):
            if name not in spot:
                self.fail(f"{key}.{name}", "is missing")
        return {"yaw": math.degrees(self.number(spot, "yaw", key, 0.0)),
                "pitch": -math.degrees(self.number(spot, "pitch", key, 0.0))}


def _image_size(path: Path, reader, key: str) -> tuple[int, int]:
    """The photo's pixel size, from its header (texture coordinates are in pixels)."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as im:
            return im.size
    except (OSError, UnidentifiedImageError) as e:
        reader.fail(key, f"{path}: unreadable image ({e})")


def _slugs(scene_ids: list[str]) -> dict[str, str]:
    """A hall slug for every scene id: lower case a-z, 0-9 and '-', unique."""
    result, used = {}, set()
    for n, scene_id in enumerate(scene_ids, 1):
        base = re.sub(r"[^a-z0-9]+", "-", scene_id.lower()).strip("-")[:60] or f"hall-{n}"
        slug, k = base, 2
        while slug in used:
            slug, k = f"{base}-{k}", k + 1
        used.add(slug)
        result[scene_id] = slug
    return result


def _texts(text: str, lang: str | None) -> tuple[str, str]:
    """``(zh, en)`` for a text of unknown language."""
    text = text or ""
    if lang == "zh" or (lang is None and _CJK.search(text)):
        return text, ""
    return "", text


class _TextOnly(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def _plain(text) -> str:
    """Pannellum hot spot texts may hold HTML: keep only the text."""
    if not isinstance(text, str):
        return ""
    if "<" not in text and "&" not in text:
        return text.strip()
    parser = _TextOnly()
    parser.feed(text)
    parser.close()
    return re.sub(r"\s+", " ", "".join(parser.parts)).strip()
