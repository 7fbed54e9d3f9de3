"""The exported package in Debian's Chromium (Playwright), served on 127.0.0.1
and opened from disk."""

from __future__ import annotations

import io

import pytest
from PIL import Image, ImageStat

from tests.export.axe import axe_source, serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.slow]



class Watched:
    """A page whose console errors, page errors and dialogs are recorded."""

    def __init__(self, context):
        self.context = context
        self.page = context.new_page()
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(f"{m.text} ({m.location.get('url')})"))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        context.on("response", lambda r: r.status >= 400 and self.errors.append(f"HTTP {r.status}: {r.url}"))

        def on_dialog(dialog):
            self.dialogs.append(dialog.message)
            dialog.dismiss()

        self.page.on("dialog", on_dialog)


@pytest.fixture(scope="module")
def visit(browser, served):
    """One visit in English: the first hall, loaded once and driven by the tests below in order."""
    context = browser.new_context(locale="en-US", viewport={"width": 1280, "height": 800})
    watched = Watched(context)
    watched.page.goto(served.url + "halls/hall-1.html")
    # a first visit straight to a hall: the light first screen, the viewer on request
    assert watched.page.locator(".viewer-preview").is_visible()
    assert watched.page.locator("#viewer canvas").count() == 0
    watched.page.locator("#viewer-enter").click()
    watched.page.wait_for_selector("#viewer.is-ready", timeout=60_000)
    yield watched
    context.close()


def viewer_pixels(page) -> Image.Image:
    page.wait_for_timeout(800)  # let the tiles fade in
    return Image.open(io.BytesIO(page.locator("#viewer canvas").screenshot())).convert("RGB")


def varied(im: Image.Image) -> bool:
    stat = ImageStat.Stat(im.convert("L"))
    return stat.stddev[0] > 10 and len(im.getcolors(1 << 24)) > 500


def test_the_panorama_canvas_renders(visit):
    page = visit.page
    assert page.locator(".viewer-preview").is_hidden()  # the canvas, not the preview picture
    assert varied(viewer_pixels(page))
    for button in ("autorotate", "fullscreen"):
        assert page.locator(f".psv-navbar .psv-{button}-button").count() == 1, button


def test_a_scene_hotspot_switches_the_hall(visit):
    page = visit.page
    before = viewer_pixels(page)
    page.locator("button.yz-hotspot[data-to='hall-2']").click()
    page.wait_for_selector("body[data-hall='hall-2']", state="attached", timeout=20_000)
    assert page.url.endswith("/halls/hall-2.html")
    assert page.locator("#title-hall-2").is_visible() and page.locator("#title-hall-1").is_hidden()
    after = viewer_pixels(page)
    assert varied(after) and after.tobytes() != before.tobytes()
    page.go_back()
    page.wait_for_selector("body[data-hall='hall-1']", state="attached", timeout=20_000)


def test_an_object_hotspot_opens_its_card_by_keyboard(visit):
    page = visit.page
    button = page.locator("button.yz-hotspot[data-object='2024.1']")
    button.focus()
    page.keyboard.press("Enter")
    card = page.locator("dialog#card[open]")
    card.wait_for()
    assert card.locator("h2").inner_text() == "Bronze vessel 1"
    assert card.locator("img").get_attribute("alt") == "Photo of bronze vessel 1"
    assert card.locator("audio").count() == 1
    assert "A bronze vessel." in card.inner_text()
    page.keyboard.press("Escape")
    card.wait_for(state="detached")
    assert page.evaluate("document.activeElement.dataset.object") == "2024.1"  # focus back on the hotspot


def test_a_note_hotspot_shows_its_text(visit):
    page = visit.page
    page.locator("button.yz-hotspot--note").click()
    card = page.locator("dialog#card[open]")
    assert card.locator("h2").inner_text() == "Notice"
    assert "Please do not touch." in card.inner_text()
    card.locator(".card__close").click()


def test_the_language_switch_works(visit):
    page = visit.page
    assert page.evaluate("document.documentElement.lang") == "en"
    assert page.locator("#title-hall-1").inner_text() == "Hall 1"
    page.locator("[data-lang-switch]").click()
    assert page.evaluate("document.documentElement.lang") == "zh-Hans"
    assert page.locator("#title-hall-1").inner_text() == "第1展厅"
    assert page.title().startswith("第1展厅")
    page.reload()  # the choice is kept
    page.wait_for_selector("#viewer.is-ready", timeout=60_000)
    assert page.locator("#title-hall-1").inner_text() == "第1展厅"
    page.locator("[data-lang-switch]").click()
    assert page.locator("#title-hall-1").inner_text() == "Hall 1"


