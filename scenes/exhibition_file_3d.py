"""The exhibition file's 3D sections and its JSON Schema check.

``[[models]]``: one 3D exhibit scene per model (named by its object's accession
number and the model's SHA-256): start camera, lighting, background, annotations
(position and normal on the surface, zh/en title and text, narration file) and
the annotation tour (pin numbers from 1)::

    [[models]]
    object = "M.1"
    sha256 = "9f2c…"
    lighting = "soft"
    background = "#20242a"
    camera = { position = [0.4, 0.3, 1.2], target = [0.0, 0.25, 0.0], fov = 40.0 }
    annotations = [{ position = [0.1, 0.3, 0.15], normal = [0.0, 0.0, 1.0], title_zh = "裂纹",
                     narration = "narration/model-9f2c-1.wav" }]
    tour = [1]

``[[virtual_halls]]``: a walkable hall: the room and each work, in order, a picture
on a wall (its centre ``along`` metres from the wall's left end, seen from inside)
or a 3D work's plinth at floor point (x, z)::

    [[virtual_halls]]
    slug = "gallery"
    room = { width = 12.0, depth = 8.0, height = 3.6, wall_colour = "#efebe4", floor = "wood", light = "warm" }
    works = [{ object = "P.1", wall = "north", along = 1.2 }, { object = "M.1", x = -2.0, z = -0.5 }]

The whole file is checked against ``scenes/schema/exhibition-file.schema.json``;
the first problem is reported in one line naming its key (``models[0].camera.fov``).
"""

from __future__ import annotations

import json
import math
import re
from functools import lru_cache
from importlib import resources
from typing import Any, Callable

from assets.project import Project
from scenes import model_scenes, virtual_halls

SCHEMA_FILE = "exhibition-file.schema.json"
_TYPES = {"number": "a number", "integer": "a whole number", "string": "text", "array": "a list",
          "object": "a table of keys", "boolean": "true or false"}
_PATTERNS = {"^[a-z0-9][a-z0-9-]{0,63}$": "is not a valid slug (1-64 of a-z, 0-9 and '-', not starting with '-')",
             "^#[0-9a-fA-F]{6}$": "is not a colour like #efebe4",
             "^[0-9a-f]{64}$": "is not a SHA-256 (64 of 0-9 and a-f)"}
_LARGEST = 1e12  # metres or degrees beyond this are typing errors (and overflow floats)


# -- export ----------------------------------------------------------------------
def model_entries(project: Project, media: Callable[[str, str], str]) -> list[dict]:
    """The ``[[models]]`` tables: each model linked to a catalog object whose scene was
    set or that has annotations. ``media(sha, stem)`` writes a file, returns its path."""
    out = []
    for scene in model_scenes.list_scenes(project):
        sha = scene.model.sha256
        accession = model_scenes.object_of_model(project, sha)
        if accession is None or not (scene.stored or scene.annotations):
            continue
        entry: dict[str, Any] = {"object": accession, "sha256": sha}
        if scene.stored:
            entry["camera"] = {"position": list(scene.camera.position), "target": list(scene.camera.target),
                               "fov": scene.camera.fov}
            entry.update(lighting=scene.lighting, background=scene.background)
        if scene.annotations:
            entry["annotations"] = [_annotation_entry(a, lambda s, a=a: media(s, f"narration/model-{sha[:12]}-{a.number}"))
                                    for a in scene.annotations]
            numbers = {a.id: a.number for a in scene.annotations}
            entry["tour"] = [numbers[i] for i in scene.tour]
        out.append(entry)
    return out


def _annotation_entry(note: model_scenes.Annotation, narration: Callable[[str], str]) -> dict:
    entry: dict[str, Any] = {"position": list(note.position), "normal": list(note.normal)}
    for name in ("title_zh", "title_en", "text_zh", "text_en"):
        if getattr(note, name):
            entry[name] = getattr(note, name)
    if note.narration_sha:
        entry["narration"] = narration(note.narration_sha)
    return entry


