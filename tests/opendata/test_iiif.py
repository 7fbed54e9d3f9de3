"""IIIF Presentation 3 manifests: type-checked by iiif-prezi3, ids under the base URL."""

from __future__ import annotations

import json

import iiif_prezi3
import pytest

from scenes.errors import ExhibitionError
from scenes.opendata.exhibition_json import exhibition_json
from scenes.opendata.iiif import check_manifest, collection, has_manifest, object_manifest
from scenes.opendata.licences import licence_uri
from scenes.opendata.published import PublishedMedia

BASE = "https://museum.example/expo/"
TITLE = {"zh": "青铜时代", "en": "The Bronze Age"}


def ids(node):
    """Every "id" in a IIIF document."""
    if isinstance(node, dict):
        if "id" in node:
            yield node["id"]
        for value in node.values():
            yield from ids(value)
    elif isinstance(node, list):
        for value in node:
            yield from ids(value)


def round_trip(doc: dict) -> None:
    """Load the JSON text back into iiif-prezi3's models and serialise it again: nothing may change."""
    text = json.dumps(doc, ensure_ascii=False)
    model = {"Manifest": iiif_prezi3.Manifest, "Collection": iiif_prezi3.Collection}[doc["type"]]
    again = model.model_validate({k: v for k, v in json.loads(text).items() if k != "@context"})
    assert json.loads(again.json()) == doc


def test_object_manifest(built):
    bronze = built.objects[0]
    media = built.object_media[bronze.accession]
    m = object_manifest(bronze, media, base_url=BASE, exhibition_title=TITLE)
    check_manifest(m)
    round_trip(m)
    assert m["@context"] == "http://iiif.io/api/presentation/3/context.json"
    assert m["id"] == BASE + "iiif/objects/2024.1.json"
    assert m["label"] == {"zh": ["青铜鼎"], "en": ["Bronze ding"]}
    assert m["summary"] == {"zh": ["一件礼器。"], "en": ["A ritual vessel."]}
    assert m["rights"] == "http://creativecommons.org/publicdomain/zero/1.0/"
    assert m["requiredStatement"] == {"label": {"zh": ["来源"], "en": ["Credit"]}, "value": {"none": ["上海博物馆藏"]}}
    assert {"label": {"zh": ["作者"], "en": ["Maker"]}, "value": {"none": ["佚名"]}} in m["metadata"]
    assert m["homepage"][0]["id"] == BASE + "objects/2024.1.html"
    assert m["partOf"][0]["id"] == BASE + "iiif/collection.json"
    assert m["thumbnail"][0]["id"] == BASE + media[0].thumbnail
    assert len(m["items"]) == 2
    for canvas, file in zip(m["items"], media):
        assert (canvas["width"], canvas["height"]) == (file.width, file.height)
        annotation = canvas["items"][0]["items"][0]
        assert annotation["motivation"] == "painting" and annotation["target"] == canvas["id"]
        assert annotation["body"] == {"id": BASE + file.path, "type": "Image", "format": "image/jpeg",
                                      "width": file.width, "height": file.height}
    assert all(i.startswith(BASE) for i in ids(m))
    assert len(set(ids(m) )) >= 1 + 3 * 2  # manifest, and canvas/page/annotation per image are distinct


def test_collection_lists_the_manifests_exhibition_json_points_to(built):
    c = collection(TITLE, built.objects, built.object_media, base_url=BASE)
    check_manifest(c)
    round_trip(c)
    assert c["id"] == BASE + "iiif/collection.json"
    assert c["label"] == {"zh": ["青铜时代"], "en": ["The Bronze Age"]}
    doc = exhibition_json(built.exhibition, built.objects, base_url=BASE, halls=built.halls,
                          object_media=built.object_media, media_paths=built.media_paths)
    listed = [BASE + o["iiif_manifest"] for o in doc["objects"] if o["iiif_manifest"]]
    assert [item["id"] for item in c["items"]] == listed
    for obj in built.objects:
        media = built.object_media[obj.accession]
        if has_manifest(media):
            assert object_manifest(obj, media, base_url=BASE)["id"] in listed


def test_markup_in_titles_is_data(built):
    hostile = built.objects[1]
    m = object_manifest(hostile, built.object_media[hostile.accession], base_url=BASE)
    check_manifest(m)
    assert m["label"]["en"] == ["<script>alert(1)</script>"]
    assert m["id"] == BASE + "iiif/objects/2024-2-4e9a8667.json"
    assert m["rights"] == "http://creativecommons.org/licenses/by/4.0/"


