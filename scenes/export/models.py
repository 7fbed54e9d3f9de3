"""Publishing 3D models: each object's web GLB beside its poster, and its exhibit
scene (start camera, annotations, tour) for the object page's 3D viewer and
``exhibition.json``."""

from __future__ import annotations

from assets.media_store import MediaStore
from assets.models.profiles import profile as model_profile
from assets.models.store import find_model, web_glb, web_variant
from assets.progress import Progress
from scenes.export.derived import DerivedCache
from scenes.export.layout import media_path
from scenes.export.objects import publish_as_stored
from scenes.export.plan import ExportPlan
from scenes.model_scenes import load_scene
from scenes.opendata.model_json import model_entry
from scenes.opendata.published import PublishedMedia

# The export profile's model budget (assets.models.profiles).
MODEL_PROFILE = {"full": "desktop", "mobile": "mobile"}


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
            variant = web_variant(model.placement, model_profile(budget))
            glb = cache.get("model-glb", {"sha": sha, "variant": variant}, "glb",
                            lambda s=sha: web_glb(project, s, budget))
            rel = media_path(sha, budget, "glb")
            plan.add_file(rel, glb)
            poster = next((m for m in media if m.kind == "image" and m.sha256 == sha), None)
            media.append(PublishedMedia(kind="model", path=rel, mime="model/gltf-binary",
                                        alt_zh=poster.alt_zh if poster else "", alt_en=poster.alt_en if poster else "",
                                        thumbnail=poster.thumbnail if poster else None, sha256=sha))
            scene = load_scene(project, sha)
            narrations = {a.narration_sha: publish_as_stored(store, cache, plan, a.narration_sha)
                          for a in scene.annotations if a.narration_sha}
            entries[obj.accession] = model_entry(scene, accession=obj.accession, glb=rel,
                                                 poster=poster.path if poster else rel, narrations=narrations)
            break  # one 3D scene per object page
        progress.advance()
    return entries
