"""The visitor's hall page on a phone (390 x 844) in Debian's Chromium: the first
view holds every hotspot, labels show on focus (always on touch screens), the
minimap and compass follow the view, the thumbnail strip moves between halls,
and without WebGL (or when the panorama cannot load) the page's own message,
still picture and list stay, never an endless "Loading…".

Waits are for conditions, never for time (8 agents share 2 cores), except the
5 s the issue asks the no-WebGL page to stay quiet for."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.export.conftest import CHROMIUM_ARGS, REALDATA
from tests.export.sample_project import build_project, panorama_files

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PHONE = {"width": 390, "height": 844}
READY = 60_000


@pytest.fixture(scope="module")
def exhibition(tmp_path_factory):
    """Three halls laid out as museums do: hall-1 with objects, a note and a door
    spread over 50° (the author's view is not centred on them); hall-2 with a
    cluster across the panorama's seam (yaw ±180) while its stored view faces 0;
    hall-3 with hotspots high and low, and its stored view turned away; north
    set differently in each; a floor plan with all three pinned."""
    from scenes import model

    work = tmp_path_factory.mktemp("hall-viewer")
    project = build_project(work / "halls.yunzhan", panorama_files(REALDATA if REALDATA.is_dir() else None, work, 3))
    door2 = next(s for s in model.list_hotspots(project, "hall-2") if s.kind == "hall")
    model.move_hotspot(project, door2.id, yaw=170, pitch=-5)
    for yaw, pitch, en in ((-165, 10, "Seal"), (150, -15, "Stand")):
        model.add_hotspot(project, "hall-2", yaw=yaw, pitch=pitch, note_zh=f"{en}说明", note_en=f"About the {en}",
                          label_zh=f"{en}标签", label_en=en)
    for yaw, pitch, en in ((35, 28, "Lantern"), (0, -32, "Floor mosaic")):
        model.add_hotspot(project, "hall-3", yaw=yaw, pitch=pitch, note_zh=f"{en}说明", note_en=f"About the {en}",
                          label_zh=f"{en}标签", label_en=en)
    model.set_initial_view(project, "hall-3", yaw=120, pitch=0)
    for slug, north in (("hall-1", 30), ("hall-2", -90), ("hall-3", 200)):
        model.set_north(project, slug, north)
    yield project
    project.close()


@pytest.fixture(scope="module")
def viewer_doc(site: Path) -> dict:
    return json.loads((site / "data" / "viewer.json").read_text(encoding="utf-8"))


def test_the_viewer_data_carries_fitted_views_north_thumbnails_and_the_plan(viewer_doc, site):
    halls = {h["id"]: h for h in viewer_doc["halls"]}
    assert abs(abs(halls["hall-2"]["fit"]["yaw"]) - 172.5) < 0.01  # faces the cluster across the seam
    assert halls["hall-3"]["fit"]["yaw"] == 17.5 and halls["hall-3"]["initial"]["yaw"] == 120
    assert [halls[s]["north"] for s in ("hall-1", "hall-2", "hall-3")] == [30, -90, -160]
    for hall in halls.values():
        thumb = hall["thumbnail"]
        assert (site / thumb["src"]).is_file() and thumb["width"] > thumb["height"] > 0
    plan = viewer_doc["plan"]
    assert (site / plan["image"]).is_file() and set(plan["pins"]) == set(halls)
    # the first screen's picture is taken where the viewer will open
    page = (site / "halls" / "hall-3.html").read_text(encoding="utf-8")
    fit = halls["hall-3"]["fit"]
    assert f"hero-tall-p175{'p' if fit['pitch'] >= 0 else 'm'}{abs(round(fit['pitch'] * 10))}.jpg" in page


def open_hall(browser, served, slug: str, **context):
    """A phone-sized page of hall ``slug`` with the viewer started (by keyboard, so
    no mouse pointer rests over a hotspot)."""
    options = {"locale": "en-US", "viewport": PHONE, "reduced_motion": "reduce", **context}
    ctx = browser.new_context(**options)
    page = ctx.new_page()
    page.goto(served.url + f"halls/{slug}.html")
    page.locator("#viewer-enter").focus()
    page.keyboard.press("Enter")
    page.wait_for_selector("#viewer.is-ready", timeout=READY)
    return ctx, page


# The hotspot buttons of the hall shown, with their boxes and the viewer's box.
HOTSPOT_BOXES = """() => {
  const v = document.getElementById('viewer').getBoundingClientRect();
  const spots = [...document.querySelectorAll('#viewer .yz-hotspot')].map((b) => {
    const r = b.getBoundingClientRect();
    const marker = b.closest('.psv-marker');
    return {name: b.textContent.trim(), left: r.left, top: r.top, right: r.right, bottom: r.bottom,
            shown: Boolean(marker && marker.classList.contains('psv-marker--visible')) && r.width > 0};
  });
  return {viewer: {left: v.left, top: v.top, right: v.right, bottom: v.bottom},
          page: {width: innerWidth, height: innerHeight}, spots};
}"""

ALL_INSIDE = """(count) => {
  const v = document.getElementById('viewer').getBoundingClientRect();
  const spots = [...document.querySelectorAll('#viewer .yz-hotspot')];
  return spots.length === count && spots.every((b) => {
    const r = b.getBoundingClientRect();
    const marker = b.closest('.psv-marker');
    return marker && marker.classList.contains('psv-marker--visible') && r.width > 0
      && r.left >= Math.max(0, v.left) && r.right <= Math.min(innerWidth, v.right)
      && r.top >= Math.max(0, v.top) && r.bottom <= Math.min(innerHeight, v.bottom);
  });
}"""


def expect_all_inside(page, count: int, what: str) -> None:
    """Wait until all ``count`` hotspots are whole inside the viewer and the screen."""
    try:
        page.wait_for_function(ALL_INSIDE, arg=count, timeout=20_000)
    except Exception:
        pytest.fail(f"{what}: not every hotspot inside the viewer on screen: {page.evaluate(HOTSPOT_BOXES)}")


@pytest.mark.parametrize("slug", ["hall-1", "hall-2", "hall-3"])
def test_the_first_view_on_a_phone_shows_every_hotspot(browser, served, viewer_doc, slug):
    hall = next(h for h in viewer_doc["halls"] if h["id"] == slug)
    assert hall["fit"]["fits"] is True
    ctx, page = open_hall(browser, served, slug)
    try:
        expect_all_inside(page, len(hall["hotspots"]), slug)
    finally:
        ctx.close()


def test_a_hotspot_label_shows_on_focus_and_names_the_button(browser, served):
    ctx, page = open_hall(browser, served, "hall-1")
    try:
        button = page.get_by_role("button", name="Object: Bronze vessel 1")
        assert button.count() == 1  # its accessible name, in the page's language
        assert button.evaluate("b => b.tabIndex") == 0  # reached with Tab
        label = button.locator(".yz-hotspot__label")
        assert label.evaluate("l => getComputedStyle(l).opacity") == "0"  # no hover, no focus
        button.focus()
        page.wait_for_function("l => getComputedStyle(l).opacity === '1'", arg=label.element_handle(), timeout=10_000)
        assert label.is_visible() and "Bronze vessel 1" in label.inner_text()
    finally:
        ctx.close()


def test_a_hotspot_out_of_sight_is_reached_with_the_keyboard(browser, served):
    ctx, page = open_hall(browser, served, "hall-1")
    try:
        marker = page.locator("#viewer .psv-marker:has(button.yz-hotspot[data-object='2024.1'])")
        canvas = page.locator("#viewer .psv-canvas-container").bounding_box()
        x, y = canvas["x"] + canvas["width"] - 20, canvas["y"] + canvas["height"] * 0.8
        for _ in range(2):  # turn it out of sight: about 100° to the right
            page.mouse.move(x, y)
            page.mouse.down()
            page.mouse.move(x - 300, y, steps=6)
            page.mouse.up()
        page.wait_for_function("m => !m.classList.contains('psv-marker--visible')", arg=marker.element_handle(),
                               timeout=20_000)
        assert marker.evaluate("m => getComputedStyle(m).opacity") == "0"  # unseen, yet in the Tab order
        page.locator("#viewer .yz-compass").focus()
        page.keyboard.press("Shift+Tab")  # back into the hotspots, from the compass
        for _ in range(10):
            if page.evaluate("document.activeElement.dataset.object") == "2024.1":
                break
            page.keyboard.press("Shift+Tab")
        assert page.evaluate("document.activeElement.dataset.object") == "2024.1"
        page.wait_for_function(ALL_INSIDE.replace("spots.length === count && spots.every", "spots.filter((b) => "
                                                  "b.dataset.object === '2024.1').every"), arg=0, timeout=20_000)
    finally:
        ctx.close()


def test_labels_always_show_on_a_touch_screen(browser, served):
    ctx, page = open_hall(browser, served, "hall-1", has_touch=True, is_mobile=True)
    try:
        assert page.evaluate("matchMedia('(hover: none)').matches")
        page.wait_for_function(
            "() => [...document.querySelectorAll('#viewer .yz-hotspot__label')]"
            ".every((l) => getComputedStyle(l).opacity === '1')", timeout=10_000)
    finally:
        ctx.close()


def heading(page, selector: str) -> int:
    return int(page.locator(selector).get_attribute("data-heading"))


def test_the_minimap_and_compass_follow_a_drag(browser, served, viewer_doc):
    hall = next(h for h in viewer_doc["halls"] if h["id"] == "hall-1")
    ctx, page = open_hall(browser, served, "hall-1")
    try:
        minimap = page.locator("#viewer .yz-minimap")
        assert minimap.get_attribute("data-hall") == "hall-1"
        expected = (hall["fit"]["yaw"] - hall["north"]) % 360
        before = heading(page, "#viewer .yz-minimap")
        assert abs((before - expected + 180) % 360 - 180) <= 1
        assert heading(page, "#viewer .yz-compass") == before
        # "you are here" sits on the hall's pin
        pin = viewer_doc["plan"]["pins"]["hall-1"]
        box, dot = minimap.bounding_box(), page.locator("#viewer .yz-minimap__dot").bounding_box()
        assert abs(dot["x"] + dot["width"] / 2 - (box["x"] + 2 + pin[0] * (box["width"] - 4))) <= 3
        assert abs(dot["y"] + dot["height"] / 2 - (box["y"] + 2 + pin[1] * (box["height"] - 4))) <= 3

        canvas = page.locator("#viewer .psv-canvas-container").bounding_box()
        x, y = canvas["x"] + canvas["width"] / 2, canvas["y"] + canvas["height"] * 0.8
        page.mouse.move(x, y)
        page.mouse.down()
        page.mouse.move(x - 160, y, steps=8)
        page.mouse.up()
        # dragging the picture to the left turns the view to the right (clockwise)
        page.wait_for_function(
            "([b]) => { const h = Number(document.querySelector('#viewer .yz-minimap').dataset.heading);"
            " const d = (h - b + 360) % 360; return d >= 15 && d <= 180; }", arg=[before], timeout=10_000)
        # read together: the view may still glide (inertia) between two reads
        turned = page.evaluate("""() => { const q = (s) => document.querySelector('#viewer ' + s);
          return {map: Number(q('.yz-minimap').dataset.heading), compass: Number(q('.yz-compass').dataset.heading),
                  cone: q('.yz-minimap__cone').style.transform, needle: q('.yz-compass__dial').style.transform}; }""")
        assert turned["compass"] == turned["map"]
        cone = float(turned["cone"].removeprefix("rotate(").removesuffix("deg)"))
        needle = float(turned["needle"].removeprefix("rotate(").removesuffix("deg)"))
        assert abs((cone - turned["map"] + 180) % 360 - 180) <= 0.5 and abs(needle + cone) < 1e-6

        page.locator("#viewer .yz-compass").click()  # face north (reduced motion: at once)
        page.wait_for_function(
            "() => { const h = Number(document.querySelector('#viewer .yz-compass').dataset.heading);"
            " return h <= 1 || h >= 359; }", timeout=10_000)
        assert "facing north" in page.locator("#viewer .yz-compass").inner_text()
    finally:
        ctx.close()


def test_the_thumbnail_strip_moves_between_halls(browser, served, viewer_doc):
    ctx, page = open_hall(browser, served, "hall-1")
    try:
        strip = page.get_by_role("navigation", name="Hall thumbnails")
        links = strip.locator("a[data-hall]")
        assert links.count() == 3
        assert strip.locator("a[aria-current]").get_attribute("data-hall") == "hall-1"
        thumb = next(h for h in viewer_doc["halls"] if h["id"] == "hall-3")["thumbnail"]["src"]
        assert links.nth(2).locator("img").get_attribute("src") == served.url + thumb
        assert links.nth(2).locator("img").get_attribute("alt") == ""  # the title beside it names the link
        assert links.nth(2).inner_text() == "Hall 3"
        strip.locator("a[data-hall='hall-3']").click()
        page.wait_for_selector("body[data-hall='hall-3']", state="attached", timeout=20_000)
        assert page.url.endswith("/halls/hall-3.html")
        assert strip.locator("a[aria-current]").get_attribute("data-hall") == "hall-3"
        page.wait_for_function("() => document.querySelector('#viewer .yz-minimap').dataset.hall === 'hall-3'",
                               timeout=10_000)
        expect_all_inside(page, 3, "arrival in hall-3")  # the new hall's fitted first view
        # through its door, with reduced motion: no zoom or fade, the next hall just appears
        page.locator("#viewer button.yz-hotspot[data-to='hall-1']").click()
        page.wait_for_selector("body[data-hall='hall-1']", state="attached", timeout=20_000)
        assert strip.locator("a[aria-current]").get_attribute("data-hall") == "hall-1"
    finally:
        ctx.close()


@pytest.fixture(scope="module")
def browser_without_webgl(browser):
    """A second Chromium, launched with WebGL switched off, from the same Playwright."""
    b = browser.browser_type.launch(executable_path="/usr/bin/chromium", args=[*CHROMIUM_ARGS, "--disable-webgl"])
    yield b
    b.close()


@pytest.mark.parametrize("locale, lang, message", [
    ("en-US", "en", "This browser cannot show the 360° view"),
    ("zh-CN", "zh", "此浏览器无法显示 360° 全景"),
])
def test_without_webgl_the_page_says_so_in_its_language(browser_without_webgl, served, locale, lang, message):
    ctx = browser_without_webgl.new_context(locale=locale, viewport=PHONE)
    page = ctx.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto(served.url + "halls/hall-1.html")
        assert not page.evaluate("Boolean(document.createElement('canvas').getContext('webgl2'))")
        page.locator("#viewer-enter").click()
        note = page.locator(f"#viewer-failed .when-{lang}")
        note.wait_for(state="visible", timeout=READY)
        assert message in note.inner_text()
        page.wait_for_timeout(5000)  # the 5 s: nothing keeps "loading"
        text = page.locator("body").inner_text()
        assert "Loading" not in text and "加载" not in text
        assert "WebGL 2" not in text and "does not seem to support" not in text  # not the library's error
        assert page.locator("#viewer .psv-container").count() == 0
        assert page.locator("#viewer-enter").is_hidden()
        assert page.locator(".viewer-preview").is_visible()
        assert page.evaluate("document.querySelector('.viewer-preview').naturalWidth") > 0  # the still picture
        listed = page.locator("section[data-hall-panel='hall-1'] .hotspot-list li")
        assert listed.count() == 4 and listed.first.is_visible()  # what is in the hall
        assert errors == []
    finally:
        ctx.close()


def test_a_panorama_that_cannot_load_shows_the_page_message(browser, served):
    # (no service worker: its own precaching of the hall would answer instead)
    ctx = browser.new_context(locale="en-US", viewport=PHONE, service_workers="block")
    page = ctx.new_page()
    page.route("**/panoramas/**", lambda route: route.abort())  # as when the tiles are missing or offline
    try:
        page.goto(served.url + "halls/hall-2.html")
        page.locator("#viewer-enter").click()
        note = page.locator("#viewer-failed .when-en")
        note.wait_for(state="visible", timeout=READY)
        assert "could not be loaded" in note.inner_text()
        page.wait_for_selector("#viewer.is-failed", state="attached", timeout=10_000)
        assert page.locator("#viewer .viewer-status--loading").is_hidden()
        assert page.locator("#viewer .viewer-canvas").is_hidden()  # and with it the library's own error
        assert "Cannot load" not in page.locator("body").inner_text()
    finally:
        ctx.close()


def test_the_view_turns_by_itself_when_idle_and_stops_at_a_touch(browser, served):
    ctx, page = open_hall(browser, served, "hall-1", reduced_motion="no-preference", has_touch=True, is_mobile=True)
    try:
        start = heading(page, "#viewer .yz-minimap")
        button = "#viewer .psv-autorotate-button"
        # after 15 s with nobody touching (condition waits: the machine may be slow)
        page.wait_for_selector(f"{button}.psv-button--active", state="attached", timeout=60_000)
        page.wait_for_function(
            "(s) => Number(document.querySelector('#viewer .yz-minimap').dataset.heading) !== s", arg=start,
            timeout=30_000)
        box = page.locator("#viewer").bounding_box()
        page.touchscreen.tap(box["x"] + box["width"] / 2, box["y"] + box["height"] * 0.85)
        page.wait_for_selector(f"{button}:not(.psv-button--active)", state="attached", timeout=10_000)
    finally:
        ctx.close()


def test_a_phone_turned_to_landscape_fits_the_view_again(browser, served, viewer_doc):
    hall = next(h for h in viewer_doc["halls"] if h["id"] == "hall-3")  # hotspots high and low: the hard case
    ctx, page = open_hall(browser, served, "hall-3")
    try:
        expect_all_inside(page, len(hall["hotspots"]), "portrait")
        page.set_viewport_size({"width": PHONE["height"], "height": PHONE["width"]})
        expect_all_inside(page, len(hall["hotspots"]), "landscape")
    finally:
        ctx.close()
