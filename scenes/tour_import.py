"""Import an existing Pannellum tour configuration into the project's exhibition.

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
import os
import re
from dataclasses import dataclass
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
    progress = progress or null_progress()
    reader = _Pannellum(path, _load_json(path))
    scenes = reader.scenes()
    progress.start(len(scenes) + 1, "importing the tour")
    notes: list[str] = []
    slugs = _slugs([scene_id for scene_id, _ in scenes])
    plans = [reader.scene(scene_id, cfg, scenes, notes) for scene_id, cfg in scenes]
    reader.project = project
    with project.transaction():
        if replace:
            model.clear_exhibition(project)
        taken = {h.slug for h in model.list_halls(project)}
        for scene_id, _ in scenes:
            if slugs[scene_id] in taken:
                reader.fail(f"scenes.{scene_id}", f"hall '{slugs[scene_id]}' already exists in {project.path.name}",
                            hint="import with --replace, or remove that hall first")
        for plan in plans:
            progress.check()
            sha = reader.wrap(f"scenes.{plan['id']}.panorama",
                              lambda: model.store_panorama(project, plan["panorama"], fov_deg=plan["haov"]))
            zh, en = _texts(plan["title"], lang)
            reader.wrap(f"scenes.{plan['id']}", lambda: model.add_hall(
                project, slug=slugs[plan["id"]], title_zh=zh, title_en=en, panorama_sha=sha, view=plan["view"],
                north_offset=plan["north"], horizon_pitch=plan["horizon_pitch"],
                horizon_roll=plan["horizon_roll"]))
            progress.advance(message=f"hall {slugs[plan['id']]}")
        count = 0
        for plan in plans:
            for key, spot in plan["hotspots"]:
                label_zh, label_en = _texts(spot.pop("label"), lang)
                note_zh, note_en = _texts(spot.pop("note"), lang)
                if spot.get("to") is not None:
                    spot["to"] = slugs[spot["to"]]
                reader.wrap(key, lambda: model.add_hotspot(project, slugs[plan["id"]], label_zh=label_zh,
                                                           label_en=label_en, note_zh=note_zh, note_en=note_en,
                                                           **spot))
                count += 1
        title = reader.default.get("title")
        if isinstance(title, str) and title.strip():
            current = model.load_exhibition(project)
            if not (current.title_zh or current.title_en):
                zh, en = _texts(title, lang)
                model.set_exhibition(project, title_zh=zh, title_en=en)
    progress.finish()
    return TourImport(tuple(slugs[s] for s, _ in scenes), count, tuple(notes))


def _load_json(path: Path):
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ExhibitionError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as e:
        raise ExhibitionError(f"{path}: cannot read ({getattr(e, 'strerror', None) or e})") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as e:
        raise ExhibitionError(f"{path}: not valid JSON: line {e.lineno}, column {e.colno}: {e.msg}") from None


class _Pannellum:
    """A Pannellum configuration, read key by key with errors naming the key."""

    def __init__(self, path: Path, doc):
        self.path = path
        self.project: Project | None = None
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

    def scene(self, scene_id: str, cfg: dict, scenes, notes: list[str]) -> dict:
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
        plan = {
            "id": scene_id, "panorama": file, "haov": haov if haov < 360 else None,
            "title": cfg.get("title") if isinstance(cfg.get("title"), str) else "",
            "view": model.View(self.number(cfg, "yaw", key, 0.0), self.number(cfg, "pitch", key, 0.0),
                               self.number(cfg, "hfov", key, PANNELLUM_HFOV)),
            "north": self.number(cfg, "northOffset", key, 0.0),
            "horizon_pitch": self.number(cfg, "horizonPitch", key, 0.0),
            "horizon_roll": self.number(cfg, "horizonRoll", key, 0.0),
            "hotspots": [],
        }
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
                     "label": _plain(spot.get("text")), "note": ""}
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
            plan["hotspots"].append((where, entry))
        return plan

    # -- helpers -------------------------------------------------------------------
    def fail(self, key: str, problem: str, *, hint: str | None = None):
        raise ExhibitionError(f"{self.path}: {key}: {problem}" if key else f"{self.path}: {problem}", hint=hint)

    def wrap(self, key: str, action):
        try:
            return action()
        except YunzhanError as e:
            prefix = f"{self.project.path}: " if self.project else None
            message = e.message[len(prefix):] if prefix and e.message.startswith(prefix) else e.message
            raise ExhibitionError(f"{self.path}: {key}: {message}", hint=e.hint) from None

    def object(self, doc: dict, name: str) -> dict:
        value = doc.get(name, {})
        if not isinstance(value, dict):
            self.fail(name, "must be a JSON object")
        return value

    def number(self, cfg: dict, name: str, key: str, default):
        value = cfg.get(name, default)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.fail(f"{key}.{name}", f"must be a number, not {value!r}")
        return float(value)


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
