"""The 3D viewer on an object page, in Debian's Chromium: poster first, three.js only
on request, the model rendered, numbered pins on the surface, the annotation tour,
and the notes as text without JavaScript."""

from __future__ import annotations

import io
import math
import re

import pytest
from PIL import Image, ImageStat

from tests.export.conftest import REALDATA, Served
from tests.screens import screen_path
from tests.export.sample_project import build_project, panorama_files

pytestmark = [pytest.mark.browser, pytest.mark.slow]
ACCESSION = "2024.9"


def surface_click(glb_path, origin, direction):
    """Where a click along a ray first meets the model's surface, and the normal there:
    the same library function the studio's 3D pane calls when a curator clicks."""
    from pathlib import Path

    from assets.models.picking import pick_surface

    return pick_surface(Path(glb_path).read_bytes(), origin, direction)


@pytest.fixture(scope="module")
def model_site(tmp_path_factory):
    if not REALDATA.is_dir():
        pytest.skip(f"real test data not found at {REALDATA} (../shared is absent)")
    from assets.catalog import Catalog, CatalogObject
    from assets.media_store import MediaStore
    from assets.models.store import import_model
    from scenes import model, model_scenes
    from scenes.export import export_package

    work = tmp_path_factory.mktemp("model-site")
    project = build_project(work / "expo.yunzhan", panorama_files(REALDATA, work, 1), objects=1)
    barrel = REALDATA / "models" / "webgltf_barrel.glb"
    sha = import_model(project, barrel).sha256
    catalog = Catalog(project)
    oid = catalog.add(CatalogObject(accession=ACCESSION, title_zh="木桶", title_en="Barrel"))
    catalog.link_media(oid, sha, role="model")
    model.add_hotspot(project, "hall-1", yaw=60, pitch=0, object=ACCESSION)
    front, front_normal = surface_click(barrel, (0.0, 0.2, 5.0), (0, 0, -1))
    side, side_normal = surface_click(barrel, (5.0, -0.6, 0.3), (-1, 0, 0))
    voice = spoken_clip(work / "hoop.ogg", seconds=4.0)
    voice_sha = MediaStore(project).add_file(voice, kind="audio", mime="audio/ogg")
    first = model_scenes.add_annotation(project, sha, position=front, normal=front_normal,
                                        title_zh="铁箍", title_en="Iron hoop", text_zh=HOOP_ZH,
                                        text_en="Hammered on hot.", narration_sha=voice_sha)
    second = model_scenes.add_annotation(project, sha, position=side, normal=side_normal,
                                         title_zh="木板", title_en="Staves")
    out = work / "site"
    export_package(project, out)
    project.close()
    served = Served(out)
    yield served, [first, second]
    served.close()


@pytest.fixture(scope="module")
def page_url(model_site):
    from scenes.opendata.urls import object_page_path

    return model_site[0].url + object_page_path(ACCESSION)


HOOP_ZH = "铁箍是趁热敲上去的。冷却时收紧，把木板箍牢。"


def spoken_clip(path, *, seconds: float):
    """A real Ogg Opus clip made by ffmpeg (a tone standing in for a voice)."""
    import subprocess

    subprocess.run(["ffmpeg", "-v", "error", "-f", "lavfi", "-i", f"sine=frequency=220:duration={seconds}",
                    "-c:a", "libopus", "-b:a", "32k", "-y", str(path)], check=True, timeout=60)
    return path


def canvas_picture(page) -> Image.Image:
    return Image.open(io.BytesIO(page.locator("#model3d canvas").screenshot())).convert("RGB")


def pin_centre(page, note_id) -> tuple[float, float]:
    """The page pixel the pin points at (from its transform; floats, not rounded)."""
    pin = page.locator(f".model3d-pin[data-note='{note_id}']")
    x, y = map(float, re.findall(r"(-?[\d.]+)px", pin.evaluate("b => b.style.transform")))
    box = page.locator("#model3d .model3d-canvas").bounding_box()
    return box["x"] + x, box["y"] + y


