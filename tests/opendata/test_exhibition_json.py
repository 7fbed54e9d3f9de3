"""data/exhibition.json: built from a real project, checked by the JSON Schema kept in the repo."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import jsonschema
import pytest

from scenes.contribution import Contribution
from scenes.errors import ExhibitionError
from scenes.opendata.exhibition_json import (exhibition_json, exhibition_json_text, schema, schema_text,
                                             validate_exhibition_json)
from scenes.opendata.jsonld import MuseumInfo
from scenes.opendata.published import PublishedMedia

BASE = "https://museum.example/expo/"
REPO = Path(__file__).resolve().parents[2]


def build(b, **kw):
    kw.setdefault("base_url", BASE)
    return exhibition_json(b.exhibition, b.objects, halls=b.halls, object_media=b.object_media,
                           media_paths=b.media_paths, **kw)


def test_schema_is_valid_draft_2020_12_and_kept_in_the_repo():
    on_disk = (REPO / "scenes" / "schema" / "exhibition.schema.json").read_text("utf-8")
    assert schema_text() == on_disk
    jsonschema.Draft202012Validator.check_schema(schema())
    assert schema()["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_built_document_validates_and_says_everything(built, tmp_path):
    events = Contribution("events", [{"title": "直播导览", "starts": "2026-12-01T10:00:00+08:00"}])
    doc = build(built, contributions=[events], museum=MuseumInfo("上海博物馆", "Shanghai Museum"))
    path = tmp_path / "exhibition.json"
    path.write_text(exhibition_json_text(doc), encoding="utf-8")
    loaded = json.loads(path.read_text("utf-8"))
    validate_exhibition_json(loaded)
    assert "青铜时代" in path.read_text("utf-8")  # Chinese kept readable, not \u-escaped

    assert loaded["title"] == {"zh": "青铜时代", "en": "The Bronze Age"}
    assert loaded["museum"]["name"] == {"zh": "上海博物馆", "en": "Shanghai Museum"}
    assert loaded["start_hall"] == "lobby" and loaded["default_tour"] == "main"
    lobby, east = loaded["halls"]
    assert lobby["initial_view"] == {"yaw": 30.0, "pitch": -5.0, "fov": 80.0}
    assert lobby["url"] == BASE + "index.html#/hall/lobby" and lobby["qr"] == "qr/halls/lobby.svg"
    assert lobby["panorama"]["levels"] == [{"faceSize": 512, "nbTiles": 1}, {"faceSize": 1024, "nbTiles": 2}]
    to_east = lobby["hotspots"][0]
    assert to_east["target_hall"] == "east-hall"
    # Arrival yaw 180 is stored wrapped; the pitch not given comes from the east hall's initial view.
    assert to_east["arrive_view"] == {"yaw": -180.0, "pitch": 0.0}
    assert to_east["label"] == {"zh": "去东厅", "en": "To the east hall"}
    assert lobby["hotspots"][1]["note"] == {"zh": "请勿触摸", "en": "Please do not touch"}
    assert [s.get("object") for s in east["hotspots"]] == [None, "2024.1", "青铜 2024/2"]

    bronze, hostile, painting = loaded["objects"]
    assert bronze["page"] == "objects/2024.1.html" and bronze["url"] == BASE + "objects/2024.1.html"
    assert bronze["iiif_manifest"] == "iiif/objects/2024.1.json"
    assert bronze["licence"] == "http://creativecommons.org/publicdomain/zero/1.0/"
    assert bronze["keywords"] == ["青铜", "礼器"]
    assert (bronze["year_earliest"], bronze["year_latest"]) == (-1250, -1046)
    assert bronze["custom"] == {"classification": "bronze"}
    first = built.object_media["2024.1"][0]
    assert bronze["media"][0] == {"kind": "image", "path": first.path, "url": BASE + first.path,
                                  "mime": "image/jpeg", "width": 40, "height": 30,
                                  "alt": {"zh": "青铜鼎图片", "en": "Picture of Bronze ding"},
                                  "thumbnail": first.thumbnail}
    assert hostile["title"]["en"] == "<script>alert(1)</script>"
    assert painting["title"]["en"] == "=cmd|' /C calc'!A0"
    assert painting["iiif_manifest"] is None  # no image: no manifest
    assert loaded["tours"] == [{"slug": "main", "title": {"zh": "主线", "en": "Main tour"},
                                "stops": [{"hall": "lobby", "narration": built.media_paths[
                                    built.exhibition.tours[0].stops[0].narration_sha]},
                                          {"hall": "east-hall", "narration": None}]}]
    assert loaded["floor_plan"]["pins"] == [{"hall": "lobby", "x": 0.25, "y": 0.5}]
    assert loaded["events"] == [{"title": "直播导览", "starts": "2026-12-01T10:00:00+08:00"}]


def test_without_base_url(built):
    doc = build(built, base_url=None)
    validate_exhibition_json(doc)
    assert doc["base_url"] is None
    assert all("url" not in o and "qr" not in o and o["iiif_manifest"] is None for o in doc["objects"])
    assert all("url" not in h and "qr" not in h for h in doc["halls"])


def test_real_tate_records_validate(built, tate):
    media = {o.accession: [PublishedMedia(kind="image", path=f"media/{o.accession}.jpg", mime="image/jpeg",
                                          width=800, height=600)] for o in tate}
    doc = exhibition_json(built.exhibition, built.objects + tate, base_url=BASE, halls=built.halls,
                          object_media={**built.object_media, **media}, media_paths=built.media_paths)
    validate_exhibition_json(doc)
    assert [o["title"]["en"] for o in doc["objects"][3:]] == [o.title_en for o in tate]
    assert doc["objects"][3]["dimensions"] == tate[0].dimensions  # "support: ...\r\nframe: ..." kept


def broken(doc, change):
    doc = copy.deepcopy(doc)
    change(doc)
    return doc


@pytest.mark.parametrize("change, message", [
    (lambda d: d["halls"][0].pop("slug"),
     "halls[0]: 'slug' is a required property"),
    (lambda d: d["halls"][1]["hotspots"][0].update(yaw=300),
     "halls[1].hotspots[0].yaw: 300 is greater than the maximum of 180"),
    (lambda d: d["halls"][1]["hotspots"][1].pop("object"),
     "halls[1].hotspots[1]: 'object' is a required property"),
    (lambda d: d["halls"][0]["hotspots"][0].update(object="2024.1"),
     "halls[0].hotspots[0].object: not allowed here"),
    (lambda d: d["halls"][0]["hotspots"][1].update(target_hall="lobby"),
     "halls[0].hotspots[1].target_hall: not allowed here"),
    (lambda d: d["objects"][0]["media"][0].update(kind="hologram"),
     "objects[0].media[0].kind: 'hologram' is not one of ['image', 'audio', 'video', 'model', 'document']"),
    (lambda d: d["objects"][0]["media"][0].update(path="../../etc/passwd"),
     "objects[0].media[0].path: '../../etc/passwd' does not match '^(?![/\\\\\\\\])(?!.*(^|/)\\\\.\\\\.(/|$))[^\\\\\\\\]+$'"),
    (lambda d: d["halls"][0].update(colour="red"),
     "halls[0]: Additional properties are not allowed ('colour' was unexpected)"),
    (lambda d: d["objects"][1]["title"].update(fr="x"),
     "objects[1].title: Additional properties are not allowed ('fr' was unexpected)"),
    (lambda d: d.update(events={"not": "a list"}),
     "events: {'not': 'a list'} is not of type 'array'"),
    (lambda d: d.update(version=2),
     "version: 1 was expected"),
    (lambda d: d["objects"][2].update(year_earliest="1773"),
     "objects[2].year_earliest: '1773' is not of type 'integer', 'null'"),
])
def test_broken_documents_name_the_path(built, change, message):
    doc = build(built)
    with pytest.raises(ExhibitionError) as e:
        validate_exhibition_json(broken(doc, change))
    assert str(e.value) == f"data/exhibition.json: {message}"


def test_long_values_are_cut_to_one_line(built):
    doc = broken(build(built), lambda d: d["halls"][0].update(slug="Bad Slug\n" + "x" * 500))
    with pytest.raises(ExhibitionError) as e:
        validate_exhibition_json(doc, where="site/data/exhibition.json")
    assert str(e.value).startswith("site/data/exhibition.json: halls[0].slug: 'Bad Slug\\n")
    assert len(str(e.value)) < 260 and "\n" not in str(e.value)


def test_hall_without_published_files(built):
    halls = {k: v for k, v in built.halls.items() if k != "east-hall"}
    with pytest.raises(ExhibitionError) as e:
        exhibition_json(built.exhibition, built.objects, base_url=BASE, halls=halls,
                        object_media=built.object_media, media_paths=built.media_paths)
    assert str(e.value) == "data/exhibition.json: hall 'east-hall' has no published panorama files"


def test_hotspot_to_an_object_not_exported(built):
    with pytest.raises(ExhibitionError) as e:
        exhibition_json(built.exhibition, built.objects[::2], base_url=BASE, halls=built.halls,
                        object_media=built.object_media, media_paths=built.media_paths)
    assert str(e.value) == ("data/exhibition.json: hall 'east-hall' hotspot 4 opens object '青铜 2024/2', "
                            "which is not in the export")


def test_a_stop_with_a_view_and_an_object_is_published(built):
    from scenes import model

    project = built.project
    model.add_tour(project, slug="objects", title_en="Objects", stops=["east-hall"])
    model.add_stop(project, "objects", "lobby", view=model.View(-120, 10, 60), object="N00079")
    exhibition = model.load_exhibition(project)
    # The stop's object is exported although no hotspot pins it, after the pinned ones.
    assert exhibition.object_ids == (*built.exhibition.object_ids, built.objects[2].id)
    doc = exhibition_json(exhibition, built.objects, base_url=BASE, halls=built.halls,
                          object_media=built.object_media, media_paths=built.media_paths)
    validate_exhibition_json(doc)
    assert doc["tours"][1]["stops"] == [{"hall": "east-hall", "narration": None},
                                        {"hall": "lobby", "narration": None,
                                         "view": {"yaw": -120.0, "pitch": 10.0, "fov": 60.0}, "object": "N00079"}]
    with pytest.raises(ExhibitionError) as e:
        exhibition_json(exhibition, built.objects[:2], base_url=BASE, halls=built.halls,
                        object_media=built.object_media, media_paths=built.media_paths)
    assert str(e.value) == ("data/exhibition.json: tour 'objects' stop at hall 'lobby' is about object 'N00079', "
                            "which is not in the export")
    broken = copy.deepcopy(doc)
    broken["tours"][1]["stops"][1]["view"]["pitch"] = 120
    with pytest.raises(ExhibitionError) as e:
        validate_exhibition_json(broken)
    assert str(e.value) == "data/exhibition.json: tours[1].stops[1].view.pitch: 120 is greater than the maximum of 90"


def test_unpublished_floor_plan(built):
    with pytest.raises(ExhibitionError) as e:
        exhibition_json(built.exhibition, built.objects, base_url=BASE, halls=built.halls,
                        object_media=built.object_media, media_paths={})
    sha = built.exhibition.tours[0].stops[0].narration_sha
    assert str(e.value) == f"data/exhibition.json: tour 'main' narration (media {sha[:12]}) was not published in the package"


@pytest.mark.parametrize("sections, message", [
    (["halls"], "contribution section 'halls' is not allowed (use lower-case letters, digits and '_', "
                "not one of the document's own keys)"),
    (["Live Events"], "contribution section 'Live Events' is not allowed (use lower-case letters, digits and '_', "
                      "not one of the document's own keys)"),
    (["events", "events"], "two contributions both add section 'events'"),
])
def test_bad_contributions(built, sections, message):
    with pytest.raises(ExhibitionError) as e:
        build(built, contributions=[Contribution(s, [{}]) for s in sections])
    assert str(e.value) == f"data/exhibition.json: {message}"
