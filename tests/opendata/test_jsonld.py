"""schema.org JSON-LD: the right properties, and safe to embed in HTML."""

from __future__ import annotations

import json
from html.parser import HTMLParser

import pytest

from scenes.errors import ExhibitionError
from scenes.opendata.jsonld import (MuseumInfo, artwork_jsonld, exhibition_dates, exhibition_event_jsonld,
                                    jsonld_script, museum_info, museum_jsonld)

BASE = "https://museum.example/expo/"


class ScriptCollector(HTMLParser):
    """Reads a page the way a browser tokenises it: script contents are raw text."""

    def __init__(self):
        super().__init__()
        self.scripts: list[tuple[dict, str]] = []
        self.tags: list[str] = []
        self._open = None

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag == "script":
            self._open = (dict(attrs), "")

    def handle_data(self, data):
        if self._open is not None:
            self._open = (self._open[0], self._open[1] + data)

    def handle_endtag(self, tag):
        if tag == "script" and self._open is not None:
            self.scripts.append(self._open)
            self._open = None

    def handle_comment(self, data):
        self.tags.append("<!--")


def parse_page(html: str) -> ScriptCollector:
    parser = ScriptCollector()
    parser.feed(html)
    parser.close()
    return parser


def test_bronze_vessel_is_a_creative_work_of_its_period(built):
    """A ritual bronze is a made thing, not a schema.org artwork; its dynasty 商 is a time
    (temporalCoverage), never a Place."""
    bronze = built.objects[0]
    doc = artwork_jsonld(bronze, built.object_media[bronze.accession], base_url=BASE)
    media = built.object_media[bronze.accession]
    assert doc == {
        "@context": "https://schema.org", "@type": "CreativeWork",
        "identifier": "2024.1", "url": BASE + "objects/2024.1.html",
        "name": [{"@value": "青铜鼎", "@language": "zh"}, {"@value": "Bronze ding", "@language": "en"}],
        "description": [{"@value": "一件礼器。", "@language": "zh"}, {"@value": "A ritual vessel.", "@language": "en"}],
        "creator": {"@type": "Person", "name": "佚名"},
        "temporalCoverage": "-1250/-1046",
        "material": "青铜", "size": "高 38 厘米",
        "keywords": "青铜, 礼器",
        "image": [BASE + media[0].path, BASE + media[1].path],
        "license": "http://creativecommons.org/publicdomain/zero/1.0/",
        "creditText": "上海博物馆藏",
    }


def test_single_year_and_text_rights(built):
    painting = built.objects[2]
    doc = artwork_jsonld(painting, base_url=None)
    assert doc["dateCreated"] == "1773"
    assert doc["license"] == "All rights reserved"
    assert doc["url"] == "objects/n00079.html"
    assert "image" not in doc


def test_tate_records(tate):
    for obj in tate:
        doc = artwork_jsonld(obj, base_url=BASE)
        assert doc["name"] == {"@value": obj.title_en, "@language": "en"}
        assert doc["creator"]["name"] == obj.maker
        assert doc["@type"] == "VisualArtwork"
        assert doc["artform"] == "painting"
        assert doc["artMedium"] == obj.medium
        assert doc["creditText"] == obj.credit_line


def test_exhibition_event_and_museum(built):
    built.project.set_setting("museum.name_zh", "上海博物馆")
    built.project.set_setting("museum.name_en", "Shanghai Museum")
    built.project.set_setting("museum.url", "https://www.shanghaimuseum.net/")
    museum = museum_info(built.project)
    assert museum == MuseumInfo("上海博物馆", "Shanghai Museum", "https://www.shanghaimuseum.net/", "")
    assert museum_jsonld(museum) == {
        "@context": "https://schema.org", "@type": "Museum",
        "name": [{"@value": "上海博物馆", "@language": "zh"}, {"@value": "Shanghai Museum", "@language": "en"}],
        "url": "https://www.shanghaimuseum.net/"}
    doc = exhibition_event_jsonld(built.exhibition, built.objects, museum, base_url=BASE,
                                  start_date="2026-12-01", max_featured=2)
    assert doc["@type"] == "ExhibitionEvent"
    assert doc["name"][0] == {"@value": "青铜时代", "@language": "zh"}
    assert doc["startDate"] == "2026-12-01"
    assert doc["location"][0]["@type"] == "Museum"
    assert doc["location"][1] == {"@type": "VirtualLocation", "url": BASE + "index.html"}
    assert [w["identifier"] for w in doc["workFeatured"]] == ["2024.1", "青铜 2024/2"]


def test_script_element_cannot_be_broken_out_of(built):
    hostile = built.objects[1]  # title "<script>alert(1)</script>", credit "Gift of </script>"
    data = artwork_jsonld(hostile, base_url=BASE)
    data["description"] = "<!-- <script> --> ]]> \u2028 & &amp;"
    html = f"<!doctype html><html><head>{jsonld_script(data)}</head><body><p>end</p></body></html>"
    page = parse_page(html)
    assert page.tags == ["html", "head", "script", "body", "p"]  # no second script, no comment
    assert len(page.scripts) == 1
    attrs, text = page.scripts[0]
    assert attrs == {"type": "application/ld+json"}
    assert "<" not in text and ">" not in text
    assert json.loads(text) == data
    assert json.loads(text)["name"][0]["@value"] == "<script>alert(1)</script>"


def test_exhibition_dates_from_settings(project):
    assert exhibition_dates(project) == (None, None)
    project.set_setting("exhibition.start_date", "2026-12-01")
    assert exhibition_dates(project) == ("2026-12-01", None)
    project.set_setting("exhibition.end_date", "明年")
    with pytest.raises(ExhibitionError) as e:
        exhibition_dates(project)
    assert str(e.value) == f"{project.path}: setting exhibition.end_date = '明年' is not an ISO date"
