"""A package a portal can harvest: sitemap.xml and OAI-PMH valid against their XML
schemas (tests/data/schemas, see its README), JSON-LD of the right types on every
page, and a IIIF collection of every published object."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assets.catalog import Catalog, CatalogObject
from assets.media_store import MediaStore
from scenes import model
from scenes.export import export_package
from scenes.export.oai import OAI_DC_NS, oai_snapshot
from scenes.export.sitemap import sitemap_xml
from scenes.opendata.iiif import check_manifest
from scenes.opendata.jsonld import MuseumInfo
from scenes.opendata.work_types import is_period, work_type
from tests.export.sample_project import build_project, generated_panorama, object_image
from tests.opendata.test_jsonld import parse_page

xmlschema = pytest.importorskip("xmlschema")

BASE = "https://museum.example/expo/"
SCHEMAS = Path(__file__).resolve().parents[1] / "data" / "schemas"
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
OAI = "{http://www.openarchives.org/OAI/2.0/}"
DC = "{http://purl.org/dc/elements/1.1/}"


@lru_cache(maxsize=1)
def sitemap_schema():
    return xmlschema.XMLSchema(str(SCHEMAS / "sitemap.xsd"),
                               locations=[("http://www.w3.org/1999/xhtml", str(SCHEMAS / "xhtml-link.xsd"))])


@lru_cache(maxsize=1)
def oai_schema():
    return xmlschema.XMLSchema(str(SCHEMAS / "OAI-PMH.xsd"), locations=[(OAI_DC_NS, str(SCHEMAS / "oai_dc.xsd"))])


# -- what kind of thing an object is ---------------------------------------------
@pytest.mark.parametrize("fields, expected", [
    ({"medium": "Oil paint on canvas"}, ("VisualArtwork", "painting")),
    ({"medium": "纸本设色"}, ("VisualArtwork", "painting")),
    ({"custom": {"classification": "书法"}, "medium": "纸本墨笔"}, ("VisualArtwork", "calligraphy")),
    ({"medium": "Marble"}, ("VisualArtwork", "sculpture")),
    ({"custom": {"类别": "雕塑"}}, ("VisualArtwork", "sculpture")),
    ({"medium": "Woodcut"}, ("VisualArtwork", "print")),
    ({"custom": {"classification": "on paper, unique"}}, ("VisualArtwork", "work on paper")),
    ({"medium": "青铜"}, ("CreativeWork", None)),
    ({"medium": "瓷"}, ("CreativeWork", None)),
    ({"medium": "Jade (nephrite)"}, ("CreativeWork", None)),
    ({"custom": {"classification": "bronze"}, "medium": "青铜"}, ("CreativeWork", None)),
    ({"medium": "化石"}, ("Thing", None)),
    ({"custom": {"type": "Mineral specimen"}}, ("Thing", None)),
    ({}, ("CreativeWork", None)),
])
def test_work_type_from_classification_then_medium(fields, expected):
    kind = work_type(CatalogObject(accession="x", **fields))
    assert (kind.schema_type, kind.artform) == expected


@pytest.mark.parametrize("text, period", [
    ("明", True), ("商晚期", True), ("西汉", True), ("清代", True), ("Ming dynasty", True),
    ("Neolithic", True), ("良渚文化", False), ("Mughal (made); Qing imperial collection, China", False),
    ("Chinese", False), ("", False)])
def test_period_or_not(text, period):
    assert is_period(text) is period


# -- a real export ------------------------------------------------------------------
@pytest.fixture(scope="module")
def harvested(tmp_path_factory) -> Path:
    """Two halls, two bronzes, a painting and a fossil pinned in hall 1, the museum named,
    exported with a base URL."""
    work = tmp_path_factory.mktemp("harvest")
    panos = [generated_panorama(work / f"p{i}.jpg", seed=i, width=1024) for i in range(2)]
    project = build_project(work / "expo.yunzhan", panos)
    catalog, store = Catalog(project), MediaStore(project)
    for n, (acc, fields) in enumerate([
            ("2025.7", dict(title_zh="山水图", title_en="Landscape", medium="纸本设色", culture="明",
                            maker="文徵明", rights="CC BY 4.0")),
            ("F-1", dict(title_zh="三叶虫化石", title_en="Trilobite fossil", medium="化石"))]):
        oid = catalog.add(CatalogObject(accession=acc, **fields))
        catalog.link_media(oid, store.add_bytes(object_image(n + 3), kind="image", mime="image/jpeg", ext="jpg",
                                                width=900, height=700))
        model.add_hotspot(project, "hall-1", yaw=60 + 20 * n, pitch=0, object=acc)
    for key, value in (("museum.name_zh", "云展博物馆"), ("museum.name_en", "Yunzhan Museum"),
                       ("museum.url", "https://museum.example/"), ("museum.email", "opendata@museum.example")):
        project.set_setting(key, value)
    out = work / "site"
    export_package(project, out, base_url=BASE)
    project.close()
    return out


def pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


def schema_org_context(url, options=None):
    """pyld's document loader, offline: schema.org's context reduced to its vocabulary."""
    assert url.rstrip("/") in ("https://schema.org", "http://schema.org"), url
    return {"contextUrl": None, "documentUrl": url, "document": {"@context": {"@vocab": "https://schema.org/"}}}


def expanded_types(doc: dict) -> list[str]:
    """The document expanded by a JSON-LD processor (it refuses malformed values), its top types."""
    from pyld import jsonld

    return [t for node in jsonld.expand(doc, {"documentLoader": schema_org_context}) for t in node["@type"]]


def jsonld_of(site: Path, page: str) -> list[dict]:
    parsed = parse_page((site / page).read_text("utf-8"))
    return [json.loads(text) for attrs, text in parsed.scripts if attrs.get("type") == "application/ld+json"]


def test_sitemap_lists_every_page_in_both_languages_and_validates(harvested):
    text = (harvested / "sitemap.xml").read_text("utf-8")
    sitemap_schema().validate(text)
    locs = re.findall(r"<loc>([^<]+)</loc>", text)
    assert sorted(locs) == sorted(f"{BASE}{p}?lang={lang}" for p in pages(harvested) for lang in ("zh", "en"))
    assert locs[0] == BASE + "index.html?lang=zh"
    assert f'hreflang="x-default" href="{BASE}objects/2025.7.html"' in text
    # object pages say when their record last changed (the catalog's edit time)
    assert re.search(rf"<loc>{re.escape(BASE)}objects/2025\.7\.html\?lang=en</loc>\n"
                     r"<lastmod>\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ</lastmod>", text)
    assert not sitemap_schema().is_valid(text.replace("<loc>", "<location>", 1).replace("</loc>", "</location>", 1))


def test_robots_points_at_the_sitemap(harvested):
    assert (harvested / "robots.txt").read_text("utf-8") == \
        f"User-agent: *\nAllow: /\n\nSitemap: {BASE}sitemap.xml\n"


def test_oai_pmh_snapshot_validates_and_holds_every_object(harvested):
    for name in ("Identify", "ListMetadataFormats", "ListRecords"):
        oai_schema().validate(str(harvested / "oai" / f"{name}.xml"))
    import xml.etree.ElementTree as ET

    root = ET.parse(harvested / "oai" / "ListRecords.xml").getroot()
    records = root.findall(f"{OAI}ListRecords/{OAI}record")
    ids = [r.findtext(f"{OAI}header/{OAI}identifier") for r in records]
    assert ids == ["oai:museum.example:2024.1", "oai:museum.example:2024.2", "oai:museum.example:2025.7",
                   "oai:museum.example:f-1"]
    painting = records[2].find(f"{OAI}metadata")[0]
    dc = [(e.tag.removeprefix(DC), e.text) for e in painting]
    assert ("title", "山水图") in dc and ("creator", "文徵明") in dc and ("type", "painting") in dc
    assert ("rights", "http://creativecommons.org/licenses/by/4.0/") in dc
    assert ("relation", BASE + "iiif/objects/2025.7.json") in dc
    identify = ET.parse(harvested / "oai" / "Identify.xml").getroot()
    assert identify.findtext(f"{OAI}Identify/{OAI}repositoryName") == "云展博物馆 / Yunzhan Museum"
    assert identify.findtext(f"{OAI}Identify/{OAI}adminEmail") == "opendata@museum.example"
    # the schema really checks: a record without its datestamp is refused
    text = (harvested / "oai" / "ListRecords.xml").read_text("utf-8")
    assert not oai_schema().is_valid(re.sub(r"<datestamp>[^<]*</datestamp>", "", text, count=1))


def test_every_page_has_jsonld_of_the_expected_types(harvested):
    types: dict[str, list[str]] = {}
    for page in pages(harvested):
        docs = jsonld_of(harvested, page)
        assert docs, f"{page}: no JSON-LD"
        types[page] = [d["@type"] for d in docs]
        for doc in docs:
            assert doc["@context"] == "https://schema.org"
            assert expanded_types(doc) == ["https://schema.org/" + doc["@type"]], page
            assert '"Place"' not in json.dumps(doc), page  # periods are never places
    assert types["index.html"] == ["ExhibitionEvent", "Museum"]
    featured = jsonld_of(harvested, "index.html")[0]["workFeatured"]
    assert [(w["identifier"], w["@type"]) for w in featured] == [
        ("2024.1", "CreativeWork"), ("2024.2", "CreativeWork"), ("2025.7", "VisualArtwork")]  # not the fossil
    assert types["objects/2025.7.html"] == ["VisualArtwork"]
    assert types["objects/2024.1.html"] == ["CreativeWork"]
    assert types["objects/f-1.html"] == ["Thing"]
    painting = jsonld_of(harvested, "objects/2025.7.html")[0]
    assert painting["artform"] == "painting" and painting["temporalCoverage"] == "明"
    hall = jsonld_of(harvested, "halls/hall-1.html")[0]
    assert hall["@type"] == "WebPage" and hall["url"] == BASE + "halls/hall-1.html"
    assert hall["about"]["@type"] == "ExhibitionEvent"
    assert hall["publisher"] == {"@type": "Organization", "url": "https://museum.example/", "name": [
        {"@value": "云展博物馆", "@language": "zh"}, {"@value": "Yunzhan Museum", "@language": "en"}]}
    assert {"@value": "第1展厅 · 青铜时代", "@language": "zh"} in hall["name"]


def test_iiif_collection_lists_every_published_object(harvested):
    doc = json.loads((harvested / "iiif" / "collection.json").read_text("utf-8"))
    check_manifest(doc)
    assert [item["id"] for item in doc["items"]] == [BASE + f"iiif/objects/{slug}.json"
                                                     for slug in ("2024.1", "2024.2", "2025.7", "f-1")]
    for item in doc["items"]:
        manifest = harvested / item["id"].removeprefix(BASE)
        check_manifest(json.loads(manifest.read_text("utf-8")))


def test_without_a_base_url_pages_keep_jsonld_but_nothing_needs_absolute_urls(tmp_path):
    project = build_project(tmp_path / "p.yunzhan", [generated_panorama(tmp_path / "p.jpg", width=1024)], objects=1)
    out = tmp_path / "site"
    export_package(project, out)
    project.close()
    assert not any((out / name).exists() for name in ("sitemap.xml", "robots.txt", "oai"))
    hall = jsonld_of(out, "halls/hall-1.html")[0]
    assert hall["@type"] == "WebPage" and hall["url"] == "halls/hall-1.html"


# -- any catalog text -----------------------------------------------------------------
catalog_text = st.text(st.characters(codec="utf-8"), max_size=40)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(accession=catalog_text.filter(lambda s: s.strip()), title=catalog_text, maker=catalog_text,
       keywords=catalog_text, culture=catalog_text, rights=catalog_text, years=st.one_of(
           st.none(), st.tuples(st.integers(-3000, 2100), st.integers(0, 500))))
def test_oai_records_validate_whatever_the_catalog_holds(accession, title, maker, keywords, culture, rights, years):
    early, late = (None, None) if years is None else (years[0], years[0] + years[1])
    obj = CatalogObject(accession=accession, title_zh=title, maker=maker, keywords=keywords, culture=culture,
                        rights=rights, year_earliest=early, year_latest=late, medium=title)
    snapshot = oai_snapshot([obj], base_url=BASE, museum=MuseumInfo(name_zh=title), repository_name={"zh": title},
                            datestamps={accession: "2026-11-26T05:00:00Z"}, admin_email="a@museum.example")
    for text in snapshot.files.values():
        oai_schema().validate(text)


@settings(max_examples=20, deadline=None)
@given(st.lists(st.from_regex(r"[a-z0-9._-]{1,20}(/[a-z0-9._-]{1,20})?\.html", fullmatch=True), max_size=5,
                unique=True))
def test_sitemap_validates_for_any_page_names(names):
    sitemap_schema().validate(sitemap_xml(BASE, ["index.html", *names], {"index.html": "2026-11-26T05:00:00Z"}))
