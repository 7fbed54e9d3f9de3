"""The declarative exhibition file: the whole exhibition as TOML (or YAML) text plus
the media files beside it, so an exhibition can live in version control.

:func:`export_exhibition_file` writes it, :func:`import_exhibition_file` reads it
back, replacing the project's exhibition in one transaction (all or nothing).
Media paths in the file are relative to the file. Catalog objects are named by
accession number; they must already be in the project's catalog. A file looks like::

    format = "yunzhan-exhibition"
    version = 1

    [exhibition]
    title_zh = "青铜时代"
    title_en = "The Bronze Age"
    default_tour = "main"          # optional
    floor_plan = "floor-plan.png"  # optional, with floor_plan_alt_zh / floor_plan_alt_en

    [[halls]]
    slug = "lobby"                 # a-z, 0-9 and '-'
    title_zh = "大厅"
    panorama = "panoramas/lobby.jpg"
    yaw = 0.0                      # initial view: yaw, pitch, fov (degrees)
    pin = [0.25, 0.5]              # optional floor plan pin (fractions of width, height)
    hotspots = [
        { yaw = 30.0, pitch = -5.0, to = "east", arrive_yaw = 180.0, label_zh = "去东厅" },
        { yaw = 90.0, pitch = 0.0, object = "1977.12" },
        { yaw = -60.0, pitch = 10.0, note_zh = "穹顶为 1931 年原物" },
    ]

    [[tours]]
    slug = "main"
    stops = ["lobby", { hall = "east", narration = "audio/east.mp3" },
             { hall = "west", yaw = 40.0, pitch = -5.0, fov = 70.0, object = "1977.12" }]
                                   # a stop's view (yaw, pitch, optional fov) and object are optional

3D exhibit scenes (``[[models]]``) and walkable virtual halls (``[[virtual_halls]]``)
are described in :mod:`scenes.exhibition_file_3d`. The whole file is checked against
the JSON Schema ``scenes/schema/exhibition-file.schema.json``; importing replaces the
halls, tours, model scenes and virtual halls.
"""

from __future__ import annotations

import hashlib
import mimetypes
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assets.errors import NotFound, YunzhanError
from assets.input_files import require_regular_file
from assets.media_store import MediaStore
from assets.panorama import panorama_facts
from assets.progress import Progress, null_progress
from assets.project import Project
from scenes import exhibition_file_3d as file_3d
from scenes import model, model_scenes, virtual_halls
from scenes.errors import ExhibitionError

FORMAT = "yunzhan-exhibition"
VERSION = 1
SUFFIXES = {".toml": "toml", ".yaml": "yaml", ".yml": "yaml"}
_HALL_KEYS = {"slug", "title_zh", "title_en", "description_zh", "description_en", "panorama", "panorama_fov",
              "yaw", "pitch", "fov", "north_offset", "horizon_pitch", "horizon_roll", "pin", "hotspots"}
_HOTSPOT_KEYS = {"yaw", "pitch", "to", "arrive_yaw", "arrive_pitch", "object", "note_zh", "note_en",
                 "label_zh", "label_en"}
_STOP_KEYS = {"hall", "narration", "yaw", "pitch", "fov", "object"}
_EXHIBITION_KEYS = {"title_zh", "title_en", "intro_zh", "intro_en", "default_tour", "floor_plan",
                    "floor_plan_alt_zh", "floor_plan_alt_en"}