def test_audio_and_unknown_rights(built):
    painting = built.objects[2]  # rights "All rights reserved", no credit line
    media = [PublishedMedia(kind="image", path="media/p.jpg", mime="image/jpeg", width=1200, height=900),
             PublishedMedia(kind="audio", path="media/n.mp3", mime="audio/mpeg", duration_s=61.5),
             PublishedMedia(kind="model", path="media/m.glb", mime="model/gltf-binary")]
    m = object_manifest(painting, media, base_url=BASE)
    check_manifest(m)
    round_trip(m)
    assert "rights" not in m
    assert m["requiredStatement"]["value"] == {"none": ["All rights reserved"]}
    assert m["label"] == {"zh": ["三位女士"], "en": ["=cmd|' /C calc'!A0"]}
    image, sound, model = m["items"]  # a 3D model paints a canvas with a IIIF "Model"
    assert model["items"][0]["items"][0]["body"]["type"] == "Model"
    assert sound["duration"] == 61.5
    assert sound["items"][0]["items"][0]["body"] == {"id": BASE + "media/n.mp3", "type": "Sound",
                                                     "format": "audio/mpeg", "duration": 61.5}
    assert m["thumbnail"][0]["id"] == BASE + "media/p.jpg"


def test_real_tate_records(tate):
    for n, obj in enumerate(tate):
        media = [PublishedMedia(kind="image", path=f"media/{obj.accession}.jpg", mime="image/jpeg",
                                width=800 + n, height=600)]
        m = object_manifest(obj, media, base_url=BASE, exhibition_title=TITLE)
        check_manifest(m)
        round_trip(m)
        assert m["label"] == {"en": [obj.title_en]}
        assert m["rights"] == "http://creativecommons.org/publicdomain/zero/1.0/"
        assert m["requiredStatement"]["value"] == {"none": [obj.credit_line]}
        assert {"label": {"zh": ["登录号"], "en": ["Accession number"]}, "value": {"none": [obj.accession]}} \
            in m["metadata"]


def test_no_base_url(built):
    with pytest.raises(ExhibitionError) as e:
        object_manifest(built.objects[0], built.object_media["2024.1"], base_url=None)
    assert str(e.value) == "IIIF manifests need the package's public address (IIIF ids must be absolute URLs)"
    assert e.value.hint == "export with --base-url https://..."


def test_nothing_to_show(built):
    painting = built.objects[2]
    assert not has_manifest([])
    assert not has_manifest([PublishedMedia(kind="image", path="media/x.jpg", mime="image/jpeg")])  # size unknown
    with pytest.raises(ExhibitionError) as e:
        object_manifest(painting, [], base_url=BASE)
    assert str(e.value) == "object 'N00079': no image, audio or video to put in a IIIF manifest"


def test_check_manifest_names_the_field(built):
    m = object_manifest(built.objects[0], built.object_media["2024.1"], base_url=BASE)
    m["items"][0]["width"] = "wide"
    with pytest.raises(ExhibitionError) as e:
        check_manifest(m)
    assert str(e.value) == (f"{BASE}iiif/objects/2024.1.json: items.0.width: "
                            "Input should be a valid integer, unable to parse string as an integer")
    m["items"][0]["width"] = 40
    m["@context"] = "http://iiif.io/api/presentation/2/context.json"
    with pytest.raises(ExhibitionError) as e:
        check_manifest(m)
    assert str(e.value) == f"{BASE}iiif/objects/2024.1.json: @context is not the IIIF Presentation 3 context"


@pytest.mark.parametrize("rights, uri", [
    ("CC0", "http://creativecommons.org/publicdomain/zero/1.0/"),
    ("CC0 1.0 Universal", "http://creativecommons.org/publicdomain/zero/1.0/"),
    ("cc-by-4.0", "http://creativecommons.org/licenses/by/4.0/"),
    ("CC BY-SA 3.0", "http://creativecommons.org/licenses/by-sa/3.0/"),
    ("CC BY-NC-ND", "http://creativecommons.org/licenses/by-nc-nd/4.0/"),
    ("https://creativecommons.org/licenses/by/4.0/deed.zh-hans", "http://creativecommons.org/licenses/by/4.0/"),
    ("See http://rightsstatements.org/vocab/InC/1.0/", "http://rightsstatements.org/vocab/InC/1.0/"),
    ("Public domain", "http://creativecommons.org/publicdomain/mark/1.0/"),
    ("All rights reserved", None),
    ("CC BY 9.0", None),
    ("", None),
])
def test_licence_uri(rights, uri):
    assert licence_uri(rights) == uri