def virtual_hall_entries(project: Project) -> list[dict]:
    """The ``[[virtual_halls]]`` tables."""
    out = []
    for hall in virtual_halls.list_halls(project):
        entry: dict[str, Any] = {"slug": hall.slug}
        entry.update({k: v for k, v in (("title_zh", hall.title_zh), ("title_en", hall.title_en)) if v})
        entry["room"] = {"width": hall.width, "depth": hall.depth, "height": hall.height,
                         "wall_colour": hall.wall_colour, "floor": hall.floor, "light": hall.light}
        entry["works"] = [{"object": p.accession, "wall": p.wall, "along": p.along} if p.wall else
                          {"object": p.accession, "x": p.x, "z": p.z} for p in virtual_halls.placements(hall)]
        out.append(entry)
    return out


# -- checking ----------------------------------------------------------------------
def check_numbers(value: Any, key: str, fail: Callable[[str, str], None]) -> None:
    """Every number in ``value`` is finite and of a sane size (NaN and inf pass a JSON
    Schema's ``number``; a 400-digit integer overflows a float)."""
    if isinstance(value, bool):
        return
    if isinstance(value, (int, float)):
        if (isinstance(value, float) and not math.isfinite(value)) or abs(value) > _LARGEST:
            fail(key, f"{_short(value)} is not a usable number")
    elif isinstance(value, dict):
        for name, item in value.items():
            check_numbers(item, f"{key}.{_name(name)}" if key else _name(name), fail)
    elif isinstance(value, list):
        for n, item in enumerate(value):
            check_numbers(item, f"{key}[{n}]", fail)


def check_schema(doc: dict, fail: Callable[[str, str], None]) -> None:
    """``fail(key, problem)`` with the first way ``doc`` breaks the exhibition file's schema."""
    from jsonschema.exceptions import best_match

    error = best_match(_validator().iter_errors(doc))
    if error is None:
        return
    key = _key(error.absolute_path)
    value, kind, expected = error.instance, error.validator, error.validator_value
    if kind == "required":
        missing = next(n for n in expected if n not in value)
        fail(f"{key}.{missing}" if key else missing, "is missing")
    elif kind == "additionalProperties":
        extra = next(n for n in value if n not in error.schema.get("properties", {}))
        fail(f"{key}.{_name(extra)}" if key else _name(extra), "unknown key")
    elif kind == "dependentRequired":
        given, needed = next((g, [n for n in need if n not in value]) for g, need in expected.items()
                             if g in value and any(n not in value for n in need))
        fail(f"{key}.{needed[0]}", f"is missing ({given} is given)")
    elif kind == "type":
        problem = f"must be {_TYPES.get(expected, expected)}, not {_short(value)}"
        fail(key, problem + (" (put it in quotes)" if expected == "string" and not isinstance(value, (dict, list))
                             else ""))
    elif kind in ("enum", "const"):
        choices = expected if kind == "enum" else [expected]
        fail(key, f"{_short(value)} is not one of: " + ", ".join(str(c) for c in choices))
    elif kind == "pattern":
        fail(key, f"{_short(value)} {_PATTERNS.get(expected, 'is not valid')}")
    elif kind in ("minimum", "maximum"):
        lo, hi = error.schema.get("minimum", "-∞"), error.schema.get("maximum", "∞")
        fail(key, f"{_short(value)} is out of range ({lo} to {hi})")
    elif kind in ("minItems", "maxItems"):
        size = error.schema.get("minItems")
        fail(key, f"must be {size} numbers" if size == error.schema.get("maxItems") else f"needs {kind} {expected}")
    elif kind == "uniqueItems":
        fail(key, "names the same pin twice")
    elif kind == "oneOf" and error.absolute_path and "stops" in error.absolute_path:
        fail(key, "must be a hall's slug or a table with 'hall'")
    else:
        fail(key, _short(error.message, 100))