# -- export ----------------------------------------------------------------------
def export_exhibition_file(project: Project, path: str | os.PathLike, *,
                           progress: Progress | None = None) -> Path:
    """Write the project's exhibition to ``path`` (.toml, .yaml or .yml) and its media
    files into folders beside it; unchanged media files are left as they are."""
    path = Path(path)
    kind = _kind(path)
    if not path.parent.is_dir():
        raise ExhibitionError(f"{path}: folder {path.parent} does not exist")
    progress = progress or null_progress()
    ex = model.load_exhibition(project)
    if not (ex.halls or virtual_halls.list_halls(project) or model_scenes.list_scenes(project)):
        raise ExhibitionError(f"{project.path}: the exhibition has no halls; nothing to export",
                              hint="add one with 'yunzhan hall add'")
    store = MediaStore(project)
    written: dict[str, str] = {}  # sha -> path relative to the file

    def media(sha: str, stem: str) -> str:
        if sha not in written:
            info = store.info(sha)
            rel = f"{stem}.{info.ext}"
            dest = path.parent / rel
            try:
                dest.parent.mkdir(parents=True, exist_ok=True)
                if not (dest.is_file() and dest.stat().st_size == info.size and _sha256(dest) == sha):
                    store.extract(sha, dest)
            except OSError as e:
                raise ExhibitionError(f"{dest}: cannot write ({e.strerror or e})") from None
            written[sha] = rel
        return written[sha]

    progress.start(len(ex.halls), "writing the exhibition file")
    doc: dict[str, Any] = {"format": FORMAT, "version": VERSION}
    meta = _drop_empty({"title_zh": ex.title_zh, "title_en": ex.title_en, "intro_zh": ex.intro_zh,
                        "intro_en": ex.intro_en, "default_tour": ex.default_tour})
    pins = {}
    if ex.floor_plan:
        meta["floor_plan"] = media(ex.floor_plan.media_sha, "floor-plan")
        info = store.info(ex.floor_plan.media_sha)
        meta.update(_drop_empty({"floor_plan_alt_zh": info.alt_zh, "floor_plan_alt_en": info.alt_en}))
        pins = {pin.hall: [pin.x, pin.y] for pin in ex.floor_plan.pins}
    doc["exhibition"] = meta
    doc["halls"] = []
    for hall in ex.halls:
        progress.check()
        entry = _drop_empty({"slug": hall.slug, "title_zh": hall.title_zh, "title_en": hall.title_en,
                             "description_zh": hall.description_zh, "description_en": hall.description_en})
        entry["panorama"] = media(hall.panorama_sha, f"panoramas/{hall.slug}")
        fov = _panorama_fov(project, hall.panorama_sha)
        if fov is not None:
            entry["panorama_fov"] = fov
        entry.update(yaw=hall.view.yaw, pitch=hall.view.pitch, fov=hall.view.fov)
        for key in ("north_offset", "horizon_pitch", "horizon_roll"):
            if getattr(hall, key):
                entry[key] = getattr(hall, key)
        if hall.slug in pins:
            entry["pin"] = pins[hall.slug]
        if hall.hotspots:
            entry["hotspots"] = [_hotspot_entry(spot) for spot in hall.hotspots]
        doc["halls"].append(entry)
        progress.advance()
    if ex.tours:
        doc["tours"] = []
        for tour in ex.tours:
            stops = [_stop_entry(stop, lambda sha, n=n: media(sha, f"narration/{tour.slug}-{n + 1}"))
                     for n, stop in enumerate(tour.stops)]
            doc["tours"].append(_drop_empty({"slug": tour.slug, "title_zh": tour.title_zh,
                                             "title_en": tour.title_en}) | {"stops": stops})
    models = file_3d.model_entries(project, media)
    if models:
        doc["models"] = models
    halls_3d = file_3d.virtual_hall_entries(project)
    if halls_3d:
        doc["virtual_halls"] = halls_3d
    _write_text(path, _dump(doc, kind))
    progress.finish()
    return path


def _stop_entry(stop: model.TourStop, narration_path) -> str | dict:
    """A stop as the file writes it: the hall's slug alone, or a table when it has more."""
    entry: dict[str, Any] = {"hall": stop.hall}
    if stop.narration_sha is not None:
        entry["narration"] = narration_path(stop.narration_sha)
    if stop.view is not None:
        entry.update(yaw=stop.view.yaw, pitch=stop.view.pitch, fov=stop.view.fov)
    if stop.object_accession is not None:
        entry["object"] = stop.object_accession
    return stop.hall if len(entry) == 1 else entry


