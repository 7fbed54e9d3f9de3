"""IIIF Presentation 3.0 manifests for the package's objects, and their collection.

One manifest per object (``iiif/objects/<slug>.json``): label and summary as
Chinese/English language maps, the catalog fields as ``metadata``, ``rights``
as a URI when the record names a Creative Commons or RightsStatements.org
licence, the credit line as ``requiredStatement``, one canvas per published
image (its size, painted by the package's image file), audio and video as
time-based canvases, a thumbnail, and the object's page as ``homepage``. A large
image's deep-zoom tiles are its body's IIIF Image API 3 ``service`` (level 0). The
collection (``iiif/collection.json``) lists every object's manifest.

IIIF requires every ``id`` to be an absolute URI, so manifests need the
package's public address (``--base-url``): without one these functions raise
:class:`~scenes.errors.ExhibitionError` and the exporter publishes no IIIF
(``exhibition.json`` then says ``"iiif_manifest": null``). An object with no
image, audio or video gets no manifest (a manifest must have a canvas).

Documents are built with ``iiif-prezi3`` models, so they type-check on the way
out; the functions return plain dicts ready for ``json.dump``.
"""

from __future__ import annotations

import warnings
from typing import Mapping, Sequence

from scenes.errors import ExhibitionError
from scenes.opendata.licences import licence_uri
from scenes.opendata.published import PublishedMedia
from scenes.opendata.urls import (EXHIBITION_JSON_PATH, IIIF_COLLECTION_PATH, iiif_manifest_path,
                                  normalise_base_url, object_url, package_url)

# Catalog field -> (Chinese label, English label), in the order shown.
METADATA_FIELDS = (
    ("accession", "登录号", "Accession number"),
    ("maker", "作者", "Maker"),
    ("date_text", "年代", "Date"),
    ("culture", "文化", "Culture"),
    ("medium", "材质", "Medium"),
    ("dimensions", "尺寸", "Dimensions"),
    ("keywords", "关键词", "Keywords"),
)
_CANVAS_TYPES = {"image": "Image", "audio": "Sound", "video": "Video", "model": "Model"}
# A 3D model has no pixel size; its canvas takes its poster's square shape.
MODEL_CANVAS_SIDE = 1000


def has_manifest(media: Sequence[PublishedMedia]) -> bool:
    """Whether an object with these published files gets a IIIF manifest."""
    return any(_paintable(m) for m in media)


def object_manifest(obj, media: Sequence[PublishedMedia], *, base_url: str | None,
                    exhibition_title: Mapping[str, str] | None = None) -> dict:
    """The IIIF Presentation 3 manifest of one catalog object.

    :param obj: a catalog object (``assets.catalog.CatalogObject``).
    :param media: the object's published files (images become canvases).
    :param base_url: the package's public address; required.
    :param exhibition_title: ``{"zh": ..., "en": ...}`` for ``partOf`` the collection.
    :raises ExhibitionError: without a base URL, or when the object has nothing to show.
    """
    base = _required_base(base_url)
    import iiif_prezi3 as iiif  # heavy (pydantic models): load only when manifests are made

    manifest_id = package_url(base, iiif_manifest_path(obj.accession))
    paintable = [m for m in media if _paintable(m)]
    if not paintable:
        raise ExhibitionError(f"object {obj.accession!r}: no image, audio or video to put in a IIIF manifest")
    fields = dict(id=manifest_id, label=_language_map(obj.title_zh, obj.title_en) or {"none": [obj.accession]})
    summary = _language_map(obj.description_zh, obj.description_en)
    if summary:
        fields["summary"] = summary
    metadata = [{"label": {"zh": [zh], "en": [en]}, "value": {"none": [str(getattr(obj, name)).strip()]}}
                for name, zh, en in METADATA_FIELDS if str(getattr(obj, name) or "").strip()]
    if metadata:
        fields["metadata"] = metadata
    rights = licence_uri(obj.rights)
    if rights:
        fields["rights"] = rights
    if obj.credit_line.strip():
        fields["requiredStatement"] = {"label": {"zh": ["来源"], "en": ["Credit"]},
                                       "value": {"none": [obj.credit_line.strip()]}}
    elif obj.rights.strip() and not rights:
        fields["requiredStatement"] = {"label": {"zh": ["版权"], "en": ["Rights"]},
                                       "value": {"none": [obj.rights.strip()]}}
    thumb = _thumbnail(paintable, base)
    if thumb:
        fields["thumbnail"] = [thumb]
    fields["homepage"] = [{"id": object_url(base, obj.accession), "type": "Text", "format": "text/html",
                           "label": _language_map(obj.title_zh, obj.title_en) or {"none": [obj.accession]}}]
    fields["seeAlso"] = [{"id": package_url(base, EXHIBITION_JSON_PATH), "type": "Dataset",
                          "format": "application/json"}]
    fields["partOf"] = [{"id": package_url(base, IIIF_COLLECTION_PATH), "type": "Collection",
                         **({"label": _title_map(exhibition_title)} if exhibition_title else {})}]
    fields["items"] = [_canvas(manifest_id, n, m, base) for n, m in enumerate(paintable, start=1)]
    return _dump(iiif.Manifest(**fields))


