"""The Collection: every published object's page, the publish flag and the rights
filter, a catalog-only export, English values, language blocks without JavaScript,
and the offline search and filters in Chromium."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.export.collection_sample import WITHDRAWN, build_collection_project, demo_records

SCREENS = Path("/work/notes/screens")


@pytest.fixture(scope="module")
def collection_project(tmp_path_factory):
    project = build_collection_project(tmp_path_factory.mktemp("collection") / "c.yunzhan")
    yield project
    project.close()


@pytest.fixture(scope="module")
def collection_site(collection_project, tmp_path_factory) -> Path:
    from scenes.export import export_package

    out = tmp_path_factory.mktemp("collection-site") / "site"
    export_package(collection_project, out)
    return out


def test_every_published_object_has_a_page_and_the_withdrawn_one_none(collection_site):
    from scenes.opendata.urls import object_page_path

    expected = {"2024.1", "2024.2"} | {r.accession for r in demo_records()} - {WITHDRAWN}
    pages = {p.relative_to(collection_site).as_posix() for p in (collection_site / "objects").glob("*.html")}
    assert pages == {object_page_path(a) for a in expected}
    doc = json.loads((collection_site / "data" / "collection.json").read_text(encoding="utf-8"))
    assert [row[1] for row in doc["objects"]][:2] == ["2024.1", "2024.2"]  # the exhibited first
    assert len(doc["objects"]) == len(expected)
    # the home page shows the exhibited objects and links to the Collection
    home = (collection_site / "index.html").read_text(encoding="utf-8")
    assert 'href="collection.html"' in home and "yz-0001.html" not in home


def test_related_objects_share_a_facet(collection_site):
    page = (collection_site / "objects" / "yz-0001.html").read_text(encoding="utf-8")  # Ming porcelain
    related = re.findall(r'<ul class="grid related-objects">(.*?)</ul>', page, re.S)[0]
    slugs = re.findall(r'href="\.\./objects/([^"]+)\.html"', related)
    by_slug = {r.accession.lower(): r for r in demo_records()}
    assert slugs and all(by_slug[s].medium == "瓷" or by_slug[s].culture == "明" for s in slugs)


def test_the_publish_flag_is_set_from_the_cli_and_undone(tmp_path):
    import subprocess
    import sys

    from assets import history
    from assets.catalog_publication import withdrawn_ids
    from assets.project import Project

    path = tmp_path / "p.yunzhan"
    build_collection_project(path).close()
    yunzhan = Path(sys.executable).with_name("yunzhan")
    done = subprocess.run([str(yunzhan), "catalog", "publish", str(path), "--off", "YZ-0001", "YZ-0002"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("2 of 2 objects withdrawn")
    bad = subprocess.run([str(yunzhan), "catalog", "publish", str(path), "NOPE"], capture_output=True, text=True,
                         timeout=120)
    assert bad.returncode == 1 and bad.stderr.startswith(f"yunzhan: {path}: no object 'NOPE'")
    with Project.open(path) as project:
        ids = {a: i for a, i in project.db.execute("SELECT accession, id FROM objects")}
        assert withdrawn_ids(project) == {ids["YZ-0001"], ids["YZ-0002"], ids[WITHDRAWN]}
        assert history.next_undo(project).label == "withdraw objects from publication"
        history.undo(project)
        assert withdrawn_ids(project) == {ids[WITHDRAWN]}


def test_rights_filter_keeps_exhibited_objects(collection_project):
    from scenes.export.package import plan_package

    planned = plan_package(collection_project, rights=["CC BY 4.0"])
    doc = json.loads(planned.plan.files["data/collection.json"].data)
    accessions = [row[1] for row in doc["objects"]]
    cc_by = {r.accession for r in demo_records() if r.rights == "CC BY 4.0"} - {WITHDRAWN}
    assert accessions[:2] == ["2024.1", "2024.2"] and set(accessions[2:]) == cc_by


def test_a_catalog_without_halls_exports_its_collection(tmp_path):
    from assets.catalog import Catalog
    from assets.project import Project
    from scenes.export import export_package

    project = Project.create(tmp_path / "only.yunzhan")
    Catalog(project).upsert_many([("row", r) for r in demo_records()[:5]])
    report = export_package(project, tmp_path / "site")
    project.close()
    assert report.halls == 0 and report.objects == 5
    assert (tmp_path / "site" / "collection.html").is_file()
    assert len(list((tmp_path / "site" / "objects").glob("*.html"))) == 5


# -- in Chromium ---------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def served_collection(collection_site):
    from tests.export.conftest import Served

    s = Served(collection_site)
    yield s
    s.close()


def offline_context(browser, served, **options):
    """A phone-sized context that may reach only the local server."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True,
                                  has_touch=True, service_workers="block", **options)
    local = served.url.rstrip("/")
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(local) else route.abort())
    return context


def matching(text: str) -> set[str]:
    from scenes.export.collection import facets_of
    from scenes.export.collection_index import search_text
    from tests.export.sample_project import build_project  # noqa: F401 - the two hall objects below

    found = {r.accession for r in demo_records() if text in search_text(r, facets_of(r))} - {WITHDRAWN}
    if text in "青铜器 青铜":
        found |= {"2024.1", "2024.2"}  # 青铜器1, 青铜器2 (medium 青铜)
    return found