def _hotspot_entry(spot: model.Hotspot) -> dict:
    entry: dict[str, Any] = {"yaw": spot.yaw, "pitch": spot.pitch}
    if spot.kind == model.HALL:
        entry["to"] = spot.target_hall
        entry.update(_drop_empty({"arrive_yaw": spot.arrive_yaw, "arrive_pitch": spot.arrive_pitch}))
    elif spot.kind == model.OBJECT:
        entry["object"] = spot.object_accession
    else:
        entry.update(_drop_empty({"note_zh": spot.note_zh, "note_en": spot.note_en}))
    entry.update(_drop_empty({"label_zh": spot.label_zh, "label_en": spot.label_en}))
    return entry


def _panorama_fov(project: Project, sha: str) -> float | None:
    """The horizontal coverage of a partial panorama given by field of view at import
    (GPano-tagged photos carry their own and full ones need none)."""
    try:
        facts = panorama_facts(project, sha)
    except NotFound:  # stored before panorama ingest recorded coverage
        return None
    return round(facts.hfov_deg, 6) if facts.source == "fov" else None


def _dump(doc: dict, kind: str) -> str:
    if kind == "toml":
        import tomli_w

        return "# Yunzhan exhibition file: 'yunzhan exhibition import PROJECT FILE' reads it.\n" + tomli_w.dumps(doc)
    import yaml

    return yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=100)


def _write_text(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".part")
    try:
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
    except OSError as e:
        tmp.unlink(missing_ok=True)
        raise ExhibitionError(f"{path}: cannot write ({e.strerror or e})") from None


def _drop_empty(d: dict) -> dict:
    return {k: v for k, v in d.items() if v not in (None, "")}


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


# -- import ----------------------------------------------------------------------
@dataclass
class _HallSpec:
    key: str
    fields: dict
    panorama: Path
    panorama_fov: float | None
    pin: tuple[float, float] | None
    hotspots: list[tuple[str, dict]] = field(default_factory=list)


def import_exhibition_file(project: Project, path: str | os.PathLike, *,
                           progress: Progress | None = None) -> model.Exhibition:
    """Replace the project's exhibition with the one in the file at ``path``.

    Everything is checked first, then written in one transaction: on any error the
    project is left exactly as it was. Errors name the file and the key
    (``halls[2].hotspots[0].to``) or line.
    """
    path = Path(path)
    progress = progress or null_progress()
    doc = _load(path)
    spec = _Spec(path, project, doc)
    progress.start(len(spec.halls) + 1, "importing the exhibition")
    with project.transaction(label="import exhibition"):
        model.clear_exhibition(project)
        shas = {}
        for hall in spec.halls:
            progress.check()
            shas[hall.key] = spec.wrap(hall.key + ".panorama", lambda: model.store_panorama(
                project, hall.panorama, fov_deg=hall.panorama_fov))
            progress.advance(message=f"hall {hall.fields['slug']}")
        meta = spec.exhibition
        if meta.get("floor_plan"):
            sha = spec.wrap("exhibition.floor_plan", lambda: model.store_image(project, meta["floor_plan"]))
            model.set_floor_plan(project, sha)
            MediaStore(project).set_alt(sha, zh=meta.get("floor_plan_alt_zh"), en=meta.get("floor_plan_alt_en"))
        for hall in spec.halls:
            spec.wrap(hall.key, lambda: model.add_hall(project, panorama_sha=shas[hall.key], **hall.fields))
            if hall.pin:
                spec.wrap(hall.key + ".pin", lambda: model.pin_hall(project, hall.fields["slug"], x=hall.pin[0],
                                                                    y=hall.pin[1]))
        for hall in spec.halls:
            for key, spot in hall.hotspots:
                spec.wrap(key, lambda: model.add_hotspot(project, hall.fields["slug"], **spot))
        for key, tour in spec.tours:
            stops = [model.TourStop(hall, spec.wrap(f"{key}.stops[{n}].narration",
                                                    lambda: _store_audio(project, narration)) if narration else None,
                                    view, accession)
                     for n, (hall, narration, view, accession) in enumerate(tour.pop("stops"))]
            spec.wrap(key, lambda: model.add_tour(project, stops=stops, default=tour["slug"] == meta.get("default_tour"),
                                                  **tour))
        model.set_exhibition(project, **{k: meta.get(k, "") for k in ("title_zh", "title_en", "intro_zh", "intro_en")})
        model_scenes.clear_scenes(project)
        spec.models.write(spec, _store_audio)
        virtual_halls.clear_halls(project)
        spec.virtual_halls.write(spec)
    progress.finish()
    return model.load_exhibition(project)


