"""Deep zoom in a full-profile package: every object image whose long side is over
:data:`DEEPZOOM_MIN_SIDE` px gets IIIF level-0 tiles (:mod:`assets.deepzoom`) at
``iiif/images/<sha[:16]>/``, whose ``info.json`` is the image's IIIF image service
(in its manifest) and what the object page's "Zoom" opens in OpenSeadragon."""

from __future__ import annotations

import dataclasses
import json

from assets.media_store import MediaStore
from assets.progress import Progress
from assets.project import Project
from scenes.export.plan import ExportPlan
from scenes.opendata.published import PublishedMedia
from scenes.opendata.urls import package_url

DEEPZOOM_MIN_SIDE = 4000


def deepzoom_dir(sha: str) -> str:
    return f"iiif/images/{sha[:16]}"


def publish_deepzoom(project: Project, plan: ExportPlan, object_media: dict[str, list[PublishedMedia]], *,
                     base_url: str | None, progress: Progress) -> dict[str, list[PublishedMedia]]:
    """Plan the tiles of every large object image; returns ``object_media`` with
    those images' :attr:`PublishedMedia.zoom` set. Tiles are made now unless cached.

    :raises MediaError: a stored image no longer decodes.
    :raises Cancelled: ``progress`` was cancelled.
    """
    from assets.deepzoom import deepzoom_tiles

    store = MediaStore(project)
    out: dict[str, list[PublishedMedia]] = {}
    for accession, media in object_media.items():
        published = []
        for m in media:
            if m.kind == "image" and m.sha256 and _large(store, m.sha256):
                folder = deepzoom_dir(m.sha256)
                info_path = f"{folder}/info.json"
                if info_path not in plan:
                    tiles = deepzoom_tiles(project, m.sha256, progress=progress)
                    for rel in tiles.files():
                        plan.add_file(f"{folder}/{rel}", tiles.root / rel)
                    # without a base URL the id is the folder's package path; the page's
                    # viewer replaces it with the address it fetched info.json from
                    service_id = package_url(base_url, folder)
                    plan.add_text(info_path, json.dumps(tiles.info(service_id), indent=1) + "\n")
                m = dataclasses.replace(m, zoom=info_path)
            published.append(m)
        out[accession] = published
    return out


def _large(store: MediaStore, sha: str) -> bool:
    info = store.info(sha)
    return info.kind == "image" and max(info.width or 0, info.height or 0) > DEEPZOOM_MIN_SIDE