def collection(exhibition_title: Mapping[str, str], objects: Sequence,
               object_media: Mapping[str, Sequence[PublishedMedia]], *, base_url: str | None) -> dict:
    """The collection listing every object that has a manifest, in the order given.

    :param exhibition_title: ``{"zh": ..., "en": ...}``, the collection's label.
    """
    base = _required_base(base_url)
    import iiif_prezi3 as iiif

    items = []
    for obj in objects:
        media = object_media.get(obj.accession, ())
        if not has_manifest(media):
            continue
        ref = {"id": package_url(base, iiif_manifest_path(obj.accession)), "type": "Manifest",
               "label": _language_map(obj.title_zh, obj.title_en) or {"none": [obj.accession]}}
        thumb = _thumbnail([m for m in media if _paintable(m)], base)
        if thumb:
            ref["thumbnail"] = [thumb]
        items.append(ref)
    doc = iiif.Collection(id=package_url(base, IIIF_COLLECTION_PATH), label=_title_map(exhibition_title),
                          homepage=[{"id": package_url(base, "index.html"), "type": "Text", "format": "text/html",
                                     "label": _title_map(exhibition_title)}],
                          items=items)
    return _dump(doc)


def check_manifest(data: Mapping) -> None:
    """Type-check a manifest or collection dict with iiif-prezi3's models.

    :raises ExhibitionError: naming the document's id and the first failing field.
    """
    import iiif_prezi3 as iiif
    from pydantic import ValidationError

    kind = {"Manifest": iiif.Manifest, "Collection": iiif.Collection}.get(data.get("type"))
    where = data.get("id", "IIIF document")
    if kind is None:
        raise ExhibitionError(f"{where}: type {data.get('type')!r} is not Manifest or Collection")
    body = {k: v for k, v in data.items() if k != "@context"}
    try:
        kind.model_validate(body)
    except ValidationError as e:
        first = e.errors()[0]
        path = ".".join(str(p) for p in first["loc"])
        raise ExhibitionError(f"{where}: {path}: {first['msg']}") from None
    if data.get("@context") != "http://iiif.io/api/presentation/3/context.json":
        raise ExhibitionError(f"{where}: @context is not the IIIF Presentation 3 context")


# -- parts ---------------------------------------------------------------------
def _required_base(base_url: str | None) -> str:
    base = normalise_base_url(base_url)
    if base is None:
        raise ExhibitionError("IIIF manifests need the package's public address (IIIF ids must be absolute URLs)",
                              hint="export with --base-url https://...")
    return base


def _paintable(m: PublishedMedia) -> bool:
    if m.kind == "image":
        return bool(m.width and m.height)
    if m.kind == "audio":
        return bool(m.duration_s)
    if m.kind == "video":
        return bool(m.width and m.height and m.duration_s)
    return m.kind == "model"


def _canvas(manifest_id: str, n: int, m: PublishedMedia, base: str) -> dict:
    canvas_id = f"{manifest_id.removesuffix('.json')}/canvas/{n}"
    body = {"id": package_url(base, m.path), "type": _CANVAS_TYPES[m.kind], "format": m.mime}
    canvas = {"id": canvas_id, "type": "Canvas"}
    if m.width and m.height:
        canvas.update(width=m.width, height=m.height)
        body.update(width=m.width, height=m.height)
    elif m.kind == "model":
        canvas.update(width=MODEL_CANVAS_SIDE, height=MODEL_CANVAS_SIDE)
    if m.kind == "image" and m.zoom:
        body["service"] = [image_service(m.zoom, base)]
    if m.kind in ("audio", "video"):
        canvas["duration"] = float(m.duration_s)
        body["duration"] = float(m.duration_s)
    label = _language_map(m.alt_zh, m.alt_en)
    if label:
        canvas["label"] = label
    if m.kind in ("image", "model") and m.thumbnail:
        canvas["thumbnail"] = [_thumb_body(m, base)]
    canvas["items"] = [{"id": f"{canvas_id}/page", "type": "AnnotationPage",
                        "items": [{"id": f"{canvas_id}/page/{m.kind}", "type": "Annotation",
                                   "motivation": "painting", "body": body, "target": canvas_id}]}]
    return canvas


def image_service(info_path: str, base: str) -> dict:
    """The IIIF Image API 3 level-0 service whose ``info.json`` is at ``info_path``
    (package-relative): its id is the folder's URL."""
    return {"id": package_url(base, info_path.removesuffix("/info.json")), "type": "ImageService3",
            "profile": "level0"}


def _thumbnail(paintable: Sequence[PublishedMedia], base: str) -> dict | None:
    for m in paintable:
        if m.kind == "image":
            return _thumb_body(m, base) if m.thumbnail else \
                {"id": package_url(base, m.path), "type": "Image", "format": m.mime,
                 "width": m.width, "height": m.height}
    return None


def _thumb_body(m: PublishedMedia, base: str) -> dict:
    body = {"id": package_url(base, m.thumbnail), "type": "Image", "format": "image/jpeg"}
    if m.thumbnail_width and m.thumbnail_height:
        body.update(width=m.thumbnail_width, height=m.thumbnail_height)
    return body


def _language_map(zh: str | None, en: str | None) -> dict:
    out = {}
    if (zh or "").strip():
        out["zh"] = [zh.strip()]
    if (en or "").strip():
        out["en"] = [en.strip()]
    return out


def _title_map(title: Mapping[str, str] | None) -> dict:
    title = title or {}
    return _language_map(title.get("zh"), title.get("en")) or {"none": ["Exhibition"]}


def _dump(model) -> dict:
    import json

    # iiif-prezi3 warns while serialising thumbnails (a pydantic union quirk); the output is right.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        return json.loads(model.json())