def test_poster_first_then_the_model_with_pins_on_the_surface(browser, model_site, page_url):
    served, notes = model_site
    context = browser.new_context(locale="en-US", viewport={"width": 1000, "height": 900})
    page = context.new_page()
    errors, requests, page_requests = [], [], []
    page.on("request", lambda r: page_requests.append(r.url))
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("pageerror", lambda e: errors.append(str(e)))
    context.on("request", lambda r: requests.append(r.url))
    page.goto(page_url)
    page.wait_for_load_state("load")
    assert page.locator(".model3d-poster").is_visible()
    assert page.locator("#model3d canvas").count() == 0
    # Nothing 3D before the visitor asks (the service worker may precache the script later).
    assert not any("model3d" in u or u.endswith(".glb") for u in page_requests), page_requests
    page.locator("#model3d-enter").click()
    page.wait_for_selector("#model3d.is-ready", timeout=60_000)
    page.wait_for_timeout(500)
    picture = canvas_picture(page)
    assert ImageStat.Stat(picture.convert("L")).stddev[0] > 10 and len(picture.getcolors(1 << 24)) > 500
    browns = sum(1 for r, g, b in picture.getdata() if r > g > b and r - b > 30)
    assert browns > picture.width * picture.height // 50  # the barrel's wood texture
    assert page.locator(".model3d-pin").count() == 2
    assert [page.locator(".model3d-pin").nth(i).inner_text() for i in range(2)] == ["1", "2"]
    # The first pin (placed by a click on the front) is on the surface within 1 cm.
    x, y = pin_centre(page, notes[0].id)
    hit = page.evaluate("([x, y]) => document.getElementById('model3d').yunzhanModel.surfaceAt(x, y)", [x, y])
    assert hit is not None and math.dist(hit, notes[0].position) < 0.01
    for button in ("reset", "fullscreen", "tour", "prev", "next"):
        assert page.locator(f".model3d-{button}").count() == 1, button
    # Everything came from the package itself (textures through blob: URLs of it): no CDN.
    outside = [u for u in requests if not u.startswith((served.url, "blob:" + served.url))]
    assert outside == []
    assert errors == []
    context.close()


def test_the_annotation_tour_turns_to_each_note(browser, model_site, page_url):
    _, notes = model_site
    context = browser.new_context(locale="en-US", viewport={"width": 1000, "height": 900})
    page = context.new_page()
    page.goto(page_url)
    page.locator("#model3d-enter").click()
    page.wait_for_selector("#model3d.is-ready", timeout=60_000)
    for note in notes:
        page.locator(".model3d-next").click()
        caption = page.locator(".model3d-caption")
        caption.wait_for()
        assert note.title_en in caption.inner_text()
        page.wait_for_function("() => !document.getElementById('model3d').yunzhanModel.moving()", timeout=10_000)
        pin = page.locator(f".model3d-pin[data-note='{note.id}']")
        assert pin.is_visible() and "is-behind" not in (pin.get_attribute("class") or "")
        assert "is-current" in pin.get_attribute("class")
        # the camera looks at the note head-on: the pin sits near the canvas centre
        x, y = pin_centre(page, note.id)
        box = page.locator("#model3d .model3d-canvas").bounding_box()
        assert abs(x - (box["x"] + box["width"] / 2)) < 5 and abs(y - (box["y"] + box["height"] / 2)) < 5
    page.locator(".model3d-reset").click()
    assert page.locator(".model3d-caption").is_hidden()
    context.close()


def test_without_javascript_the_poster_and_notes_are_text(browser, page_url):
    context = browser.new_context(locale="en-US", java_script_enabled=False)
    page = context.new_page()
    page.goto(page_url)
    assert page.locator(".model3d-poster").is_visible()
    assert page.locator("#model3d-enter").is_hidden()
    notes = page.locator("#model3d-notes li")
    assert notes.count() == 2
    assert "Iron hoop" in notes.nth(0).inner_text() and "Hammered on hot." in notes.nth(0).inner_text()
    context.close()


def test_without_webgl_the_notes_remain(browser, page_url):
    context = browser.new_context(locale="en-US")
    # A device without WebGL: getContext gives nothing for WebGL.
    context.add_init_script("""
        const real = HTMLCanvasElement.prototype.getContext;
        HTMLCanvasElement.prototype.getContext = function (kind, ...rest) {
          return /webgl/.test(kind) ? null : real.call(this, kind, ...rest);
        };""")
    page = context.new_page()
    page.goto(page_url)
    page.locator("#model3d-enter").click()
    page.locator("#model3d-failed").wait_for()
    assert page.locator("#model3d-notes li").count() == 2 and page.locator("#model3d canvas").count() == 0
    context.close()


def _glb_requests(page) -> list[str]:
    return [u for u in page.yunzhan_requests if u.endswith(".glb")]


