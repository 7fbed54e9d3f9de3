"""axe-core on one page of every kind the package has, in both languages: no serious
or critical violations.

The package holds halls, objects (one with a 3D model), a virtual hall walk, the
audio guide; the page kinds are read from the pages themselves
(``<meta name="yunzhan-page">``), so a kind added to the exporter (a collection,
a replay, credits) is checked here as soon as the package has it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.export.axe import axe_source, serious_violations
from tests.export.conftest import REALDATA, Served
from tests.export.sample_project import build_project, panorama_files
from tests.scenes.vhall_sample import add_box_model, add_paintings

pytestmark = [pytest.mark.browser, pytest.mark.slow]

KIND = re.compile(r'<meta name="yunzhan-page" content="([a-z0-9-]+)">')
# What this package must hold at least; more kinds are checked when present.
REQUIRED = {"home", "hall", "object", "object-3d", "guide", "virtual", "collection", "collection-list", "credits"}


@pytest.fixture(scope="module")
def full_site(tmp_path_factory):
    from scenes import model
    from scenes import virtual_halls as vh
    from scenes.export import export_package
    from scenes.narration.narrate import narrate
    from scenes.narration.store import set_text

    work = tmp_path_factory.mktemp("axe-site")
    project = build_project(work / "expo.yunzhan",
                            panorama_files(REALDATA if REALDATA.is_dir() else None, work, 2), objects=2)
    add_paintings(project, 2)
    add_box_model(project, work, 1)
    vh.generate_hall(project, slug="gallery", title_zh="画廊", title_en="Gallery", width=10, depth=8)
    model.add_tour(project, slug="walk", stops=["hall-2", "hall-1"], title_zh="导览", title_en="Tour", default=True)
    for lang, words in (("zh", "欢迎。"), ("en", "Welcome.")):  # one short stop: the guide page is what matters
        set_text(project, "walk:1", lang, words)
    narrate(project)
    project.set_setting("museum.name_zh", "云展博物馆")
    project.set_setting("museum.name_en", "Yunzhan Museum")
    out = work / "site"
    export_package(project, out, base_url="https://museum.example/expo/")
    project.close()
    served = Served(out)
    yield out, served
    served.close()


def page_kinds(site: Path) -> dict[str, str]:
    """One page per kind (the first in path order); object pages with a 3D model are their own kind."""
    kinds: dict[str, str] = {}
    for path in sorted(site.rglob("*.html")):
        text = path.read_text("utf-8")
        found = KIND.search(text)
        if not found:
            continue
        kind = found.group(1)
        if kind == "object" and "wasm-unsafe-eval" in text:  # the 3D viewer's page (its CSP allows the decoders)
            kind = "object-3d"
        kinds.setdefault(kind, path.relative_to(site).as_posix())
    return kinds


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_page_kind_has_no_serious_violations(browser, full_site, lang):
    site, served = full_site
    kinds = page_kinds(site)
    assert REQUIRED <= set(kinds), kinds
    source = axe_source()
    context = browser.new_context(locale="zh-CN" if lang == "zh" else "en-US", viewport={"width": 390, "height": 844})
    page = context.new_page()
    found = {}
    try:
        for kind, path in sorted(kinds.items()):
            page.goto(f"{served.url}{path}?lang={lang}")
            page.wait_for_load_state("load")
            assert page.evaluate("document.documentElement.lang") == ("zh-Hans" if lang == "zh" else "en")
            if kind == "hall":
                page.locator("#viewer-enter").click()
                page.wait_for_selector("#viewer.is-ready", timeout=60_000)
            violations = serious_violations(page, source)
            if violations:
                found[f"{kind} ({path})"] = violations
    finally:
        context.close()
    assert found == {}
