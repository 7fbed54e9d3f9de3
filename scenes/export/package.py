"""Planning and writing a whole web exhibition package (see :mod:`scenes.export`)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Iterable

from assets.errors import ToolMissing
from assets.findings import ERROR
from assets.media_store import MediaStore
from assets.progress import Progress, null_progress
from assets.project import Project
from scenes.contribution import Contribution
from scenes.export.credits import plan_credits
from scenes.export import collection_pages
from scenes.export.collection import published_ids
from scenes.export.derived import DerivedCache
from scenes.export.fingerprint import fingerprint, reusable, write_record
from scenes.export.errors import ExportError
from scenes.export.halls import publish_halls
from scenes.export.home_sections import home_sections
from scenes.export.narration import printed_guide, publish_narrations
from scenes.export.replay_pages import plan_replay_pages
from scenes.opendata.urls import object_slug
from scenes.export import virtual
from scenes.export.models import publish_models
from scenes.export.layout import MANIFEST, MARKER, SERVICE_WORKER, VIEWER_JSON, VIEWER_SCRIPT
from scenes.export.deepzoom import publish_deepzoom
from scenes.export.objects import PLAN_SIDE, publish_as_stored, publish_image, publish_objects
from scenes.export.offline import ICON_SVG, icon_png, package_version, service_worker, web_manifest
from scenes.export.plan import ExportPlan, SizeReport, human_size
from scenes.export.site_pages import plan_pages
from scenes.export.sitemap_plan import plan_harvestable
from scenes.export.viewer_data import viewer_json, viewer_json_text, viewer_script_text
from scenes.export.web_bundle import web_files
from scenes.export.writer import check_output_folder, check_zip_path, write_package, write_zip

# "kiosk": mobile-sized tiles, plus the viewer, its data and each hall's tiles as
# classic scripts, so the halls also work from disk (file://: USB sticks, kiosks).
PROFILES = ("full", "mobile", "kiosk")
TILE_PROFILE = {"full": "full", "mobile": "mobile", "kiosk": "mobile"}
MOBILE_LIMIT = 50 * 1000 * 1000


@dataclass(frozen=True)
class ExportReport:
    """What an export wrote."""
    out_dir: Path
    sizes: SizeReport
    halls: int
    objects: int
    profile: str
    zip_path: Path | None = None
    zip_size: int | None = None
    warnings: tuple[str, ...] = field(default=())

    def lines(self) -> list[str]:
        """The size report and warnings, as printed by ``yunzhan export``."""
        out = [f"{self.out_dir}: {self.halls} halls, {self.objects} objects ({self.profile} profile)"]
        out += ["  " + line for line in self.sizes.lines()]
        if self.zip_path is not None:
            out.append(f"  zip: {self.zip_path} ({human_size(self.zip_size or 0)})")
        out += [f"warning: {w}" for w in self.warnings]
        return out


@dataclass
class PlannedPackage:
    plan: ExportPlan
    halls: int
    objects: int
    warnings: list[str]


def check_exportable(project: Project) -> list[str]:
    """Refuse an exhibition whose package would be broken (``yunzhan check``'s errors);
    returns its warnings as text.

    :raises ExportError: naming the first error and how many there are.
    """
    from scenes.validation import NO_HALLS, check_exhibition

    findings = check_exhibition(project)
    # a project with a catalog and no halls yet publishes its collection alone
    has_catalog = project.db.execute("SELECT 1 FROM objects LIMIT 1").fetchone() is not None
    errors = [f for f in findings if f.severity == ERROR or (f == NO_HALLS and not has_catalog)]
    if errors:
        more = f" (and {len(errors) - 1} more; see 'yunzhan check')" if len(errors) > 1 else ""
        raise ExportError(f"{project.path}: cannot export: {errors[0].where}: {errors[0].message}{more}")
    return [f"{f.where}: {f.message}" for f in findings if f.severity != ERROR]


def plan_package(project: Project, *, base_url: str | None = None, profile: str = "full",
                 contributions: Iterable[Contribution] = (), folder_name: str = "DIR",
                 progress: Progress | None = None, rights: Iterable[str] | None = None) -> PlannedPackage:
    """Everything the package will hold (tiles are made now if not cached; nothing is
    written to the output folder).

    :param rights: publish, besides the objects shown in halls, only catalog objects
        whose rights are one of these licences (scenes.export.collection).
    """
    from assets.catalog import Catalog
    from scenes.model import load_exhibition
    from scenes.opendata.urls import normalise_base_url, object_page_path, slug_clashes

    progress = progress or null_progress()
    if profile not in PROFILES:
        raise ExportError(f"unknown profile {profile!r} (use {' or '.join(PROFILES)})")
    base_url = normalise_base_url(base_url)
    contributions = list(contributions)
    warnings: list[str] = check_exportable(project)
    exhibition = load_exhibition(project)
    catalog = Catalog(project)
    exhibited_ids = set(exhibition.object_ids) | set(virtual.object_ids(project))
    objects = catalog.rows(published_ids(project, [*exhibition.object_ids, *virtual.object_ids(project)],
                                         rights=list(rights) if rights else None))
    exhibited = [o for o in objects if o.id in exhibited_ids]
    clashes = slug_clashes(obj.accession for obj in objects)
    if clashes:
        a, b = clashes[0]
        raise ExportError(f"{project.path}: objects {a!r} and {b!r} would share the page {object_page_path(a)}",
                          hint="accession numbers in one exhibition must differ by more than letter case")
    for obj in objects:
        obj.media = catalog.media_of(obj.id)
    store = MediaStore(project)
    cache = DerivedCache(project)
    plan = ExportPlan()

    kiosk = profile == "kiosk"
    for name, path in web_files().items():
        if kiosk or not name.startswith("viewer-classic."):
            plan.add_file(f"assets/{name}", path)
    plan.add_text("assets/icon.svg", ICON_SVG)
    plan.add_bytes("assets/icon-192.png", icon_png(192))
    plan.add_bytes("assets/icon-512.png", icon_png(512))

    halls = publish_halls(project, exhibition, plan, cache, profile=TILE_PROFILE[profile], kiosk=kiosk,
                          progress=progress)
    object_media = publish_objects(store, cache, plan, objects, profile=TILE_PROFILE[profile], progress=progress)
    if profile == "full":  # mobile packages keep under their size goal; kiosk ones open from disk
        object_media = publish_deepzoom(project, plan, object_media, base_url=base_url, progress=progress)
    models = publish_models(store, cache, plan, objects, object_media, profile=TILE_PROFILE[profile],
                            progress=progress)
    virtual_halls = virtual.publish_virtual_halls(project, cache, plan, progress=progress)
    site_title = {"zh": exhibition.title_zh or "云展", "en": exhibition.title_en or "Yunzhan exhibition"}
    virtual_entries = virtual.plan_virtual_pages(project, plan, virtual_halls, site_title=site_title, kiosk=kiosk)
    media_paths: dict[str, str] = {}
    floor_plan_image = None
    if exhibition.floor_plan is not None:
        floor_plan_image = publish_image(store, cache, plan, exhibition.floor_plan.media_sha, PLAN_SIDE, "plan")
        media_paths[exhibition.floor_plan.media_sha] = floor_plan_image.path
    for tour in exhibition.tours:
        for stop in tour.stops:
            if stop.narration_sha and stop.narration_sha not in media_paths:
                media_paths[stop.narration_sha] = publish_as_stored(store, cache, plan, stop.narration_sha)

    narrations = publish_narrations(project, exhibition, objects, plan,
                                    lambda sha: _published(media_paths, sha, store, cache, plan))

    progress.start(None, "open data")
    viewer_doc = viewer_json(exhibition, exhibited, halls, object_media, kiosk=kiosk, floor_plan=floor_plan_image)
    if narrations.tour:
        viewer_doc["tour"] = narrations.tour
    for accession, spoken in narrations.objects.items():
        card = viewer_doc["objects"].get(object_slug(accession))
        if card is not None:
            card["narration"] = {lang: {k: n[k] for k in ("audio", "vtt", "transcript")} for lang, n in spoken.items()}
    plan.add_text(VIEWER_JSON, viewer_json_text(viewer_doc))
    if kiosk:
        plan.add_text(VIEWER_SCRIPT, viewer_script_text(viewer_doc))
    open_data = _plan_open_data(project, plan, cache, exhibition, objects, halls, object_media, media_paths,
                                base_url, contributions, warnings, progress, models, virtual_entries,
                                exhibited=exhibited, guide=narrations)

    progress.start(None, "pages")
    sections = home_sections(contributions)
    if virtual_entries:
        sections.insert(0, {"section": "virtual_halls", "heading": {"zh": "虚拟展厅", "en": "Virtual halls"},
                            "entries": [{"title": e["title"] if e["title"]["zh"] or e["title"]["en"]
                                         else {"zh": e["slug"], "en": e["slug"]}, "href": e["page"], "when": None}
                                        for e in virtual_entries]})
    collection = collection_pages.prepare(objects, object_media)
    plan_pages(plan, exhibition=exhibition, objects=objects, halls=halls, object_media=object_media,
               floor_plan_image=floor_plan_image, sections=sections, open_data=open_data,
               base_url=base_url, museum=open_data["museum"], folder_name=folder_name,
               media_paths=media_paths, kiosk=kiosk, narrations=narrations, models=models,
               featured=len(exhibited), related=collection.related)
    plan_credits(plan, project, objects, site_title=site_title, kiosk=kiosk)
    collection_pages.plan_collection(plan, collection, site_title=site_title, kiosk=kiosk)

    plan_replay_pages(plan, contributions, site_title=site_title, kiosk=kiosk, base_url=base_url)
    _plan_contributed_files(plan, contributions)
    plan_harvestable(plan, project, exhibition=exhibition, objects=objects, museum=open_data["museum"],
                     base_url=base_url, iiif_paths=open_data["iiif_paths"])
    title = exhibition.title_zh or exhibition.title_en or "云展"
    plan.add_text(MANIFEST, web_manifest(name=title, short_name=title, lang="zh-Hans",
                                         description=exhibition.intro_zh or exhibition.intro_en or ""))
    precache = [p for p in plan.paths() if _precached(p)]
    # object pictures are what a visitor reads offline; audio and deeper tiles are cached when fetched
    precache += [m.path for media in object_media.values() for m in media if m.kind == "image"]
    precache += [m.thumbnail for media in object_media.values() for m in media if m.thumbnail]
    precache = collection_pages.precached(precache, objects, exhibited, object_media)
    if floor_plan_image is not None:
        precache.append(floor_plan_image.path)
    for files in halls.values():
        precache += files.precache
    version = package_version({p: (f.data if f.data is not None else _file_stamp(f.source))
                               for p, f in plan.files.items()})
    plan.add_text(SERVICE_WORKER, service_worker(precache, version))

    total = plan.sizes().total
    if profile in ("mobile", "kiosk") and total > MOBILE_LIMIT:
        warnings.append(f"the {profile} package is {human_size(total)}, over the {human_size(MOBILE_LIMIT)} goal")
    return PlannedPackage(plan, len(exhibition.halls), len(objects), warnings)


def _published(media_paths: dict[str, str], sha: str, store, cache, plan) -> str:
    if sha not in media_paths:
        media_paths[sha] = publish_as_stored(store, cache, plan, sha)
    return media_paths[sha]


def export_package(project: Project, out_dir: str | Path, *, base_url: str | None = None, profile: str = "full",
                   zip_path: str | Path | None = None, contributions: Iterable[Contribution] = (),
                   progress: Progress | None = None, rights: Iterable[str] | None = None) -> ExportReport:
    """Write the exhibition's static web package to ``out_dir`` (and a zip of it to
    ``zip_path``). The package is built beside ``out_dir`` and renamed into place:
    on any error the output folder is left as it was.

    :raises ExportError: the exhibition has errors (no halls, a dangling hotspot...),
        ``out_dir`` holds something other than a previous package, a bad profile.
    :raises ToolMissing: the web front end is not built (``make web``).
    """
    out_dir = Path(out_dir)
    check_output_folder(out_dir)  # before the (possibly long) planning
    if zip_path is not None:
        check_zip_path(Path(zip_path))
    contributions = list(contributions)
    key = fingerprint(project, contributions=contributions, options={
        "base_url": base_url, "profile": profile, "rights": sorted(rights or ()), "folder": out_dir.name})
    record = reusable(project, out_dir, key)
    if record is not None:  # nothing changed: the package on disk is the one that would be written
        zip_size = write_zip(out_dir, Path(zip_path)) if zip_path is not None else None
        r = record["report"]
        sizes = SizeReport(r["bytes"], r["files"])
        sizes.bytes["app"] += (out_dir / MARKER).stat().st_size
        sizes.files["app"] += 1
        return ExportReport(out_dir, sizes, r["halls"], r["objects"], profile,
                            Path(zip_path) if zip_path is not None else None, zip_size, tuple(r["warnings"]))
    planned = plan_package(project, base_url=base_url, profile=profile, contributions=contributions,
                           folder_name=out_dir.name, progress=progress, rights=rights)
    write_package(planned.plan, out_dir, progress=progress)
    written = planned.plan.sizes()
    write_record(project, out_dir, key, {"bytes": written.bytes, "files": written.files, "halls": planned.halls,
                                "objects": planned.objects, "warnings": planned.warnings})
    zip_size = None
    if zip_path is not None:
        zip_size = write_zip(out_dir, Path(zip_path))
    sizes = planned.plan.sizes()
    sizes.bytes["app"] += (out_dir / MARKER).stat().st_size
    sizes.files["app"] += 1
    return ExportReport(out_dir, sizes, planned.halls, planned.objects, profile,
                        Path(zip_path) if zip_path is not None else None, zip_size, tuple(planned.warnings))


def _plan_contributed_files(plan: ExportPlan, contributions: list[Contribution]) -> None:
    for contribution in contributions:
        for rel, source in contribution.files.items():
            if rel in plan or rel in (MANIFEST, SERVICE_WORKER, MARKER) or not _clean(rel):
                raise ExportError(f"contribution {contribution.section!r}: file path {rel!r} is not allowed "
                                  f"(it must be a new package-relative path)")
            if not Path(source).is_file():
                raise ExportError(f"contribution {contribution.section!r}: {source}: no such file")
            plan.add_file(rel, Path(source))


def _plan_open_data(project, plan, cache, exhibition, objects, halls, object_media, media_paths, base_url,
                    contributions, warnings, progress, models=None, virtual_halls=None, exhibited=None,
                    guide=None) -> dict:
    from scenes.opendata.exhibition_json import (exhibition_json, exhibition_json_text, schema_text,
                                                 validate_exhibition_json)
    from scenes.opendata.jsonld import museum_info
    from scenes.opendata.urls import (EXHIBITION_JSON_PATH, IIIF_COLLECTION_PATH, hall_qr_path,
                                      hall_url, object_qr_path, object_url)

    museum = museum_info(project)
    published_halls = {slug: files.published for slug, files in halls.items()}
    iiif_paths = _plan_iiif(plan, cache, exhibition, objects, object_media, base_url) if base_url else {}
    doc = exhibition_json(exhibition, objects, base_url=base_url, contributions=contributions,
                          halls=published_halls, object_media=object_media, media_paths=media_paths,
                          museum=museum, iiif=bool(iiif_paths), qr=base_url is not None,
                          models=list((models or {}).values()), virtual_halls=virtual_halls or ())
    if base_url and iiif_paths:
        # exhibition_json names a manifest for every object; only those with something to show have one
        for entry in doc["objects"]:
            if entry["accession"] not in iiif_paths:
                entry["iiif_manifest"] = None
    validate_exhibition_json(doc)
    plan.add_text(EXHIBITION_JSON_PATH, exhibition_json_text(doc))
    plan.add_text("data/exhibition.schema.json", schema_text())

    qr_paths: dict[str, str] = {}
    if base_url:
        from scenes.opendata.qr import qr_svg

        for obj in objects:
            path = object_qr_path(obj.accession)
            plan.add_text(path, qr_svg(object_url(base_url, obj.accession), title=obj.title))
            qr_paths[obj.accession] = path
        for hall in exhibition.halls:
            plan.add_text(hall_qr_path(hall.slug), qr_svg(hall_url(base_url, hall.slug),
                                                          title=hall.title_zh or hall.title_en or hall.slug))
    gallery_kit = None
    printed = printed_guide(guide, base_url) if guide is not None and guide.guide else []
    if objects or printed:
        try:
            # the labels printed for the galleries: the exhibited objects (the collection alone: all)
            gallery_kit = _plan_gallery_kit(plan, cache, exhibition, exhibited or objects, base_url, progress,
                                            printed, guide.tour["title"] if printed else None)
        except ToolMissing as e:
            warnings.append(f"no printable gallery kit: {e.user_text()}")
    return {"json": EXHIBITION_JSON_PATH, "iiif": IIIF_COLLECTION_PATH if iiif_paths else None,
            "iiif_paths": iiif_paths, "qr_paths": qr_paths, "gallery_kit": gallery_kit, "museum": museum}


def _plan_iiif(plan, cache, exhibition, objects, object_media, base_url) -> dict[str, str]:
    from scenes.opendata.iiif import collection, has_manifest, object_manifest
    from scenes.opendata.urls import IIIF_COLLECTION_PATH, iiif_manifest_path

    title = {"zh": exhibition.title_zh, "en": exhibition.title_en}
    paths = {}
    for obj in objects:
        media = object_media.get(obj.accession, ())
        if not has_manifest(media):
            continue
        key = {"object": _object_key(obj), "media": [m.__dict__ for m in media], "base": base_url, "title": title}
        source = cache.get("iiif", key, "json", lambda o=obj, m=media: _json_bytes(
            object_manifest(o, m, base_url=base_url, exhibition_title=title)))
        paths[obj.accession] = iiif_manifest_path(obj.accession)
        plan.add_file(paths[obj.accession], source)
    if paths:
        key = {"objects": [_object_key(o) for o in objects], "media": {a: [m.__dict__ for m in ms]
               for a, ms in object_media.items()}, "base": base_url, "title": title}
        source = cache.get("iiif", key, "json", lambda: _json_bytes(
            collection(title, objects, object_media, base_url=base_url)))
        plan.add_file(IIIF_COLLECTION_PATH, source)
    return paths


def _plan_gallery_kit(plan, cache, exhibition, objects, base_url, progress, guide=(), guide_title=None) -> str:
    from scenes.opendata.gallery_kit import gallery_kit_pdf
    from scenes.opendata.urls import GALLERY_KIT_PATH

    title = {"zh": exhibition.title_zh, "en": exhibition.title_en}
    key = {"objects": [_object_key(o) for o in objects], "base": base_url, "title": title, "v": 2,
           "guide": [s.__dict__ for s in guide], "guide_title": guide_title}
    source = cache.get("print", key, "pdf", lambda: gallery_kit_pdf(
        objects, base_url=base_url, exhibition_title=title, guide=guide, guide_title=guide_title,
        progress=progress))
    plan.add_file(GALLERY_KIT_PATH, source)
    return GALLERY_KIT_PATH


def _file_stamp(path: Path) -> str:
    # Cached files are named by content; the built front end is not, hence size and mtime.
    st = path.stat()
    return f"{path}:{st.st_size}:{st.st_mtime_ns}"


def _object_key(obj) -> dict:
    return {k: v for k, v in obj.__dict__.items()}


def _json_bytes(doc: dict) -> bytes:
    return (json.dumps(doc, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def _precached(path: str) -> bool:
    if path.endswith(".LEGAL.txt") or path == MARKER:
        return False
    if path.startswith("assets/draco_"):  # fetched only for a Draco-compressed model
        return False
    top = path.split("/", 1)[0]
    return path.endswith(".html") or top in ("assets", "data") or path == MANIFEST


def _clean(rel: str) -> bool:
    p = PurePosixPath(rel)
    return bool(p.parts) and not p.is_absolute() and ".." not in p.parts and p.as_posix() == rel
