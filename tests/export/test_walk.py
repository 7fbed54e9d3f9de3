"""A virtual hall's walk-through page in Debian's Chromium: the works listed without
JavaScript, the hall rendered on request, a click on a work opens its card, the
floor takes the visitor where they click, and the walls hold them in."""

from __future__ import annotations

import io

import pytest
from PIL import Image, ImageStat

from tests.export.conftest import REALDATA, Served
from tests.export.sample_project import build_project, panorama_files
from tests.scenes.vhall_sample import add_box_model, add_paintings

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def walk_site(tmp_path_factory):
    from scenes import virtual_halls as vh
    from scenes.export import export_package

    work = tmp_path_factory.mktemp("walk-site")
    project = build_project(work / "expo.yunzhan",
                            panorama_files(REALDATA if REALDATA.is_dir() else None, work, 1), objects=1)
    add_paintings(project, 18)
    add_box_model(project, work, 1)
    add_box_model(project, work, 2, (0.3, 1.0, 0.3))
    hall = vh.generate_hall(project, slug="gallery", title_zh="画廊", title_en="Gallery", width=14, depth=9)
    out = work / "site"
    export_package(project, out)
    project.close()
    served = Served(out)
    yield served, hall
    served.close()


def test_without_javascript_the_works_are_listed(browser, walk_site):
    served, hall = walk_site
    context = browser.new_context(locale="en-US", java_script_enabled=False)
    page = context.new_page()
    page.goto(served.url + "index.html")
    page.locator("a[href='virtual/gallery.html']").first.click()
    page.wait_for_url("**/virtual/gallery.html")
    page.wait_for_load_state("load")  # the style sheet that hides the button without JavaScript is in
    assert page.locator("#walk-enter").is_hidden()
    links = page.locator(".walk-works li a")
    assert links.count() == len(hall.items) == 21  # the bronze, 18 paintings, 2 vessels
    assert [links.nth(i).inner_text() for i in (0, 1)] == ["青铜器1 / Bronze vessel 1", "画作1 / Painting 1"]  # both languages, apart, without JS
    context.close()


def test_walk_click_a_work_and_stay_inside(browser, walk_site):
    served, hall = walk_site
    context = browser.new_context(locale="en-US", viewport={"width": 1200, "height": 900})
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.goto(served.url + "virtual/gallery.html")
    page.locator("#walk-enter").click()
    page.wait_for_selector("#walk.is-ready", timeout=60_000)
    page.wait_for_timeout(500)
    picture = Image.open(io.BytesIO(page.locator("#walk canvas").first.screenshot())).convert("RGB")
    assert ImageStat.Stat(picture.convert("L")).stddev[0] > 10 and len(picture.getcolors(1 << 24)) > 200
    assert page.locator(".walk-minimap").is_visible()

    # Click the middle picture of the north wall (the visitor faces north on entering).
    north = sorted((i for i in hall.items if i.wall == "north"), key=lambda i: abs(i.x))[0]
    x, y, _ = page.evaluate("([x, y, z]) => document.getElementById('walk').yunzhanWalk.project(x, y, z)",
                            [north.x, north.y, north.z])
    page.mouse.click(x, y)
    card = page.locator(".walk-card")
    card.wait_for()
    assert card.get_attribute("data-object") == north.accession
    from scenes.opendata.urls import object_page_path

    assert card.locator("a").get_attribute("href") == served.url + object_page_path(north.accession)
    card.locator(".walk-card-close").click()

    # Click-to-walk: a point on the floor ahead.
    start = page.evaluate("document.getElementById('walk').yunzhanWalk.position()")
    fx, fy, _ = page.evaluate("() => document.getElementById('walk').yunzhanWalk.project(0, 0, 0.5)")
    page.mouse.click(fx, fy)
    page.wait_for_function("() => !document.getElementById('walk').yunzhanWalk.moving()", timeout=15_000)
    after = page.evaluate("document.getElementById('walk').yunzhanWalk.position()")
    assert after[1] < start[1] - 2.0 and abs(after[1] - 0.5) < 0.2 and abs(after[0]) < 0.2

    # The keyboard walks (S: backwards)...
    page.locator("#walk canvas").first.focus()
    page.keyboard.down("KeyS")
    page.wait_for_timeout(1500)
    page.keyboard.up("KeyS")
    x_, z_ = page.evaluate("document.getElementById('walk').yunzhanWalk.position()")
    assert z_ > after[1] + 0.3
    # ...and the walls hold the visitor in: the south one (with its door) and the east one.
    for target, check in (([0, 50], lambda x, z: hall.depth / 2 - 0.6 < z <= hall.depth / 2 - 0.35 + 1e-6),
                          ([50, 0], lambda x, z: hall.width / 2 - 0.6 < x <= hall.width / 2 - 0.35 + 1e-6)):
        page.evaluate("([x, z]) => document.getElementById('walk').yunzhanWalk.walkTo(x, z)", target)
        page.wait_for_function("() => !document.getElementById('walk').yunzhanWalk.moving()", timeout=30_000)
        assert check(*page.evaluate("document.getElementById('walk').yunzhanWalk.position()"))
    assert errors == []
    context.close()