def _load(path: Path) -> dict:
    kind = _kind(path)
    require_regular_file(path, error=ExhibitionError, what="exhibition file")
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ExhibitionError(f"{path}: no such file") from None
    except OSError as e:
        raise ExhibitionError(f"{path}: cannot read ({e.strerror})") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise ExhibitionError(f"{path}: not UTF-8 text (byte {e.start})") from None
    if kind == "toml":
        try:
            doc = tomllib.loads(text)
        except tomllib.TOMLDecodeError as e:
            raise ExhibitionError(f"{path}: not valid TOML: {e}") from None
    else:
        import yaml

        try:
            doc = yaml.safe_load(text)
        except yaml.MarkedYAMLError as e:
            mark = e.problem_mark or e.context_mark
            where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
            raise ExhibitionError(f"{path}: not valid YAML: {where}{e.problem or e.context}") from None
        except yaml.YAMLError as e:
            raise ExhibitionError(f"{path}: not valid YAML: {e}") from None
    if not isinstance(doc, dict):
        raise ExhibitionError(f"{path}: not an exhibition file (expected a table of keys at the top)")
    return doc


def _kind(path: Path) -> str:
    try:
        return SUFFIXES[path.suffix.lower()]
    except KeyError:
        raise ExhibitionError(f"{path}: unknown exhibition file type '{path.suffix}'",
                              hint="use a .toml, .yaml or .yml file") from None