def results(page) -> set[str]:
    return set(page.locator("#collection-results .tile-sub").all_inner_texts())


@pytest.mark.browser
def test_offline_search_finds_one_and_two_chinese_characters_and_filters_work(browser, served_collection):
    context = offline_context(browser, served_collection, locale="zh-CN")
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(served_collection.url + "collection.html")
    box = page.locator("#collection-q")
    for query in ("瓷", "青铜"):
        box.fill(query)
        page.wait_for_function("q => new URL(location.href).searchParams.get('q') === q", arg=query)
        assert results(page) == matching(query), query
    box.fill("瓷")
    page.wait_for_function("() => new URL(location.href).searchParams.get('q') === '瓷'")
    SCREENS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENS / "collection-search-zh.png"))
    # a filter narrows the search: porcelain of the Qing dynasty
    qing = page.locator("#filter-period option", has_text="清").first.get_attribute("value")
    page.select_option("#filter-period", qing)
    page.wait_for_function("() => document.querySelectorAll('#collection-results .tile').length === "
                           f"{len([r for r in demo_records() if r.medium == '瓷' and r.date_text.startswith('清')])}")
    by_acc = {r.accession: r for r in demo_records()}
    assert all(by_acc[a].date_text.startswith("清") for a in results(page))
    # a filter alone, no text: every bronze
    box.fill("")
    page.select_option("#filter-period", "")
    bronze = page.locator("#filter-medium option", has_text="青铜").first.get_attribute("value")
    page.select_option("#filter-medium", bronze)
    page.wait_for_function("() => !new URL(location.href).searchParams.get('q') && "
                           "document.querySelectorAll('#collection-results .tile').length === "
                           f"{len(matching('青铜') & ({'2024.1', '2024.2'} | {r.accession for r in demo_records() if r.medium == '青铜'}))}")
    assert errors == []
    context.close()


@pytest.mark.browser
def test_english_search_and_english_values(browser, served_collection):
    context = offline_context(browser, served_collection, locale="en-US")
    page = context.new_page()
    page.goto(served_collection.url + "collection.html?q=porcelain")
    # the count line is written only once the query has run (the first tiles are in the page already)
    page.wait_for_function("() => document.getElementById('collection-count').textContent.includes('found')")
    assert results(page) == {r.accession for r in demo_records() if r.medium == "瓷"} - {WITHDRAWN} | \
        {r.accession for r in demo_records() if "porcelain" in (r.title_en + r.description_en).lower()} - {WITHDRAWN}
    page.screenshot(path=str(SCREENS / "collection-search-en.png"))
    page.goto(served_collection.url + "objects/yz-0001.html")
    meta = page.locator(".object-meta").inner_text()
    assert "Ming dynasty, Xuande reign" in meta and "porcelain" in meta
    assert page.locator(".object-meta [lang=en]", has_text="Ming dynasty").first.is_visible()
    # the Chinese kept beside it, marked as Chinese; a value with no English form is marked Chinese
    assert page.locator(".object-meta .when-en .value-zh[lang=zh-Hans]", has_text="明宣德").is_visible()
    dims = page.locator(".object-meta dd", has_text="厘米").first
    assert dims.locator("[lang=zh-Hans]").first.is_visible()
    page.screenshot(path=str(SCREENS / "collection-object-en.png"), full_page=True)
    context.close()


@pytest.mark.browser
def test_without_javascript_each_language_is_its_own_block(browser, served_collection):
    context = offline_context(browser, served_collection, java_script_enabled=False)
    page = context.new_page()
    for path in ("collection.html", "objects/yz-0001.html", "halls/hall-1.html"):
        page.goto(served_collection.url + path)
        h1 = page.locator("h1").first
        zh, en = h1.locator(".when-zh[lang=zh-Hans]"), h1.locator(".when-en[lang=en]")
        assert zh.is_visible() and en.is_visible(), path
        text = h1.inner_text()
        assert f"{zh.inner_text()} / {en.inner_text()}" in text, text  # never run together
    page.goto(served_collection.url + "objects/yz-0001.html")
    paragraphs = page.locator("article > p.when-zh, article > p.when-en")
    assert paragraphs.count() == 2
    boxes = [paragraphs.nth(i).bounding_box() for i in range(2)]
    assert boxes[1]["y"] >= boxes[0]["y"] + boxes[0]["height"]  # two blocks, one under the other
    page.screenshot(path=str(SCREENS / "collection-nojs.png"))
    context.close()


def test_an_unchanged_reexport_reuses_the_package_and_a_change_rebuilds_it(tmp_path):
    from assets import history
    from assets.catalog_publication import set_published
    from scenes.export import export_package

    project = build_collection_project(tmp_path / "p.yunzhan")
    out = tmp_path / "site"
    first = export_package(project, out)
    page = out / "objects" / "yz-0001.html"
    inode = page.stat().st_ino
    again = export_package(project, out)
    assert page.stat().st_ino == inode  # not written again
    assert (again.sizes.bytes, again.objects, again.warnings) == (first.sizes.bytes, first.objects, first.warnings)
    (out / "stale.html").write_text("a file the package did not write")
    export_package(project, out)
    assert not (out / "stale.html").exists()
    set_published(project, ["YZ-0001"], False)
    assert export_package(project, out).objects == first.objects - 1 and not page.exists()
    history.undo(project)
    assert export_package(project, out).objects == first.objects and page.exists()
    project.close()