def _open_viewer(browser, page_url, init_script=None, **options):
    context = browser.new_context(locale="en-US", **options)
    if init_script:
        context.add_init_script(init_script)
    page = context.new_page()
    page.yunzhan_requests = []
    page.on("request", lambda r: page.yunzhan_requests.append(r.url))
    page.goto(page_url)
    page.locator("#model3d-enter").click()
    page.wait_for_selector("#model3d.is-ready", timeout=60_000)
    return context, page


def test_a_phone_loads_the_mobile_glb_a_desktop_the_full_one(browser, page_url):
    context, page = _open_viewer(browser, page_url, viewport={"width": 390, "height": 844})
    glbs = _glb_requests(page)
    assert len(glbs) == 1 and glbs[0].endswith("-mobile.glb"), glbs
    page.screenshot(path=screen_path("threedpkg-model-phone.png"))
    context.close()
    context, page = _open_viewer(browser, page_url, viewport={"width": 1280, "height": 900})
    glbs = _glb_requests(page)
    assert len(glbs) == 1 and glbs[0].endswith("-desktop.glb"), glbs
    context.close()



def test_a_large_screen_with_little_memory_loads_the_mobile_glb(browser, page_url):
    low = "Object.defineProperty(Navigator.prototype, 'deviceMemory', { get: () => 1 });"
    context, page = _open_viewer(browser, page_url, viewport={"width": 1280, "height": 900}, init_script=low)
    glbs = _glb_requests(page)
    assert len(glbs) == 1 and glbs[0].endswith("-mobile.glb"), glbs
    context.close()


def test_the_turntable_replaces_the_poster_after_load_without_3d_code(browser, page_url):
    context = browser.new_context(locale="en-US", viewport={"width": 390, "height": 844})
    page = context.new_page()
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    response = page.goto(page_url)
    first_src = re.search(r'class="model3d-poster" src="([^"]+)"', response.text()).group(1)
    assert first_src.endswith(".jpg")  # the poster is what paints first
    page.wait_for_function("() => document.querySelector('.model3d-poster').src.endsWith('.webp')", timeout=20_000)
    # the turntable was fetched only once the page had loaded
    timing = page.evaluate("""() => [performance.getEntriesByType('navigation')[0].loadEventStart,
        performance.getEntriesByType('resource').find((r) => r.name.endsWith('.webp')).startTime]""")
    assert timing[1] >= timing[0]
    poster = page.locator(".model3d-poster")
    assert page.locator("#model3d-turn-stop").is_visible()
    assert not any("model3d" in u or u.endswith(".glb") for u in requests), requests
    page.screenshot(path=screen_path("threedpkg-turntable-phone.png"))
    page.locator("#model3d-turn-stop").click()
    assert poster.evaluate("i => i.src").endswith(first_src.rsplit("/", 1)[1])
    assert page.locator("#model3d-turn-stop").is_hidden()
    context.close()


def test_reduced_motion_keeps_the_still_poster(browser, page_url):
    context = browser.new_context(locale="en-US", reduced_motion="reduce")
    page = context.new_page()
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(page_url)
    page.wait_for_load_state("load")
    page.wait_for_timeout(300)
    assert page.locator(".model3d-poster").get_attribute("src").endswith(".jpg")
    assert not any(u.endswith(".webp") and "turntable" in u for u in requests)
    assert page.locator("#model3d-turn-stop").is_hidden()
    context.close()


def test_the_tour_plays_a_notes_narration_with_captions(browser, page_url, model_site):
    _, notes = model_site
    context, page = _open_viewer(browser, page_url, viewport={"width": 1000, "height": 900})
    page.locator(".model3d-next").click()  # the first note: it has a narration
    subtitle = page.locator(".model3d-caption .model3d-subtitle")
    subtitle.wait_for()
    assert subtitle.get_attribute("lang") == "zh-Hans"
    page.wait_for_function("() => document.querySelector('.model3d-subtitle').textContent.length > 0",
                           timeout=10_000)
    assert subtitle.inner_text() in ("铁箍是趁热敲上去的。", "冷却时收紧，把木板箍牢。")
    playing = page.evaluate("() => { const a = document.getElementById('model3d').yunzhanModel.audio();"
                            " return a && !a.paused && a.textTracks[0].cues.length; }")
    assert playing == 2  # two sentences, two cues over the clip
    page.locator(".model3d-next").click()  # the second note has no narration: the audio stops
    assert page.evaluate("() => document.getElementById('model3d').yunzhanModel.audio()") is None
    assert page.locator(".model3d-subtitle").count() == 0
    context.close()