class _Spec:
    """The file's content checked key by key, before anything is written."""

    def __init__(self, path: Path, project: Project, doc: dict):
        self.path, self.project, self.base = path, project, path.parent
        if doc.get("format") != FORMAT:
            self.fail("format", f"must be \"{FORMAT}\"")
        if doc.get("version") != VERSION:
            self.fail("version", f"version {doc.get('version')!r} is not supported (this Yunzhan reads {VERSION})")
        self.known(doc, "", {"format", "version", "exhibition", "halls", "tours", "models", "virtual_halls"})
        file_3d.check_numbers(doc, "", self.fail)
        self.exhibition = self.table(doc, "exhibition", "exhibition")
        self.known(self.exhibition, "exhibition", _EXHIBITION_KEYS)
        for key in _EXHIBITION_KEYS - {"floor_plan"}:
            self.text(self.exhibition, key, f"exhibition.{key}")
        if "floor_plan" in self.exhibition:
            self.exhibition["floor_plan"] = self.file(self.exhibition, "floor_plan", "exhibition.floor_plan")
        halls = self.list(doc, "halls", "halls")
        if not (halls or doc.get("models") or doc.get("virtual_halls")):
            self.fail("halls", "the file has no halls (an exhibition needs at least one [[halls]] table)")
        self.halls = [self.hall(entry, f"halls[{n}]") for n, entry in enumerate(halls)]
        slugs = [h.fields["slug"] for h in self.halls]
        for n, slug in enumerate(slugs):
            if slug in slugs[:n]:
                self.fail(f"halls[{n}].slug", f"hall '{slug}' appears twice")
        for hall in self.halls:
            for key, spot in hall.hotspots:
                if spot.get("to") is not None and spot["to"] not in slugs:
                    self.fail(f"{key}.to", f"no hall '{spot['to']}' in this file")
        if self.exhibition.get("floor_plan") is None and any(h.pin for h in self.halls):
            self.fail(next(h.key for h in self.halls if h.pin) + ".pin", "a pin needs exhibition.floor_plan")
        self.tours = [self.tour(entry, f"tours[{n}]", slugs) for n, entry in enumerate(self.list(doc, "tours", "tours"))]
        default = self.exhibition.get("default_tour")
        if default and default not in [t["slug"] for _, t in self.tours]:
            self.fail("exhibition.default_tour", f"no tour '{default}' in this file")
        # The checks above give the panorama sections' own messages; the schema covers the rest.
        file_3d.check_schema(doc, self.fail)
        self.models = file_3d.ModelSpec(self, doc.get("models", []))
        self.virtual_halls = file_3d.VirtualHallSpec(self, doc.get("virtual_halls", []))

    def hall(self, entry, key: str) -> _HallSpec:
        entry = self.table({"h": entry}, "h", key)
        self.known(entry, key, _HALL_KEYS)
        fields = {"slug": self.slug(entry, f"{key}.slug")}
        for name in ("title_zh", "title_en", "description_zh", "description_en"):
            fields[name] = self.text(entry, name, f"{key}.{name}")
        fields["view"] = model.View(self.number(entry, "yaw", key, 0.0), self.number(entry, "pitch", key, 0.0),
                                    self.number(entry, "fov", key, model.DEFAULT_FOV))
        for name in ("north_offset", "horizon_pitch", "horizon_roll"):
            fields[name] = self.number(entry, name, key, 0.0)
        pin = None
        if "pin" in entry:
            value = entry["pin"]
            if not (isinstance(value, list) and len(value) == 2
                    and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in value)):
                self.fail(f"{key}.pin", "must be two numbers [x, y]")
            pin = (float(value[0]), float(value[1]))
        spec = _HallSpec(key, fields, self.file(entry, "panorama", f"{key}.panorama", required=True),
                         self.number(entry, "panorama_fov", key, None), pin)
        for n, spot in enumerate(self.list(entry, "hotspots", f"{key}.hotspots")):
            spec.hotspots.append((f"{key}.hotspots[{n}]", self.hotspot(spot, f"{key}.hotspots[{n}]")))
        return spec

    def hotspot(self, entry, key: str) -> dict:
        entry = self.table({"s": entry}, "s", key)
        self.known(entry, key, _HOTSPOT_KEYS)
        for name in ("yaw", "pitch"):
            if name not in entry:
                self.fail(f"{key}.{name}", "is missing")
        spot = {name: self.number(entry, name, key, None) for name in ("yaw", "pitch", "arrive_yaw", "arrive_pitch")}
        spot.update({name: self.text(entry, name, f"{key}.{name}") for name in ("note_zh", "note_en", "label_zh", "label_en")})
        spot["to"] = self.text(entry, "to", f"{key}.to") or None
        spot["object"] = self.text(entry, "object", f"{key}.object") or None
        targets = [k for k in ("to", "object") if spot[k]] + (["note"] if spot["note_zh"] or spot["note_en"] else [])
        if len(targets) != 1:
            self.fail(key, "give exactly one of 'to' (a hall), 'object' (an accession number) or 'note_zh'/'note_en'")
        if spot["object"]:
            if not self.project.db.execute("SELECT 1 FROM objects WHERE accession = ?", (spot["object"],)).fetchone():
                self.fail(f"{key}.object", f"no catalog object '{spot['object']}' in {self.project.path.name}")
        return spot

    def tour(self, entry, key: str, slugs: list[str]) -> tuple[str, dict]:
        entry = self.table({"t": entry}, "t", key)
        self.known(entry, key, {"slug", "title_zh", "title_en", "stops"})
        tour = {"slug": self.slug(entry, f"{key}.slug"), "title_zh": self.text(entry, "title_zh", f"{key}.title_zh"),
                "title_en": self.text(entry, "title_en", f"{key}.title_en"), "stops": []}
        for n, stop in enumerate(self.list(entry, "stops", f"{key}.stops")):
            where = f"{key}.stops[{n}]"
            if isinstance(stop, str):
                stop = {"hall": stop}
            stop = self.table({"s": stop}, "s", where)
            self.known(stop, where, _STOP_KEYS)
            hall = self.text(stop, "hall", f"{where}.hall")
            if hall not in slugs:
                self.fail(f"{where}.hall" if "hall" in stop else where, f"no hall '{hall}' in this file")
            narration = self.file(stop, "narration", f"{where}.narration") if "narration" in stop else None
            tour["stops"].append((hall, narration, self.stop_view(stop, where), self.stop_object(stop, where)))
        return key, tour

    def stop_view(self, stop: dict, where: str) -> model.View | None:
        """A stop's view: yaw and pitch together (fov optional), or none of them."""
        given = [name for name in ("yaw", "pitch", "fov") if name in stop]
        if not given:
            return None
        for name in ("yaw", "pitch"):
            if name not in stop:
                self.fail(f"{where}.{name}", f"is missing (a stop's view needs yaw and pitch; {given[0]} is given)")
        return model.View(self.number(stop, "yaw", where, None), self.number(stop, "pitch", where, None),
                          self.number(stop, "fov", where, model.DEFAULT_FOV))

    def stop_object(self, stop: dict, where: str) -> str | None:
        accession = self.text(stop, "object", f"{where}.object") or None
        if accession and not self.project.db.execute("SELECT 1 FROM objects WHERE accession = ?",
                                                     (accession,)).fetchone():
            self.fail(f"{where}.object", f"no catalog object '{accession}' in {self.project.path.name}")
        return accession

    # -- typed getters, each failing with the key --------------------------------
    def fail(self, key: str, problem: str):
        raise ExhibitionError(f"{self.path}: {key}: {problem}" if key else f"{self.path}: {problem}")

    def wrap(self, key: str, action):
        """Run one write step; an error in it is reported against ``key`` of the file."""
        try:
            return action()
        except YunzhanError as e:
            prefix = f"{self.project.path}: "
            message = e.message[len(prefix):] if e.message.startswith(prefix) else e.message
            raise ExhibitionError(f"{self.path}: {key}: {message}", hint=e.hint) from None

    def known(self, entry: dict, key: str, allowed: set[str]) -> None:
        for name in entry:
            if name not in allowed:
                self.fail(f"{key}.{name}" if key else name, "unknown key")

    def table(self, entry: dict, name: str, key: str) -> dict:
        value = entry.get(name, {})
        if not isinstance(value, dict):
            self.fail(key, "must be a table of keys")
        return dict(value)

    def list(self, entry: dict, name: str, key: str) -> list:
        value = entry.get(name, [])
        if not isinstance(value, list):
            self.fail(key, "must be a list")
        return value

    def text(self, entry: dict, name: str, key: str) -> str:
        value = entry.get(name, "")
        if not isinstance(value, str):
            self.fail(key, f"must be text, not {value!r} (put it in quotes)")
        return value

    def number(self, entry: dict, name: str, key: str, default):
        value = entry.get(name, default)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.fail(f"{key}.{name}", f"must be a number, not {value!r}")
        return float(value)

    def slug(self, entry: dict, key: str) -> str:
        value = self.text(entry, "slug", key)
        if not model.SLUG.match(value):
            self.fail(key, f"{value!r} is not a valid slug (1-64 of a-z, 0-9 and '-', not starting with '-')")
        return value

    def file(self, entry: dict, name: str, key: str, *, required: bool = False) -> Path | None:
        value = self.text(entry, name, key)
        if not value:
            if required:
                self.fail(key, "is missing")
            return None
        resolved = (self.base / value)
        if not resolved.is_file():
            self.fail(key, f"file {value} not found (looked in {self.base})")
        return resolved


def _store_audio(project: Project, path: Path) -> str:
    mime = mimetypes.guess_type(path.name)[0] or ""
    if not mime.startswith("audio/"):
        raise ExhibitionError(f"{path}: not an audio file (expected .mp3, .m4a, .ogg, .opus or .wav)")
    return MediaStore(project).add_file(path, kind="audio", mime=mime)
