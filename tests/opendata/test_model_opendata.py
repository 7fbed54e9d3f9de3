"""3D models in open data: a IIIF Presentation 3 canvas painted with a Model, and
schema.org's 3DModel on the artwork."""

from __future__ import annotations

from assets.catalog import CatalogObject
from scenes.opendata.iiif import check_manifest, has_manifest, object_manifest
from scenes.opendata.jsonld import artwork_jsonld
from scenes.opendata.published import PublishedMedia

BASE = "https://museum.example/expo/"
MODEL = PublishedMedia(kind="model", path="media/ab12cd34ef56ab78-desktop.glb", mime="model/gltf-binary",
                       alt_zh="木桶的三维模型", alt_en="3D model of a barrel", thumbnail="media/ab12-thumb.jpg",
                       sha256="ab" * 32)


def test_a_model_gets_a_iiif_canvas_of_type_model():
    obj = CatalogObject(accession="2024.9", title_zh="木桶", title_en="Barrel")
    assert has_manifest([MODEL])
    manifest = object_manifest(obj, [MODEL], base_url=BASE)
    check_manifest(manifest)
    canvas = manifest["items"][0]
    body = canvas["items"][0]["items"][0]["body"]
    assert body == {"id": BASE + MODEL.path, "type": "Model", "format": "model/gltf-binary"}
    assert canvas["width"] == canvas["height"] == 1000
    assert canvas["thumbnail"][0]["id"] == BASE + "media/ab12-thumb.jpg"


def test_a_model_is_a_schema_org_3dmodel():
    obj = CatalogObject(accession="2024.9", title_zh="木桶", title_en="Barrel")
    doc = artwork_jsonld(obj, [MODEL], base_url=BASE)
    assert doc["associatedMedia"]["@type"] == "3DModel"
    assert doc["associatedMedia"]["contentUrl"] == BASE + MODEL.path
    assert doc["associatedMedia"]["encodingFormat"] == "model/gltf-binary"