def test_markup_in_titles_stays_text(visit):
    page = visit.page
    page.locator(".site-header a").click()
    page.wait_for_selector("h1")
    assert page.locator("h1").inner_text() == "Bronzes <script>alert(1)</script> & \"quotes\""
    assert visit.dialogs == []


def test_a_deep_link_to_a_hall_opens_its_page(visit, served):
    page = visit.page
    for start in ("about:blank", served.url + "index.html"):  # a fresh load, and the home page already open
        page.goto(start)
        page.goto(served.url + "index.html#/hall/hall-2")  # as in QR codes and exhibition.json
        page.wait_for_url(served.url + "halls/hall-2.html")
        assert page.locator("#title-hall-2").is_visible()


def test_no_serious_accessibility_violations(visit, served):
    """The pages of this package; tests/export/test_axe_pages.py covers every page type."""
    source = axe_source()
    page = visit.page
    found = {}
    for path in ("index.html", "halls/hall-1.html", "objects/2024.1.html"):
        page.goto(served.url + path)
        if path.startswith("halls/"):
            page.wait_for_selector("#viewer.is-ready", timeout=60_000)
        violations = serious_violations(page, source)
        if violations:
            found[path] = violations
    assert found == {}


def test_no_console_errors(visit):
    assert visit.errors == []


def test_offline_after_the_first_visit(browser, served):
    context = browser.new_context(locale="zh-CN")
    watched = Watched(context)
    page = watched.page
    page.goto(served.url + "index.html")
    page.wait_for_selector("html[data-offline-ready='1']", state="attached", timeout=30_000)
    page.locator("a[data-hall-link='hall-2']").click()  # from the home page the viewer starts by itself
    page.wait_for_selector("#viewer.is-ready", timeout=60_000)
    page.wait_for_selector("html[data-offline-ready='1']", state="attached", timeout=30_000)
    page.wait_for_timeout(1000)
    context.set_offline(True)
    page.reload()
    page.wait_for_selector("#viewer.is-ready", timeout=60_000)
    assert page.locator("#title-hall-2").inner_text() == "第2展厅"
    assert varied(viewer_pixels(page))
    page.goto(served.url + "halls/hall-1.html")  # never opened: its preview and lowest tiles were precached
    page.wait_for_selector("#viewer.is-ready", timeout=60_000)
    assert varied(viewer_pixels(page))
    page.goto(served.url + "objects/2024.2.html")
    assert page.locator("h1").inner_text() == "青铜器2"
    assert page.evaluate("document.querySelector('.object-figure img').naturalWidth") > 0
    assert watched.errors == []
    context.close()


def test_object_pages_work_from_disk_without_javascript(browser, site):
    context = browser.new_context(java_script_enabled=False, locale="en-US")
    page = context.new_page()
    page.goto((site / "objects" / "2024.1.html").as_uri())
    assert "青铜器1" in page.locator("h1").inner_text() and "Bronze vessel 1" in page.locator("h1").inner_text()
    assert page.locator("img[alt*='Photo of bronze vessel 1']").is_visible()
    assert page.locator("audio[controls]").count() == 1
    assert page.locator("a[href='../halls/hall-1.html']").count() == 1
    context.close()

    context = browser.new_context(locale="en-US")  # from disk with JavaScript: images load, halls explained
    page = context.new_page()
    page.goto((site / "objects" / "2024.1.html").as_uri())
    assert page.evaluate("document.querySelector('.object-figure img').naturalWidth") > 0
    page.goto((site / "index.html").as_uri())
    notice = page.locator("[data-file-notice] .when-en")
    assert notice.is_visible()
    assert f"yunzhan serve {site.name}" in notice.inner_text()
    context.close()


def test_the_kiosk_profile_shows_the_halls_from_disk(browser, exhibition, tmp_path_factory):
    from scenes.export import export_package

    site = tmp_path_factory.mktemp("kiosk") / "usb"
    report = export_package(exhibition, site, profile="kiosk")
    assert report.profile == "kiosk" and (site / "assets/viewer-classic.js").is_file()
    watched = Watched(browser.new_context(locale="en-US"))
    page = watched.page
    page.goto((site / "halls" / "hall-1.html").as_uri())
    page.wait_for_selector("#viewer.is-ready", timeout=60_000)  # starts by itself: a kiosk has no one to click
    assert page.locator("[data-file-notice]").is_hidden()
    before = viewer_pixels(page)
    assert varied(before)
    page.locator("button.yz-hotspot[data-to='hall-2']").click()
    page.wait_for_selector("body[data-hall='hall-2']", state="attached", timeout=20_000)
    after = viewer_pixels(page)
    assert varied(after) and after.tobytes() != before.tobytes()
    assert watched.errors == []
    watched.context.close()
