"""3D models kept in a project: the original, a record, and cached derived files.

``import_model`` checks the offered file (:mod:`assets.models.sources`), makes the
web version and the pictures in a temporary folder, and only then stores the
original, the record and the derived files in one transaction: a bad model leaves
nothing behind. Derived files are cached under the original's hash and a key of
everything they depend on (pipeline version, units, up axis, profile), so a second
request, or a second import of the same file, costs nothing.

    from assets.models import store
    model = store.import_model(project, "scan.obj", units="mm")
    glb = store.web_glb(project, model.sha256, "mobile")   # made once, then cached
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import json
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from assets.errors import MediaError, NotFound
from assets.media_store import MediaStore
from assets.models import convert, sources
from assets.models.convert import Placement
from assets.models.preview import model_pictures
from assets.models.profiles import DEFAULT_PROFILE, Profile, profile as get_profile
from assets.models.web import WebModel, make_web_glb
from assets.progress import Progress, null_progress
from assets.project import Project

# Bump when the web pipeline changes what it writes: every cached file is remade.
PIPELINE_VERSION = 1
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class Model:
    sha256: str
    format: str
    main_name: str
    units: str
    up_axis: str
    source_triangles: int
    triangles: int
    bounds_min: tuple[float, float, float]
    bounds_max: tuple[float, float, float]

    @property
    def placement(self) -> Placement:
        return Placement(self.units, self.up_axis)

    @property
    def size(self) -> tuple[float, float, float]:
        return tuple(b - a for a, b in zip(self.bounds_min, self.bounds_max))

    @property
    def centre(self) -> tuple[float, float, float]:
        return tuple((a + b) / 2 for a, b in zip(self.bounds_min, self.bounds_max))


def cache_key(placement: Placement, profile: Profile) -> str:
    """A short hash of everything a derived file depends on besides the original."""
    text = json.dumps([PIPELINE_VERSION, placement.units, placement.up_axis, profile.max_triangles,
                       profile.texture_size, profile.max_bytes])
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def web_variant(placement: Placement, profile: Profile) -> str:
    return f"web-{profile.name}-{cache_key(placement, profile)}.glb"


def poster_variant(placement: Placement) -> str:
    return f"poster-{cache_key(placement, get_profile(DEFAULT_PROFILE))}.jpg"


def import_model(project: Project, path: Path, *, units: str = "auto", up: str = "auto",
                 progress: Progress | None = None) -> Model:
    """Check, convert and store the model at ``path`` with its desktop web version and
    pictures; return its record. Importing the same file again returns the record.

    :raises MediaError: the model (or a file it uses) is broken or unsafe; nothing is stored.
    """
    progress = progress or null_progress()
    progress.start(3, f"importing {Path(path).name}")
    source = sources.inspect_source(Path(path))
    convert.check_placement(units, up)
    original = _original_bytes(source)
    sha = hashlib.sha256(original).hexdigest()
    existing = find_model(project, sha)
    if existing is not None:
        progress.finish()
        return existing
    profile = get_profile(DEFAULT_PROFILE)
    with tempfile.TemporaryDirectory(prefix="yunzhan-model-") as tmp:
        workdir = Path(tmp)
        gltf, placement = convert.to_gltf(source, workdir, units=units, up=up)
        progress.advance(1, "making the web version")
        progress.check()
        web = make_web_glb(gltf, workdir, profile, placement, subject=source.path)
        progress.advance(1, "drawing the poster")
        progress.check()
        pictures = model_pictures(web.intermediate)
        with project.transaction(label="import model"):
            store = MediaStore(project)
            mime = sources.MIME[source.format] if len(source.files) == 1 else "application/zip"
            ext = source.format if len(source.files) == 1 else "zip"
            stored = store.add_bytes(original, kind="model", mime=mime, ext=ext, original_name=source.path.name)
            assert stored == sha
            _record(project, sha, source, placement, web)
            _put_derived(store, sha, placement, profile, web, pictures)
    progress.finish()
    return get_model(project, sha)


def _original_bytes(source: sources.ModelSource) -> bytes:
    """The file itself, or for a model with companions a zip of them all (names
    relative to the main file's folder; fixed dates, so the same files give the same hash)."""
    if len(source.files) == 1:
        return source.path.read_bytes()
    buffer = io.BytesIO()
    folder = source.folder.resolve()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as bundle:
        for file in source.files:
            info = zipfile.ZipInfo(file.resolve().relative_to(folder).as_posix(), date_time=_ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            bundle.writestr(info, file.read_bytes())
    return buffer.getvalue()


def _record(project: Project, sha: str, source, placement: Placement, web: WebModel) -> None:
    project.db.execute(
        "INSERT OR REPLACE INTO models(sha256, format, main_name, units, up_axis, source_triangles, triangles, "
        "min_x, min_y, min_z, max_x, max_y, max_z) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (sha, source.format, source.path.name, placement.units, placement.up_axis, web.source_triangles,
         web.triangles, *web.bounds_min, *web.bounds_max))


def _put_derived(store: MediaStore, sha: str, placement: Placement, profile: Profile, web: WebModel,
                 pictures: dict[str, bytes]) -> None:
    store.put_derived(sha, web_variant(placement, profile), web.glb.read_bytes())
    store.put_derived(sha, poster_variant(placement), pictures["poster.jpg"])
    # The names every media kind shares (catalog thumbnails, object pages).
    store.put_derived(sha, "thumb.jpg", pictures["thumb.jpg"])
    store.put_derived(sha, "display.jpg", pictures["display.jpg"])


def find_model(project: Project, sha: str) -> Model | None:
    """The record of model ``sha``, or ``None`` (a model stored before 3D records existed)."""
    row = project.db.execute(
        "SELECT sha256, format, main_name, units, up_axis, source_triangles, triangles, "
        "min_x, min_y, min_z, max_x, max_y, max_z FROM models WHERE sha256 = ?", (sha,)).fetchone()
    if row is None:
        return None
    return Model(*row[:7], tuple(row[7:10]), tuple(row[10:13]))


def get_model(project: Project, sha: str) -> Model:
    """The record of model ``sha``; :class:`NotFound` if there is none."""
    model = find_model(project, sha)
    if model is None:
        raise NotFound(f"no 3D model with hash {sha[:12]}…")
    return model


def list_models(project: Project) -> list[Model]:
    shas = [sha for (sha,) in project.db.execute("SELECT sha256 FROM models ORDER BY rowid")]
    return [get_model(project, sha) for sha in shas]


def web_glb(project: Project, sha: str, profile_name: str = DEFAULT_PROFILE) -> bytes:
    """The web GLB of model ``sha`` for a profile, made from the original and cached."""
    model = get_model(project, sha)
    profile = get_profile(profile_name)
    store = MediaStore(project)
    variant = web_variant(model.placement, profile)
    cached = store.get_derived(sha, variant)
    if cached is not None:
        return cached
    with tempfile.TemporaryDirectory(prefix="yunzhan-model-") as tmp:
        web = _remake(store, model, Path(tmp), profile)
        data = web.glb.read_bytes()
    store.put_derived(sha, variant, data)
    return data


def studio_glb(project: Project, sha: str) -> bytes:
    """The uncompressed web version of model ``sha`` (the same surface as the web GLB,
    readable by VTK): what the studio's 3D pane shows and picks on; cached."""
    model = get_model(project, sha)
    profile = get_profile(DEFAULT_PROFILE)
    store = MediaStore(project)
    variant = f"studio-{cache_key(model.placement, profile)}.glb"
    cached = store.get_derived(sha, variant)
    if cached is not None:
        return cached
    with tempfile.TemporaryDirectory(prefix="yunzhan-model-") as tmp:
        # the same simplification as the web GLB; no byte budget (nothing is downloaded)
        web = _remake(store, model, Path(tmp), dataclasses.replace(profile, max_bytes=2**40), compress=False)
        data = web.glb.read_bytes()
    store.put_derived(sha, variant, data)
    return data


def poster(project: Project, sha: str) -> bytes:
    """The poster JPEG of model ``sha`` (remade from the original if its cache is gone)."""
    model = get_model(project, sha)
    store = MediaStore(project)
    variant = poster_variant(model.placement)
    cached = store.get_derived(sha, variant)
    if cached is not None:
        return cached
    with tempfile.TemporaryDirectory(prefix="yunzhan-model-") as tmp:
        web = _remake(store, model, Path(tmp), get_profile(DEFAULT_PROFILE))
        data = model_pictures(web.intermediate)["poster.jpg"]
    store.put_derived(sha, variant, data)
    return data


def turntable(project: Project, sha: str) -> bytes:
    """An animated WebP of model ``sha`` turning once (made on first request, then cached)."""
    from assets.models.preview import turntable_webp

    model = get_model(project, sha)
    store = MediaStore(project)
    variant = f"turntable-{cache_key(model.placement, get_profile(DEFAULT_PROFILE))}.webp"
    cached = store.get_derived(sha, variant)
    if cached is not None:
        return cached
    with tempfile.TemporaryDirectory(prefix="yunzhan-model-") as tmp:
        glb = Path(tmp) / "studio.glb"
        glb.write_bytes(studio_glb(project, sha))
        data = turntable_webp(glb)
    store.put_derived(sha, variant, data)
    return data


def set_placement(project: Project, sha: str, *, units: str, up: str) -> Model:
    """Say what units and up axis model ``sha`` was made in; its web version and
    pictures are remade (an undoable edit)."""
    convert.check_placement(units, up)
    model = get_model(project, sha)
    placement = Placement(model.units if units == "auto" else units, model.up_axis if up == "auto" else up)
    profile = get_profile(DEFAULT_PROFILE)
    store = MediaStore(project)
    with tempfile.TemporaryDirectory(prefix="yunzhan-model-") as tmp:
        web = _remake(store, Model(**{**model.__dict__, "units": placement.units, "up_axis": placement.up_axis}),
                      Path(tmp), profile)
        pictures = model_pictures(web.intermediate)
        with project.transaction(label="set model units"):
            project.db.execute(
                "UPDATE models SET units = ?, up_axis = ?, triangles = ?, min_x = ?, min_y = ?, min_z = ?, "
                "max_x = ?, max_y = ?, max_z = ? WHERE sha256 = ?",
                (placement.units, placement.up_axis, web.triangles, *web.bounds_min, *web.bounds_max, sha))
            _put_derived(store, sha, placement, profile, web, pictures)
    return get_model(project, sha)


def _remake(store: MediaStore, model: Model, workdir: Path, profile: Profile, *, compress: bool = True) -> WebModel:
    """Unpack the stored original into ``workdir`` and make its web version."""
    info = store.info(model.sha256)
    data = store.read(model.sha256)
    folder = workdir / "original"
    folder.mkdir()
    if info.ext == "zip":
        with zipfile.ZipFile(io.BytesIO(data)) as bundle:
            for name in bundle.namelist():
                target = (folder / name).resolve()
                if not target.is_relative_to(folder.resolve()):  # never trust a stored zip's names
                    raise MediaError(f"{model.main_name}: stored bundle holds an unsafe name {name}")
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(bundle.read(name))
    else:
        (folder / model.main_name).write_bytes(data)
    source = sources.inspect_source(folder / model.main_name)
    gltf, placement = convert.to_gltf(source, workdir, units=model.units, up=model.up_axis)
    return make_web_glb(gltf, workdir, profile, placement, subject=Path(model.main_name), compress=compress)
