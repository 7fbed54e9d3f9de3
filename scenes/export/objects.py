"""Publishing catalog objects' media: images (and 3D models' rendered pictures)
resized for the web with a thumbnail, audio copied as stored; the floor plan image
and tour narrations."""

from __future__ import annotations

from dataclasses import dataclass

from assets.media_store import MediaStore
from assets.progress import Progress
from scenes.export.derived import DerivedCache, image_size, resized_jpeg
from scenes.export.layout import media_path
from scenes.export.plan import ExportPlan
from scenes.opendata.published import PublishedMedia

IMAGE_SIDE = {"full": 1600, "mobile": 1024}
THUMB_SIDE = 480
PLAN_SIDE = 1200
_AUDIO_EXT = {"audio/mpeg": "mp3", "audio/mp4": "m4a", "audio/ogg": "ogg", "audio/wav": "wav",
              "audio/x-wav": "wav", "audio/webm": "webm", "audio/flac": "flac"}


@dataclass(frozen=True)
class Image:
    path: str
    width: int
    height: int


def publish_image(store: MediaStore, cache: DerivedCache, plan: ExportPlan, sha: str, max_side: int,
                  variant: str, *, picture_of_model: bool = False) -> Image:
    """A JPEG of the stored image ``sha`` (or of a 3D model's rendered picture) fitting
    ``max_side``, planned at ``media/…``."""
    if picture_of_model:
        cached = cache.get("model-picture", {"sha": sha, "side": max_side, "v": 1}, "jpg",
                           lambda: resized_jpeg(store.get_derived(sha, "display.jpg"), max_side)[0])
    else:
        cached = cache.get("image", {"sha": sha, "side": max_side, "v": 1}, "jpg",
                           lambda: resized_jpeg(store.read(sha), max_side)[0])
    rel = media_path(sha, variant, "jpg")
    plan.add_file(rel, cached)
    w, h = image_size(cached)
    return Image(rel, w, h)


def publish_as_stored(store: MediaStore, cache: DerivedCache, plan: ExportPlan, sha: str) -> str:
    """The stored file ``sha`` as is (audio), planned at ``media/…``."""
    info = store.info(sha)
    ext = _AUDIO_EXT.get(info.mime, info.ext)
    cached = cache.get("file", {"sha": sha}, ext, lambda: store.read(sha))
    rel = media_path(sha, "", ext)
    plan.add_file(rel, cached)
    return rel


def publish_objects(store: MediaStore, cache: DerivedCache, plan: ExportPlan, objects, *, profile: str,
                    progress: Progress) -> dict[str, list[PublishedMedia]]:
    """Plan the media of ``objects``; returns each accession number's published files."""
    out: dict[str, list[PublishedMedia]] = {}
    progress.start(len(objects), "object media")
    for obj in objects:
        progress.check()
        published = []
        for sha in obj.media:
            info = store.info(sha)
            model = info.kind == "model" and store.get_derived(sha, "display.jpg") is not None
            if info.kind == "image" or model:
                # A 3D model is shown by its rendered picture (assets.models.preview).
                big = publish_image(store, cache, plan, sha, IMAGE_SIDE.get(profile, 1600), "web",
                                    picture_of_model=model)
                thumb = publish_image(store, cache, plan, sha, THUMB_SIDE, "thumb", picture_of_model=model)
                alt_zh = info.alt_zh or (f"{obj.title_zh}的三维模型" if model and obj.title_zh else "")
                alt_en = info.alt_en or (f"3D model of {obj.title_en}" if model and obj.title_en else "")
                published.append(PublishedMedia(
                    kind="image", path=big.path, mime="image/jpeg", width=big.width, height=big.height,
                    alt_zh=alt_zh, alt_en=alt_en, thumbnail=thumb.path,
                    thumbnail_width=thumb.width, thumbnail_height=thumb.height, sha256=sha))
            elif info.kind == "audio":
                rel = publish_as_stored(store, cache, plan, sha)
                published.append(PublishedMedia(kind="audio", path=rel, mime=info.mime,
                                                duration_s=info.duration_s, sha256=sha))
            # video, documents and the 3D models themselves are not part of the web package yet
        out[obj.accession] = published
        progress.advance()
    return out