@lru_cache(maxsize=1)
def _validator():
    import jsonschema

    schema = json.loads(resources.files("scenes").joinpath("schema", SCHEMA_FILE).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def _key(path) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{_name(part)}" if out else _name(part))
    return out


def _name(name: Any) -> str:
    name = str(name)
    return name if re.fullmatch(r"[A-Za-z0-9_-]{1,40}", name) else _short(name)


def _short(value: Any, limit: int = 40) -> str:
    text = repr(value)
    return (text if len(text) <= limit else text[:limit - 1] + "…").replace("\n", "\\n")


class ModelSpec:
    """The ``[[models]]`` tables checked against the project (after the schema)."""

    def __init__(self, spec, entries: list[dict]):
        self.entries = []
        seen: dict[str, str] = {}
        for n, entry in enumerate(entries):
            key = f"models[{n}]"
            accession = entry["object"]
            oid = spec.project.db.execute("SELECT id FROM objects WHERE accession = ?", (accession,)).fetchone()
            if oid is None:
                spec.fail(f"{key}.object", f"no catalog object '{accession}' in {spec.project.path.name}")
            shas = model_scenes.models_of_object(spec.project, oid[0])
            sha = entry.get("sha256") or (shas[0] if shas else None)
            if sha is None:
                spec.fail(f"{key}.object", f"catalog object '{accession}' has no 3D model")
            if sha not in shas:
                spec.fail(f"{key}.sha256", f"is not a 3D model of object '{accession}'")
            if sha in seen:
                spec.fail(key, f"the model of object '{accession}' is already in {seen[sha]}")
            seen[sha] = key
            notes = entry.get("annotations", [])
            narrations = [spec.file(a, "narration", f"{key}.annotations[{i}].narration") for i, a in enumerate(notes)]
            for i, number in enumerate(entry.get("tour", [])):
                if number > len(notes):
                    spec.fail(f"{key}.tour[{i}]", f"there is no annotation {number} (the model has {len(notes)})")
            self.entries.append((key, sha, entry, narrations))

    def write(self, spec, store_audio: Callable) -> None:
        project = spec.project
        for key, sha, entry, narrations in self.entries:
            if "camera" in entry:
                camera = entry["camera"]
                spec.wrap(f"{key}.camera", lambda: model_scenes.set_start_camera(
                    project, sha, position=camera["position"], target=camera["target"], fov=camera.get("fov")))
            if "lighting" in entry or "background" in entry:
                spec.wrap(key, lambda: model_scenes.set_look(project, sha, lighting=entry.get("lighting"),
                                                             background=entry.get("background")))
            ids = []
            for i, (note, narration) in enumerate(zip(entry.get("annotations", []), narrations)):
                where = f"{key}.annotations[{i}]"
                audio = spec.wrap(f"{where}.narration", lambda: store_audio(project, narration)) if narration else None
                ids.append(spec.wrap(where, lambda: model_scenes.add_annotation(
                    project, sha, position=note["position"], normal=note["normal"], narration_sha=audio,
                    **{k: note.get(k, "") for k in ("title_zh", "title_en", "text_zh", "text_en")})).id)
            if "tour" in entry:
                spec.wrap(f"{key}.tour", lambda: model_scenes.set_annotation_tour(
                    project, sha, [ids[number - 1] for number in entry["tour"]]))


class VirtualHallSpec:
    """The ``[[virtual_halls]]`` tables (placed and checked by the library on writing)."""

    def __init__(self, spec, entries: list[dict]):
        self.entries = []
        slugs: list[str] = []
        for n, entry in enumerate(entries):
            if entry["slug"] in slugs:
                spec.fail(f"virtual_halls[{n}].slug", f"virtual hall '{entry['slug']}' appears twice")
            slugs.append(entry["slug"])
            for i, work in enumerate(entry["works"]):
                if not spec.project.db.execute("SELECT 1 FROM objects WHERE accession = ?",
                                               (work["object"],)).fetchone():
                    spec.fail(f"virtual_halls[{n}].works[{i}].object",
                              f"no catalog object '{work['object']}' in {spec.project.path.name}")
            self.entries.append((f"virtual_halls[{n}]", entry))

    def write(self, spec) -> None:
        for key, entry in self.entries:
            works = [virtual_halls.Placement(w["object"], w.get("wall"), w.get("along"), w.get("x"), w.get("z"))
                     for w in entry["works"]]
            spec.wrap(key, lambda: virtual_halls.restore_hall(
                spec.project, slug=entry["slug"], title_zh=entry.get("title_zh", ""),
                title_en=entry.get("title_en", ""), works=works, **entry["room"]))
