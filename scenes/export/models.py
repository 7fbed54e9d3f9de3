"""Publishing 3D models: each object's web GLB (and the lighter mobile one) beside its
poster and turntable, and its exhibit scene (start camera, annotations with narration
and captions, tour) for the object page's 3D viewer and ``exhibition.json``."""

from __future__ import annotations

from assets.media_store import MediaStore
from assets.models.profiles import profile as model_profile
from assets.models.store import cache_key, find_model, turntable, web_glb, web_variant
from assets.progress import Progress
from scenes.export.derived import DerivedCache
from scenes.export.layout import media_path
from scenes.export.model_captions import annotation_captions
from scenes.export.objects import publish_as_stored
from scenes.export.plan import ExportPlan
from scenes.model_scenes import load_scene
from scenes.opendata.model_json import model_entry
from scenes.opendata.published import PublishedMedia

# The export profile's model budget (assets.models.profiles).
MODEL_PROFILE = {"full": "desktop", "mobile": "mobile"}
MOBILE = "mobile"


def publish_models(store: MediaStore, cache: DerivedCache, plan: ExportPlan, objects,
                   object_media: dict[str, list[PublishedMedia]], *, profile: str,
                   progress: Progress) -> dict[str, dict]:
    """Plan the web GLB of every object's model and add it to ``object_media``; returns
    each accession number's 3D scene entry (objects without a model have none).

    A model picture stored before 3D scenes existed (no model record) stays a picture.
    """
    project = store.project
    budget = MODEL_PROFILE.get(profile, "desktop")
    entries: dict[str, dict] = {}
    progress.start(len(objects), "3D models")
    for obj in objects:
        progress.check()
        media = object_media.setdefault(obj.accession, [])
        for sha in obj.media:
            model = find_model(project, sha) if store.info(sha).kind == "model" else None
            if model is None:
                continue
            rel = _plan_glb(project, cache, plan, model, budget)
            # Phones get the mobile budget's file (the viewer chooses); a mobile package has only that one.
            rel_mobile = _plan_glb(project, cache, plan, model, MOBILE) if budget != MOBILE else None
            poster = next((m for m in media if m.kind == "image" and m.sha256 == sha), None)
            media.append(PublishedMedia(kind="model", path=rel, mime="model/gltf-binary",
                                        alt_zh=poster.alt_zh if poster else "", alt_en=poster.alt_en if poster else "",
                                        thumbnail=poster.thumbnail if poster else None, sha256=sha))
            scene = load_scene(project, sha)
            notes = [a for a in scene.annotations if a.narration_sha]
            narrations = {a.narration_sha: publish_as_stored(store, cache, plan, a.narration_sha) for a in notes}
            entry = model_entry(scene, accession=obj.accession, glb=rel, glb_mobile=rel_mobile,
                                poster=poster.path if poster else rel, narrations=narrations)
            entry["turntable"] = _plan_turntable(project, cache, plan, model)
            captions = {a.id: _plan_captions(store, plan, a, narrations[a.narration_sha]) for a in notes}
            for note in entry["annotations"]:
                note["captions"] = captions.get(note["id"])
            entries[obj.accession] = entry
            break  # one 3D scene per object page
        progress.advance()
    return entries


def _plan_glb(project, cache: DerivedCache, plan: ExportPlan, model, budget: str) -> str:
    variant = web_variant(model.placement, model_profile(budget))
    glb = cache.get("model-glb", {"sha": model.sha256, "variant": variant}, "glb",
                    lambda: web_glb(project, model.sha256, budget))
    rel = media_path(model.sha256, budget, "glb")
    plan.add_file(rel, glb)
    return rel


def _plan_turntable(project, cache: DerivedCache, plan: ExportPlan, model) -> str:
    """The model turning once (animated WebP, pyvista): the preview before the viewer."""
    key = {"sha": model.sha256, "key": cache_key(model.placement, model_profile("desktop")), "v": 1}
    webp = cache.get("model-turntable", key, "webp", lambda: turntable(project, model.sha256))
    rel = media_path(model.sha256, "turntable", "webp")
    plan.add_file(rel, webp)
    return rel


def _plan_captions(store: MediaStore, plan: ExportPlan, note, audio_rel: str) -> dict | None:
    """``{"lang", "vtt"}`` of the note's narration captions, planned beside the audio."""
    made = annotation_captions(store, note, plan.files[audio_rel].source)
    if made is None:
        return None
    lang, vtt = made
    rel = media_path(note.narration_sha, f"note{note.id}", "vtt")
    plan.add_text(rel, vtt)
    return {"lang": lang, "vtt": rel}
